// `rivalwatch start` as a process: it catches up the run it never made, serves the API, and on
// SIGTERM finishes the pages in flight, writes them and releases the store.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT, tempDir } from './helpers.ts';
import { startDemoShops, type DemoShops } from '../../server/demo/index.ts';
import { LowdbStore } from '../../store/lowdb.ts';

describe('rivalwatch start', () => {
  let t: ReturnType<typeof tempDir>;
  let shops: DemoShops;

  beforeAll(async () => {
    t = tempDir('rw-daemon-');
    shops = await startDemoShops({ port: 0, latencyMs: 150 });
    const northwind = shops.shops.find((s) => s.id === 'northwind')!;
    const ids = northwind.productIds.slice(0, 8);
    writeFileSync(
      join(t.dir, 'rivalwatch.config.yaml'),
      stringify({
        shop: { name: 'Us', currency: 'USD', timeZone: 'UTC' },
        server: { host: '127.0.0.1', port: 0 },
        products: [...new Set(ids.map((id) => shops.truth('northwind', id, new Date()).sku))].map((sku) => ({ sku, name: sku, price: '10.00' })),
        competitors: [{ name: 'Northwind', domains: northwind.domains, schedule: '0 3 * * *', renderMode: 'http', politeness: { maxConcurrency: 1, delayMs: 300 } }],
        listings: ids.map((id) => ({ url: shops.productUrl('northwind', id), sku: shops.truth('northwind', id, new Date()).sku })),
      }),
    );
  });
  afterAll(async () => {
    await shops.close();
    t.cleanup();
  });

  it('runs the missed run at start and stops cleanly on SIGTERM with the pages in flight written', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rivalwatch.mjs'), 'start', '--no-jitter'], { cwd: t.dir, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // Wait until the API is up (the catch-up run is under way by then), then stop mid-run.
    const deadline = Date.now() + 60_000;
    while (!/API:\s+http/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/API:\s+http/);
    await new Promise((r) => setTimeout(r, 1200));
    child.kill('SIGTERM');
    const code = await exited;
    expect(code, out).toBe(0);
    expect(out).toMatch(/SIGTERM: finishing the pages in flight/);
    expect(out).toMatch(/Stopped\./);

    // The lock is released (a writer can open the store) and what was crawled is there.
    const store = await LowdbStore.open(join(t.dir, '.rivalwatch', 'store.json'));
    const listings = await store.listListings();
    const histories = await store.getHistories(listings.map((l) => l.id));
    const checked = histories.filter((h) => h.lastCheckedAt);
    expect(checked.length).toBeGreaterThan(0);
    for (const h of checked) expect(h.fields.availability.length).toBeGreaterThan(0);
    await store.close();
  }, 120_000);
});
