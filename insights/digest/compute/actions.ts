// Recommended actions: a short list ranked by a score, each built only from figures already in the
// digest and pointing at them by id. Scores weigh breadth (how many SKUs) by depth (how many
// percent); price actions count less in a campaign week, when deep cuts are expected and temporary.
import type { Action, Digest } from '../types.ts';
import { round } from '../series.ts';
import type { DigestContext } from './context.ts';

type Sections = Pick<Digest, 'prices' | 'promotions' | 'discounts' | 'undercuts' | 'stock' | 'reviews' | 'dataQuality' | 'segments' | 'priceIndex'>;

const CAMPAIGN_WEIGHT = 0.6;

function unique(xs: readonly string[], n = 3): string[] {
  return [...new Set(xs)].slice(0, n);
}

export function recommendActions(ctx: DigestContext, s: Sections): Action[] {
  const t = ctx.options.thresholds;
  const campaign = ctx.W.campaigns[0] ?? null;
  const priceWeight = campaign ? CAMPAIGN_WEIGHT : 1;
  const actions: Action[] = [];
  const push = (a: Omit<Action, 'score'> & { score: number }) => actions.push({ ...a, score: round(a.score, 1) });

  for (const u of s.undercuts.byCompetitor) {
    const items = s.undercuts.items.filter((i) => i.ref.competitor === u.competitor);
    push({
      id: `action:undercut:${u.competitor}`,
      kind: 'undercut',
      score: u.skus * u.averageGapPct * priceWeight,
      competitor: u.competitor,
      params: { skus: u.skus, averageGapPct: u.averageGapPct, since: u.since, sinceFirstReading: u.sinceFirstReading ? 1 : 0, newThisWeek: u.newThisWeek, campaign },
      products: unique(items.map((i) => i.ref.product)),
      evidence: items.map((i) => i.id),
    });
  }

  const sold = (sku: string) => ctx.ourPriceAt(sku, ctx.W.closeMs) !== null;
  for (const competitor of ctx.competitors()) {
    const out = s.stock.out.filter((o) => o.ref.competitor === competitor && sold(o.ref.sku));
    if (out.length > 0) {
      push({
        id: `action:stock-opportunity:${competitor}`,
        kind: 'stock-opportunity',
        score: 12 * new Set(out.map((o) => o.ref.sku)).size,
        competitor,
        params: { skus: new Set(out.map((o) => o.ref.sku)).size, since: out.map((o) => o.at).sort()[0] },
        products: unique(out.map((o) => o.ref.product)),
        evidence: out.map((o) => o.id),
      });
    }
    const deep = s.promotions.started.filter((p) => p.ref.competitor === competitor && (p.depthPct ?? 0) >= t.deepPromotionPct && sold(p.ref.sku));
    if (deep.length > 0) {
      const maxDepthPct = Math.max(...deep.map((p) => p.depthPct ?? 0));
      push({
        id: `action:counter-promotion:${competitor}`,
        kind: 'counter-promotion',
        score: (deep.length * maxDepthPct * priceWeight) / 2,
        competitor,
        params: { count: deep.length, maxDepthPct, campaign },
        products: unique(deep.map((p) => p.ref.product)),
        evidence: deep.map((p) => p.id),
      });
    }
    const claims = s.discounts.misleading.filter((c) => c.ref.competitor === competitor);
    if (claims.length > 0) {
      push({
        id: `action:misleading-discount:${competitor}`,
        kind: 'misleading-discount',
        score: 4 * claims.length,
        competitor,
        params: { count: claims.length, claimedPct: Math.max(...claims.map((c) => c.claimedPct)) },
        products: unique(claims.map((c) => c.ref.product)),
        evidence: claims.map((c) => c.id),
      });
    }
    const dumps = s.prices.movements.filter((m) => {
      const to = ctx.inCurrency(m.to);
      return m.ref.competitor === competitor && m.changePct <= -t.dumpPct && m.ours !== null && to !== null && to.amountMinor < m.ours.amountMinor;
    });
    if (dumps.length > 0) {
      const deepest = dumps.reduce((a, b) => (b.changePct < a.changePct ? b : a));
      push({
        id: `action:price-dump:${competitor}`,
        kind: 'price-dump',
        score: (-deepest.changePct * 3 + 5 * (dumps.length - 1)) * priceWeight,
        competitor,
        params: { count: dumps.length, dumpPct: t.dumpPct, changePct: deepest.changePct, from: deepest.from, to: deepest.to, ours: deepest.ours, campaign },
        products: unique(dumps.map((m) => m.ref.product)),
        evidence: dumps.map((m) => m.id),
      });
    }
    const falling = s.reviews.changes.filter((r) => r.ref.competitor === competitor && (r.spike || (r.ratingChange !== null && r.ratingChange <= -t.ratingMove)));
    if (falling.length > 0) {
      const worst = falling.reduce((a, b) => ((b.ratingChange ?? 0) < (a.ratingChange ?? 0) ? b : a));
      push({
        id: `action:competitor-reviews:${competitor}`,
        kind: 'competitor-reviews',
        score: 25 * falling.filter((r) => r.spike).length + Math.abs(Math.min(0, worst.ratingChange ?? 0)) * 100 + 5 * (falling.length - 1),
        competitor,
        params: {
          count: falling.length,
          rating: worst.rating,
          previousRating: worst.previousRating,
          newNegative: falling.reduce((n, r) => n + Math.max(0, r.newNegative ?? 0), 0),
        },
        products: unique(falling.map((r) => r.ref.product)),
        evidence: falling.map((r) => r.id),
      });
    }
    const cov = s.dataQuality.coverage.find((c) => c.competitor === competitor);
    if (cov && cov.listings > 0 && (cov.read / cov.listings) * 100 < t.minCoveragePct) {
      const unread = s.dataQuality.notRead.filter((n) => n.ref.competitor === competitor);
      const kinds = unread.map((n) => n.failureKind ?? n.reason);
      const main = kinds.sort((a, b) => kinds.filter((k) => k === b).length - kinds.filter((k) => k === a).length)[0] ?? null;
      push({
        id: `action:fix-crawling:${competitor}`,
        kind: 'fix-crawling',
        score: 20 + cov.notRead,
        competitor,
        params: { notRead: cov.notRead, listings: cov.listings, reason: main },
        products: [],
        evidence: unread.map((n) => n.id),
      });
    }
  }

  const above = [
    { kind: 'overall', name: '', figure: s.priceIndex.overall },
    ...s.segments.map((g) => ({ kind: g.kind, name: g.name, figure: g.priceIndex })),
  ];
  for (const a of above) {
    const idx = a.figure.index;
    if (idx === null || idx < 100 + t.pricedAbovePct) continue;
    push({
      id: `action:priced-above:${a.kind}:${a.name}`,
      kind: 'priced-above',
      score: ((idx - 100) * a.figure.matchedSkus) / 2,
      competitor: null,
      params: { segmentKind: a.kind, segment: a.name, index: idx, matchedSkus: a.figure.matchedSkus },
      products: [],
      evidence: [a.kind === 'overall' ? 'index:overall' : `segment:${a.kind}:${a.name}`],
    });
  }

  return actions.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, ctx.options.maxActions);
}
