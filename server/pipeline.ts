// Wires config, crawler and store together for one competitor run: the only place where what the
// crawler reads becomes stored history. Used by `crawl`, the daemon and the demo.
import { randomUUID } from 'node:crypto';
import { crawlListings, type CrawlTarget, type CrawlOptions } from '../crawler/crawl.ts';
import { normalizeUrl } from '../crawler/url.ts';
import { addListingOnce } from './track.ts';
import type { Store } from '../store/store.ts';
import type { CrawlRun, Listing, Observation, RecordResult } from '../store/model.ts';
import { competitorForUrl, politenessSchema, type Config, type CompetitorConfig } from './config.ts';

/** The pseudo-competitor under which our own product pages are crawled. */
export function ownCompetitor(config: Config): CompetitorConfig {
  return {
    name: config.shop.name,
    domains: ['*'],
    schedule: '0 */6 * * *',
    renderMode: 'auto',
    politeness: politenessSchema.parse({}),
    currency: config.shop.currency,
    tags: [],
  };
}

/** Every competitor that has a schedule: the configured ones plus our own shop when a product has a URL. */
export function crawlableCompetitors(config: Config): CompetitorConfig[] {
  const own = config.products.some((p) => p.url) ? [ownCompetitor(config)] : [];
  return [...config.competitors, ...own];
}

export interface SyncReport {
  added: Listing[];
  existing: number;
}

/** Adds the config's listings and our own product pages to the store; never duplicates. */
export async function syncConfigListings(config: Config, store: Store, at: string): Promise<SyncReport> {
  const report: SyncReport = { added: [], existing: 0 };
  for (const l of config.listings) {
    const url = normalizeUrl(l.url);
    const competitor = l.competitor ?? competitorForUrl(config, url)?.name;
    if (!competitor) throw new Error(`listing ${l.url}: no configured competitor covers this host; set "competitor" on the listing or add the domain to a competitor`);
    const { listing, created } = await addListingOnce(store, { url, sku: l.sku, competitor }, at);
    if (created) report.added.push(listing);
    else report.existing++;
  }
  for (const p of config.products) {
    if (!p.url) continue;
    const { listing, created } = await addListingOnce(store, { url: p.url, sku: p.sku, competitor: config.shop.name, own: true }, at);
    if (created) report.added.push(listing);
    else report.existing++;
  }
  return report;
}

export interface RunCompetitorOptions {
  now?: () => string;
  extraHeaders?: Record<string, string>;
  /** Only these listings (ids); default: every active listing of the competitor. */
  listingIds?: string[];
  onProgress?: CrawlOptions['onProgress'];
  onRecorded?: (result: RecordResult, observation: Observation) => void;
  signal?: AbortSignal;
  browser?: CrawlOptions['browser'];
  /**
   * Runs on the run's results just before they are flushed, so what it writes (the alerts the
   * observations cause) reaches disk in the same write as the observations.
   */
  beforeFlush?: (results: RecordResult[]) => Promise<void>;
  /** Overrides the competitor's politeness (the demo crawls its local shops without delays). */
  politeness?: Partial<CompetitorConfig['politeness']>;
}

export interface RunCompetitorResult {
  run: CrawlRun;
  results: RecordResult[];
}

const SITE_MODE = 'site-mode';

/** Crawls one competitor's listings and records every observation (and the run) in the store. */
export async function runCompetitor(
  config: Config,
  store: Store,
  competitor: CompetitorConfig,
  opts: RunCompetitorOptions = {},
): Promise<RunCompetitorResult> {
  const now = opts.now ?? (() => new Date().toISOString());
  const startedAt = new Date().toISOString();
  let listings = await store.listListings({ competitor: competitor.name, status: 'active' });
  if (opts.listingIds) {
    const wanted = new Set(opts.listingIds);
    listings = (await store.listListings({ competitor: competitor.name })).filter((l) => wanted.has(l.id));
  }
  const targets: CrawlTarget[] = listings.map((listing) => ({ listing, recipe: competitor.recipe, currency: competitor.currency ?? null }));
  const remembered = await store.getDocument<{ mode: 'http' | 'browser' }>(SITE_MODE, competitor.name);
  const results: RecordResult[] = [];
  // Record as each page finishes so a crash loses at most the pages in flight; the store batches the writes.
  const pending: Promise<void>[] = [];
  const outcome = await crawlListings(targets, {
    competitor: competitor.name,
    renderMode: competitor.renderMode,
    politeness: { ...competitor.politeness, ...opts.politeness },
    now,
    extraHeaders: opts.extraHeaders,
    rememberedMode: remembered?.doc.mode ?? null,
    onProgress: opts.onProgress,
    signal: opts.signal,
    browser: opts.browser,
    onObservation: (obs) => {
      const p = store.recordObservation(obs).then((r) => {
        results.push(r);
        opts.onRecorded?.(r, obs);
      });
      pending.push(p);
      return p;
    },
  });
  await Promise.all(pending);
  if (outcome.learnedMode && outcome.learnedMode !== remembered?.doc.mode) {
    await store.putDocument(SITE_MODE, competitor.name, { mode: outcome.learnedMode }, now());
  }
  const run: CrawlRun = { ...outcome.run, id: randomUUID(), competitor: competitor.name, startedAt, finishedAt: new Date().toISOString() };
  await store.recordRun(run);
  await opts.beforeFlush?.(results);
  await store.flush();
  return { run, results };
}
