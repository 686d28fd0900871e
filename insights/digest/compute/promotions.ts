// Promotions started, ended and running, and the honesty of claimed discounts. A promotion is
// the same promotion while its type, text and amounts stay (the store's `promotionKey`).
import type { Money, Promotion, PromotionType } from '../../../store/model.ts';
import { promotionKey } from '../../../store/changepoints.ts';
import type { CompetitorPromotions, DiscountClaim, PromotionEvent, PromotionTypeSummary } from '../types.ts';
import { mean, round } from '../series.ts';
import { iso, type DigestContext, type Entry, type Week } from './context.ts';

const DAY_MS = 86_400_000;

/**
 * How much cheaper one unit gets, in percent of the selling price: 8折 → 20, 满300减50 → 16.7
 * (the best tier), 立减20 on ¥200 → 10, a ¥80 member price on ¥100 → 20, 第二件半价 → 25 per unit.
 * Null for promotions without a price effect (gifts, shipping, points) or without the figures.
 */
export function promotionDepth(p: Promotion, price: Money | null): number | null {
  const ratio = (off: number, of: number) => (of > 0 ? round((off / of) * 100, 1) : null);
  if (p.type === 'bundle') return p.percent != null ? round(p.percent / Math.max(1, p.quantity ?? 1), 1) : null;
  if (p.percent != null) return round(p.percent, 1);
  if (p.tiers && p.tiers.length > 0) {
    const best = Math.max(...p.tiers.map((t) => (t.threshold.amountMinor > 0 ? t.amount.amountMinor / t.threshold.amountMinor : 0)));
    return round(best * 100, 1);
  }
  if (!p.amount) return null;
  if (p.type === 'member_price' || p.type === 'group_buy' || p.type === 'presale') {
    return price && price.currency === p.amount.currency ? ratio(price.amountMinor - p.amount.amountMinor, price.amountMinor) : null;
  }
  if (p.threshold && p.threshold.amountMinor > 0) return ratio(p.amount.amountMinor, p.threshold.amountMinor);
  if (!price || price.currency !== p.amount.currency) return null;
  // A "Save $95" badge usually describes a saving already in the shown price: measured against the
  // price before it, so a deep cut reads as 60% off, never as more than 100%.
  if (p.type === 'amount_off') return ratio(p.amount.amountMinor, price.amountMinor + p.amount.amountMinor);
  return ratio(p.amount.amountMinor, price.amountMinor);
}

function event(ctx: DigestContext, e: Entry, id: string, p: Promotion, atMs: number): PromotionEvent {
  return {
    id,
    ref: e.ref,
    type: p.type,
    text: p.text,
    depthPct: promotionDepth(p, e.series.at('price', atMs)),
    at: iso(atMs),
    endsAt: p.endsAt ?? null,
    campaigns: ctx.campaignsAt(atMs),
  };
}

/** `promotionKey` of each promotion object, computed once per digest (a long-running promotion is compared at every point). */
type KeyOf = (p: Promotion) => string;

/** Promotions that appeared or disappeared between two consecutive readings inside the week. */
function transitions(ctx: DigestContext, e: Entry, w: Week, keyOf: KeyOf): { started: PromotionEvent[]; ended: PromotionEvent[] } {
  const started: PromotionEvent[] = [];
  const ended: PromotionEvent[] = [];
  const points = e.series.points('promotions');
  for (const i of e.series.changesIn('promotions', w.startMs, w.endMs)) {
    if (i === 0) continue;
    const atMs = e.series.startMs('promotions', i);
    const before = new Set(points[i - 1].value.map(keyOf));
    const after = new Set(points[i].value.map(keyOf));
    points[i].value.forEach((p, j) => {
      if (!before.has(keyOf(p))) started.push(event(ctx, e, `promo-start:${e.listing.id}:${i}:${j}`, p, atMs));
    });
    points[i - 1].value.forEach((p, j) => {
      if (!after.has(keyOf(p))) ended.push(event(ctx, e, `promo-end:${e.listing.id}:${i}:${j}`, p, atMs));
    });
  }
  return { started, ended };
}

/** The promotions shown at the end of the week, each dated from when it first appeared without a break. */
function running(ctx: DigestContext, e: Entry, w: Week, keyOf: KeyOf): PromotionEvent[] {
  if (!ctx.live(e, w)) return [];
  const i = e.series.indexAt('promotions', w.closeMs);
  if (i < 0) return [];
  const points = e.series.points('promotions');
  return points[i].value.map((p, j) => {
    const key = keyOf(p);
    let first = i;
    while (first > 0 && points[first - 1].value.some((q) => keyOf(q) === key)) first--;
    return event(ctx, e, `promo:${e.listing.id}:${j}`, p, e.series.startMs('promotions', first));
  });
}

