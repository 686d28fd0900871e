// The engine over a real store: suspicious moves confirmed or refuted by the re-crawl, a re-crawl
// that fails, our price read from our own page, and state that survives a new engine (restart).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { validateConfig, type Config } from '../../server/config.ts';
import type { Extraction, Observation } from '../../store/model.ts';
import { parseAlertsConfig } from '../../insights/alerts/config.ts';
import { createAlertEngine } from '../../insights/alerts/engine.ts';
import { listAlerts } from '../../insights/alerts/outbox.ts';
import { tempStore } from './receivers.ts';

const cny = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });
function page(price: number): Extraction {
  return {
    title: 'Widget', price: cny(price), priceRange: null, listPrice: null, effectivePrice: null, promotions: [], availability: 'in_stock',
    rating: null, ratingScale: null, reviewCount: null, positiveRate: null, sku: null, gtin: null, brand: null, image: null,
    canonicalUrl: null, sources: {}, rejected: [], notes: [],
  };
}
const at = (h: number) => new Date(Date.UTC(2024, 5, 1, h)).toISOString();

let ctx: Awaited<ReturnType<typeof tempStore>>;
let listingId: string;
const alertsConfig = parseAlertsConfig(undefined, 'test');

beforeEach(async () => {
  ctx = await tempStore();
  listingId = (await ctx.store.addListing({ url: 'https://shop.test/a', competitor: 'Acme', sku: 'SKU-1' }, at(0))).listing.id;
});
afterEach(async () => {
  await ctx.cleanup();
});

const ok = (id: string, h: number, price: number): Observation => ({ listingId: id, url: 'https://shop.test/a', at: at(h), via: 'http', ok: true, httpStatus: 200, extraction: page(price) });
const configWith = (product: Record<string, unknown>): Config =>
  validateConfig({ shop: { name: 'Us', currency: 'CNY' }, products: [{ sku: 'SKU-1', name: 'Widget', ...product }] }, 'test');

function engineWith(config: Config, recrawlPrice: number | 'fail' | 'throw') {
  let clock = at(0);
  const engine = createAlertEngine({
    store: ctx.store,
    config,
    alerts: alertsConfig,
    now: () => new Date(clock),
    recrawl: async (ids) => {
      if (recrawlPrice === 'throw') throw new Error('shop unreachable');
      const when = Date.parse(clock) + 60_000;
      return ctx.store.recordObservations(
        ids.map((id) =>
          recrawlPrice === 'fail'
            ? { listingId: id, url: 'https://shop.test/a', at: new Date(when).toISOString(), via: 'http' as const, ok: false as const, httpStatus: 503, failure: { kind: 'http' as const, reason: 'HTTP 503' } }
            : { ...ok(id, 0, recrawlPrice), at: new Date(when).toISOString() },
        ),
      );
    },
  });
  return {
    async crawl(h: number, price: number) {
      clock = at(h);
      return engine.process(await ctx.store.recordObservations([ok(listingId, h, price)]));
    },
  };
}

it('alerts a dump the re-crawl confirms', async () => {
  const run = engineWith(configWith({ price: '1199.00' }), 399);
  await run.crawl(1, 1299);
  const report = await run.crawl(2, 399);
  expect(report.glitches).toEqual([]);
  expect(report.alerts.map((a) => `${a.ruleId}:${a.severity}`).sort()).toEqual(['price-drop:critical', 'undercut:critical']);
  expect(report.awaitingConfirmation).toEqual([]);
});

it('records a glitch the re-crawl refutes, and alerts nobody about prices', async () => {
  const run = engineWith(configWith({ price: '1199.00' }), 1299);
  await run.crawl(1, 1299);
  const report = await run.crawl(2, 12.99);
  expect(report.alerts.map((a) => a.ruleId)).toEqual(['price-glitch']);
  expect(report.glitches[0]).toMatchObject({ listingId, previous: cny(1299), glitch: cny(12.99), recrawled: cny(1299) });
  expect((await run.crawl(3, 1299)).alerts).toEqual([]);
});

