// A listing's history over a window, shaped for a chart: change points per field, promotion
// periods to shade, and our price as a second line.
import type { Availability, ChangePoint, ListingHistory, Money } from '../../../store/model.ts';
import { clipHistory } from '../../../store/changepoints.ts';
import type { OurPrice } from './comparison.ts';
import { periodsWithin, promotionPeriods, type PromotionPeriod } from './promotions.ts';

export const HISTORY_DAYS = [30, 90, 365] as const;
export type HistoryDays = (typeof HISTORY_DAYS)[number];

const DAY_MS = 86_400_000;

export interface HistorySeries {
  listingId: string;
  days: number;
  from: string;
  to: string;
  /** Points in effect at some moment of the window; the first may start before `from`. */
  price: ChangePoint<Money | null>[];
  listPrice: ChangePoint<Money | null>[];
  effectivePrice: ChangePoint<Money | null>[];
  availability: ChangePoint<Availability>[];
  rating: ChangePoint<number | null>[];
  reviewCount: ChangePoint<number | null>[];
  promotionPeriods: PromotionPeriod[];
  /** Our price over the window: one point for a configured price, our page's series when crawled. */
  ours: ChangePoint<Money | null>[];
}

export function windowOf(days: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() };
}

export function historySeries(
  history: ListingHistory,
  days: number,
  now: Date,
  ours: OurPrice,
  ownHistory: ListingHistory | null,
): HistorySeries {
  const { from, to } = windowOf(days, now);
  const clipped = clipHistory(history, { from, to });
  const oursSeries: ChangePoint<Money | null>[] =
    ours.source === 'config'
      ? [{ at: from, value: ours.price, lastSeenAt: to }]
      : ownHistory
        ? clipHistory(ownHistory, { from, to }).fields.price
        : [];
  return {
    listingId: history.listingId,
    days,
    from,
    to,
    price: clipped.fields.price,
    listPrice: clipped.fields.listPrice,
    effectivePrice: clipped.fields.effectivePrice,
    availability: clipped.fields.availability,
    rating: clipped.fields.rating,
    reviewCount: clipped.fields.reviewCount,
    promotionPeriods: periodsWithin(promotionPeriods(history), from, to),
    ours: oursSeries,
  };
}
