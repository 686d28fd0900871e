// The scheduler's side of distributed crawling: a competitor's scheduled run becomes one job per
// active listing on the queue of the listing's host. Enqueueing the same run again (a restart, a
// catch-up) inserts nothing new: run and job ids are derived from (competitor, scheduled time).
import type PgBoss from 'pg-boss';
import type { CrawlRun, Listing } from '../../store/model.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';
import type { CompetitorConfig, Config } from '../config.ts';
import { hostOf, hostPoliteness, jobExpirySeconds, jobIdFor, queueFor, runIdFor, type CrawlJob } from './jobs.ts';
import { HostLimiter } from './limiter.ts';
import { openRun } from './runs.ts';

export interface EnqueueRunOptions {
  store: PostgresStore;
  boss: PgBoss;
  config: Config;
  competitor: CompetitorConfig;
  /** The run's scheduled time; every observation of the run is recorded at this time. */
  scheduledAt: string;
  /** Only these listings (ids); default every active listing of the competitor. */
  listingIds?: string[];
  /** Sent with every request of the run (the demo's simulated-time header). */
  extraHeaders?: Record<string, string>;
  /** Times a failed job is tried again (a worker error, or a worker that died). Default 3. */
  retryLimit?: number;
  /** Seconds before a failed job is tried again, doubling per try (with jitter). Default 30. */
  retryDelaySeconds?: number;
  /** Overrides how long a job may stay active before another worker takes it over (seconds). */
  expireInSeconds?: number;
}

export interface EnqueuedRun {
  run: CrawlRun;
  /** Jobs handed to the queue; those it already holds are not added twice. */
  jobs: number;
  /** False when this run was already enqueued before (its jobs are handed again, harmlessly). */
  created: boolean;
}

/** Queues already created by this process: createQueue is idempotent, but a round trip per run is not free. */
const knownQueues = new WeakMap<PgBoss, Set<string>>();

async function ensureQueue(boss: PgBoss, name: string, opts: { retryLimit: number; retryDelay: number; expireInSeconds: number }): Promise<void> {
  let known = knownQueues.get(boss);
  if (!known) knownQueues.set(boss, (known = new Set()));
  if (known.has(name)) return;
  await boss.createQueue(name, { name, policy: 'standard', retryLimit: opts.retryLimit, retryDelay: opts.retryDelay, retryBackoff: true, expireInSeconds: opts.expireInSeconds });
  known.add(name);
}

export async function enqueueCompetitorRun(opts: EnqueueRunOptions): Promise<EnqueuedRun> {
  const { store, boss, config, competitor } = opts;
  const scheduledAt = new Date(opts.scheduledAt).toISOString();
  let listings: Listing[] = await store.listListings({ competitor: competitor.name, status: 'active' });
  if (opts.listingIds) {
    const wanted = new Set(opts.listingIds);
    listings = (await store.listListings({ competitor: competitor.name })).filter((l) => wanted.has(l.id));
  }
  const run: CrawlRun = {
    id: runIdFor(competitor.name, scheduledAt),
    competitor: competitor.name,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    at: scheduledAt,
    listings: listings.length,
    ok: 0,
    failed: 0,
    failuresByKind: {},
  };
  // A run opened by an enqueuer that died before queueing every job is completed by the next one.
  const created = await openRun(store.pool, run);

  const retryLimit = opts.retryLimit ?? 3;
  const retryDelay = opts.retryDelaySeconds ?? 30;
  const expireInSeconds = opts.expireInSeconds ?? jobExpirySeconds(competitor);
  const byHost = new Map<string, Listing[]>();
  for (const listing of listings) {
    const host = hostOf(listing.url);
    byHost.set(host, [...(byHost.get(host) ?? []), listing]);
  }
  let handed = 0;
  for (const [host, hostListings] of byHost) {
    const queue = queueFor(host);
    await HostLimiter.define(store.pool, host, queue, hostPoliteness(config, host, competitor.politeness));
    await ensureQueue(boss, queue, { retryLimit, retryDelay, expireInSeconds });
    const jobs = hostListings.map((listing) => {
      const data: CrawlJob = {
        runId: run.id,
        listingId: listing.id,
        url: listing.url,
        competitor: competitor.name,
        scheduledAt,
        host,
        renderMode: competitor.renderMode,
        politeness: competitor.politeness,
        ...(competitor.recipe ? { recipe: competitor.recipe } : {}),
        currency: competitor.currency ?? null,
        ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {}),
      };
      return {
        id: jobIdFor(run.id, listing.id),
        name: queue,
        data,
        singletonKey: `${listing.id}@${scheduledAt}`,
        retryLimit,
        retryDelay,
        retryBackoff: true,
        expireInSeconds,
      };
    });
    for (let i = 0; i < jobs.length; i += 1000) await boss.insert(jobs.slice(i, i + 1000));
    handed += jobs.length;
  }
  return { run, jobs: handed, created };
}