export function promotions(ctx: DigestContext): {
  started: PromotionEvent[];
  ended: PromotionEvent[];
  running: PromotionEvent[];
  byType: PromotionTypeSummary[];
  byCompetitor: CompetitorPromotions[];
} {
  const { W, P } = ctx;
  const keys = new Map<Promotion, string>();
  const keyOf: KeyOf = (p) => {
    let key = keys.get(p);
    if (key === undefined) {
      key = promotionKey(p);
      keys.set(p, key);
    }
    return key;
  };
  const perEntry = ctx.perEntry((e) => ({
    now: ctx.inScope(e, W) ? { ...transitions(ctx, e, W, keyOf), running: running(ctx, e, W, keyOf) } : null,
    previousStarted: ctx.inScope(e, P) ? transitions(ctx, e, P, keyOf).started.length : null,
  }));
  const started: PromotionEvent[] = [];
  const ended: PromotionEvent[] = [];
  const run: PromotionEvent[] = [];
  const previousStarted = new Map<string, number>();
  for (const e of ctx.entries) {
    const { now, previousStarted: n } = perEntry[e.index];
    if (now) {
      started.push(...now.started);
      ended.push(...now.ended);
      run.push(...now.running);
    }
    if (n !== null) previousStarted.set(e.listing.competitor, (previousStarted.get(e.listing.competitor) ?? 0) + n);
  }
  const types = [...new Set([...started, ...ended, ...run].map((p) => p.type))].sort() as PromotionType[];
  const byType = types.map((type) => {
    const depths = run.filter((p) => p.type === type && p.depthPct !== null).map((p) => p.depthPct as number);
    const avg = mean(depths);
    return {
      type,
      started: started.filter((p) => p.type === type).length,
      ended: ended.filter((p) => p.type === type).length,
      running: run.filter((p) => p.type === type).length,
      averageDepthPct: avg === null ? null : round(avg, 1),
      maxDepthPct: depths.length ? Math.max(...depths) : null,
    };
  });
  const byCompetitor = ctx.competitors().map((competitor) => ({
    competitor,
    started: started.filter((p) => p.ref.competitor === competitor).length,
    ended: ended.filter((p) => p.ref.competitor === competitor).length,
    running: run.filter((p) => p.ref.competitor === competitor).length,
    previousStarted: previousStarted.get(competitor) ?? 0,
  }));
  const byDepth = (a: PromotionEvent, b: PromotionEvent) => (b.depthPct ?? -1) - (a.depthPct ?? -1) || (a.id < b.id ? -1 : 1);
  return { started: started.sort(byDepth), ended: ended.sort(byDepth), running: run.sort(byDepth), byType, byCompetitor };
}

/**
 * Claimed discounts shown during the week ("was" price above the selling price), checked against
 * the lowest selling price of the 30 days before the claim appeared (the EU Omnibus rule).
 */
export function discountClaims(ctx: DigestContext): { checked: number; unverifiable: number; misleading: DiscountClaim[] } {
  const { W } = ctx;
  const perEntry = ctx.perEntry((e) => {
    const found = { checked: 0, unverifiable: 0, misleading: [] as DiscountClaim[] };
    if (!ctx.read(e, W)) return found;
    const s = e.series;
    const last = s.indexAt('listPrice', W.closeMs);
    if (last < 0) return found;
    const points = s.points('listPrice');
    for (let i = Math.max(0, s.indexAt('listPrice', W.startMs)); i <= last; i++) {
      const was = points[i].value;
      if (!was) continue;
      const claimMs = s.startMs('listPrice', i);
      const untilMs = Math.min(W.endMs, i + 1 < points.length ? s.startMs('listPrice', i + 1) : Infinity) - 1;
      const price = s.at('price', untilMs);
      if (!price || price.currency !== was.currency || was.amountMinor <= price.amountMinor) continue;
      found.checked++;
      const windowMs = claimMs - 30 * DAY_MS;
      const prices = s.points('price');
      let low: Money | null = null;
      for (let j = Math.max(0, s.indexAt('price', windowMs)); j < prices.length && s.startMs('price', j) < claimMs; j++) {
        const v = prices[j].value;
        if (v && v.currency === was.currency && (!low || v.amountMinor < low.amountMinor)) low = v;
      }
      const firstPriceMs = s.firstMs('price');
      if (!low || firstPriceMs === null) {
        found.unverifiable++;
        continue;
      }
      if (was.amountMinor <= low.amountMinor) continue;
      found.misleading.push({
        id: `claim:${e.listing.id}:${i}`,
        ref: e.ref,
        wasPrice: was,
        price,
        claimedPct: round(((was.amountMinor - price.amountMinor) / was.amountMinor) * 100, 1),
        low30: low,
        realPct: round(((low.amountMinor - price.amountMinor) / low.amountMinor) * 100, 1),
        claimSince: points[i].at,
        daysCovered: Math.min(30, Math.floor((claimMs - Math.max(windowMs, firstPriceMs)) / DAY_MS)),
      });
    }
    return found;
  });
  let checked = 0;
  let unverifiable = 0;
  const misleading: DiscountClaim[] = [];
  for (const found of perEntry) {
    checked += found.checked;
    unverifiable += found.unverifiable;
    misleading.push(...found.misleading);
  }
  misleading.sort((a, b) => a.realPct - b.realPct || (a.id < b.id ? -1 : 1));
  return { checked, unverifiable, misleading };
}
