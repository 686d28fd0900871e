// The scheduler of distributed crawling: `rivalwatch start` with the Postgres store runs this
// instead of crawling in-process. Each competitor's schedule enqueues one job per listing; workers
// (`rivalwatch worker`, any number, any machine) crawl them.
import type PgBoss from 'pg-boss';
import { createScheduler } from '../../crawler/schedule.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';
import type { LoadedConfig } from '../config.ts';
import type { Daemon } from '../daemon.ts';
import { crawlableCompetitors, syncConfigListings } from '../pipeline.ts';
import { connectQueue } from './boss.ts';
import { enqueueCompetitorRun } from './enqueue.ts';
import { pruneOutcomes } from './runs.ts';

export interface QueueDaemonOptions {
  loaded: LoadedConfig;
  store: PostgresStore;
  /** Max random delay before each scheduled run, so many sites are not hit on the same second. */
  jitterMs?: number;
  log?: (line: string) => void;
}

/** Per-listing outcomes are kept this long for `status` and then pruned. */
const OUTCOME_DAYS = 7;

export async function startQueueDaemon(opts: QueueDaemonOptions): Promise<Daemon & { boss: PgBoss }> {
  const { config } = opts.loaded;
  const { store } = opts;
  const log = opts.log ?? ((line: string) => console.log(line));
  const sync = await syncConfigListings(config, store, new Date().toISOString());
  if (sync.added.length) log(`Added ${sync.added.length} listing(s) from the config.`);
  const boss = await connectQueue(store, { onError: (err) => log(`queue maintenance: ${err.message}`) });
  const competitors = new Map(crawlableCompetitors(config).map((c) => [c.name, c]));
  let stopping = false;

  const scheduler = createScheduler({
    jobs: [...competitors.values()].map((c) => ({ competitor: c.name, cron: c.schedule, timeZone: config.shop.timeZone })),
    jitterMs: opts.jitterMs,
    lastRunAt: async (name) => {
      const [last] = await store.listRuns({ competitor: name, limit: 1 });
      return last ? new Date(last.at) : null;
    },
    run: async (name, scheduledAt) => {
      const competitor = competitors.get(name);
      if (!competitor || stopping) return;
      const { run, jobs, created } = await enqueueCompetitorRun({ store, boss, config, competitor, scheduledAt: scheduledAt.toISOString() });
      log(`${new Date().toISOString()} ${name}: ${created ? 'enqueued' : 're-enqueued'} ${jobs} listing(s) for the run scheduled ${run.at}`);
      await pruneOutcomes(store.pool, OUTCOME_DAYS);
    },
    onError: (name, err) => log(`${new Date().toISOString()} ${name}: enqueueing the run failed: ${(err as Error).message}`),
  });
  await scheduler.start();

  return {
    boss,
    nextRuns: () => scheduler.nextRuns(),
    async stop() {
      stopping = true;
      await scheduler.stop();
      await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
    },
  };
}
