// The digest's figures worked out again, straight from the raw daily observations the fixture fed
// the store, without the digest's code (no change points, no week helpers): what an analyst with
// the crawl log and a spreadsheet would get. Week bounds are written out by hand (Shanghai has no
// daylight saving: a week is 7 × 24 h from Monday 00:00 +08:00).
import { LISTINGS, type DayState, type RawObservation } from './fixture.ts';

export interface W {
  start: number;
  end: number;
}

const DAY = 86_400_000;
/** 2026-W47: Monday 16 Nov 2026 00:00 in Shanghai. */
export const W47: W = { start: Date.parse('2026-11-15T16:00:00Z'), end: Date.parse('2026-11-22T16:00:00Z') };
export const shift = (w: W, weeks: number): W => ({ start: w.start + weeks * 7 * DAY, end: w.end + weeks * 7 * DAY });
/** 2025-W47: Monday 17 Nov 2025. */
export const Y47: W = { start: Date.parse('2025-11-16T16:00:00Z'), end: Date.parse('2025-11-23T16:00:00Z') };

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export function med(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const minor = (major: number) => Math.round(major * 100);

export class Oracle {
  constructor(private readonly raw: RawObservation[]) {}

  spec(key: string) {
    return LISTINGS.find((l) => l.key === key)!;
  }

  competitorKeys(): string[] {
    return LISTINGS.filter((l) => !l.own).map((l) => l.key);
  }

  ok(key: string): { t: number; s: DayState }[] {
    return this.raw.filter((o) => o.key === key && !('fail' in o.spec)).map((o) => ({ t: Date.parse(o.at), s: o.spec as DayState }));
  }

  failures(key: string): number[] {
    return this.raw.filter((o) => o.key === key && 'fail' in o.spec).map((o) => Date.parse(o.at));
  }

  goneAt(key: string): number | null {
    const g = this.raw.find((o) => o.key === key && 'fail' in o.spec && o.spec.fail === 'gone');
    return g ? Date.parse(g.at) : null;
  }

  lastOk(key: string, t: number): DayState | null {
    const list = this.ok(key).filter((o) => o.t <= t);
    return list.length ? list[list.length - 1].s : null;
  }

  inScope(key: string, w: W): boolean {
    const added = Date.parse(this.spec(key).addedAt);
    const gone = this.goneAt(key);
    return added < w.end && (gone === null || gone >= w.start);
  }

  read(key: string, w: W): boolean {
    return this.inScope(key, w) && this.ok(key).some((o) => o.t >= w.start && o.t < w.end);
  }

  live(key: string, w: W): boolean {
    const gone = this.goneAt(key);
    return this.read(key, w) && (gone === null || gone > w.end - 1);
  }

  /** Effective price in minor units (the effective price where the page gave one). */
  eff(s: DayState): number {
    return minor(s.effective ?? s.price);
  }

  ours(sku: string, t: number): number | null {
    const fixed: Record<string, number> = { A: 10000, B: 20000, C: 30000 };
    if (sku in fixed) return fixed[sku];
    const own = this.lastOk('own-d', t);
    return own ? this.eff(own) : null;
  }

  /** SKU → competitor → lowest effective price of in-stock listings read that week. */
  market(w: W): Map<string, Map<string, number>> {
    const m = new Map<string, Map<string, number>>();
    for (const key of this.competitorKeys()) {
      if (!this.live(key, w)) continue;
      const s = this.lastOk(key, w.end - 1)!;
      if (s.availability === 'out_of_stock') continue;
      const { sku, competitor } = this.spec(key);
      const by = m.get(sku) ?? new Map<string, number>();
      by.set(competitor, Math.min(by.get(competitor) ?? Infinity, this.eff(s)));
      m.set(sku, by);
    }
    return m;
  }

  index(w: W, competitor: string | null, skus?: string[]): { index: number | null; matched: number } {
    const ratios: number[] = [];
    for (const [sku, by] of this.market(w)) {
      if (skus && !skus.includes(sku)) continue;
      const ours = this.ours(sku, w.end - 1);
      if (ours === null) continue;
      const theirs = competitor === null ? med([...by.values()]) : by.get(competitor) ?? null;
      if (theirs === null) continue;
      ratios.push((100 * ours) / theirs);
    }
    const m = med(ratios);
    return { index: m === null ? null : round1(m), matched: ratios.length };
  }
}
