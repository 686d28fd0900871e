// Undercuts, stock-outs and review movements: what competitors' buyers saw this week compared
// with ours, and what that suggests about their shops.
import type { CompetitorReviews, CompetitorUndercuts, ReviewChange, StockEvent, Undercut } from '../types.ts';
import { mean, round } from '../series.ts';
import { iso, type DigestContext, type Entry, type Week } from './context.ts';

/** The start of the unbroken stretch, ending at `closeMs`, in which their effective price was below ours. */
function undercutSince(ctx: DigestContext, e: Entry, closeMs: number): number {
  const sku = e.listing.sku;
  const times = [...new Set([...e.series.effectiveChangeTimes(closeMs), ...ctx.ourPriceChangeTimes(sku, closeMs)])].sort((a, b) => b - a);
  let since = closeMs;
  for (const t of times) {
    const theirs = ctx.inCurrency(e.series.effectiveAt(t));
    const ours = ctx.ourPriceAt(sku, t);
    if (!theirs || !ours || theirs.amountMinor >= ours.amountMinor) break;
    since = t;
  }
  return since;
}

/**
 * SKUs where a competitor's effective price at the end of the week is below ours, on an in-stock
 * listing read that week. One row per competitor and SKU: its cheapest listing.
 */
export function undercuts(ctx: DigestContext): { items: Undercut[]; byCompetitor: CompetitorUndercuts[] } {
  const { W } = ctx;
  const best = new Map<string, { e: Entry; theirs: number }>();
  for (const e of ctx.entries) {
    const theirs = ctx.effectiveIfRead(e, W);
    if (!theirs || e.series.availabilityAt(W.closeMs) === 'out_of_stock') continue;
    const ours = ctx.ourPriceAt(e.listing.sku, W.closeMs);
    if (!ours || theirs.amountMinor >= ours.amountMinor) continue;
    const key = `${e.listing.competitor}\u0000${e.listing.sku}`;
    const prev = best.get(key);
    if (!prev || theirs.amountMinor < prev.theirs) best.set(key, { e, theirs: theirs.amountMinor });
  }
  const items: Undercut[] = [...best.values()].map(({ e, theirs }) => {
    const ours = ctx.ourPriceAt(e.listing.sku, W.closeMs)!;
    const listed = e.series.effectiveAt(W.closeMs)!;
    const sinceMs = undercutSince(ctx, e, W.closeMs);
    const gap = ours.amountMinor - theirs;
    return {
      id: `undercut:${e.listing.id}`,
      ref: e.ref,
      theirs: { amountMinor: theirs, currency: ctx.currency },
      theirsListed: listed,
      ours,
      gap: { amountMinor: gap, currency: ctx.currency },
      gapPct: round((gap / ours.amountMinor) * 100, 1),
      since: iso(sinceMs),
      newThisWeek: sinceMs >= W.startMs,
    };
  });
  items.sort((a, b) => b.gapPct - a.gapPct || (a.id < b.id ? -1 : 1));
  const byCompetitor: CompetitorUndercuts[] = [];
  for (const competitor of ctx.competitors()) {
    const mine = items.filter((u) => u.ref.competitor === competitor);
    if (mine.length === 0) continue;
    byCompetitor.push({
      competitor,
      skus: mine.length,
      averageGapPct: round(mean(mine.map((u) => u.gapPct))!, 1),
      maxGapPct: Math.max(...mine.map((u) => u.gapPct)),
      since: mine.map((u) => u.since).sort()[0],
      newThisWeek: mine.filter((u) => u.newThisWeek).length,
    });
  }
  return { items, byCompetitor };
}

/** Stock-outs and returns recorded this week, and the listings still out of stock at its end. */
export function stock(ctx: DigestContext): { wentOut: StockEvent[]; returned: StockEvent[]; out: StockEvent[] } {
  const { W } = ctx;
  const wentOut: StockEvent[] = [];
  const returned: StockEvent[] = [];
  const out: StockEvent[] = [];
  for (const e of ctx.entries) {
    if (!ctx.inScope(e, W)) continue;
    const points = e.series.points('availability');
    const ours = ctx.ourAvailabilityAt(e.listing.sku, W.closeMs);
    for (const i of e.series.changesIn('availability', W.startMs, W.endMs)) {
      if (i === 0) continue;
      const before = points[i - 1].value;
      const after = points[i].value;
      const ev = (kind: string): StockEvent => ({ id: `${kind}:${e.listing.id}:${i}`, ref: e.ref, at: points[i].at, availability: after, ours });
      if (after === 'out_of_stock' && before !== 'out_of_stock') wentOut.push(ev('stock-out'));
      if (before === 'out_of_stock' && after !== 'out_of_stock') returned.push(ev('stock-back'));
    }
    if (ctx.live(e, W) && e.series.availabilityAt(W.closeMs) === 'out_of_stock') {
      out.push({ id: `stock:${e.listing.id}`, ref: e.ref, at: e.series.since('availability', W.closeMs)!, availability: 'out_of_stock', ours });
    }
  }
  const byTime = (a: StockEvent, b: StockEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);
  return { wentOut: wentOut.sort(byTime), returned: returned.sort(byTime), out: out.sort(byTime) };
}

