// End to end through the demo shops, the real crawler and the lowdb store: simulated October 2026
// at the Northwind shop (UTC−5), with the alert engine and dispatcher after every crawl and real
// receivers for the webhook and email channels. What each channel received is checked against the
// demo's ground truth (truth()): a weekend sale (Oct 3–4), a −60 % dump (Oct 12–13), a stock-out
// (Oct 20–23) and a product page that is gone (410) from Oct 15.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops, SIM_TIME_HEADER, type DemoShops } from '../../server/demo/index.ts';
import { validateConfig, type Config } from '../../server/config.ts';
import { runCompetitor, syncConfigListings } from '../../server/pipeline.ts';
import { parseAlertsConfig, type AlertsConfig } from '../../insights/alerts/config.ts';
import { createAlertEngine } from '../../insights/alerts/engine.ts';
import { createDispatcher } from '../../insights/alerts/dispatcher.ts';
import { listAlerts } from '../../insights/alerts/outbox.ts';
import { DOC, type Alert, type GlitchEvent } from '../../insights/alerts/types.ts';
import type { RecordResult } from '../../store/model.ts';
import { startSmtpReceiver, startWebhookReceiver, tempStore, type SmtpReceiver, type WebhookReceiver } from './receivers.ts';

const WATCH = 'stride-smartwatch';
const GONE = 'pulse-speaker-2025-edition';

let shops: DemoShops;
let hook: WebhookReceiver;
let smtp: SmtpReceiver;

beforeAll(async () => {
  shops = await startDemoShops({ rateLimit: false });
  hook = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await shops.close();
  await hook.close();
  await smtp.close();
});

function setup(): { config: Config; alerts: AlertsConfig } {
  const northwind = shops.shops.find((s) => s.id === 'northwind');
  if (!northwind) throw new Error('no northwind demo shop');
  const config = validateConfig(
    {
      shop: { name: 'Us', currency: 'USD' },
      products: [
        // Below Northwind's regular $146 for the watch, so only its sales undercut us.
        { sku: 'RW-SW-110', name: 'Stride Smartwatch', price: '130.00', tags: ['wearables'] },
        { sku: 'RW-SP-300', name: 'Pulse Portable Bluetooth Speaker', price: '49.00', tags: ['audio'] },
      ],
      competitors: [
        {
          name: 'Northwind',
          domains: northwind.domains,
          renderMode: 'http',
          currency: 'USD',
          politeness: { maxConcurrency: 2, delayMs: 0, timeoutMs: 10_000, maxRetries: 1, respectRobotsTxt: true },
        },
      ],
      listings: [
        { url: shops.productUrl('northwind', WATCH), sku: 'RW-SW-110', competitor: 'Northwind' },
        { url: shops.productUrl('northwind', GONE), sku: 'RW-SP-300', competitor: 'Northwind' },
      ],
    },
    'scenario.yaml',
  );
  const alerts = parseAlertsConfig(
    {
      channels: [
        { name: 'pricing-hook', type: 'webhook', format: 'json', url: `${hook.url}/pricing` },
        { name: 'pricing-mail', type: 'email', smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, from: 'rw@us.test', to: ['pricing@us.test'] },
        { name: 'browser', type: 'extension' },
        { name: 'crawler-hook', type: 'webhook', format: 'json', url: `${hook.url}/crawler` },
      ],
      owners: [
        { name: 'pricing', language: 'en', timeZone: 'America/New_York', channels: ['pricing-hook', 'pricing-mail', 'browser'] },
        { name: 'crawler-team', language: 'zh-CN', timeZone: 'Asia/Shanghai', channels: ['crawler-hook'] },
      ],
      rules: [
        { id: 'undercut', kind: 'undercut', owner: 'pricing', warning: { percent: 1 }, critical: { percent: 10 } },
        { id: 'price-drop', kind: 'price_change', owner: 'pricing', direction: 'drop', warning: { percent: 10 }, critical: { percent: 25 } },
        { id: 'promotion', kind: 'promotion', owner: 'pricing', events: ['started', 'ended'], cooldownMinutes: 0 },
        { id: 'out-of-stock', kind: 'out_of_stock', owner: 'pricing' },
        { id: 'back-in-stock', kind: 'back_in_stock', owner: 'pricing' },
        { id: 'listing-gone', kind: 'listing_gone', owner: 'crawler-team' },
        { id: 'extraction-failing', kind: 'extraction_failing', owner: 'crawler-team', warning: { consecutive: 3 } },
        { id: 'price-glitch', kind: 'price_glitch', owner: 'crawler-team' },
      ],
    },
    'scenario.yaml',
  );
  return { config, alerts };
}

