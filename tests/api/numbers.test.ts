// The comparison, statistics, discount check, weekly summary and history against a store whose
// readings (tests/api/fixtures.ts) make every expected number checkable by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, config, cny, daysAgo, NOW, PERCENT_PROMO, THRESHOLD_PROMO, type Fixture } from './fixtures.ts';
import { startTestApi, type TestApi } from './client.ts';

let fx: Fixture;
let t: TestApi;

beforeAll(async () => {
  fx = await buildFixture();
  t = await startTestApi(fx.store, config);
});
afterAll(async () => {
  await t?.api.close();
  await fx?.cleanup();
});

describe('comparison for one of our SKUs', () => {
  it('puts our configured price against every competitor, with differences and the cheapest in stock', async () => {
    const res = await t.call('/api/products/RW-100/comparison');
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.ours).toEqual({ price: cny(199), source: 'config', listingId: null });
    expect(c.offers.map((o: any) => o.listingId)).toEqual([fx.ids.alpha, fx.ids.beta, fx.ids.betaOut]);
    const [alpha, beta, betaOut] = c.offers;
    expect(alpha.price).toEqual(cny(159));
    expect(alpha.listPrice).toEqual(cny(229));
    expect(alpha.effectivePrice).toEqual(cny(127.2));
    expect(alpha.promotions).toEqual([PERCENT_PROMO]);
    expect(alpha.difference).toEqual({ amountMinor: -4000, currency: 'CNY', percent: -20.1 });
    expect(alpha.effectiveDifference).toEqual({ amountMinor: -7180, currency: 'CNY', percent: -36.1 });
    expect(alpha.rating).toBe(4.4);
    expect(alpha.reviewCount).toBe(130);
    expect(beta.difference).toEqual({ amountMinor: -2400, currency: 'CNY', percent: -12.1 });
    expect(betaOut.availability).toBe('out_of_stock');
    // 99.00 is cheaper but out of stock: a buyer cannot take it.
    expect(c.cheapest).toEqual({ listingId: fx.ids.alpha, competitor: 'Alpha', price: cny(127.2), convertedPrice: cny(127.2), difference: { amountMinor: -7180, currency: 'CNY', percent: -36.1 } });
  });

  it('takes our price from our own crawled page when the config has none', async () => {
    const c = (await t.call('/api/products/RW-200/comparison')).body;
    expect(c.ours).toEqual({ price: cny(299), source: 'own-listing', listingId: fx.ids.own });
    expect(c.offers.map((o: any) => o.listingId)).toEqual([fx.ids.alphaToaster]);
    expect(c.offers[0].difference).toEqual({ amountMinor: -1000, currency: 'CNY', percent: -3.3 });
  });

  it('compares a price in another currency through the configured exchange rate', async () => {
    const c = (await t.call('/api/products/RW-300/comparison')).body;
    const usd = c.offers.find((o: any) => o.listingId === fx.ids.usd);
    expect(usd.price).toEqual({ amountMinor: 5000, currency: 'USD' });
    // $50.00 at 0.14 USD per CNY is 357.14 CNY (rounded to the fen), against our 399.00.
    expect(usd.convertedPrice).toEqual(cny(357.14));
    expect(usd.difference).toEqual({ amountMinor: -4186, currency: 'CNY', percent: -10.5 });
    expect(c.cheapest).toMatchObject({ listingId: fx.ids.genuine, price: cny(80), convertedPrice: cny(80) });
  });

  it('answers 404 for a SKU that is not ours', async () => {
    const res = await t.call('/api/products/NOPE/comparison');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown-sku');
  });
});

describe('statistics', () => {
  it('gives current, lowest, highest and time-weighted average per window, lowest ever and out-of-stock share', async () => {
    const s = (await t.call(`/api/listings/${fx.ids.alpha}/statistics`)).body;
    expect(s.price.current).toEqual(cny(159));
    expect(s.price.lowestEver).toEqual(cny(159));
    const [w30, w90, w365] = s.price.windows;
    expect([w30.days, w90.days, w365.days]).toEqual([30, 90, 365]);
    // 30 days: 169.00, 199.00 and 159.00 for 10 days each.
    expect(w30.lowest).toEqual(cny(159));
    expect(w30.highest).toEqual(cny(199));
    expect(w30.average).toEqual({ amountMinor: Math.round((16900 + 19900 + 15900) / 3), currency: 'CNY' });
    // 90 days: 189 ×30, 179 ×20, 169 ×20, 199 ×10, 159 ×10.
    expect(w90.average).toEqual({ amountMinor: Math.round((18900 * 30 + 17900 * 20 + 16900 * 20 + 19900 * 10 + 15900 * 10) / 90), currency: 'CNY' });
    expect(w90.highest).toEqual(cny(199));
    expect(w365.highest).toEqual(cny(199));
    // Out of stock for one day (d-9 to d-8) of 30.
    expect(w30.outOfStockShare).toBeCloseTo(1 / 30, 6);
    expect(s.effectivePrice.current).toEqual(cny(127.2));
    expect(s.effectivePrice.lowestEver).toEqual(cny(127.2));
  });
});

