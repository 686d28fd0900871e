// `rivalwatch alerts list|ack|test` over a real store: the replay of stored history fires what the
// live engine fired (the glitch reported, not alerted), and ack marks alerts read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createContext } from '../../server/context.ts';
import { register } from '../../server/commands/alerts.ts';
import { validateConfig } from '../../server/config.ts';
import { LowdbStore } from '../../store/lowdb.ts';
import type { Extraction, Observation, Promotion } from '../../store/model.ts';
import { parseAlertsConfig } from '../../insights/alerts/config.ts';
import { createAlertEngine } from '../../insights/alerts/engine.ts';
import type { Alert } from '../../insights/alerts/types.ts';

const raw = {
  shop: { name: 'Us', currency: 'CNY', language: 'zh-CN' },
  store: { kind: 'lowdb', path: 'store.json' },
  products: [{ sku: 'SKU-1', name: 'Widget', price: '1199.00' }],
  competitors: [{ name: 'Acme', domains: ['shop.test'] }],
};

const cny = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });
const promo: Promotion = { type: 'threshold', text: '满300减50', threshold: cny(300), amount: cny(50) };

function page(price: number, extra: Partial<Extraction> = {}): Extraction {
  return {
    title: 'Widget by Acme', price: cny(price), priceRange: null, listPrice: null, effectivePrice: null, promotions: [],
    availability: 'in_stock', rating: null, ratingScale: null, reviewCount: null, positiveRate: null, sku: null, gtin: null,
    brand: null, image: null, canonicalUrl: null, sources: {}, rejected: [], notes: [], ...extra,
  };
}

const day = (d: number) => `2024-06-${String(d).padStart(2, '0')}T09:00:00.000Z`;
let dir: string;
let live: Alert[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-alerts-cli-'));
  await writeFile(join(dir, 'rivalwatch.config.yaml'), JSON.stringify(raw));
  const config = validateConfig(raw, 'test');
  const alerts = parseAlertsConfig(undefined, 'test', config.shop);
  const store = await LowdbStore.open(join(dir, 'store.json'), { writeDelayMs: 5 });
  const a = (await store.addListing({ url: 'https://shop.test/a', competitor: 'Acme', sku: 'SKU-1' }, day(1))).listing.id;
  const b = (await store.addListing({ url: 'https://shop.test/b', competitor: 'Acme', sku: 'SKU-1' }, day(1))).listing.id;
  const ok = (id: string, d: number, e: Extraction): Observation => ({ listingId: id, url: 'https://shop.test/x', at: day(d), via: 'http', ok: true, httpStatus: 200, extraction: e });
  const fail = (id: string, d: number): Observation => ({
    listingId: id, url: 'https://shop.test/x', at: day(d), via: 'http', ok: false, httpStatus: 200,
    failure: { kind: 'no-price', reason: 'price missing: the recipe selector `.p-price` matched nothing' },
  });
  let now = new Date(day(1));
  const engine = createAlertEngine({ store, config, alerts, now: () => now });
  const script: Observation[][] = [
    [ok(a, 1, page(1299)), ok(b, 1, page(1299))],
    [ok(a, 2, page(1099, { promotions: [promo] })), fail(b, 2)],
    [ok(a, 3, page(1099, { promotions: [promo], availability: 'out_of_stock' })), fail(b, 3)],
    [ok(a, 4, page(1099)), fail(b, 4)],
    [ok(a, 5, page(129.9)), fail(b, 5)],
    [ok(a, 6, page(1099))],
    [ok(a, 7, page(999))],
  ];
  for (const [i, batch] of script.entries()) {
    now = new Date(day(i + 1));
    await engine.process(await store.recordObservations(batch));
  }
  live = (await store.listDocuments<Alert>('alert')).map((r) => r.doc);
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  const program = new Command('rivalwatch').option('-c, --config <path>').exitOverride();
  register(program, createContext(program));
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  try {
    await program.parseAsync(['node', 'rivalwatch', '--config', join(dir, 'rivalwatch.config.yaml'), ...args]);
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

it('lists alerts with rule, severity, old → new and delivery per channel', async () => {
  const text = await cli('alerts', 'list');
  expect(text).toContain('WARNING  rule undercut (undercut)');
  expect(text).toContain('【警告】竞品 Acme 的「Widget」(SKU-1)价格 ¥1,299.00 → ¥1,099.00，低于我方 ¥1,199.00');
  expect(text).toMatch(/CN¥1,299\.00 → CN¥1,099\.00 {2}\(our CN¥1,199\.00\)/);
  expect(text).toContain('delivery: browser: pending');
  const json = JSON.parse(await cli('alerts', 'list', '--json')) as Alert[];
  expect(json.map((a) => a.id).sort()).toEqual(live.map((a) => a.id).sort());
});

it('the live engine fired what the rules should, and the glitch only as data quality', () => {
  const fired = live.map((a) => `${a.ruleId}@${a.at.slice(8, 10)}:${a.severity}`).sort();
  expect(fired).toEqual([
    'back-in-stock@04:warning',
    'extraction-failing@04:warning',
    'out-of-stock@03:warning',
    'price-drop@02:warning',
    'price-glitch@06:warning',
    'promotion@02:warning',
    'promotion@04:warning',
    'undercut@02:warning',
    'undercut@07:critical',
  ]);
});

it('replays stored history into the same alerts', async () => {
  const report = JSON.parse(await cli('alerts', 'test', '--since', '2024-05-31', '--json'));
  const replayed = report.alerts.map((a: Alert) => a.eventKey).sort();
  expect(replayed).toEqual(live.filter((a) => a.ruleId !== 'price-glitch').map((a) => a.eventKey).sort());
  expect(report.glitches).toMatchObject([{ field: 'price', glitch: cny(129.9), recrawled: cny(1099) }]);
  const one = JSON.parse(await cli('alerts', 'test', '--rule', 'undercut', '--since', '2024-05-31', '--json'));
  expect(one.alerts.map((a: Alert) => a.severity)).toEqual(['warning', 'critical']);
  await expect(cli('alerts', 'test', '--rule', 'nope')).rejects.toThrow(/unknown rule nope/);
});

it('acknowledges one alert and then all', async () => {
  const [first] = JSON.parse(await cli('alerts', 'list', '--json')) as Alert[];
  expect(await cli('alerts', 'ack', first.id)).toBe('Acknowledged 1 alert(s).');
  expect((JSON.parse(await cli('alerts', 'list', '--json')) as Alert[]).map((a) => a.id)).not.toContain(first.id);
  await cli('alerts', 'ack', 'all');
  expect(await cli('alerts', 'list')).toContain('No unread alerts');
  expect(JSON.parse(await cli('alerts', 'list', '--all', '--json'))).toHaveLength(live.length);
});
