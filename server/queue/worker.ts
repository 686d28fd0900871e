// A crawl worker: takes crawl jobs from the queue and records what it reads, on any machine that
// reaches the database. It takes a host's politeness slot first and only then that host's next
// jobs, so a busy host never ties up the worker while other hosts wait. A job whose worker dies is
// handed to another worker by pg-boss once the job's expiry passes; recording is idempotent, so
// the retry cannot add a second change point. stop() (SIGTERM) takes no new job, lets the jobs it
// has taken finish and record, then leaves.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { Listing } from '../../store/model.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { BOSS_SCHEMA, connectQueue } from './boss.ts';
import { JobCrawler } from './crawl-job.ts';
import { CrawlJobSchema, type CrawlJob } from './jobs.ts';
import { HostLimiter, type HostLease } from './limiter.ts';
import { recordJobObservation } from './runs.ts';

export interface WorkerOptions {
  /** The store to record into (its database holds the queue); or `url` to open one. */
  store?: PostgresStore;
  url?: string;
  /** Pages crawled at once by this worker (each on one of its host's shared slots). Default 4. */
  concurrency?: number;
  /**
   * Jobs of one host taken per slot and crawled one after the other, where the host asks for no
   * delay between requests (the crawler's setup costs more than a page). Default 4.
   */
  batchSize?: number;
  /** How long to wait before looking again when no host has both a free slot and a job. Default 1000 ms. */
  pollIntervalMs?: number;
  /** A host slot not renewed for this long is free again (its worker died). Default 30 s. */
  leaseTtlMs?: number;
  /** How often the worker reports alive and renews its slots. Default 5 s (at most a third of the lease TTL). */
  heartbeatMs?: number;
  /** pg-boss maintenance interval (hands expired jobs to other workers). Default 60 s. */
  maintenanceIntervalSeconds?: number;
  log?: (line: string) => void;
  /** Fault injection for tests: runs after the observation is recorded, before the job completes. */
  afterRecord?: (job: CrawlJob) => Promise<void>;
}

export interface WorkerStats {
  done: number;
  failed: number;
  inFlight: number;
}

export interface CrawlWorker {
  readonly id: string;
  stats(): WorkerStats;
  /** Takes no new job, waits for the jobs in flight to be recorded, disconnects. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once the worker has stopped. */
  readonly stopped: Promise<void>;
}

interface WaitingHost {
  host: string;
  queue: string;
  delayMs: number;
}

