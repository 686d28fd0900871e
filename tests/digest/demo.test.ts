// The demo's simulated days through the real pipeline (demo shops, HTTP crawler, lowdb store),
// then the digest of the week they cover: it must show what the demo shops did that week
// (price moves against the week before, promotions starting and ending, undercuts, a stock-out,
// rating moves) and recommend actions backed by that evidence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops, SIM_TIME_HEADER, type DemoShops } from '../../server/demo/index.ts';
import { demoConfig } from '../../server/demo-run.ts';
import { validateConfig, type LoadedConfig } from '../../server/config.ts';
import { runCompetitor, syncConfigListings } from '../../server/pipeline.ts';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import { buildDigest } from '../../insights/digest/build.ts';
import { renderHtml } from '../../insights/digest/render/html.ts';
import type { Digest } from '../../insights/digest/types.ts';

/** Shops read over plain HTTP: one with JSON-LD (USD), one Tmall-like (CNY), one German (EUR). */
const SHOPS = ['northwind', 'lexiang', 'elektrohaus'];
const FIRST = Date.parse('2026-11-15T09:00:00Z');
const LAST = Date.parse('2026-11-23T09:00:00Z');

let shops: DemoShops;
let store: Store;
let dir: string;
let digest: Digest;

beforeAll(async () => {
  shops = await startDemoShops({ rateLimit: false });
  dir = mkdtempSync(join(tmpdir(), 'rw-digest-demo-'));
  const full = demoConfig(shops, 0, new Date(FIRST));
  const names = shops.shops.filter((s) => SHOPS.includes(s.id)).map((s) => s.name);
  const config = validateConfig(
    {
      ...full,
      competitors: full.competitors.filter((c) => names.includes(c.name)).map((c) => ({ ...c, renderMode: 'http' })),
      listings: full.listings.filter((l) => l.competitor !== undefined && names.includes(l.competitor)),
    },
    'demo configuration',
  );
  store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  await syncConfigListings(config, store, new Date(FIRST).toISOString());
  for (let t = FIRST; t <= LAST; t += 86_400_000) {
    const at = new Date(t).toISOString();
    shops.setTime(new Date(t));
    await Promise.all(
      config.competitors.map((c) => runCompetitor(config, store, c, { now: () => at, extraHeaders: { [SIM_TIME_HEADER]: at }, politeness: { delayMs: 0 } })),
    );
  }
  const loaded: LoadedConfig = { file: join(dir, 'rivalwatch.config.yaml'), dir, config };
  digest = await buildDigest(store, loaded, '2026-W47', new Date(LAST));
}, 300_000);

afterAll(async () => {
  await store?.close();
  await shops?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the demo's week in a digest", () => {
  it('reads the demo shops and compares the week with the one before', () => {
    expect(digest.summary.hasData).toBe(true);
    expect(digest.summary.read / digest.summary.listings).toBeGreaterThan(0.9);
    expect(digest.priceIndex.overall.index).not.toBeNull();
    expect(digest.priceIndex.overall.change).not.toBeNull();
    expect(digest.prices.movements.some((m) => m.changePct !== 0)).toBe(true);
    expect(digest.previous.campaigns).toEqual(['double11']);
  });

  it('shows promotions started and ended, an undercut, a stock-out and a rating move', () => {
    expect(digest.promotions.started.length).toBeGreaterThan(0);
    expect(digest.promotions.ended.length).toBeGreaterThan(0);
    expect(digest.undercuts.items.length).toBeGreaterThan(0);
    // Elektrohaus runs out of S0E1B100 from the 20th of every month.
    expect(digest.stock.wentOut.some((s) => s.ref.url.includes('S0E1B100'))).toBe(true);
    expect(digest.reviews.changes.some((r) => r.ratingChange !== null && r.ratingChange !== 0)).toBe(true);
  });

  it('recommends actions, each citing evidence that is in the digest and linked in the HTML', () => {
    expect(digest.actions.length).toBeGreaterThan(2);
    expect(new Set(digest.actions.map((a) => a.kind)).size).toBeGreaterThan(2);
    const html = renderHtml(digest, 'en');
    for (const a of digest.actions) {
      expect(a.evidence.length).toBeGreaterThan(0);
      expect(html).toContain(`href="#ev-${a.evidence[0].replace(/[^A-Za-z0-9_-]/g, '_')}"`);
      expect(html).toContain(`id="ev-${a.evidence[0].replace(/[^A-Za-z0-9_-]/g, '_')}"`);
    }
  });
});