/** One pipeline: crawl (with the sim-time header), evaluate, dispatch, as the daemon does. */
async function pipeline(store: Awaited<ReturnType<typeof tempStore>>['store'], config: Config, alerts: AlertsConfig) {
  let simNow = new Date(0);
  const competitor = config.competitors[0];
  const crawl = async (at: Date, listingIds?: string[]): Promise<RecordResult[]> => {
    const iso = at.toISOString();
    const { results } = await runCompetitor(config, store, competitor, { now: () => iso, extraHeaders: { [SIM_TIME_HEADER]: iso }, listingIds });
    return results;
  };
  const engine = createAlertEngine({
    store,
    config,
    alerts,
    now: () => simNow,
    // The immediate re-crawl comes two minutes later in simulated time.
    recrawl: (ids) => crawl(new Date(simNow.getTime() + 2 * 60_000), ids),
  });
  const dispatcher = createDispatcher({ store, alerts, now: () => simNow, random: () => 0.5 });
  return {
    async at(iso: string) {
      simNow = new Date(iso);
      const report = await engine.process(await crawl(simNow));
      await dispatcher.dispatch();
      return report;
    },
    close: () => dispatcher.close(),
  };
}

const day = (d: number, time = '15:00:00') => `2026-10-${String(d).padStart(2, '0')}T${time}.000Z`;

describe('simulated October at Northwind', () => {
  let alerts: Alert[];
  let glitches: number;

  beforeAll(async () => {
    const ctx = await tempStore();
    try {
      const { config, alerts: alertsConfig } = setup();
      await syncConfigListings(config, ctx.store, day(1, '00:00:00'));
      const run = await pipeline(ctx.store, config, alertsConfig);
      for (let d = 1; d <= 28; d++) await run.at(day(d));
      run.close();
      alerts = await listAlerts(ctx.store);
      glitches = (await ctx.store.listDocuments(DOC.glitch)).length;
    } finally {
      await ctx.cleanup();
    }
  });

  const of = (listingUrlPart: string, ruleId: string) =>
    alerts
      .filter((a) => a.subject.url.includes(listingUrlPart) && a.ruleId === ruleId)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((a) => ({ day: Number(a.at.slice(8, 10)), severity: a.severity, condition: a.condition }));

  it('fires an undercut once per episode at the right level', () => {
    // What a buyer pays (truth's effective price) against our $130.00: the weekend sale's $124.09
    // is 4.5 % below (warning), the dump's $57.99 55 % below (critical); other days are above us.
    const gap = (d: number) => ((13000 - shops.truth('northwind', WATCH, day(d)).effectivePriceMinor) / 13000) * 100;
    expect([gap(3), gap(4)].every((g) => g >= 1 && g < 10)).toBe(true);
    expect([gap(12), gap(13)].every((g) => g >= 10)).toBe(true);
    expect([1, 2, 5, 11, 14, 24].every((d) => gap(d) < 0)).toBe(true);
    expect(of(WATCH, 'undercut')).toEqual([
      { day: 3, severity: 'warning', condition: 'undercut' },
      { day: 12, severity: 'critical', condition: 'undercut' },
    ]);
  });

  it('confirms the −60 % dump by re-crawl and alerts the drop once', () => {
    expect(glitches).toBe(0);
    expect(of(WATCH, 'price-drop')).toEqual([
      { day: 3, severity: 'warning', condition: 'drop' },
      { day: 12, severity: 'critical', condition: 'drop' },
    ]);
  });

  it('fires promotion start and end', () => {
    const weekend = alerts.filter((a) => a.subject.url.includes(WATCH) && a.ruleId === 'promotion' && a.messages.en.includes('Weekend Sale'));
    expect(weekend.map((a) => [Number(a.at.slice(8, 10)), a.condition.split(':')[0]]).sort()).toEqual([
      [3, 'started'],
      [5, 'ended'],
    ]);
    expect(weekend.find((a) => a.condition.startsWith('started'))?.messages.en).toMatch(/^\[WARNING\] Northwind started a promotion on RW-SW-110 'Stride Smartwatch': Weekend Sale: 15% off/);
  });

  it('fires out of stock and back in stock on the days the shop changed', () => {
    const days = Array.from({ length: 28 }, (_, i) => i + 1);
    const out = days.filter((d) => shops.truth('northwind', WATCH, day(d)).availability === 'out_of_stock');
    expect(out.length).toBeGreaterThan(0);
    expect(of(WATCH, 'out-of-stock').map((a) => a.day)).toEqual([out[0]]);
    expect(of(WATCH, 'back-in-stock').map((a) => a.day)).toEqual([out[out.length - 1] + 1]);
  });

  it('tells the crawler team in Chinese when a page is gone', () => {
    const gone = alerts.filter((a) => a.ruleId === 'listing-gone');
    expect(gone).toHaveLength(1);
    expect(gone[0].subject.url).toContain(GONE);
    expect(Number(gone[0].at.slice(8, 10))).toBe(15);
    expect(gone[0].messages['zh-CN']).toMatch(/^【警告】竞品 Northwind 的「Pulse Portable Bluetooth Speaker」\(RW-SP-300\)页面已失效/);
  });

  it('delivered every alert exactly once on each of its channels', () => {
    const pricing = alerts.filter((a) => a.owner === 'pricing');
    const crawlerTeam = alerts.filter((a) => a.owner === 'crawler-team');
    const received = (path: string) => hook.received.filter((r) => r.path === path).map((r) => r.body.alerts[0].eventKey as string);
    expect(received('/pricing').sort()).toEqual(pricing.map((a) => a.eventKey).sort());
    expect(received('/crawler').sort()).toEqual(crawlerTeam.map((a) => a.eventKey).sort());
    expect(smtp.messages).toHaveLength(pricing.length);
    for (const a of alerts) expect(Object.values(a.delivery).every((d) => d.status === 'delivered')).toBe(true);
    expect(hook.received.every((r) => r.body.alerts[0].messages['zh-CN'].length > 0)).toBe(true);
  });
});

