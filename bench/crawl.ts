// Crawl benchmark: pages per second through crawlListings against a local shop, with no politeness
// delay and with one, as ratios to a raw fetch of the same pages at the same concurrency measured in
// the same run (the raw fetch neither decodes, extracts, paces nor retries: it is the floor), and to
// raw fetch + extract(), which leaves the crawler's own cost (Crawlee, robots.txt, pacing, records).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { crawlListings, type CrawlOptions } from '../crawler/crawl.ts';
import { launchBrowser } from '../crawler/browser.ts';
import { decodeHtml, extract } from '../crawler/extract/index.ts';
import type { Listing } from '../store/model.ts';

const CONCURRENCY = 2;
const PAGES = 300;
const DELAY_MS = 50;
const DELAYED_PAGES = 40;
const BROWSER_PAGES = 10;

/** A product page of modest weight (~18 KB): JSON-LD, a visible price, navigation and filler. */
function page(i: number): string {
  const ld = { '@context': 'https://schema.org', '@type': 'Product', name: `Bench product ${i}`, sku: `B-${i}`, offers: { '@type': 'Offer', price: `${100 + (i % 900)}.00`, priceCurrency: 'CNY', availability: 'https://schema.org/InStock' } };
  const nav = Array.from({ length: 200 }, (_, k) => `<li><a href="/c/${k}">Category ${k}</a></li>`).join('');
  const filler = Array.from({ length: 120 }, (_, k) => `<p class="desc">Paragraph ${k} about bench product ${i}: materials, care and sizing.</p>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Bench product ${i}</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><ul>${nav}</ul><h1>Bench product ${i}</h1><div class="price">¥${100 + (i % 900)}.00</div>${filler}</body></html>`;
}

async function startShop(): Promise<{ url: string; close: () => Promise<void> }> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /cart/\n');
      return;
    }
    const i = Number(/^\/p\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
    if (Number.isNaN(i)) {
      res.writeHead(404);
      res.end();
      return;
    }
    let body = pages.get(req.url!);
    if (!body) pages.set(req.url!, (body = page(i)));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function listings(base: string, n: number, offset: number): Listing[] {
  return Array.from({ length: n }, (_, k) => ({ id: `b${offset + k}`, url: `${base}/p/${offset + k}`, competitor: 'bench', sku: `S${k}`, status: 'active' as const, addedAt: '2024-01-01T00:00:00.000Z' }));
}

async function rawFetch(urls: string[], withExtract = false): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const res = await fetch(url);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (withExtract) extract(decodeHtml(bytes, res.headers.get('content-type')), { url });
      }
    }),
  );
  return urls.length / ((performance.now() - t0) / 1000);
}

async function crawlRate(items: Listing[], opts: Partial<CrawlOptions> & { delayMs: number }): Promise<{ rate: number; ok: number }> {
  const t0 = performance.now();
  const { observations } = await crawlListings(
    items.map((listing) => ({ listing })),
    {
      competitor: 'bench',
      renderMode: 'http',
      ...opts,
      politeness: { maxConcurrency: CONCURRENCY, delayMs: opts.delayMs, timeoutMs: 30_000, maxRetries: 2, respectRobotsTxt: true },
    },
  );
  return { rate: items.length / ((performance.now() - t0) / 1000), ok: observations.filter((o) => o.ok).length };
}

function line(label: string, rate: number, base: number, note = ''): void {
  console.log(`  ${label.padEnd(44)} ${rate.toFixed(1).padStart(7)} pages/s   ${(rate / base).toFixed(2).padStart(5)}x raw fetch${note ? `   ${note}` : ''}`);
}

export async function benchCrawl(): Promise<void> {
  const shop = await startShop();
  try {
    // Warm both paths (module loading, JIT, keep-alive sockets) outside the measurements.
    await rawFetch(listings(shop.url, 20, 10_000).map((l) => l.url));
    await crawlRate(listings(shop.url, 20, 10_000), { delayMs: 0 });

    const urls = listings(shop.url, PAGES, 0).map((l) => l.url);
    const raw = await rawFetch(urls);
    console.log(`crawl: local shop, ~${Math.round(page(0).length / 1024)} KB pages, concurrency ${CONCURRENCY}`);
    line(`raw fetch, ${PAGES} pages (baseline)`, raw, raw);
    const extracted = await rawFetch(urls, true);
    line(`raw fetch + extract(), ${PAGES} pages`, extracted, raw);
    const fast = await crawlRate(listings(shop.url, PAGES, 0), { delayMs: 0 });
    line(`crawlListings http, no delay, ${PAGES} pages`, fast.rate, raw, `${(fast.rate / extracted).toFixed(2)}x fetch + extract; ${fast.ok}/${PAGES} priced`);
    const polite = await crawlRate(listings(shop.url, DELAYED_PAGES, 20_000), { delayMs: DELAY_MS });
    line(`crawlListings http, delayMs ${DELAY_MS}, ${DELAYED_PAGES} pages`, polite.rate, raw, `bound ${(1000 / DELAY_MS).toFixed(0)} pages/s; ${polite.ok}/${DELAYED_PAGES} priced`);
    const browser = await launchBrowser();
    try {
      const rendered = await crawlRate(listings(shop.url, BROWSER_PAGES, 30_000), { delayMs: 0, renderMode: 'browser', browser });
      line(`crawlListings browser, no delay, ${BROWSER_PAGES} pages`, rendered.rate, raw, `${rendered.ok}/${BROWSER_PAGES} priced`);
    } finally {
      await browser.close();
    }
  } finally {
    await shop.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCrawl();
