// Promotion periods: when each distinct promotion appeared on a listing and when it went away.
import type { ListingHistory, Promotion } from '../../../store/model.ts';
import { promotionKey } from '../../../store/changepoints.ts';

export interface PromotionPeriod {
  promotion: Promotion;
  from: string;
  /** When a crawl first saw it gone; null while the latest crawl still shows it. */
  to: string | null;
}

/** One period per uninterrupted run of each promotion (by type, text and amounts), oldest first. */
export function promotionPeriods(history: ListingHistory): PromotionPeriod[] {
  const done: PromotionPeriod[] = [];
  const open = new Map<string, PromotionPeriod>();
  for (const point of history.fields.promotions) {
    const present = new Map(point.value.map((p) => [promotionKey(p), p]));
    for (const [key, period] of open) {
      if (!present.has(key)) {
        done.push({ ...period, to: point.at });
        open.delete(key);
      }
    }
    for (const [key, promotion] of present) {
      const running = open.get(key);
      // Keep the latest details (an extended end time) of a promotion that is still running.
      if (running) running.promotion = promotion;
      else open.set(key, { promotion, from: point.at, to: null });
    }
  }
  return [...done, ...open.values()].sort((a, b) => a.from.localeCompare(b.from));
}

/** Periods that overlap [from, to]. */
export function periodsWithin(periods: readonly PromotionPeriod[], from: string, to: string): PromotionPeriod[] {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  return periods.filter((p) => Date.parse(p.from) <= toMs && (p.to === null || Date.parse(p.to) > fromMs));
}