it('keeps a move held when the re-crawl fails, and lets the next crawl decide', async () => {
  for (const outcome of ['fail', 'throw'] as const) {
    const run = engineWith(configWith({ price: '1199.00' }), outcome);
    const id = (await ctx.store.addListing({ url: `https://shop.test/${outcome}`, competitor: 'Acme', sku: 'SKU-1' }, at(0))).listing.id;
    listingId = id;
    await run.crawl(1, 1299);
    const held = await run.crawl(2, 399);
    expect(held.alerts.filter((a) => a.subject.listingId === id)).toEqual([]);
    expect(held.awaitingConfirmation).toContain(id);
    const confirmed = await run.crawl(3, 399);
    expect(confirmed.alerts.filter((a) => a.subject.listingId === id).map((a) => a.ruleId).sort()).toEqual(['price-drop', 'undercut']);
    expect(confirmed.awaitingConfirmation).not.toContain(id);
  }
});

it('compares with our own page when the config has no price for the SKU', async () => {
  const config = configWith({ url: 'https://us.test/widget' });
  const own = (await ctx.store.addListing({ url: 'https://us.test/widget', competitor: 'Us', sku: 'SKU-1', own: true }, at(0))).listing.id;
  const run = engineWith(config, 0);
  await ctx.store.recordObservations([ok(own, 1, 1000)]);
  const first = await run.crawl(1, 1050);
  expect(first.alerts.filter((a) => a.ruleId === 'undercut')).toEqual([]);
  const engine = createAlertEngine({ store: ctx.store, config, alerts: alertsConfig, now: () => new Date(at(2)) });
  // Our page goes up to 1150 and the competitor stays: the same crawl batch carries both.
  const report = await engine.process(await ctx.store.recordObservations([ok(own, 2, 1150), ok(listingId, 2, 1050)]));
  expect(report.alerts.map((a) => [a.ruleId, a.subject.listingId, a.messages.en])).toEqual([
    ['undercut', listingId, expect.stringContaining('CN¥1,050.00 (was CN¥1,050.00) vs our CN¥1,150.00 (−8.7%')],
  ]);
});

it('a new engine (a restart) neither repeats nor forgets a holding condition', async () => {
  const config = configWith({ price: '1199.00' });
  const first = engineWith(config, 0);
  await first.crawl(1, 1099);
  expect((await listAlerts(ctx.store)).map((a) => a.ruleId)).toEqual(['undercut']);
  const second = engineWith(config, 0);
  expect((await second.crawl(2, 1099)).alerts).toEqual([]);
  expect((await second.crawl(3, 1200)).alerts).toEqual([]);
  expect((await second.crawl(4, 1099)).alerts.map((a) => a.eventKey)).toEqual([`undercut|${listingId}|undercut|ep2|warning`]);
});

it('says once that a site blocks us, and re-arms only after a crawl of it with no page blocked', async () => {
  const config = configWith({ price: '1199.00' });
  const other = (await ctx.store.addListing({ url: 'https://shop.test/b', competitor: 'Acme', sku: 'SKU-1' }, at(0))).listing.id;
  const engine = createAlertEngine({ store: ctx.store, config, alerts: alertsConfig, now: () => new Date(at(9)) });
  const blockedObs = (id: string, h: number): Observation => ({
    listingId: id, url: 'https://shop.test/x', at: at(h), via: 'http', ok: false, httpStatus: 200,
    failure: { kind: 'blocked', reason: 'the site shows a bot check instead of the product page' },
  });
  const crawl = async (h: number, blocked: string[], fine: string[]) =>
    (await engine.process(await ctx.store.recordObservations([...blocked.map((id) => blockedObs(id, h)), ...fine.map((id) => ok(id, h, 1299))]))).alerts.map((a) => `${a.ruleId}:${a.severity}`);
  expect(await crawl(1, [listingId, other], [])).toEqual([]);
  expect(await crawl(2, [listingId, other], [])).toEqual(['blocked:warning']);
  expect(await crawl(3, [other], [listingId])).toEqual([]);
  expect(await crawl(4, [listingId, other], [])).toEqual([]);
  expect(await crawl(5, [], [listingId, other])).toEqual([]);
  expect(await crawl(6, [listingId], [other])).toEqual([]);
  expect(await crawl(7, [listingId], [other])).toEqual(['blocked:warning']);
});
