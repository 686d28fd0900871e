// `rivalwatch start` with the Postgres store: the same daemon (API, alert delivery, digest), but
// each competitor's schedule enqueues one job per listing instead of crawling in-process; workers
// (`rivalwatch worker`, any number, any machine) crawl them. When a run's last listing is recorded,
// the alert rules see its results here, once, as they would after an in-process run.
import type PgBoss from 'pg-boss';
import { createScheduler } from '../../crawler/schedule.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';
import type { LoadedConfig } from '../config.ts';
import { recrawler, type Daemon } from '../daemon.ts';
import { createInsights, startServices, type Insights } from '../insights.ts';
import { crawlableCompetitors, syncConfigListings, type RunCompetitorOptions } from '../pipeline.ts';
import { connectQueue } from './boss.ts';
import { enqueueCompetitorRun } from './enqueue.ts';
import { evaluateFinishedRuns, pruneOutcomes } from './runs.ts';

export interface QueueDaemonOptions {
  loaded: LoadedConfig;
  store: PostgresStore;
  /** Max random delay before each scheduled run, so many sites are not hit on the same second. */
  jitterMs?: number;
  log?: (line: string) => void;
  /** Already-created insights; by default built as the in-process daemon builds them. */
  insights?: Insights;
  /** How often finished runs are looked for, to evaluate their alerts. Default 5 s. */
  evaluateEveryMs?: number;
}

/** Per-listing outcomes are kept this long and then pruned. */
const OUTCOME_DAYS = 7;

export async function startQueueDaemon(opts: QueueDaemonOptions): Promise<Daemon & { boss: PgBoss }> {
  const { loaded, store } = opts;
  const { config } = loaded;
  const log = opts.log ?? ((line: string) => console.log(line));
  const sync = await syncConfigListings(config, store, new Date().toISOString());
  if (sync.added.length) log(`Added ${sync.added.length} listing(s) from the config.`);
  const boss = await connectQueue(store, { onError: (err) => log(`queue maintenance: ${err.message}`) });
  const competitors = new Map(crawlableCompetitors(config).map((c) => [c.name, c]));
  // A suspicious price move is confirmed by crawling that listing again right here, at once.
  const crawlBase = (): RunCompetitorOptions => ({ now: () => new Date().toISOString() });
  const insights = opts.insights ?? createInsights({ loaded, store, log, recrawl: recrawler(loaded, store, crawlBase) });
  const services = await startServices({ loaded, store, insights, log });
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
    log,
  });
  await scheduler.start();

  let evaluating: Promise<unknown> = Promise.resolve();
  const evaluator = setInterval(() => {
    evaluating = evaluating
      .then(() => evaluateFinishedRuns(store, (results) => insights.afterRun(results)))
      .catch((err: Error) => log(`${new Date().toISOString()} alerts for finished runs: ${err.message}`));
  }, opts.evaluateEveryMs ?? 5000);

  return {
    boss,
    services,
    nextRuns: () => scheduler.nextRuns(),
    async stop() {
      stopping = true;
      clearInterval(evaluator);
      await scheduler.stop();
      await evaluating;
      await services.stop();
      await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
    },
  };
}
