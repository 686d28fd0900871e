// Keepa-like price statistics computed from a change-point history: current, lowest, highest,
// time-weighted average over a window, lowest ever and the share of time out of stock.
import type { ChangePoint, ListingHistory, Money } from './model.ts';
import { isoMillis } from './times.ts';
import { StoreError } from './store.ts';

export type PriceField = 'price' | 'effectivePrice';

/** The windows Keepa shows and the digest compares: 30, 90 and 365 days. */
export const STAT_WINDOW_DAYS = [30, 90, 365] as const;

export interface PriceStatistics {
  field: PriceField;
  days: number;
  /** The window: `to` is `now`, `from` is `days` earlier. */
  from: string;
  to: string;
  /** The price in effect at `now`. */
  current: Money | null;
  lowest: Money | null;
  highest: Money | null;
  /** Time-weighted over the part of the window with a known price, rounded to a minor unit. */
  average: Money | null;
  /** Lowest price ever recorded up to `now`. */
  lowestEver: Money | null;
  /** Share (0..1) of the window's known-stock time spent out of stock; null when stock was never read. */
  outOfStockShare: number | null;
}

const DAY_MS = 86_400_000;

interface Step<T> {
  ms: number;
  value: T;
}

function stepsOf<T>(points: readonly ChangePoint<T>[]): Step<T>[] {
  return points.map((p) => ({ ms: isoMillis(p.at), value: p.value }));
}

function valueAtMs<T>(steps: readonly Step<T>[], ms: number): T | undefined {
  let found: T | undefined;
  for (const s of steps) {
    if (s.ms > ms) break;
    found = s.value;
  }
  return found;
}

/**
 * The price series a buyer sees for `field`. The effective price falls back to the price where no
 * promotion gives one, so its series changes whenever either of them does.
 */
function priceSteps(history: ListingHistory, field: PriceField): Step<Money | null>[] {
  const price = stepsOf(history.fields.price);
  if (field === 'price') return price;
  const effective = stepsOf(history.fields.effectivePrice);
  const times = [...new Set([...price, ...effective].map((s) => s.ms))].sort((a, b) => a - b);
  // One walk through both series, in time order (looking each time up from the start was quadratic).
  let p = -1;
  let e = -1;
  return times.map((ms) => {
    while (p + 1 < price.length && !(price[p + 1].ms > ms)) p++;
    while (e + 1 < effective.length && !(effective[e + 1].ms > ms)) e++;
    return { ms, value: (e >= 0 ? effective[e].value : undefined) ?? (p >= 0 ? price[p].value : undefined) ?? null };
  });
}

/** Each step in effect during [fromMs, toMs], with how long it held inside the window. */
function weighted<T>(steps: readonly Step<T>[], fromMs: number, toMs: number): { value: T; ms: number }[] {
  const out: { value: T; ms: number }[] = [];
  steps.forEach((s, i) => {
    const end = i + 1 < steps.length ? steps[i + 1].ms : Infinity;
    if (s.ms > toMs || end <= fromMs) return;
    out.push({ value: s.value, ms: Math.max(0, Math.min(end, toMs) - Math.max(s.ms, fromMs)) });
  });
  return out;
}

/** Weighted mean; a window of zero length (a first point at `now`) counts each value once. */
function mean(items: readonly { x: number; ms: number }[]): number | null {
  if (items.length === 0) return null;
  const total = items.reduce((sum, i) => sum + i.ms, 0);
  if (total === 0) return items.reduce((sum, i) => sum + i.x, 0) / items.length;
  return items.reduce((sum, i) => sum + i.x * i.ms, 0) / total;
}

function extreme(values: readonly Money[], pick: (a: number, b: number) => boolean): Money | null {
  let best: Money | null = null;
  for (const v of values) if (best === null || pick(v.amountMinor, best.amountMinor)) best = v;
  return best === null ? null : { ...best };
}

/**
 * Statistics of `field` over the `days` before `now`. Values hold from one change point to the
 * next, the last one until `now`. When the shop changed currency, only prices in the current
 * (else the latest known) currency count: amounts in different currencies do not average.
 */
export function statistics(history: ListingHistory, field: PriceField, now: string, days: number): PriceStatistics {
  const toMs = Date.parse(now);
  if (Number.isNaN(toMs)) throw new StoreError(`"${now}" is not an ISO-8601 time`, 'invalid');
  if (!(days > 0)) throw new StoreError(`a statistics window must be a positive number of days, not ${days}`, 'invalid');
  const fromMs = toMs - days * DAY_MS;

  const steps = priceSteps(history, field).filter((s) => s.ms <= toMs);
  const current = valueAtMs(steps, toMs) ?? null;
  const currency = current?.currency ?? [...steps].reverse().find((s) => s.value !== null)?.value?.currency;
  const inCurrency = (m: Money | null): m is Money => m !== null && m.currency === currency;

  const window = weighted(steps, fromMs, toMs).filter((w): w is { value: Money; ms: number } => inCurrency(w.value));
  const windowValues = window.map((w) => w.value);
  const avg = mean(window.map((w) => ({ x: w.value.amountMinor, ms: w.ms })));

  const stock = weighted(stepsOf(history.fields.availability), fromMs, toMs);
  const outOfStockShare = mean(stock.map((w) => ({ x: w.value === 'out_of_stock' ? 1 : 0, ms: w.ms })));

  return {
    field,
    days,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    current: current === null ? null : { ...current },
    lowest: extreme(windowValues, (a, b) => a < b),
    highest: extreme(windowValues, (a, b) => a > b),
    average: avg === null || currency === undefined ? null : { amountMinor: Math.round(avg), currency },
    lowestEver: extreme(steps.map((s) => s.value).filter(inCurrency), (a, b) => a < b),
    outOfStockShare,
  };
}

/** Statistics for the 30, 90 and 365-day windows at once. */
export function statisticsWindows(
  history: ListingHistory,
  field: PriceField,
  now: string,
): Record<(typeof STAT_WINDOW_DAYS)[number], PriceStatistics> {
  const [d30, d90, d365] = STAT_WINDOW_DAYS.map((days) => statistics(history, field, now, days));
  return { 30: d30, 90: d90, 365: d365 };
}

