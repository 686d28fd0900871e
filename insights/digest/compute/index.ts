// computeDigest: the whole weekly digest from listings and their histories. Pure: the same input
// gives the same digest, so every figure can be reproduced from the store.
import { DIGEST_FORMAT, DIGEST_VERSION, type Digest, type Note } from '../types.ts';
import { DigestContext } from './context.ts';
import type { DigestInput } from './input.ts';
import { PriceIndex, competitorPrices, priceMovements } from './prices.ts';
import { discountClaims, promotions } from './promotions.ts';
import { stock, undercuts } from './market.ts';
import { reviews } from './reviews.ts';
import { assortment, dataQuality, segments } from './coverage.ts';
import { recommendActions } from './actions.ts';

export type { DigestInput, DigestOptions, ProductInfo } from './input.ts';
export { DEFAULT_OPTIONS } from './input.ts';
export { promotionDepth } from './promotions.ts';

export function computeDigest(input: DigestInput): Digest {
  const ctx = new DigestContext(input);
  const { W, P, Y } = ctx;
  const generatedMs = Date.parse(input.generatedAt);
  const partial = !(generatedMs >= W.endMs);
  const yearAgoAvailable = ctx.entries.some((e) => ctx.read(e, Y));

  const index = new PriceIndex(ctx);
  const overall = index.figure(null, null, yearAgoAvailable);
  const movements = priceMovements(ctx);
  const topN = ctx.options.topN;
  const prices = {
    byCompetitor: competitorPrices(ctx, movements, yearAgoAvailable),
    movements,
    drops: movements.filter((m) => m.changePct < 0).slice(0, topN),
    rises: movements.filter((m) => m.changePct > 0).reverse().slice(0, topN),
  };
  const promos = promotions(ctx);
  const under = undercuts(ctx);
  const stk = stock(ctx);
  const quality = dataQuality(ctx);
  const sections = {
    priceIndex: { overall, byCompetitor: index.byCompetitor(null, yearAgoAvailable) },
    prices,
    promotions: promos,
    discounts: discountClaims(ctx),
    undercuts: under,
    stock: stk,
    reviews: reviews(ctx),
    dataQuality: quality,
    segments: segments(ctx, index, { movements, undercuts: under.items, started: promos.started, wentOut: stk.wentOut }, yearAgoAvailable),
  };
  const read = quality.coverage.reduce((n, c) => n + c.read, 0);
  const listings = quality.coverage.reduce((n, c) => n + c.listings, 0);

  const notes: Note[] = [];
  if (read === 0) notes.push({ key: 'no-data', params: { week: W.week } });
  if (partial) notes.push({ key: 'partial-week', params: { week: W.week } });
  if (!yearAgoAvailable) notes.push({ key: 'no-year-ago', params: { week: Y.week } });
  if (W.campaigns.length) notes.push({ key: 'campaign-week', params: { campaigns: W.campaigns.join(', ') } });
  if (P.campaigns.length && P.campaigns.join() !== W.campaigns.join()) notes.push({ key: 'previous-campaign-week', params: { campaigns: P.campaigns.join(', ') } });
  if (quality.otherCurrency.length) notes.push({ key: 'other-currency', params: { count: quality.otherCurrency.length, currency: ctx.currency } });

  return {
    format: DIGEST_FORMAT,
    version: DIGEST_VERSION,
    shop: input.shop,
    currency: ctx.currency,
    timeZone: input.timeZone,
    generatedAt: input.generatedAt,
    partial,
    period: ctx.period(W),
    previous: ctx.period(P),
    yearAgo: { ...ctx.period(Y), available: yearAgoAvailable },
    trendWeeks: ctx.trend.map((t) => t.week),
    trendCampaigns: ctx.trend.map((t) => t.campaigns),
    summary: {
      competitors: ctx.competitors(),
      listings,
      read,
      skus: ctx.products.size,
      matchedSkus: overall.matchedSkus,
      hasData: read > 0,
    },
    ...sections,
    assortment: assortment(ctx),
    actions: recommendActions(ctx, sections),
    notes,
  };
}