export async function startWorker(opts: WorkerOptions): Promise<CrawlWorker> {
  if (!opts.store && !opts.url) throw new Error('startWorker needs a store or a database url');
  const ownStore = !opts.store;
  const store = opts.store ?? (await PostgresStore.open(opts.url!, { applicationName: 'rivalwatch-worker' }));
  const log = opts.log ?? ((line: string) => console.log(line));
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const batchSize = Math.max(1, opts.batchSize ?? 4);
  const pollMs = opts.pollIntervalMs ?? 1000;
  const ttlMs = opts.leaseTtlMs ?? 30_000;
  const heartbeatMs = Math.min(opts.heartbeatMs ?? 5000, Math.floor(ttlMs / 3));
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  let boss: PgBoss;
  try {
    boss = await connectQueue(store, { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds, onError: (err) => log(`queue maintenance: ${err.message}`) });
  } catch (err) {
    if (ownStore) await store.close();
    throw err;
  }
  const limiter = new HostLimiter(store.pool, id, ttlMs, pollMs);
  const crawler = new JobCrawler(store);
  await store.pool.query('INSERT INTO crawl_workers (id, host, pid, concurrency) VALUES ($1, $2, $3, $4)', [id, hostname(), process.pid, concurrency]);

  const inFlight = new Set<Promise<void>>();
  const held = new Set<HostLease>();
  const stats = { done: 0, failed: 0 };
  let stopping = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const heartbeat = setInterval(() => {
    void (async () => {
      const leases = [...held];
      const renewed = await limiter.renew(leases);
      if (renewed < leases.length) log(`worker ${id}: ${leases.length - renewed} host slot(s) lapsed while held (the worker was stalled longer than the lease TTL)`);
      await store.pool.query(
        `UPDATE crawl_workers SET heartbeat_at = now(), in_flight = $2, jobs_done = $3, jobs_failed = $4 WHERE id = $1`,
        [id, inFlight.size, stats.done, stats.failed],
      );
    })().catch((err: Error) => log(`worker ${id}: heartbeat failed: ${err.message}`));
  }, heartbeatMs);

  async function waitingHosts(): Promise<WaitingHost[]> {
    const { rows } = await store.pool.query<WaitingHost>(
      `SELECT d.host, d.queue, d.delay_ms AS "delayMs" FROM crawl_domains d
       WHERE EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job j WHERE j.name = d.queue AND j.state < 'active' AND j.start_after < now())
       ORDER BY d.host`,
    );
    return rows;
  }

  /** Crawls and records a batch of one host's jobs on one slot; each job completes as soon as it is recorded. */
  async function work(jobs: PgBoss.Job<unknown>[], queue: string, lease: HostLease): Promise<void> {
    const open = new Map(jobs.map((job) => [job.id, job]));
    const finish = async (job: PgBoss.Job<unknown>, output: object) => {
      open.delete(job.id);
      await boss.complete(queue, job.id, output);
      stats.done++;
    };
    try {
      const items: { job: CrawlJob; listing: Listing; id: string }[] = [];
      for (const job of jobs) {
        const parsed = CrawlJobSchema.safeParse(job.data);
        if (!parsed.success) {
          open.delete(job.id);
          stats.failed++;
          await boss.fail(queue, job.id, { message: `not a crawl job: ${parsed.error.issues[0]?.message}` });
          continue;
        }
        const listing = await store.getListing(parsed.data.listingId);
        if (!listing || listing.status === 'paused') {
          // Removed or paused since the run was enqueued: nothing to crawl; it counts as not read.
          await store.pool.query(`INSERT INTO crawl_job_outcomes (run_id, listing_id, ok) VALUES ($1, $2, false) ON CONFLICT DO NOTHING`, [
            parsed.data.runId,
            parsed.data.listingId,
          ]);
          await finish(job, { skipped: listing ? 'paused' : 'removed' });
          continue;
        }
        items.push({ job: parsed.data, listing, id: job.id });
      }
      if (items.length === 0) return;
      const host = items[0].job.host;
      await crawler.crawl(
        items,
        (delayMs) => limiter.holdBack(host, lease, delayMs),
        async (item, observation) => {
          const { job: data, id: jobId } = item as (typeof items)[number];
          const outcome = await recordJobObservation(store, data.runId, observation);
          await opts.afterRecord?.(data);
          await finish(open.get(jobId)!, { ok: observation.ok, replay: outcome.replay });
        },
      );
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      for (const job of open.values()) {
        stats.failed++;
        log(`worker ${id}: job ${job.id} failed and will be retried: ${message}`);
        await boss.fail(queue, job.id, { message }).catch(() => undefined);
      }
    } finally {
      held.delete(lease);
      await limiter.release(lease, true).catch(() => undefined);
    }
  }

  function launch(jobs: PgBoss.Job<unknown>[], queue: string, lease: HostLease): void {
    held.add(lease);
    const running: Promise<void> = work(jobs, queue, lease).finally(() => {
      inFlight.delete(running);
      wake?.();
    });
    inFlight.add(running);
  }

  let turn = 0;
  async function loop(): Promise<void> {
    while (!stopping) {
      if (inFlight.size >= concurrency) {
        await nap(pollMs);
        continue;
      }
      let started = 0;
      let next = pollMs;
      try {
        const hosts = await waitingHosts();
        // Start with a different host each round, so no host is always served first.
        const order = hosts.map((_, i) => hosts[(i + turn) % hosts.length]);
        turn++;
        for (const { host, queue, delayMs } of order) {
          if (stopping || inFlight.size >= concurrency) break;
          const slot = await limiter.acquire(host);
          if (!slot.lease) {
            next = Math.min(next, slot.waitMs);
            continue;
          }
          // Several pages per slot only where the host wants no pause between requests: the pause
          // is kept across workers by the limiter, which paces slots, not the pages within one.
          const jobs = await boss.fetch<unknown>(queue, { batchSize: delayMs === 0 ? batchSize : 1 });
          if (jobs.length === 0) {
            await limiter.release(slot.lease, false);
            continue;
          }
          launch(jobs, queue, slot.lease);
          started++;
        }
      } catch (err) {
        log(`worker ${id}: cannot take jobs right now: ${(err as Error).message}`);
      }
      if (started === 0 && !stopping) await nap(Math.max(20, next));
    }
  }

  const looping = loop();
  let stopPromise: Promise<void> | null = null;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  async function shutdown(): Promise<void> {
    stopping = true;
    wake?.();
    await store.pool.query(`UPDATE crawl_workers SET state = 'stopping' WHERE id = $1`, [id]).catch(() => undefined);
    await looping;
    await Promise.all(inFlight);
    clearInterval(heartbeat);
    await store.pool
      .query(`UPDATE crawl_workers SET state = 'stopped', heartbeat_at = now(), in_flight = 0, jobs_done = $2, jobs_failed = $3 WHERE id = $1`, [id, stats.done, stats.failed])
      .catch(() => undefined);
    await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
    await crawler.close();
    if (ownStore) await store.close();
    resolveStopped();
  }

  return {
    id,
    stats: () => ({ ...stats, inFlight: inFlight.size }),
    stop: () => (stopPromise ??= shutdown()),
    stopped,
  };
}
