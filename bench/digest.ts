// Digest benchmark: the weekly digest of 10,000 listings (2,000 SKUs × 5 competitors) with a year
// of history, read from a real lowdb store, computed and rendered in every format and language.
// Target: under 5 s. Printed beside a baseline measured in the same run on the same data
// (JSON.stringify of the histories the digest reads), since the machines are shared and noisy.
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { LowdbStore } from '../store/lowdb.ts';
import type { Extraction, Observation, Promotion } from '../store/model.ts';
import { validateConfig, type LoadedConfig } from '../server/config.ts';
import { gatherDigestInput, renderDigest } from '../insights/digest/build.ts';
import { computeDigest } from '../insights/digest/compute/index.ts';
import { FORMATS, LANGUAGES } from '../insights/digest/config.ts';

const SKUS = 2_000;
const COMPETITORS = 5;
/** Crawls recorded per listing: every 3.5 days for a year (the store keeps change points only). */
const CRAWLS = 104;
const WEEK = '2026-W47';
const END = Date.parse('2026-11-22T16:00:00Z');
const STEP = 3.5 * 86_400_000;
const NOW = new Date('2026-11-23T02:00:00Z');

/** mulberry32: the same "random" year on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

function extraction(price: number, promo: Promotion | null, listPrice: number | null, oos: boolean, rating: number, reviews: number, positive: number): Extraction {
  const effective = promo?.type === 'percent' ? Math.round(price * (1 - (promo.percent ?? 0) / 100)) : promo?.amount ? price - promo.amount.amountMinor : null;
  return {
    title: `Product ${price}`,
    price: cny(price),
    priceRange: null,
    listPrice: listPrice === null ? null : cny(listPrice),
    effectivePrice: effective === null ? null : cny(effective),
    promotions: promo ? [promo] : [],
    availability: oos ? 'out_of_stock' : 'in_stock',
    rating,
    ratingScale: 5,
    reviewCount: reviews,
    positiveRate: positive,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: {},
    rejected: [],
    notes: [],
  };
}

/** A year of crawls of one listing: prices that move now and then, promotions, stock-outs, reviews. */
function observationsOf(listingId: string, url: string, seed: number, base: number): Observation[] {
  const rnd = prng(seed);
  let price = base;
  let promo: Promotion | null = null;
  let listPrice: number | null = null;
  let oos = false;
  let rating = 4 + rnd();
  let reviews = Math.floor(rnd() * 5000);
  let positive = 0.9 + rnd() * 0.09;
  const out: Observation[] = [];
  for (let c = 0; c < CRAWLS; c++) {
    const at = new Date(END - (CRAWLS - c) * STEP + 3_600_000).toISOString();
    if (rnd() < 0.15) price = Math.max(500, Math.round(price * (0.85 + rnd() * 0.3)));
    if (rnd() < 0.1) promo = promo ? null : rnd() < 0.5 ? { type: 'percent', text: `${Math.ceil(rnd() * 3) * 5}% off`, percent: 10 } : { type: 'threshold', text: '满300减30', threshold: cny(30_000), amount: cny(3_000) };
    if (rnd() < 0.05) listPrice = listPrice ? null : Math.round(price * 1.3);
    if (rnd() < 0.04) oos = !oos;
    if (rnd() < 0.3) reviews += Math.floor(rnd() * 40);
    if (rnd() < 0.05) rating = Math.round(Math.min(5, Math.max(3, rating + (rnd() - 0.5) * 0.4)) * 10) / 10;
    if (rnd() < 0.05) positive = Math.round(Math.min(1, Math.max(0.8, positive + (rnd() - 0.5) * 0.04)) * 100) / 100;
    out.push({ listingId, url, at, via: 'http', ok: true, httpStatus: 200, extraction: extraction(price, promo, listPrice, oos, rating, reviews, positive) });
  }
  return out;
}

