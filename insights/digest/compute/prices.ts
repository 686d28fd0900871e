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
    const { entries } = this.ctx;
    for (let i = 0; i < entries.length; i++) {
      const end = this.ctx.endOf(entries[i], w);
      if (!end?.effective || end.availability === 'out_of_stock') continue;
      const sku = this.entrySku[i];
      const k = sku * competitors + this.entryCompetitor[i];
      const amount = end.effective.amountMinor;
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
  const moves: PriceMove[] = [];
  for (const e of ctx.entries) {
    if (!ctx.inScope(e, W)) continue;
    // The first point of a history is the first reading, not a change.
    const changes = e.series.changesIn('price', W.startMs, W.endMs).filter((i) => i > 0);
    if (changes.length === 0) continue;
    const points = e.series.points('price');
    const from = points[changes[0] - 1].value;
    const to = e.series.at('price', W.closeMs);
    if (!from || !to || from.currency !== to.currency || from.amountMinor <= 0) continue;
    moves.push({
      id: `move:${e.listing.id}`,
      ref: e.ref,
      from,
      to,
      changePct: pct(from.amountMinor, to.amountMinor),
      changes: changes.length,
      ours: ctx.ourPriceAt(e.listing.sku, W.closeMs),
    });
  }
  return moves.sort((a, b) => a.changePct - b.changePct || (a.id < b.id ? -1 : 1));
}

function averageOf(ctx: DigestContext, entries: readonly Entry[], w: Week): Money | null {
  const prices = entries.map((e) => ctx.priceIfRead(e, w)).filter((m): m is Money => m !== null);
  const avg = mean(prices.map((m) => m.amountMinor));
  return avg === null ? null : { amountMinor: Math.round(avg), currency: ctx.currency };
}

/** Mean of each listing's own change between two weeks, for listings priced in both. */
function likeForLike(ctx: DigestContext, entries: readonly Entry[], from: Week, to: Week): number | null {
  const changes: number[] = [];
  for (const e of entries) {
    const a = ctx.priceIfRead(e, from);
    const b = ctx.priceIfRead(e, to);
    if (a && b && a.amountMinor > 0) changes.push(((b.amountMinor - a.amountMinor) / a.amountMinor) * 100);
  }
  const m = mean(changes);
  return m === null ? null : round(m, 1);
}

export function competitorPrices(ctx: DigestContext, moves: readonly PriceMove[], yearAgoAvailable: boolean): CompetitorPrices[] {
  const { W, P, Y } = ctx;
  return ctx.competitors().map((competitor) => {
    const entries = ctx.entries.filter((e) => e.listing.competitor === competitor);
    const inWeek = (w: Week) => entries.filter((e) => ctx.inScope(e, w));
    let minimum: CompetitorPrices['minimum'] = null;
    let priced = 0;
    for (const e of inWeek(W)) {
      const p = ctx.priceIfRead(e, W);
      if (!p) continue;
      priced++;
      if (!minimum || p.amountMinor < minimum.price.amountMinor) minimum = { price: p, listingId: e.listing.id };
    }
    const previousMin = inWeek(P)
      .map((e) => ctx.priceIfRead(e, P))
      .filter((m): m is Money => m !== null)
      .reduce<Money | null>((best, m) => (!best || m.amountMinor < best.amountMinor ? m : best), null);
    const mine = moves.filter((m) => m.ref.competitor === competitor);
    return {
      competitor,
      priced,
      average: averageOf(ctx, inWeek(W), W),
      previousAverage: averageOf(ctx, inWeek(P), P),
      yearAgoAverage: yearAgoAvailable ? averageOf(ctx, inWeek(Y), Y) : null,
      minimum,
      previousMinimum: previousMin,
      likeForLikePct: likeForLike(ctx, entries, P, W),
      likeForLikeYearPct: yearAgoAvailable ? likeForLike(ctx, entries, Y, W) : null,
      changed: mine.length,
      drops: mine.filter((m) => m.changePct < 0).length,
      rises: mine.filter((m) => m.changePct > 0).length,
      trend: ctx.trend.map((t) => averageOf(ctx, inWeek(t), t)?.amountMinor ?? null),
    };
  });
}
