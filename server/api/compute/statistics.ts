// Keepa-style statistics of a listing's price and effective price, from the store's math.
import type { ListingHistory, Money } from '../../../store/model.ts';
import { STAT_WINDOW_DAYS, statistics, type PriceField } from '../../../store/stats.ts';

export interface WindowStatistics {
  days: number;
  from: string;
  to: string;
  lowest: Money | null;
  highest: Money | null;
  average: Money | null;
  outOfStockShare: number | null;
}

export interface FieldStatistics {
  current: Money | null;
  lowestEver: Money | null;
  windows: WindowStatistics[];
}

export interface ListingStatistics {
  listingId: string;
  at: string;
  price: FieldStatistics;
  /** What a buyer of one unit pays after promotions (the price where no promotion applies). */
  effectivePrice: FieldStatistics;
}

function fieldStatistics(history: ListingHistory, field: PriceField, at: string): FieldStatistics {
  const windows = STAT_WINDOW_DAYS.map((days) => statistics(history, field, at, days));
  const last = windows[windows.length - 1];
  return {
    current: last.current,
    lowestEver: last.lowestEver,
    windows: windows.map((w) => ({
      days: w.days,
      from: w.from,
      to: w.to,
      lowest: w.lowest,
      highest: w.highest,
      average: w.average,
      outOfStockShare: w.outOfStockShare,
    })),
  };
}

export function listingStatistics(history: ListingHistory, now: Date): ListingStatistics {
  const at = now.toISOString();
  return {
    listingId: history.listingId,
    at,
    price: fieldStatistics(history, 'price', at),
    effectivePrice: fieldStatistics(history, 'effectivePrice', at),
  };
}
