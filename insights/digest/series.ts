// Reading one listing's change-point history at points in time: the value a field held, the
// change points inside a week, and whether the listing was read at all that week. Times are
// parsed once per history (the digest asks the same history dozens of questions).
import type { Availability, ChangePoint, FailureSpan, ListingHistory, Money, Promotion, TrackedField, TrackedValues } from '../../store/model.ts';
import { unknownValues } from '../../store/changepoints.ts';
import { isoMillis } from '../../store/times.ts';

/** What a field reads as before its first point; frozen, since every series hands out the same values. */
const UNKNOWN: Readonly<TrackedValues> = Object.freeze({ ...unknownValues(), promotions: Object.freeze([]) as unknown as Promotion[] });

function overlaps(f: FailureSpan, startMs: number, endMs: number): boolean {
  return isoMillis(f.firstAt) < endMs && isoMillis(f.lastAt) >= startMs;
}

export class ListingSeries {
  private readonly times: Partial<Record<TrackedField, number[]>> = {};
  private promotionsLastSeen: number[] | null = null;

  constructor(readonly history: ListingHistory) {}

  private ms(field: TrackedField): number[] {
    return (this.times[field] ??= (this.history.fields[field] as ChangePoint<unknown>[]).map((p) => isoMillis(p.at)));
  }

  points<K extends TrackedField>(field: K): ChangePoint<TrackedValues[K]>[] {
    return this.history.fields[field] as ChangePoint<TrackedValues[K]>[];
  }

  /** When point `i` of `field` started, in ms. */
  startMs(field: TrackedField, i: number): number {
    return this.ms(field)[i];
  }

  /** Index of the point in effect at `ms` (the last starting at or before it), or -1. */
  indexAt(field: TrackedField, ms: number): number {
    const t = this.ms(field);
    let lo = 0;
    let hi = t.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid] <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The value a field held at `ms`; the "unknown" value before its first point. */
  at<K extends TrackedField>(field: K, ms: number): TrackedValues[K] {
    const i = this.indexAt(field, ms);
    return i < 0 ? UNKNOWN[field] : this.points(field)[i].value;
  }

  /** When the point in effect at `ms` started, or null before the first point. */
  since(field: TrackedField, ms: number): string | null {
    const i = this.indexAt(field, ms);
    return i < 0 ? null : this.points(field)[i].at;
  }

  /** What a buyer of one unit pays: the effective price, else the selling price. */
  effectiveAt(ms: number): Money | null {
    return this.at('effectivePrice', ms) ?? this.at('price', ms);
  }

  /** Start times of the effective-price series (either field changing), ascending, up to `ms`. */
  effectiveChangeTimes(ms: number): number[] {
    const set = new Set<number>();
    for (const f of ['price', 'effectivePrice'] as const) for (const t of this.ms(f)) if (t <= ms) set.add(t);
    return [...set].sort((a, b) => a - b);
  }

  /** Indices of the points of `field` recorded in [startMs, endMs). */
  changesIn(field: TrackedField, startMs: number, endMs: number): number[] {
    const t = this.ms(field);
    const out: number[] = [];
    for (let i = this.indexAt(field, startMs - 1) + 1; i < t.length && t[i] < endMs; i++) out.push(i);
    return out;
  }

  firstMs(field: TrackedField): number | null {
    const t = this.ms(field);
    return t.length ? t[0] : null;
  }

  /** Failure spans overlapping [startMs, endMs). */
  failuresIn(startMs: number, endMs: number): FailureSpan[] {
    return this.history.failures.filter((f) => overlaps(f, startMs, endMs));
  }

  /**
   * Whether a crawl read the page in [startMs, endMs). Every successful crawl touches the
   * promotions series (an empty list is a value), so a point first or last seen in the week
   * proves a read. A value held across the whole week proves reads on both sides; with no
   * failure recorded in between, the crawls of the week read it too.
   */
  readIn(startMs: number, endMs: number): boolean {
    const i = this.indexAt('promotions', endMs - 1);
    if (i < 0) return false;
    if (this.ms('promotions')[i] >= startMs) return true;
    this.promotionsLastSeen ??= this.points('promotions').map((p) => isoMillis(p.lastSeenAt));
    const last = this.promotionsLastSeen[i];
    if (last < startMs) return false;
    if (last < endMs) return true;
    return !this.history.failures.some((f) => overlaps(f, startMs, endMs));
  }

  availabilityAt(ms: number): Availability {
    return this.at('availability', ms);
  }
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  // A typed array sorts numbers in numeric order without calling a comparator per comparison.
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function pct(from: number, to: number): number {
  return round(((to - from) / from) * 100, 1);
}
