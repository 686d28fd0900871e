// The digest's JSON for fixture weeks against figures worked out independently from the raw
// observations written into a real lowdb store (see oracle.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../insights/digest/build.ts';
import type { Digest } from '../../insights/digest/types.ts';
import { createFixture, WEEK, type DayState, type Fixture } from './fixture.ts';
import { Oracle, W47, Y47, round1, round2, shift } from './oracle.ts';

let fx: Fixture;
let d: Digest;
let o: Oracle;
const NOW = new Date('2026-11-23T03:00:00Z');

beforeAll(async () => {
  fx = await createFixture();
  o = new Oracle(fx.raw);
  d = await buildDigest(fx.store, fx.loaded, WEEK, NOW);
});
afterAll(async () => fx?.cleanup());

const P47 = shift(W47, -1);
const key = (listingId: string) => Object.entries(fx.ids).find(([, id]) => id === listingId)![0];

describe('digest of 2026-W47 against the raw observations', () => {
  it('names the week, its neighbours and the campaign of the week before', () => {
    expect(d.period).toMatchObject({ week: '2026-W47', firstDay: '2026-11-16', lastDay: '2026-11-22', start: new Date(W47.start).toISOString(), end: new Date(W47.end).toISOString(), campaigns: [] });
    expect(d.previous).toMatchObject({ week: '2026-W46', campaigns: ['double11'] });
    expect(d.yearAgo).toMatchObject({ week: '2025-W47', start: new Date(Y47.start).toISOString(), available: true });
    expect(d.partial).toBe(false);
    expect(d.notes.map((n) => n.key)).toEqual(['previous-campaign-week']);
  });

  it('price index overall, per competitor and per category: this week, last week, a year ago and the trend', () => {
    const check = (fig: { index: number | null; previous: number | null; yearAgo: number | null; change: number | null; matchedSkus: number; trend: (number | null)[] }, competitor: string | null, skus?: string[]) => {
      const now = o.index(W47, competitor, skus);
      const prev = o.index(P47, competitor, skus).index;
      const ya = o.index(Y47, competitor, skus).index;
      expect(fig.index).toBe(now.index);
      expect(fig.matchedSkus).toBe(now.matched);
      expect(fig.previous).toBe(prev);
      expect(fig.yearAgo).toBe(ya);
      expect(fig.change).toBe(now.index !== null && prev !== null ? round1(now.index - prev) : null);
      expect(fig.trend).toEqual(Array.from({ length: 12 }, (_, i) => o.index(shift(W47, i - 11), competitor, skus).index));
    };
    check(d.priceIndex.overall, null);
    expect(d.priceIndex.overall.index).not.toBeNull();
    expect(d.priceIndex.byCompetitor.map((c) => c.competitor)).toEqual(['Alpha', 'Beta']);
    for (const c of d.priceIndex.byCompetitor) check(c, c.competitor);
    const kitchen = d.segments.find((s) => s.kind === 'category' && s.name === 'kitchen')!;
    check(kitchen.priceIndex, null, ['A', 'B']);
    const hero = d.segments.find((s) => s.kind === 'tag' && s.name === 'hero')!;
    check(hero.byCompetitor.find((c) => c.competitor === 'Beta')!, 'Beta', ['A', 'C']);
    // The trend starts with weeks without any crawl: no index, not a stale one.
    expect(d.priceIndex.overall.trend.slice(0, 5)).toEqual([null, null, null, null, null]);
  });

  it('price movements: from the price at the start of the week to the price at its end', () => {
    const expected: { key: string; changePct: number; changes: number }[] = [];
    for (const k of o.competitorKeys()) {
      if (!o.inScope(k, W47)) continue;
      const all = o.ok(k);
      let changes = 0;
      all.forEach((x, i) => {
        if (i > 0 && x.t >= W47.start && x.t < W47.end && x.s.price !== all[i - 1].s.price) changes++;
      });
      if (!changes) continue;
      const from = o.lastOk(k, W47.start - 1)!.price;
      const to = o.lastOk(k, W47.end - 1)!.price;
      expected.push({ key: k, changePct: round1(((to - from) / from) * 100), changes });
    }
    const got = d.prices.movements.map((m) => ({ key: key(m.ref.listingId), changePct: m.changePct, changes: m.changes }));
    expect(got.sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
    expect(d.prices.drops.map((m) => key(m.ref.listingId))).toEqual(['alpha-b', 'alpha-a']);
    expect(d.prices.rises.map((m) => key(m.ref.listingId))).toEqual(['beta-c']);
  });

  it('average and minimum price per competitor, week over week, year over year and like for like', () => {
    for (const c of d.prices.byCompetitor) {
      const keys = o.competitorKeys().filter((k) => o.spec(k).competitor === c.competitor);
      const prices = (w: typeof W47) => keys.filter((k) => o.live(k, w)).map((k) => ({ k, p: Math.round(o.lastOk(k, w.end - 1)!.price * 100) }));
      const avg = (w: typeof W47) => {
        const ps = prices(w);
        return ps.length ? Math.round(ps.reduce((a, b) => a + b.p, 0) / ps.length) : null;
      };
      expect(c.priced).toBe(prices(W47).length);
      expect(c.average?.amountMinor ?? null).toBe(avg(W47));
      expect(c.previousAverage?.amountMinor ?? null).toBe(avg(P47));
      expect(c.yearAgoAverage?.amountMinor ?? null).toBe(avg(Y47));
      const min = prices(W47).sort((a, b) => a.p - b.p)[0];
      expect(c.minimum?.price.amountMinor).toBe(min.p);
      const both = keys.filter((k) => o.live(k, W47) && o.live(k, P47));
      const lfl = both.map((k) => (o.lastOk(k, W47.end - 1)!.price - o.lastOk(k, P47.end - 1)!.price) / o.lastOk(k, P47.end - 1)!.price * 100);
      expect(c.likeForLikePct).toBe(round1(lfl.reduce((a, b) => a + b, 0) / lfl.length));
    }
  });

  it('promotions started, ended and running, by type and competitor, with depth', () => {
    const promos = (s: DayState) => (s.promotions ?? []).map((p) => `${p.type}|${p.text}`);
    const started: string[] = [];
    const ended: string[] = [];
    for (const k of o.competitorKeys()) {
      const all = o.ok(k);
      all.forEach((x, i) => {
        if (i === 0 || x.t < W47.start || x.t >= W47.end) return;
        const before = promos(all[i - 1].s);
        const after = promos(x.s);
        after.filter((p) => !before.includes(p)).forEach((p) => started.push(`${k}|${p}`));
        before.filter((p) => !after.includes(p)).forEach((p) => ended.push(`${k}|${p}`));
      });
    }
    const id = (e: { ref: { listingId: string }; type: string; text: string }) => `${key(e.ref.listingId)}|${e.type}|${e.text}`;
    expect(d.promotions.started.map(id).sort()).toEqual(started.sort());
    expect(d.promotions.ended.map(id).sort()).toEqual(ended.sort());
    const running = o.competitorKeys().filter((k) => o.live(k, W47)).flatMap((k) => promos(o.lastOk(k, W47.end - 1)!).map((p) => `${k}|${p}`));
    expect(d.promotions.running.map(id).sort()).toEqual(running.sort());
    expect(started).toEqual(['beta-a|coupon|领券立减15']);
    expect(d.promotions.started[0].depthPct).toBe(round1((15 / 110) * 100));
    expect(d.promotions.ended[0].depthPct).toBe(round1((50 / 300) * 100));
    const alpha = d.promotions.byCompetitor.find((c) => c.competitor === 'Alpha')!;
    // The 双11 flash sale of the week before.
    expect(alpha).toMatchObject({ started: 0, ended: 1, running: 0, previousStarted: 1 });
    expect(d.promotions.byType.find((t) => t.type === 'coupon')).toMatchObject({ started: 1, running: 1, averageDepthPct: 13.6 });
  });

  it('discount honesty: a "was" price above the lowest price of the 30 days before the claim', () => {
    const k = 'alpha-b';
    const claim = o.ok(k).find((x) => x.s.listPrice !== undefined)!;
    const windowStart = claim.t - 30 * 86_400_000;
    const inWindow = [o.lastOk(k, windowStart)!, ...o.ok(k).filter((x) => x.t > windowStart && x.t < claim.t).map((x) => x.s)];
    const low = Math.min(...inWindow.map((s) => s.price));
    expect(d.discounts.checked).toBe(1);
    expect(d.discounts.unverifiable).toBe(0);
    expect(d.discounts.misleading).toHaveLength(1);
    const c = d.discounts.misleading[0];
    expect(key(c.ref.listingId)).toBe(k);
    expect(c.low30.amountMinor).toBe(low * 100);
    expect(c.wasPrice.amountMinor).toBe(claim.s.listPrice! * 100);
    expect(c.claimedPct).toBe(round1(((claim.s.listPrice! - claim.s.price) / claim.s.listPrice!) * 100));
    expect(c.realPct).toBe(round1(((low - claim.s.price) / low) * 100));
    expect(c.claimSince).toBe(new Date(claim.t).toISOString());
  });

  it('undercuts: effective price below ours at the end of the week, by how much, since when', () => {
    const close = W47.end - 1;
    const expected: { key: string; gapPct: number; since: string; sinceFirstReading: boolean }[] = [];
    const best = new Map<string, { k: string; e: number }>();
    for (const k of o.competitorKeys()) {
      if (!o.live(k, W47)) continue;
      const s = o.lastOk(k, close)!;
      const ours = o.ours(o.spec(k).sku, close)!;
      if (s.availability === 'out_of_stock' || o.eff(s) >= ours) continue;
      const id = `${o.spec(k).competitor}|${o.spec(k).sku}`;
      if (!best.has(id) || o.eff(s) < best.get(id)!.e) best.set(id, { k, e: o.eff(s) });
    }
    for (const { k, e } of best.values()) {
      const sku = o.spec(k).sku;
      const ours = o.ours(sku, close)!;
      const times = [...new Set([...o.ok(k).map((x) => x.t), ...(sku === 'D' ? o.ok('own-d').map((x) => x.t) : [])])].filter((t) => t <= close).sort((a, b) => b - a);
      let since = close;
      let open = true;
      for (const t of times) {
        const s = o.lastOk(k, t);
        const our = o.ours(sku, t);
        if (!s || our === null || o.eff(s) >= our) {
          open = false;
          break;
        }
        since = t;
      }
      expected.push({ key: k, gapPct: round1(((ours - e) / ours) * 100), since: new Date(since).toISOString(), sinceFirstReading: open });
    }
    const got = d.undercuts.items.map((u) => ({ key: key(u.ref.listingId), gapPct: u.gapPct, since: u.since, sinceFirstReading: u.sinceFirstReading }));
    expect(got.sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
    expect(expected.map((e) => e.key).sort()).toEqual(['alpha-a', 'alpha-b', 'beta-a', 'beta-d']);
    // Beta's lamp has been cheaper than ours from the first day we read either page.
    expect(expected.filter((e) => e.sinceFirstReading).map((e) => e.key)).toEqual(['beta-d']);
    const beta = d.undercuts.byCompetitor.find((c) => c.competitor === 'Beta')!;
    const betaGaps = expected.filter((e) => o.spec(e.key).competitor === 'Beta').map((e) => e.gapPct);
    expect(beta.skus).toBe(2);
    expect(beta.averageGapPct).toBe(round1(betaGaps.reduce((a, b) => a + b, 0) / betaGaps.length));
    expect(beta.newThisWeek).toBe(1);
  });

  it('stock-outs, returns and what is still out at the end of the week', () => {
    const transitions = (to: (a: string, b: string) => boolean) =>
      o.competitorKeys().filter((k) => {
        const all = o.ok(k);
        return all.some((x, i) => i > 0 && x.t >= W47.start && x.t < W47.end && to(all[i - 1].s.availability ?? 'in_stock', x.s.availability ?? 'in_stock'));
      });
    expect(d.stock.wentOut.map((s) => key(s.ref.listingId))).toEqual(transitions((a, b) => a !== 'out_of_stock' && b === 'out_of_stock'));
    expect(d.stock.returned.map((s) => key(s.ref.listingId))).toEqual(transitions((a, b) => a === 'out_of_stock' && b !== 'out_of_stock'));
    const out = o.competitorKeys().filter((k) => o.live(k, W47) && o.lastOk(k, W47.end - 1)!.availability === 'out_of_stock');
    expect(d.stock.out.map((s) => key(s.ref.listingId))).toEqual(out);
    expect(out).toEqual(['beta-b']);
  });

  it('reviews: rating and count changes, estimated new negative reviews and the spike', () => {
    const k = 'alpha-c';
    const now = o.lastOk(k, W47.end - 1)!;
    const before = o.lastOk(k, P47.end - 1)!;
    const neg = (s: DayState) => Math.round(s.reviewCount! * (1 - s.positiveRate!));
    const r = d.reviews.changes.find((c) => key(c.ref.listingId) === k)!;
    expect(r).toMatchObject({
      rating: now.rating,
      previousRating: before.rating,
      ratingChange: round2(now.rating! - before.rating!),
      newReviews: now.reviewCount! - before.reviewCount!,
      newNegative: neg(now) - neg(before),
      spike: true,
    });
    expect(d.reviews.changes[0].ref.listingId).toBe(fx.ids[k]);
    const betaA = d.reviews.changes.find((c) => key(c.ref.listingId) === 'beta-a')!;
    expect(betaA).toMatchObject({ ratingChange: 0.1, newReviews: 20, newNegative: null, spike: false });
    // Unchanged ratings are not listed.
    expect(d.reviews.changes.some((c) => key(c.ref.listingId) === 'alpha-a')).toBe(false);
  });

  it('assortment and data quality: added, gone, not read and why', () => {
    expect(d.assortment.added.map((r) => key(r.listingId))).toEqual(['beta-e']);
    expect(d.assortment.gone.map((r) => key(r.listingId))).toEqual(['alpha-f']);
    const expectedKeys = o.competitorKeys().filter((k) => o.inScope(k, W47) && (o.goneAt(k) === null || o.goneAt(k)! >= W47.end));
    const notRead = expectedKeys.filter((k) => !o.read(k, W47));
    expect(d.dataQuality.notRead.map((n) => key(n.ref.listingId))).toEqual(notRead);
    expect(d.dataQuality.notRead[0]).toMatchObject({ reason: 'failed', failureKind: 'blocked', failures: o.failures('alpha-b2').length });
    for (const c of d.dataQuality.coverage) {
      const mine = expectedKeys.filter((k) => o.spec(k).competitor === c.competitor);
      expect(c).toMatchObject({ listings: mine.length, read: mine.filter((k) => o.read(k, W47)).length });
    }
    expect(d.summary).toMatchObject({ listings: expectedKeys.length, read: expectedKeys.length - notRead.length, hasData: true, skus: 4 });
  });

  it('recommends ranked actions, each backed by items that exist in the digest', () => {
    const ids = new Set<string>([
      ...d.prices.movements, ...d.promotions.started, ...d.promotions.ended, ...d.promotions.running, ...d.discounts.misleading,
      ...d.undercuts.items, ...d.stock.wentOut, ...d.stock.returned, ...d.stock.out, ...d.reviews.changes, ...d.dataQuality.notRead,
    ].map((x) => x.id));
    for (const s of d.segments) ids.add(`segment:${s.kind}:${s.name}`);
    ids.add('index:overall');
    expect(d.actions.length).toBeGreaterThan(0);
    for (const a of d.actions) {
      expect(a.evidence.length).toBeGreaterThan(0);
      for (const e of a.evidence) expect(ids.has(e), `${a.id} cites ${e}`).toBe(true);
    }
    const scores = d.actions.map((a) => a.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const kinds = new Set(d.actions.map((a) => `${a.kind}:${a.competitor ?? ''}`));
    for (const k of ['undercut:Alpha', 'undercut:Beta', 'price-dump:Alpha', 'stock-opportunity:Beta', 'misleading-discount:Alpha', 'competitor-reviews:Alpha', 'priced-above:']) {
      expect(kinds.has(k), k).toBe(true);
    }
    const alpha = d.actions.find((a) => a.id === 'action:undercut:Alpha')!;
    expect(alpha.params).toMatchObject({ skus: 2, averageGapPct: round1((10 + 20) / 2) });
  });
});

describe('a week without data', () => {
  it('still produces an honest digest', async () => {
    const empty = await buildDigest(fx.store, fx.loaded, '2026-W30', NOW);
    expect(empty.summary.hasData).toBe(false);
    expect(empty.notes.map((n) => n.key)).toContain('no-data');
    expect(empty.priceIndex.overall.index).toBeNull();
    expect(empty.prices.movements).toEqual([]);
    expect(empty.actions.every((a) => a.kind === 'fix-crawling')).toBe(true);
  });

  it('a week still running is marked partial; a week not started is refused', async () => {
    const running = await buildDigest(fx.store, fx.loaded, '2026-W48', NOW);
    expect(running.partial).toBe(true);
    expect(running.notes.map((n) => n.key)).toContain('partial-week');
    await expect(buildDigest(fx.store, fx.loaded, '2026-W49', NOW)).rejects.toThrow(/has not started/);
    await expect(buildDigest(fx.store, fx.loaded, '2026-W60', NOW)).rejects.toThrow(/not a week/);
  });
});
