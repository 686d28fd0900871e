// Where we stand and how competitor prices moved. The price index compares effective prices
// (what a buyer of one unit pays) of listings read that week and in stock; price movements,
// averages and minimums use the selling price, the one the page shows as "the price".
import type { Money } from '../../../store/model.ts';
import type { CompetitorIndex, CompetitorPrices, IndexFigure, PriceMove } from '../types.ts';
import { mean, median, pct, round } from '../series.ts';
import type { DigestContext, Entry, Week } from './context.ts';

/**
 * Every SKU in one week, by SKU number: our price and each competitor's lowest effective price
 * (minor units; NaN where there is none) and the median of the competitors' prices.
 */
interface WeekMarket {
  /** Whether any competitor had a price for the SKU. */
  priced: Uint8Array;
  ours: Float64Array;
  /** `sku * competitors + competitor`. */
  lowest: Float64Array;
  median: Float64Array;
}

/**
 * The price index of any week, competitor and set of SKUs. Segments ask it for hundreds of
 * figures over the same weeks, so each week's market is built once into arrays indexed by
 * SKU and competitor number.
 */
export class PriceIndex {
  private readonly market = new Map<Week, WeekMarket>();
  private readonly skuNumber = new Map<string, number>();
  private readonly skuNames: string[] = [];
  private readonly competitorNumber = new Map<string, number>();
  /** SKU and competitor number of each entry, in `ctx.entries` order. */
  private readonly entrySku: Int32Array;
  private readonly entryCompetitor: Int32Array;
  private readonly skuLists = new WeakMap<ReadonlySet<string>, number[]>();

  constructor(private readonly ctx: DigestContext) {
    const { entries } = ctx;
    this.entrySku = new Int32Array(entries.length);
    this.entryCompetitor = new Int32Array(entries.length);
    entries.forEach((e, i) => {
      this.entrySku[i] = this.numberOf(this.skuNumber, e.listing.sku, this.skuNames);
      this.entryCompetitor[i] = this.numberOf(this.competitorNumber, e.listing.competitor);
    });
  }

  private numberOf(numbers: Map<string, number>, name: string, names?: string[]): number {
    let n = numbers.get(name);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(name, n);
      names?.push(name);
    }
    return n;
  }

  /** Per SKU, the lowest effective price of each competitor's in-stock listings read that week. */
  private marketFor(w: Week): WeekMarket {
    let m = this.market.get(w);
    if (m) return m;
    const skus = this.skuNames.length;
    const competitors = this.competitorNumber.size;
    m = { priced: new Uint8Array(skus), ours: new Float64Array(skus).fill(NaN), lowest: new Float64Array(skus * competitors).fill(NaN), median: new Float64Array(skus).fill(NaN) };
    const { effective, outOfStock } = this.ctx.weekPrices(w);
    for (let i = 0; i < effective.length; i++) {
      const amount = effective[i];
      if (Number.isNaN(amount) || outOfStock[i]) continue;
      const sku = this.entrySku[i];
      const k = sku * competitors + this.entryCompetitor[i];
      if (!(m.lowest[k] <= amount)) m.lowest[k] = amount;
      m.priced[sku] = 1;
    }
    const prices: number[] = [];
    for (let sku = 0; sku < skus; sku++) {
      if (!m.priced[sku]) continue;
      m.ours[sku] = this.ctx.ourPriceAt(this.skuNames[sku], w.closeMs, w)?.amountMinor ?? NaN;
      prices.length = 0;
      for (let c = 0; c < competitors; c++) {
        const p = m.lowest[sku * competitors + c];
        if (!Number.isNaN(p)) prices.push(p);
      }
      m.median[sku] = median(prices)!;
    }
    this.market.set(w, m);
    return m;
  }

  /** SKU numbers of a segment's SKUs (those no listing carries have no market, and are left out). */
  private skuList(skus: ReadonlySet<string>): number[] {
    let list = this.skuLists.get(skus);
    if (!list) {
      list = [...skus].map((sku) => this.skuNumber.get(sku)).filter((n): n is number => n !== undefined);
      this.skuLists.set(skus, list);
    }
    return list;
  }

  /**
   * 100 × ours / theirs per matched SKU, then the median over SKUs. "Theirs" is one competitor's
   * lowest price, or (competitor null) the median of all competitors' prices for the SKU.
   */
  compute(w: Week, competitor: string | null, skus: ReadonlySet<string> | null): { index: number | null; matched: number } {
    const m = this.marketFor(w);
    const competitors = this.competitorNumber.size;
    const c = competitor === null ? -1 : (this.competitorNumber.get(competitor) ?? null);
    const ratios: number[] = [];
    const add = (sku: number) => {
      if (!m.priced[sku] || Number.isNaN(m.ours[sku]) || c === null) return;
      const theirs = c < 0 ? m.median[sku] : m.lowest[sku * competitors + c];
      if (theirs > 0) ratios.push((100 * m.ours[sku]) / theirs);
    };
    if (skus) for (const sku of this.skuList(skus)) add(sku);
    else for (let sku = 0; sku < this.skuNames.length; sku++) add(sku);
    const med = median(ratios);
    return { index: med === null ? null : round(med, 1), matched: ratios.length };
  }

  figure(competitor: string | null, skus: ReadonlySet<string> | null, yearAgoAvailable: boolean): IndexFigure {
    const { W, P, Y, trend } = this.ctx;
    const now = this.compute(W, competitor, skus);
    const previous = this.compute(P, competitor, skus).index;
    const yearAgo = yearAgoAvailable ? this.compute(Y, competitor, skus).index : null;
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b, 1));
    return {
      index: now.index,
      previous,
      yearAgo,
      change: diff(now.index, previous),
      yearOverYear: diff(now.index, yearAgo),
      matchedSkus: now.matched,
      trend: trend.map((t) => this.compute(t, competitor, skus).index),
    };
  }

  byCompetitor(skus: ReadonlySet<string> | null, yearAgoAvailable: boolean): CompetitorIndex[] {
    return this.ctx.competitors().map((competitor) => ({ competitor, ...this.figure(competitor, skus, yearAgoAvailable) }));
  }
}

