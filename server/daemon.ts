// The daemon: schedules each competitor's crawls, records them, evaluates alerts, serves the API,
// sends the weekly digest, and shuts down cleanly on SIGTERM.
import { createScheduler } from '../crawler/schedule.ts';
import type { Store } from '../store/store.ts';
import type { RecordResult } from '../store/model.ts';
import type { CompetitorConfig, LoadedConfig } from './config.ts';
import { crawlableCompetitors, runCompetitor, syncConfigListings, type RunCompetitorOptions } from './pipeline.ts';
import { formatRun } from './commands/status.ts';
import { createInsights, startServices, type Insights, type Services } from './insights.ts';

export interface DaemonOptions {
  loaded: LoadedConfig;
  store: Store;
  /** Max random delay before each scheduled run, so many sites are not hit on the same second. */
  jitterMs?: number;
  log?: (line: string) => void;
  /** Already-created insights (the demo builds them for its simulated weeks). */
  insights?: Insights;
  /** The clock (the demo keeps its simulated "now" for freshness and digests). */
  now?: () => Date;
  /** Options every crawl gets (the demo's simulated-time header). */
  crawlOptions?: Pick<RunCompetitorOptions, 'extraHeaders' | 'politeness'>;
}

export interface Daemon {
  services: Services;
  /** Stops scheduling, lets in-flight pages finish and their observations reach the store. */
  stop(): Promise<void>;
  nextRuns(): { competitor: string; at: Date }[];
}

/** Re-crawls listings right away (to confirm a suspicious move), grouped by competitor. */
export function recrawler(loaded: LoadedConfig, store: Store, base: () => RunCompetitorOptions) {
  const competitors = new Map(crawlableCompetitors(loaded.config).map((c) => [c.name, c]));
  return async (listingIds: string[]): Promise<RecordResult[]> => {
    const byCompetitor = new Map<CompetitorConfig, string[]>();
    for (const id of listingIds) {
      const listing = await store.getListing(id);
      const competitor = listing && competitors.get(listing.competitor);
      if (competitor) byCompetitor.set(competitor, [...(byCompetitor.get(competitor) ?? []), id]);
    }
    const results: RecordResult[] = [];
    for (const [competitor, ids] of byCompetitor) results.push(...(await runCompetitor(loaded.config, store, competitor, { ...base(), listingIds: ids })).results);
    return results;
  };
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { loaded, store } = opts;
  const { config } = loaded;
  const log = opts.log ?? ((line: string) => console.log(line));
  const abort = new AbortController();
  const sync = await syncConfigListings(config, store, new Date().toISOString());
  if (sync.added.length) log(`Added ${sync.added.length} listing(s) from the config.`);
  const competitors = new Map(crawlableCompetitors(config).map((c) => [c.name, c]));
  const crawlBase = (): RunCompetitorOptions => ({ signal: abort.signal, now: () => new Date().toISOString(), ...opts.crawlOptions });
  const insights = opts.insights ?? createInsights({ loaded, store, log, recrawl: recrawler(loaded, store, crawlBase) });
  const services = await startServices({ loaded, store, insights, log, now: opts.now });

  const scheduler = createScheduler({
    jobs: [...competitors.values()].map((c) => ({ competitor: c.name, cron: c.schedule, timeZone: config.shop.timeZone })),
    jitterMs: opts.jitterMs,
    lastRunAt: async (name) => {
      const [last] = await store.listRuns({ competitor: name, limit: 1 });
      return last ? new Date(last.at) : null;
    },
    run: async (name, scheduledAt) => {
      const competitor = competitors.get(name);
      if (!competitor || abort.signal.aborted) return;
      const { run } = await runCompetitor(config, store, competitor, { ...crawlBase(), beforeFlush: (r) => insights.afterRun(r) });
      log(`${new Date().toISOString()} ${formatRun(run)} (scheduled ${scheduledAt.toISOString()})`);
    },
    onError: (name, err) => log(`${new Date().toISOString()} ${name}: run failed: ${(err as Error).message}`),
    log,
  });
  await scheduler.start();

  return {
    services,
    nextRuns: () => scheduler.nextRuns(),
    async stop() {
      abort.abort();
      await scheduler.stop();
      await services.stop();
      await store.flush();
    },
  };
}

/** Resolves when the process gets SIGTERM or SIGINT (Ctrl-C). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
      resolve(signal);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
