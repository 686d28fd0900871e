// What every rule detector reads: the listing, our product, what the crawl recorded, and helpers
// for levels and money that the detectors share.
import type { ChangePoint, ListingHistory, Listing, Money, RecordResult } from '../../../store/model.ts';
import { toMinor } from '../../../crawler/parse/money.ts';
import type { Severity } from '../config.ts';
import type { GlitchEvent } from '../types.ts';

/** Our product as the rules need it (from the config's `products`). */
export interface ProductInfo {
  sku: string;
  name: string;
  tags: string[];
  category: string | null;
  /** Lowest price we may sell at (floor / MAP). */
  floor: Money | null;
}

export interface RuleContext {
  listing: Listing;
  product: ProductInfo | null;
  result: RecordResult;
  /** Loaded when the crawl changed something or failed; null otherwise (conditions use `result`). */
  history: ListingHistory | null;
  ourPrice: Money | null;
  /** Our price in our own currency when `ourPrice` was converted into the listing's currency. */
  ourPriceOriginal?: Money | null;
  /** When the observation was made: the history's last check, else the engine's clock. */
  at: string;
  /** Set only when the engine reports a suspicious move the re-crawl did not confirm. */
  glitch?: GlitchEvent;
}

/** The highest level whose threshold is met: critical first, then warning, else null. */
export function levelOf<L>(rule: { warning?: L; critical?: L }, met: (level: L) => boolean): Severity | null {
  if (rule.critical !== undefined && met(rule.critical)) return 'critical';
  if (rule.warning !== undefined && met(rule.warning)) return 'warning';
  return null;
}

/** A config amount (major units) in the currency of the price it is compared with. */
export function amountIn(amount: string, currency: string): number {
  return toMinor(amount, currency);
}

export function money(m: Money): { type: 'money'; money: Money } {
  return { type: 'money', money: m };
}

export function percentChange(from: number, to: number): number {
  return from === 0 ? 0 : ((to - from) / from) * 100;
}

const DAY_MS = 86_400_000;

/**
 * Time-weighted average of a money field over the `days` before the point that starts at `before`
 * (that point itself excluded), in the currency of `currency`. Null when nothing was known then.
 */
export function averageBefore(history: ListingHistory, field: 'price' | 'effectivePrice', before: string, days: number, currency: string): number | null {
  const points = history.fields[field] as ChangePoint<Money | null>[];
  const end = Date.parse(before);
  const start = end - days * DAY_MS;
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const from = Math.max(Date.parse(p.at), start);
    const to = Math.min(i + 1 < points.length ? Date.parse(points[i + 1].at) : end, end);
    if (to <= from || p.value === null || p.value.currency !== currency) continue;
    weighted += p.value.amountMinor * (to - from);
    total += to - from;
  }
  return total === 0 ? null : Math.round(weighted / total);
}

/** The value a field held `days` before `at` (the step function the store keeps). */
export function valueDaysBefore<T>(points: readonly ChangePoint<T>[], at: string, days: number): T | undefined {
  const target = Date.parse(at) - days * DAY_MS;
  let found: T | undefined;
  for (const p of points) {
    if (Date.parse(p.at) > target) break;
    found = p.value;
  }
  return found;
}

/** The time of the latest change point of a field, which names the change for dedupe. */
export function lastChangeAt(history: ListingHistory | null, field: keyof ListingHistory['fields'], fallback: string): string {
  const points = history?.fields[field] as ChangePoint<unknown>[] | undefined;
  return points && points.length > 0 ? points[points.length - 1].at : fallback;
}