function config(dir: string): LoadedConfig {
  const file = join(dir, 'rivalwatch.config.yaml');
  const products = Array.from({ length: SKUS }, (_, s) => ({
    sku: `SKU-${s}`,
    name: `Product ${s}`,
    price: ((5_000 + ((s * 7919) % 20_000)) / 100).toFixed(2),
    category: `category-${s % 12}`,
    tags: [`tag-${s % 7}`],
  }));
  const competitors = Array.from({ length: COMPETITORS }, (_, c) => ({ name: `Competitor ${c}`, domains: [`c${c}.example`] }));
  return { file, dir, config: validateConfig({ shop: { name: 'Bench Shop', currency: 'CNY', timeZone: 'Asia/Shanghai' }, products, competitors }, file) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * A full garbage collection, run before each measured step: building the year of history leaves
 * hundreds of megabytes of garbage, and without this, collecting it lands in whichever step
 * happens to come first. Each step still pays for collecting what it allocates itself.
 */
const collectGarbage = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/**
 * Wall time and CPU time of a step. The machines running this are shared: wall time grows with
 * everyone else's load, CPU time (this process, GC threads included) much less.
 */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

export async function benchDigest(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rw-bench-digest-'));
  try {
    const loaded = config(dir);
    const store = await LowdbStore.open(join(dir, 'store.json'), { writeDelayMs: 600_000 });
    const setup = performance.now();
    const ids: string[] = [];
    for (let s = 0; s < SKUS; s++) {
      for (let c = 0; c < COMPETITORS; c++) {
        const url = `https://c${c}.example/item/${s}`;
        const { listing } = await store.addListing({ url, competitor: `Competitor ${c}`, sku: `SKU-${s}` }, '2025-10-01T00:00:00Z');
        ids.push(listing.id);
        await store.recordObservations(observationsOf(listing.id, url, s * COMPETITORS + c + 1, 5_000 + ((s * 7919) % 20_000)));
      }
    }
    const histories = await store.getHistories(ids);
    const points = histories.reduce((n, h) => n + Object.values(h.fields).reduce((m, p) => m + p.length, 0), 0);
    console.log(`digest: ${ids.length} listings, ${CRAWLS} crawls each over a year, ${points} change points (setup ${seconds(performance.now() - setup)})`);

    const baseline = await timed(() => JSON.stringify(histories).length);
    const read = await timed(() => gatherDigestInput(store, loaded, WEEK, NOW));
    const compute = await timed(() => computeDigest(read.value));
    const digest = compute.value;
    // JSON is the digest itself, the same in every language.
    const render = await timed(() => {
      let chars = 0;
      for (const format of FORMATS) for (const lang of format === 'json' ? (['en'] as const) : LANGUAGES) chars += renderDigest(digest, format, lang).length;
      return chars;
    });
    const line = (what: string, t: { wallMs: number; cpuMs: number }) =>
      console.log(`  ${what}: ${seconds(t.wallMs)} wall (${(t.wallMs / baseline.wallMs).toFixed(1)}x baseline), ${seconds(t.cpuMs)} CPU (${(t.cpuMs / baseline.cpuMs).toFixed(1)}x)`);
    line(`baseline JSON.stringify of the histories (${(baseline.value / 1e6).toFixed(1)} MB)`, baseline);
    line('read from the store', read);
    line('compute', compute);
    line(`render HTML, Markdown and CSV in ${LANGUAGES.length} languages and the JSON (${(render.value / 1e6).toFixed(1)} M chars)`, render);
    const wall = read.wallMs + compute.wallMs + render.wallMs;
    const cpu = read.cpuMs + compute.cpuMs + render.cpuMs;
    line('total', { wallMs: wall, cpuMs: cpu });
    console.log(`  target under 5 s: ${wall < 5000 ? 'met' : cpu < 5000 ? 'met in CPU time (wall time inflated by the machine\'s load)' : 'MISSED'}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`  figures: ${digest.summary.read}/${digest.summary.listings} read, ${digest.prices.movements.length} price moves, ${digest.undercuts.items.length} undercuts, ${digest.promotions.started.length} promotions started, ${digest.actions.length} actions`);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchDigest();
