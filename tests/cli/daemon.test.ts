// `rivalwatch start` as a process: it catches up the run it never made, serves the API, and on
// SIGTERM finishes the pages in flight, writes them and releases the store.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { ROOT, tempDir } from './helpers.ts';
import { LowdbStore } from '../../store/lowdb.ts';

/** A shop whose product pages take a while, so a SIGTERM reliably lands while one is in flight. */
function slowShop(delayMs: number) {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    requested.push(req.url ?? '');
    const n = /\/p\/(\d+)/.exec(req.url ?? '')?.[1] ?? '0';
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><script type="application/ld+json">{"@type":"Product","name":"Item ${n}","offers":{"@type":"Offer","price":"${10 + Number(n)}.00","priceCurrency":"USD","availability":"https://schema.org/InStock"}}</script></head><body><h1>Item ${n}</h1></body></html>`);
    }, delayMs);
  });
  return { server, requested };
}

describe('rivalwatch start', () => {
  let t: ReturnType<typeof tempDir>;
  let shop: ReturnType<typeof slowShop>;
  let base: string;

  beforeAll(async () => {
    t = tempDir('rw-daemon-');
    shop = slowShop(1500);
    await new Promise<void>((r) => shop.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(shop.server.address() as AddressInfo).port}`;
    writeFileSync(
      join(t.dir, 'rivalwatch.config.yaml'),
      stringify({
        shop: { name: 'Us', currency: 'USD', timeZone: 'UTC' },
        server: { host: '127.0.0.1', port: 0 },
        products: [{ sku: 'A', name: 'A', price: '10.00' }],
        competitors: [{ name: 'Slow', domains: [base.replace('http://', '')], schedule: '0 3 * * *', renderMode: 'http', politeness: { maxConcurrency: 1, delayMs: 0 } }],
        listings: [1, 2, 3, 4, 5, 6].map((n) => ({ url: `${base}/p/${n}`, sku: 'A' })),
      }),
    );
  });
  afterAll(async () => {
    await new Promise((r) => shop.server.close(r));
    t.cleanup();
  });

  it('runs the missed run at start and stops cleanly on SIGTERM with the page in flight written', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rivalwatch.mjs'), 'start', '--no-jitter'], { cwd: t.dir, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // The catch-up run starts by itself (never crawled); stop while its second page is in flight.
    const deadline = Date.now() + 90_000;
    while (shop.requested.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(shop.requested.length, out).toBeGreaterThanOrEqual(2);
    child.kill('SIGTERM');
    const code = await exited;
    expect(code, out).toBe(0);
    expect(out).toMatch(/SIGTERM: finishing the pages in flight/);
    expect(out).toMatch(/Stopped\./);

    // The lock is released (a writer can open the store), and every page that was requested,
    // including the one in flight at SIGTERM, is recorded with its price; none was started after.
    const store = await LowdbStore.open(join(t.dir, '.rivalwatch', 'store.json'));
    const listings = await store.listListings();
    const histories = new Map((await store.getHistories(listings.map((l) => l.id))).map((h) => [h.listingId, h]));
    const requested = new Set(shop.requested.map((p) => `${base}${p}`));
    expect(requested.size).toBeLessThan(6);
    for (const l of listings) {
      const h = histories.get(l.id)!;
      if (requested.has(l.url)) expect(h.fields.price.at(-1)?.value, l.url).toMatchObject({ currency: 'USD' });
      else expect(h.lastCheckedAt, l.url).toBeNull();
    }
    await store.close();
  }, 150_000);
});
