// Where we stand and how competitor prices moved. The price index compares effective prices
// (what a buyer of one unit pays) of listings read that week and in stock; price movements,
// averages and minimums use the selling price, the one the page shows as "the price".
import type { Money } from '../../../store/model.ts';
import type { CompetitorIndex, CompetitorPrices, IndexFigure, PriceMove } from '../types.ts';
import { mean, median, pct, round } from '../series.ts';
import type { DigestContext, Entry, Week } from './context.ts';

/** One SKU in one week: our price and each competitor's lowest effective price (minor units). */
interface SkuMarket {
  ours: number | null;
  byCompetitor: Map<string, number>;
  /** Median of the competitors' prices. */
  median: number | null;
}

export class PriceIndex {
  private readonly market = new Map<string, Map<string, SkuMarket>>();

  constructor(private readonly ctx: DigestContext) {}

  /** Per SKU, the lowest effective price of each competitor's in-stock listings read that week. */
  private marketFor(w: Week): Map<string, SkuMarket> {
    let m = this.market.get(w.week);
    if (m) return m;
    m = new Map();
    for (const e of this.ctx.entries) {
      const eff = this.ctx.effectiveIfRead(e, w);
      if (!eff || this.ctx.seriesFor(e, w).availabilityAt(w.closeMs) === 'out_of_stock') continue;
      let sku = m.get(e.listing.sku);
      if (!sku) {
        sku = { ours: this.ctx.ourPriceAt(e.listing.sku, w.closeMs, w)?.amountMinor ?? null, byCompetitor: new Map(), median: null };
        m.set(e.listing.sku, sku);
      }
      const prev = sku.byCompetitor.get(e.listing.competitor);
      if (prev === undefined || eff.amountMinor < prev) sku.byCompetitor.set(e.listing.competitor, eff.amountMinor);
    }
    for (const sku of m.values()) sku.median = median([...sku.byCompetitor.values()]);
    this.market.set(w.week, m);
    return m;
  }

  /**
   * 100 × ours / theirs per matched SKU, then the median over SKUs. "Theirs" is one competitor's
   * lowest price, or (competitor null) the median of all competitors' prices for the SKU.
   */
  compute(w: Week, competitor: string | null, skus: ReadonlySet<string> | null): { index: number | null; matched: number } {
    const market = this.marketFor(w);
    const ratios: number[] = [];
    const add = (s: SkuMarket | undefined) => {
      if (!s || s.ours === null) return;
      const theirs = competitor === null ? s.median : s.byCompetitor.get(competitor) ?? null;
      if (theirs !== null && theirs > 0) ratios.push((100 * s.ours) / theirs);
    };
    if (skus) for (const sku of skus) add(market.get(sku));
    else for (const s of market.values()) add(s);
    const m = median(ratios);
    return { index: m === null ? null : round(m, 1), matched: ratios.length };
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