describe('a one-crawl glitch', () => {
  it('is refuted by the re-crawl: a data-quality alert, no price alert', async () => {
    const ctx = await tempStore();
    try {
      const { config, alerts: alertsConfig } = setup();
      await syncConfigListings(config, ctx.store, day(1, '00:00:00'));
      const run = await pipeline(ctx.store, config, alertsConfig);
      await run.at(day(11));
      // 23:58 on the 13th in the shop's time zone: the last minutes of the dump; the re-crawl two
      // minutes later sees the regular price again, so the dump reading stands alone.
      const before = hook.received.length;
      expect(shops.truth('northwind', WATCH, '2026-10-14T04:58:00Z').priceMinor).toBeLessThan(6000);
      expect(shops.truth('northwind', WATCH, '2026-10-14T05:00:00Z').priceMinor).toBeGreaterThan(14000);
      const report = await run.at('2026-10-14T04:58:00.000Z');
      expect(report.glitches).toHaveLength(1);
      expect(report.glitches[0]).toMatchObject({ field: 'price', glitch: { amountMinor: 5799, currency: 'USD' }, recrawled: { amountMinor: 14599 } });
      await run.at(day(14));
      run.close();

      const fired = (await listAlerts(ctx.store)).filter((a) => a.subject.url.includes(WATCH));
      expect(fired.map((a) => a.ruleId)).toEqual(['price-glitch']);
      expect(fired[0].owner).toBe('crawler-team');
      expect(fired[0].messages['zh-CN']).toContain('复抓为 US$145.99，未发送价格告警');
      const sent = hook.received.slice(before).filter((r) => r.body.alerts[0].subject.url.includes(WATCH));
      expect(sent.map((r) => [r.path, r.body.alerts[0].ruleId])).toEqual([['/crawler', 'price-glitch']]);
      const stored = await ctx.store.listDocuments<GlitchEvent>(DOC.glitch);
      expect(stored).toHaveLength(1);
    } finally {
      await ctx.cleanup();
    }
  });
});