describe('discount check (EU Omnibus)', () => {
  it('flags a "was" price above the lowest price of the 30 days before the reduction', async () => {
    const d = (await t.call(`/api/listings/${fx.ids.alpha}/discount-check`)).body;
    expect(d.verdict).toBe('inflated');
    expect(d.claim).toEqual({ kind: 'list-price', wasPrice: cny(229), price: cny(159), startedAt: daysAgo(10), claimedPercent: 30.6 });
    expect(d.reference).toEqual({ from: daysAgo(40), to: daysAgo(10), lowest: cny(169), complete: true });
    expect(d.realPercent).toBe(5.9);
    expect(d.reason).toMatch(/229\.00 CNY is above the lowest price .* \(169\.00 CNY\)/);
  });

  it('accepts a "was" price the shop really charged for the 30 days before', async () => {
    const d = (await t.call(`/api/listings/${fx.ids.genuine}/discount-check`)).body;
    expect(d.verdict).toBe('genuine');
    expect(d.claim.startedAt).toBe(daysAgo(5));
    expect(d.reference.lowest).toEqual(cny(100));
    expect(d.realPercent).toBe(20);
  });

  it('says "unknown" when the discount is older than the history, and "no-discount" when none is claimed', async () => {
    const fresh = (await t.call(`/api/listings/${fx.ids.fresh}/discount-check`)).body;
    expect(fresh.verdict).toBe('unknown');
    expect(fresh.reference.lowest).toBeNull();
    const beta = (await t.call(`/api/listings/${fx.ids.beta}/discount-check`)).body;
    expect(beta.verdict).toBe('no-discount');
    expect(beta.claim).toBeNull();
  });
});

describe('weekly summary', () => {
  it('compares this week with last week', async () => {
    const w = (await t.call(`/api/listings/${fx.ids.alpha}/weekly`)).body;
    expect(w.thisWeek).toEqual({ from: daysAgo(7), to: NOW.toISOString() });
    expect(w.price.change).toEqual({ amountMinor: 0, currency: 'CNY', percent: 0 });
    expect(w.effectivePrice).toEqual({ now: cny(127.2), weekAgo: cny(159), change: { amountMinor: -3180, currency: 'CNY', percent: -20 } });
    expect(w.promotions.started.map((p: any) => p.promotion.text)).toEqual([PERCENT_PROMO.text]);
    expect(w.promotions.ended).toEqual([{ promotion: THRESHOLD_PROMO, from: daysAgo(10), to: daysAgo(3) }]);
    expect(w.promotions.active).toBe(1);
    expect(w.stock.now).toBe('in_stock');
    expect(w.stock.outOfStockShareThisWeek).toBe(0);
    expect(w.stock.outOfStockShareLastWeek).toBeCloseTo(1 / 7, 6);
    expect(w.rating).toEqual({ now: 4.4, weekAgo: 4.5, delta: -0.1, scale: 5 });
    expect(w.reviews).toEqual({ now: 130, weekAgo: 110, gainedThisWeek: 20, gainedLastWeek: 10 });
  });
});

describe('history and freshness', () => {
  it('returns the change points of the window, promotion periods and our price line', async () => {
    const h = (await t.call(`/api/listings/${fx.ids.alpha}/history?days=30`)).body;
    expect(h.from).toBe(daysAgo(30));
    expect(h.price.map((p: any) => [p.at, p.value.amountMinor])).toEqual([
      [daysAgo(40), 16900],
      [daysAgo(20), 19900],
      [daysAgo(10), 15900],
    ]);
    expect(h.availability.map((p: any) => p.value)).toEqual(['in_stock', 'out_of_stock', 'in_stock']);
    expect(h.promotionPeriods).toEqual([
      { promotion: THRESHOLD_PROMO, from: daysAgo(10), to: daysAgo(3) },
      { promotion: PERCENT_PROMO, from: daysAgo(3), to: null },
    ]);
    expect(h.ours).toEqual([{ at: daysAgo(30), value: cny(199), lastSeenAt: NOW.toISOString() }]);
    const year = (await t.call(`/api/listings/${fx.ids.alpha}/history?days=365`)).body;
    expect(year.price[0]).toMatchObject({ at: daysAgo(120), value: cny(189) });
  });

  it('judges staleness against the competitor schedule (6-hourly: stale after 12 hours)', async () => {
    const fresh = (await t.call(`/api/listings/${fx.ids.alpha}/freshness`)).body;
    expect(fresh).toMatchObject({ stale: false, expectedIntervalMs: 6 * 3_600_000, staleAfterMs: 12 * 3_600_000, ageMs: 2 * 3_600_000 });
    const old = (await t.call(`/api/listings/${fx.ids.beta}/freshness`)).body;
    expect(old.stale).toBe(true);
    expect(old.ageMs).toBe(86_400_000);
  });
});

describe('overlay in one request', () => {
  it('bundles lookup, comparison, history, statistics, discount check, weekly and freshness for a page URL', async () => {
    const o = (await t.call(`/api/overlay?url=${encodeURIComponent(`${fx.urls.alpha}?utm_source=x#reviews`)}&days=30`)).body;
    expect(o.lookup).toMatchObject({ tracked: true, competitor: 'Alpha', product: { sku: 'RW-100', name: 'Electric Kettle 1.7L' }, canTrack: false });
    expect(o.comparison.cheapest.listingId).toBe(fx.ids.alpha);
    expect(o.history.days).toBe(30);
    expect(o.statistics.price.current).toEqual(cny(159));
    expect(o.discount.verdict).toBe('inflated');
    expect(o.weekly.reviews.gainedThisWeek).toBe(20);
    expect(o.freshness.stale).toBe(false);
  });

  it('returns only the lookup for an untracked page', async () => {
    const o = (await t.call(`/api/overlay?url=${encodeURIComponent('https://alpha.example/item/new-thing')}`)).body;
    expect(o.lookup).toMatchObject({ tracked: false, canTrack: true, competitor: 'Alpha' });
    expect(o.comparison).toBeNull();
    expect(o.history).toBeNull();
  });
});
