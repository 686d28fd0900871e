// This week against last week for one listing, the line an operator reads before a weekly review.
import type { Availability, ListingHistory, Money } from '../../../store/model.ts';
import { valueAt } from '../../../store/changepoints.ts';
import { statistics } from '../../../store/stats.ts';
import { buyerPrice, difference, type Difference } from './money.ts';
import { promotionPeriods, type PromotionPeriod } from './promotions.ts';

const WEEK_MS = 7 * 86_400_000;

export interface WeeklySummary {
  listingId: string;
  thisWeek: { from: string; to: string };
  lastWeek: { from: string; to: string };
  price: { now: Money | null; weekAgo: Money | null; change: Difference | null };
  effectivePrice: { now: Money | null; weekAgo: Money | null; change: Difference | null };
  promotions: { started: PromotionPeriod[]; ended: PromotionPeriod[]; active: number };
  stock: {
    now: Availability;
    weekAgo: Availability;
    outOfStockShareThisWeek: number | null;
    outOfStockShareLastWeek: number | null;
  };
  rating: { now: number | null; weekAgo: number | null; delta: number | null; scale: number | null };
  reviews: { now: number | null; weekAgo: number | null; gainedThisWeek: number | null; gainedLastWeek: number | null };
}

function delta(now: number | null, before: number | null, decimals: number): number | null {
  if (now === null || before === null) return null;
  const f = 10 ** decimals;
  return Math.round((now - before) * f) / f;
}

function inRange(iso: string | null, fromMs: number, toMs: number): boolean {
  if (iso === null) return false;
  const ms = Date.parse(iso);
  return ms > fromMs && ms <= toMs;
}

export function weeklySummary(history: ListingHistory, now: Date): WeeklySummary {
  const toMs = now.getTime();
  const to = now.toISOString();
  const weekAgo = new Date(toMs - WEEK_MS).toISOString();
  const twoWeeksAgo = new Date(toMs - 2 * WEEK_MS).toISOString();
  const at = (iso: string) => ({
    price: valueAt(history, 'price', iso),
    effective: buyerPrice(valueAt(history, 'price', iso), valueAt(history, 'effectivePrice', iso)),
    availability: valueAt(history, 'availability', iso),
    rating: valueAt(history, 'rating', iso),
    reviews: valueAt(history, 'reviewCount', iso),
  });
  const current = at(to);
  const before = at(weekAgo);
  const older = at(twoWeeksAgo);
  const periods = promotionPeriods(history);
  const weekStartMs = toMs - WEEK_MS;
  return {
    listingId: history.listingId,
    thisWeek: { from: weekAgo, to },
    lastWeek: { from: twoWeeksAgo, to: weekAgo },
    price: { now: current.price, weekAgo: before.price, change: difference(current.price, before.price) },
    effectivePrice: { now: current.effective, weekAgo: before.effective, change: difference(current.effective, before.effective) },
    promotions: {
      started: periods.filter((p) => inRange(p.from, weekStartMs, toMs)),
      ended: periods.filter((p) => inRange(p.to, weekStartMs, toMs)),
      active: periods.filter((p) => Date.parse(p.from) <= toMs && (p.to === null || Date.parse(p.to) > toMs)).length,
    },
    stock: {
      now: current.availability,
      weekAgo: before.availability,
      outOfStockShareThisWeek: statistics(history, 'price', to, 7).outOfStockShare,
      outOfStockShareLastWeek: statistics(history, 'price', weekAgo, 7).outOfStockShare,
    },
    rating: { now: current.rating, weekAgo: before.rating, delta: delta(current.rating, before.rating, 2), scale: valueAt(history, 'ratingScale', to) },
    reviews: {
      now: current.reviews,
      weekAgo: before.reviews,
      gainedThisWeek: delta(current.reviews, before.reviews, 0),
      gainedLastWeek: delta(before.reviews, older.reviews, 0),
    },
  };
}