/** Listings whose selling price changed during the week, from the price at its start to its end. */
export function priceMovements(ctx: DigestContext): PriceMove[] {
  const { W } = ctx;
  const moves = ctx.perEntry((e): PriceMove | null => {
    if (!ctx.inScope(e, W)) return null;
    // The first point of a history is the first reading, not a change.
    const changes = e.series.changesIn('price', W.startMs, W.endMs).filter((i) => i > 0);
    if (changes.length === 0) return null;
    const points = e.series.points('price');
    const from = points[changes[0] - 1].value;
    const to = e.series.at('price', W.closeMs);
    if (!from || !to || from.currency !== to.currency || from.amountMinor <= 0) return null;
    return {
      id: `move:${e.listing.id}`,
      ref: e.ref,
      from,
      to,
      changePct: pct(from.amountMinor, to.amountMinor),
      changes: changes.length,
      ours: ctx.ourPriceAt(e.listing.sku, W.closeMs),
    };
  });
  return moves.filter((m): m is PriceMove => m !== null).sort((a, b) => a.changePct - b.changePct || (a.id < b.id ? -1 : 1));
}

/** Mean end-of-week price of the entries (positions in `ctx.entries`) read in `w`. */
function averageOf(ctx: DigestContext, entries: readonly number[], w: Week): Money | null {
  const { price } = ctx.weekPrices(w);
  let sum = 0;
  let n = 0;
  for (const i of entries) {
    if (Number.isNaN(price[i])) continue;
    sum += price[i];
    n++;
  }
  return n === 0 ? null : { amountMinor: Math.round(sum / n), currency: ctx.currency };
}

/** Mean of each listing's own change between two weeks, for listings priced in both. */
function likeForLike(ctx: DigestContext, entries: readonly number[], from: Week, to: Week): number | null {
  const a = ctx.weekPrices(from).price;
  const b = ctx.weekPrices(to).price;
  const changes: number[] = [];
  for (const i of entries) if (a[i] > 0 && !Number.isNaN(b[i])) changes.push(((b[i] - a[i]) / a[i]) * 100);
  const m = mean(changes);
  return m === null ? null : round(m, 1);
}

/** The first entry with the lowest price read in `w`, and how many had one. */
function lowest(ctx: DigestContext, entries: readonly number[], w: Week): { entry: Entry | null; priced: number } {
  const { price } = ctx.weekPrices(w);
  let best = -1;
  let priced = 0;
  for (const i of entries) {
    if (Number.isNaN(price[i])) continue;
    priced++;
    if (best < 0 || price[i] < price[best]) best = i;
  }
  return { entry: best < 0 ? null : ctx.entries[best], priced };
}

export function competitorPrices(ctx: DigestContext, moves: readonly PriceMove[], yearAgoAvailable: boolean): CompetitorPrices[] {
  const { W, P, Y } = ctx;
  // Positions in ctx.entries by competitor: a listing priced in a week was tracked in it.
  const byCompetitor = new Map<string, number[]>();
  for (const e of ctx.entries) {
    const list = byCompetitor.get(e.listing.competitor) ?? [];
    list.push(e.index);
    byCompetitor.set(e.listing.competitor, list);
  }
  return ctx.competitors().map((competitor) => {
    const entries = byCompetitor.get(competitor) ?? [];
    const now = lowest(ctx, entries, W);
    const previous = lowest(ctx, entries, P).entry;
    const mine = moves.filter((m) => m.ref.competitor === competitor);
    return {
      competitor,
      priced: now.priced,
      average: averageOf(ctx, entries, W),
      previousAverage: averageOf(ctx, entries, P),
      yearAgoAverage: yearAgoAvailable ? averageOf(ctx, entries, Y) : null,
      minimum: now.entry && { price: ctx.priceIfRead(now.entry, W)!, listingId: now.entry.listing.id },
      previousMinimum: previous && ctx.priceIfRead(previous, P),
      likeForLikePct: likeForLike(ctx, entries, P, W),
      likeForLikeYearPct: yearAgoAvailable ? likeForLike(ctx, entries, Y, W) : null,
      changed: mine.length,
      drops: mine.filter((m) => m.changePct < 0).length,
      rises: mine.filter((m) => m.changePct > 0).length,
      trend: ctx.trend.map((t) => averageOf(ctx, entries, t)?.amountMinor ?? null),
    };
  });
}