/** Estimated negative reviews added during a week: count × (1 − 好评率) at its end minus at its start. */
function newNegative(e: Entry, w: Week, before: Week): number | null {
  const n1 = e.series.at('reviewCount', w.closeMs);
  const n0 = e.series.at('reviewCount', before.closeMs);
  const r1 = e.series.at('positiveRate', w.closeMs);
  const r0 = e.series.at('positiveRate', before.closeMs);
  if (n1 === null || n0 === null || r1 === null || r0 === null) return null;
  return Math.round(n1 * (1 - r1)) - Math.round(n0 * (1 - r0));
}

export function reviews(ctx: DigestContext): { changes: ReviewChange[]; byCompetitor: CompetitorReviews[] } {
  const { W, P } = ctx;
  const { negativeSpikeMin, ratingMove } = ctx.options.thresholds;
  const changes: ReviewChange[] = [];
  const perCompetitor = new Map<string, { now: number[]; before: number[]; newReviews: number; drops: number; spikes: number }>();
  for (const e of ctx.entries) {
    if (!ctx.live(e, W)) continue;
    const s = e.series;
    const rating = s.ratingAt(W.closeMs);
    const previousRating = s.ratingAt(P.closeMs);
    const reviewCount = s.at('reviewCount', W.closeMs);
    const previousCount = s.at('reviewCount', P.closeMs);
    const positiveRate = s.at('positiveRate', W.closeMs);
    const previousPositive = s.at('positiveRate', P.closeMs);
    if (rating === null && reviewCount === null && positiveRate === null) continue;
    const ratingChange = rating !== null && previousRating !== null ? round(rating - previousRating, 2) : null;
    const newReviews = reviewCount !== null && previousCount !== null ? reviewCount - previousCount : null;
    const negative = newNegative(e, W, P);
    let newReviewsRating: number | null = null;
    if (rating !== null && previousRating !== null && newReviews !== null && newReviews > 0) {
      const implied = (rating * reviewCount! - previousRating * previousCount!) / newReviews;
      newReviewsRating = round(Math.min(5, Math.max(0, implied)), 2);
    }
    let spike: boolean;
    if (negative !== null) {
      const baseline = [1, 2, 3, 4]
        .map((n) => newNegative(e, ctx.weekOffset(-n), ctx.weekOffset(-n - 1)))
        .filter((x): x is number => x !== null);
      spike = negative >= negativeSpikeMin && negative >= 3 * (mean(baseline) ?? 0);
    } else {
      spike = newReviews !== null && newReviews >= 10 && newReviewsRating !== null && newReviewsRating <= 3;
    }
    const c = perCompetitor.get(e.listing.competitor) ?? { now: [], before: [], newReviews: 0, drops: 0, spikes: 0 };
    perCompetitor.set(e.listing.competitor, c);
    if (rating !== null) c.now.push(rating);
    if (previousRating !== null) c.before.push(previousRating);
    if (newReviews !== null && newReviews > 0) c.newReviews += newReviews;
    if (ratingChange !== null && ratingChange <= -ratingMove) c.drops++;
    if (spike) c.spikes++;
    const positiveRateChange = positiveRate !== null && previousPositive !== null ? round((positiveRate - previousPositive) * 100, 1) : null;
    if (!spike && !ratingChange && !newReviews && !positiveRateChange) continue;
    changes.push({
      id: `review:${e.listing.id}`,
      ref: e.ref,
      rating,
      previousRating,
      ratingChange,
      reviewCount,
      newReviews,
      positiveRate,
      positiveRateChange,
      newNegative: negative,
      newReviewsRating,
      spike,
    });
  }
  changes.sort((a, b) => Number(b.spike) - Number(a.spike) || (a.ratingChange ?? 0) - (b.ratingChange ?? 0) || (a.id < b.id ? -1 : 1));
  const byCompetitor: CompetitorReviews[] = ctx.competitors().map((competitor) => {
    const c = perCompetitor.get(competitor);
    const avg = (xs: number[] | undefined) => {
      const m = mean(xs ?? []);
      return m === null ? null : round(m, 2);
    };
    return {
      competitor,
      rated: c?.now.length ?? 0,
      averageRating: avg(c?.now),
      previousAverageRating: avg(c?.before),
      newReviews: c?.newReviews ?? 0,
      ratingDrops: c?.drops ?? 0,
      spikes: c?.spikes ?? 0,
    };
  });
  return { changes, byCompetitor };
}
