// API benchmark: page lookup and the overlay's one-request bundle over 10,000 listings with a
// year of history, against GET /api/health (same server, same HTTP path, no store work) measured
// in the same run. Target: lookup p99 under 20 ms on the shared 2-core machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LowdbStore } from '../store/lowdb.ts';
import type { Extraction, Observation } from '../store/model.ts';
import { validateConfig } from '../server/config.ts';
import { startApi } from '../server/api/index.ts';
import { ensureToken } from '../server/api/token.ts';

const LISTINGS = 10_000;
const COMPETITORS = 5;
const DAYS = 365;
/** A listing's price moves about once a week: a year is ~52 change points per listing. */
const CHANGE_EVERY_DAYS = 7;
const REQUESTS = 2_000;
const WARMUP = 200;
const NOW = new Date('2025-06-30T00:00:00.000Z');

function extraction(i: number, step: number): Extraction {
  const price = 10_000 + (i % 700) * 100 + ((i * 31 + step * 17) % 23) * 100;
  const onSale = (i + step) % 5 === 0;
  return {
    title: `Competitor product ${i}`,
    price: { amountMinor: price, currency: 'CNY' },
    priceRange: null,
    listPrice: onSale ? { amountMinor: price + 5_000, currency: 'CNY' } : null,
    effectivePrice: null,
    promotions: onSale ? [{ type: 'threshold', text: '满300减50', threshold: { amountMinor: 30_000, currency: 'CNY' }, amount: { amountMinor: 5_000, currency: 'CNY' } }] : [],
    availability: step % 13 === 0 ? 'out_of_stock' : 'in_stock',
    rating: 4.5,
    ratingScale: 5,
    reviewCount: 100 + step * 3,
    positiveRate: null,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: { price: 'json-ld' },
    rejected: [],
    notes: [],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, paths: () => string, call: (path: string) => Promise<void>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await call(paths());
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const path = paths();
    const t0 = performance.now();
    await call(path);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`  ${label.padEnd(34)} p50 ${result.p50.toFixed(2).padStart(6)} ms   p99 ${result.p99.toFixed(2).padStart(6)} ms`);
  return result;
}

export async function benchApi(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rw-bench-api-'));
  const store = await LowdbStore.open(join(dir, 'store.json'), { writeDelayMs: 3_600_000 });
  try {
    const skus = LISTINGS / COMPETITORS;
    const config = validateConfig(
      {
        shop: { name: 'Bench', currency: 'CNY' },
        products: Array.from({ length: skus }, (_, i) => ({ sku: `OUR-${i}`, name: `Our product ${i}`, price: String(100 + (i % 700)) })),
        competitors: Array.from({ length: COMPETITORS }, (_, c) => ({ name: `c${c}`, domains: [`c${c}.shop.test`] })),
      },
      'bench',
    );
    const urls: string[] = [];
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < LISTINGS; i++) {
      const url = `https://c${i % COMPETITORS}.shop.test/item/${i}`;
      const { listing } = await store.addListing({ url, competitor: `c${i % COMPETITORS}`, sku: `OUR-${Math.floor(i / COMPETITORS)}` }, '2024-01-01T00:00:00Z');
      urls.push(url);
      ids.push(listing.id);
    }
    const steps = Math.floor(DAYS / CHANGE_EVERY_DAYS);
    for (let step = 0; step <= steps; step++) {
      // Listings move on different days of the week, so the history is not in lockstep.
      const batch: Observation[] = ids.map((listingId, i) => ({
        listingId,
        url: urls[i],
        at: new Date(NOW.getTime() - (DAYS - step * CHANGE_EVERY_DAYS - (i % CHANGE_EVERY_DAYS)) * 86_400_000).toISOString(),
        via: 'http',
        ok: true,
        httpStatus: 200,
        extraction: extraction(i, step),
      }));
      await store.recordObservations(batch.filter((o) => Date.parse(o.at) <= NOW.getTime()));
    }
    console.log(`api: ${LISTINGS} listings (${skus} SKUs x ${COMPETITORS} competitors), ${steps + 1} readings each over ${DAYS} days; filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const token = await ensureToken(store);
    const api = await startApi({ store, config, token: () => token, now: () => NOW, port: 0 });
    const headers = { authorization: `Bearer ${token}` };
    const call = async (path: string) => {
      const res = await fetch(`${api.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    let n = 0;
    // Each lookup asks for a different page, linked with tracking parameters and a mobile host.
    const pageUrl = () => {
      const i = (n++ * 7919) % LISTINGS;
      return encodeURIComponent(urls[i].replace('://', '://m.') + `?utm_source=bench&spm=${n}#top`);
    };
    try {
      const base = await measure('GET /api/health (baseline)', () => '/api/health', call);
      const lookup = await measure('GET /api/lookup', () => `/api/lookup?url=${pageUrl()}`, call);
      const overlay = await measure('GET /api/overlay (all panels)', () => `/api/overlay?url=${pageUrl()}&days=365`, call);
      console.log(`  lookup:  p50 ${(lookup.p50 / base.p50).toFixed(1)}x baseline, p99 ${(lookup.p99 / base.p99).toFixed(1)}x baseline; target p99 < 20 ms: ${lookup.p99 < 20 ? 'met' : 'MISSED'}`);
      console.log(`  overlay: p50 ${(overlay.p50 / base.p50).toFixed(1)}x baseline, p99 ${(overlay.p99 / base.p99).toFixed(1)}x baseline`);
    } finally {
      await api.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchApi();
