// Store benchmark: recording throughput for 10,000 listings crawled repeatedly with mostly
// unchanged values, against a baseline measured in the same run (serializing the same
// observations with JSON.stringify), and how the file grows with crawls versus changes.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LowdbStore } from '../store/lowdb.ts';
import type { Extraction, Observation } from '../store/model.ts';

const LISTINGS = 10_000;
const CRAWLS = 5;
/** Share of listings whose price moves between two crawls: most crawls see nothing new. */
const CHANGE_RATE = 0.02;

function extraction(i: number, crawl: number): Extraction {
  // Deterministic "random" changes, so every run measures the same work.
  const moves = crawl > 0 && (i * 7919 + crawl * 104_729) % Math.round(1 / CHANGE_RATE) === 0;
  return {
    title: `Competitor product ${i}`,
    price: { amountMinor: 10_000 + (i % 500) * 100 - (moves ? crawl * 100 : 0), currency: 'CNY' },
    priceRange: null,
    listPrice: { amountMinor: 20_000, currency: 'CNY' },
    effectivePrice: null,
    promotions: i % 3 === 0 ? [{ type: 'threshold', text: '满300减50', threshold: { amountMinor: 30_000, currency: 'CNY' }, amount: { amountMinor: 5_000, currency: 'CNY' } }] : [],
    availability: 'in_stock',
    rating: 4.7,
    ratingScale: 5,
    reviewCount: 1000 + i,
    positiveRate: 0.97,
    sku: `C-${i}`,
    gtin: null,
    brand: 'Acme',
    image: null,
    canonicalUrl: null,
    sources: { price: 'json-ld', title: 'json-ld' },
    rejected: [],
    notes: [],
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export async function benchStore(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rw-bench-store-'));
  const path = join(dir, 'store.json');
  try {
    const store = await LowdbStore.open(path, { writeDelayMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < LISTINGS; i++) {
      const { listing } = await store.addListing({ url: `https://shop.test/item/${i}`, competitor: `c${i % 5}`, sku: `OUR-${i % 500}` }, '2024-03-01T00:00:00Z');
      ids.push(listing.id);
    }
    await store.flush();

    console.log(`store: ${LISTINGS} listings x ${CRAWLS} crawls, ~${CHANGE_RATE * 100}% of prices change per crawl`);
    let recordMs = 0;
    let baselineMs = 0;
    let crawlBytes = 0;
    let changes = 0;
    let firstSize = 0;
    for (let crawl = 0; crawl < CRAWLS; crawl++) {
      const at = new Date(Date.UTC(2024, 2, 1, 6 * (crawl + 1))).toISOString();
      const observations: Observation[] = ids.map((listingId, i) => ({
        listingId,
        url: `https://shop.test/item/${i}`,
        at,
        via: 'http',
        ok: true,
        httpStatus: 200,
        extraction: extraction(i, crawl),
      }));

      const b0 = performance.now();
      for (const o of observations) crawlBytes += JSON.stringify(o).length;
      baselineMs += performance.now() - b0;

      const t0 = performance.now();
      for (const o of observations) {
        const result = await store.recordObservation(o);
        if (crawl > 0) changes += result.changed.length;
      }
      recordMs += performance.now() - t0;

      const f0 = performance.now();
      await store.flush();
      const flushMs = performance.now() - f0;
      const size = (await stat(path)).size;
      if (crawl === 0) firstSize = size;
      console.log(`  crawl ${crawl + 1}: file ${kb(size)} (flush ${flushMs.toFixed(0)} ms)`);
    }
    await store.close();

    const total = LISTINGS * CRAWLS;
    const finalSize = (await stat(path)).size;
    console.log(`  recordObservation: ${Math.round(total / (recordMs / 1000))} observations/s, ${(recordMs / baselineMs).toFixed(1)}x the time of JSON.stringify of the same observations (baseline ${Math.round(total / (baselineMs / 1000))}/s)`);
    console.log(
      `  growth after the first crawl: ${kb(finalSize - firstSize)} for ${changes} changed values over ${CRAWLS - 1} crawls; ` +
        `keeping every crawl would have added ${kb((crawlBytes * (CRAWLS - 1)) / CRAWLS)} (${((crawlBytes * (CRAWLS - 1)) / CRAWLS / Math.max(1, finalSize - firstSize)).toFixed(0)}x)`,
    );

    const p0 = performance.now();
    JSON.parse(await readFile(path, 'utf8'));
    const parseMs = performance.now() - p0;
    const o0 = performance.now();
    await (await LowdbStore.open(path, { readOnly: true })).close();
    const openMs = performance.now() - o0;
    console.log(`  open (read + validate ${kb(finalSize)}): ${openMs.toFixed(0)} ms, ${(openMs / parseMs).toFixed(1)}x a bare read + JSON.parse (${parseMs.toFixed(0)} ms)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchStore();
