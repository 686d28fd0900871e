// Alert benchmark: the store side of a crawl of 10,000 listings (recording the observations and
// the flush that makes them durable) with and without rule evaluation (the alert engine's
// process() with the default rules, run before that flush so one write carries observations,
// state and outbox). Rounds alternate so both see the same store size; target ratio <= 1.10.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LowdbStore } from '../store/lowdb.ts';
import type { Extraction, Observation } from '../store/model.ts';
import { validateConfig } from '../server/config.ts';
import { parseAlertsConfig } from '../insights/alerts/config.ts';
import { createAlertEngine } from '../insights/alerts/engine.ts';

const LISTINGS = 10_000;
const SKUS = 500;
const ROUNDS = 12;
/** Share of listings whose price moves between two crawls. */
const CHANGE_RATE = 0.02;

/** How many small steps (−1 %) listing `i` took by `crawl`: prices walk, they do not flicker. */
function steps(i: number, crawl: number): number {
  let n = 0;
  for (let c = 1; c <= crawl; c++) if ((i * 7919 + c * 104_729) % Math.round(1 / CHANGE_RATE) === 0) n++;
  return n;
}

/** A walk of small steps; one listing in 97 cuts 15 % at some crawl and stays there; a few run out of stock and back. */
function extraction(i: number, crawl: number): Extraction {
  const base = 10_000 + (i % 500) * 100;
  const cut = i % 97 === 0 && crawl > i % ROUNDS;
  const price = Math.round((cut ? base * 0.85 : base) * (1 - 0.01 * steps(i, crawl)));
  return {
    title: `Competitor product ${i}`,
    price: { amountMinor: price, currency: 'CNY' },
    priceRange: null,
    listPrice: { amountMinor: 80_000, currency: 'CNY' },
    effectivePrice: null,
    promotions: i % 3 === 0 || (i % 101 === 0 && crawl > i % ROUNDS) ? [{ type: 'threshold', text: '满300减50', threshold: { amountMinor: 30_000, currency: 'CNY' }, amount: { amountMinor: 5_000, currency: 'CNY' } }] : [],
    availability: i % 211 === 0 && crawl % 3 === 1 ? 'out_of_stock' : 'in_stock',
    rating: 4.7,
    ratingScale: 5,
    reviewCount: 1000 + i,
    positiveRate: 0.97,
    sku: `C-${i}`,
    gtin: null,
    brand: 'Acme',
    image: null,
    canonicalUrl: null,
    sources: { price: 'json-ld' },
    rejected: [],
    notes: [],
  };
}

export async function benchAlerts(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rw-bench-alerts-'));
  try {
    const config = validateConfig(
      {
        shop: { name: 'Us', currency: 'CNY' },
        products: Array.from({ length: SKUS }, (_, i) => ({ sku: `OUR-${i}`, name: `Product ${i}`, price: String(100 + (i % 50) * 3), tags: [i % 2 ? 'a' : 'b'] })),
      },
      'bench',
    );
    const alerts = parseAlertsConfig(undefined, 'bench', config.shop);
    const store = await LowdbStore.open(join(dir, 'store.json'), { writeDelayMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < LISTINGS; i++) {
      const { listing } = await store.addListing({ url: `https://shop.test/item/${i}`, competitor: `c${i % 5}`, sku: `OUR-${i % SKUS}` }, '2024-03-01T00:00:00Z');
      ids.push(listing.id);
    }
    let now = new Date('2024-03-01T06:00:00Z');
    const engine = createAlertEngine({ store, config, alerts, now: () => now });
    const crawl = (round: number): Observation[] =>
      ids.map((listingId, i) => ({ listingId, url: `https://shop.test/item/${i}`, at: now.toISOString(), via: 'http', ok: true, httpStatus: 200, extraction: extraction(i, round) }));
    // The first crawl fills the store (every condition starts; not measured).
    await engine.process(await store.recordObservations(crawl(0)));

    const plain: number[] = [];
    const withRules: number[] = [];
    const evaluation: number[] = [];
    let fired = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      now = new Date(now.getTime() + 6 * 3_600_000);
      const observations = crawl(round);
      const t0 = performance.now();
      const results = await store.recordObservations(observations);
      if (round % 2 === 0) {
        // As the daemon runs it: evaluation before the crawl's flush, so one write carries both.
        const t1 = performance.now();
        const report = await engine.process(results, { flush: false });
        evaluation.push(performance.now() - t1);
        await store.flush();
        withRules.push(performance.now() - t0);
        fired += report.alerts.length;
      } else {
        await store.flush();
        plain.push(performance.now() - t0);
      }
    }
    await store.close();
    // Medians: the machines are shared, and one slow round should not decide the ratio.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const base = median(plain);
    const evaluated = median(withRules);
    console.log(`alerts: ${LISTINGS} listings, ${alerts.rules.length} default rules, ~${CHANGE_RATE * 100}% of prices step per crawl, ${fired} alerts in ${withRules.length} evaluated crawls`);
    console.log(`  store side of a crawl (record + flush): ${base.toFixed(0)} ms   baseline 1.00`);
    console.log(`  with rule evaluation and outbox write:  ${evaluated.toFixed(0)} ms   ratio ${(evaluated / base).toFixed(2)} (target <= 1.10)`);
    console.log(`  evaluation alone: ${median(evaluation).toFixed(0)} ms per crawl (median), ratio to the store side ${(median(evaluation) / base).toFixed(2)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
