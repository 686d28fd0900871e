// The daemon: schedules each competitor's crawls, records them, and shuts down cleanly on SIGTERM.
import { createScheduler } from '../crawler/schedule.ts';
import type { Store } from '../store/store.ts';
import type { LoadedConfig } from './config.ts';
import { crawlableCompetitors, runCompetitor, syncConfigListings } from './pipeline.ts';
import { formatRun } from './commands/status.ts';

export interface DaemonOptions {
  loaded: LoadedConfig;
  store: Store;
  /** Max random delay before each scheduled run, so many sites are not hit on the same second. */
  jitterMs?: number;
  log?: (line: string) => void;
}

export interface Daemon {
  /** Stops scheduling, lets in-flight pages finish and their observations reach the store. */
  stop(): Promise<void>;
  nextRuns(): { competitor: string; at: Date }[];
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { config } = opts.loaded;
  const { store } = opts;
  const log = opts.log ?? ((line: string) => console.log(line));
  const abort = new AbortController();
  const sync = await syncConfigListings(config, store, new Date().toISOString());
  if (sync.added.length) log(`Added ${sync.added.length} listing(s) from the config.`);
  const competitors = new Map(crawlableCompetitors(config).map((c) => [c.name, c]));

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
      const { run } = await runCompetitor(config, store, competitor, { signal: abort.signal, now: () => new Date().toISOString() });
      log(`${new Date().toISOString()} ${formatRun(run)} (scheduled ${scheduledAt.toISOString()})`);
    },
    onError: (name, err) => log(`${new Date().toISOString()} ${name}: run failed: ${(err as Error).message}`),
  });
  await scheduler.start();

  return {
    nextRuns: () => scheduler.nextRuns(),
    async stop() {
      abort.abort();
      await scheduler.stop();
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
