// The demo: local competitor shops, our demo catalogue, and weeks of simulated history crawled
// through the real pipeline (each crawl stamped with its simulated time).
import { mkdirSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { startDemoShops, type DemoShops } from './demo/index.ts';
import { ourCatalogue, DEMO_FX } from './demo/catalogue.ts';
import { validateConfig, type Config, type LoadedConfig } from './config.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/store.ts';
import type { CrawlRun, RecordResult } from '../store/model.ts';
import { runCompetitor, syncConfigListings } from './pipeline.ts';
import { launchBrowser } from '../crawler/browser.ts';
import { demoAlertsSection } from '../insights/alerts/demo.ts';
import type { Progress } from './progress.ts';
import { createInsights, type Insights } from './insights.ts';
import { recrawler } from './daemon.ts';

export interface DemoOptions {
  /** Folder for the demo's config and store. */
  dir: string;
  weeks: number;
  /** Port of the demo shops; 0 = any free port. */
  shopsPort: number;
  apiPort: number;
  progress?: Progress;
  log?: (line: string) => void;
  /** The simulated history ends here (default: now). */
  end?: Date;
}

export interface DemoResult {
  shops: DemoShops;
  loaded: LoadedConfig;
  store: Store;
  runs: CrawlRun[];
  results: RecordResult[];
  crawlTimes: string[];
  insights: Insights;
  /** Alerts the simulated weeks produced. */
  alerts: number;
}

const dollars = (minor: number) => (minor / 100).toFixed(2);

/** The demo's configuration: one competitor per demo shop, every shop product tracked. */
export function demoConfig(shops: DemoShops, apiPort: number, at: Date): Config {
  const rates = Object.fromEntries(Object.entries(DEMO_FX).filter(([c]) => c !== 'USD'));
  const listings = shops.shops.flatMap((shop) =>
    shop.productIds.map((id) => ({ url: shops.productUrl(shop.id, id), sku: shops.truth(shop.id, id, at).sku, competitor: shop.name })),
  );
  return validateConfig(
    {
      shop: { name: 'RivalWatch Demo Co.', currency: 'USD', timeZone: 'UTC', language: 'en' },
      store: { kind: 'lowdb', path: 'store.json' },
      server: { host: '127.0.0.1', port: apiPort },
      exchangeRates: rates,
      products: ourCatalogue.map((p) => ({ sku: p.sku, name: p.name, price: dollars(p.priceMinor), category: p.category, tags: p.tags })),
      competitors: shops.shops.map((shop) => ({
        name: shop.name,
        domains: shop.domains,
        schedule: '0 */6 * * *',
        renderMode: shop.needsBrowser ? 'auto' : 'http',
        politeness: { maxConcurrency: 2, delayMs: 250, timeoutMs: 20_000, maxRetries: 2, respectRobotsTxt: true },
        currency: shop.currency,
        ...(shop.needsRecipe && shop.recipe ? { recipe: shop.recipe } : {}),
      })),
      listings,
      alerts: demoAlertsSection('en', 'UTC'),
    },
    'demo configuration',
  );
}

/**
 * Crawl times (09:00 UTC) over the last `weeks` weeks, ending with `end` itself: daily for the last
 * two weeks (what the digest compares), every third day before that (enough for trends), so the
 * demo stays quick on a small machine.
 */
export function simulatedCrawlTimes(end: Date, weeks: number): Date[] {
  const day = 86_400_000;
  const times: Date[] = [];
  const first = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() - weeks * 7, 9));
  const dailyFrom = end.getTime() - 14 * day;
  for (let t = first; t < end; ) {
    times.push(t);
    t = new Date(t.getTime() + (t.getTime() < dailyFrom ? 3 : 1) * day);
  }
  times.push(end);
  return times;
}

/** Moves an earlier demo's folder aside (demo data only; a real store is never replaced). */
function freshDir(dir: string): void {
  if (existsSync(join(dir, 'store.json'))) {
    const aside = `${dir}.previous`;
    if (existsSync(aside)) renameSync(aside, `${aside}-${Date.now()}`);
    renameSync(dir, aside);
  }
  mkdirSync(dir, { recursive: true });
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dir = resolve(opts.dir);
  freshDir(dir);
  // The flaky shop's occasional first-request 429s pause the whole shared demo host for a second
  // each; its captcha and always-429 products still show how blocking is recorded.
  const shops = await startDemoShops({ port: opts.shopsPort, rateLimit: false });
  const end = opts.end ?? new Date();
  const times = simulatedCrawlTimes(end, opts.weeks);
  const config = demoConfig(shops, opts.apiPort, times[0]);
  const file = join(dir, 'rivalwatch.config.yaml');
  writeFileSync(file, `# Written by "rivalwatch demo": the demo shops at ${shops.url}.\n${toYaml(config)}`);
  const loaded: LoadedConfig = { file, dir, config };
  const store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  const runs: CrawlRun[] = [];
  const results: RecordResult[] = [];
  const browser = await launchBrowser();
  let simNow = times[0];
  const simHeaders = () => ({ 'X-RivalWatch-Sim-Time': simNow.toISOString() });
  const insights = createInsights({
    loaded,
    store,
    now: () => simNow,
    log,
    // A confirming re-crawl happens a minute after the crawl it checks (the store ignores replays at the same time).
    recrawl: recrawler(loaded, store, () => ({ now: () => new Date(simNow.getTime() + 60_000).toISOString(), extraHeaders: simHeaders(), politeness: { delayMs: 0 }, browser })),
  });
  let alerts = 0;
  try {
    await syncConfigListings(config, store, times[0].toISOString());
    log(`Demo shops: ${shops.url}  (${shops.shops.length} shops, ${config.listings.length} listings)`);
    log(`Crawling ${times.length} simulated days from ${times[0].toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)}…`);
    for (const [i, at] of times.entries()) {
      const iso = at.toISOString();
      simNow = at;
      shops.setTime(at);
      const dayResults: RecordResult[] = [];
      await Promise.all(
        config.competitors.map(async (competitor) => {
          const { run, results: r } = await runCompetitor(config, store, competitor, {
            now: () => iso,
            extraHeaders: { 'X-RivalWatch-Sim-Time': iso },
            // The demo shops are ours and local: the simulated past is crawled without pauses.
            politeness: { delayMs: 0, maxConcurrency: 4 },
            browser,
          });
          runs.push(run);
          dayResults.push(...r);
        }),
      );
      results.push(...dayResults);
      const report = await insights.engine.process(dayResults, { flush: true });
      alerts += report.alerts.length;
      await insights.dispatcher.dispatch();
      opts.progress?.update('simulated days', i + 1, times.length);
    }
  } finally {
    opts.progress?.stop();
    await browser.close();
  }
  shops.setTime(end);
  await store.flush();
  return { shops, loaded, store, runs, results, crawlTimes: times.map((t) => t.toISOString()), insights, alerts };
}
