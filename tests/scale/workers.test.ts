// Distributed crawling end to end: a real PostgreSQL, the demo shops behind a counting proxy, and
// crawl workers in their own processes. One worker is SIGKILLed right after recording an
// observation and before completing its job: the job goes to the other worker, whose write is a
// replay. Every listing ends up crawled, none recorded twice, and the shops never see more
// requests at once than the host's limit, across both workers.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig, type Config } from '../../server/config.ts';
import { demoConfig } from '../../server/demo-run.ts';
import { startDemoShops, type DemoShops } from '../../server/demo/index.ts';
import { crawlableCompetitors, syncConfigListings } from '../../server/pipeline.ts';
import { connectQueue } from '../../server/queue/boss.ts';
import { enqueueCompetitorRun } from '../../server/queue/enqueue.ts';
import { evaluateFinishedRuns } from '../../server/queue/runs.ts';
import { formatQueueStatus, queueStatus } from '../../server/queue/status.ts';
import type { RecordResult } from '../../store/model.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';
import { startCountingProxy, type CountingProxy } from './proxy.ts';

const WORKER = join(import.meta.dirname, 'fixtures', 'worker.ts');
const HOST_LIMIT = 3;
const SCHEDULED_AT = '2024-05-06T09:00:00.000Z';
/** Three of the seven shops (JSON-LD, a Chinese shop, the flaky marketplace): ~70 listings keep the test short. */
const SHOPS = ['northwind', 'lexiang', 'megamart'];

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`Distributed crawl tests skipped: ${skip}`);

/** The demo's config for SHOPS, pointed at the proxy, HTTP only (no Chromium per worker), paced by HOST_LIMIT. */
function configThrough(shops: DemoShops, proxy: CountingProxy): Config {
  const picked = { ...shops, shops: shops.shops.filter((s) => SHOPS.includes(s.id)) };
  const demo = demoConfig(picked, 0, new Date(SCHEDULED_AT));
  const through = (s: string) => s.replace(shops.url, proxy.url).replace(new URL(shops.url).host, new URL(proxy.url).host);
  return validateConfig(
    {
      ...demo,
      competitors: demo.competitors.map((c) => ({
        ...c,
        domains: c.domains.map(through),
        renderMode: 'http',
        politeness: { maxConcurrency: HOST_LIMIT, delayMs: 0, timeoutMs: 10_000, maxRetries: 1, respectRobotsTxt: true },
      })),
      listings: demo.listings.map((l) => ({ ...l, url: through(l.url) })),
    },
    'scale test configuration',
  );
}

interface Worker {
  child: ChildProcess;
  messages: Record<string, unknown>[];
  exited: Promise<number | null>;
  next(key: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function spawnWorker(url: string, extra: { concurrency: number; hangAfterRecords?: number }): Worker {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RW_WORKER: JSON.stringify({ url, ...extra }) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const messages: Record<string, unknown>[] = [];
  const waiting: { key: string; resolve: (m: Record<string, unknown>) => void }[] = [];
  child.on('message', (m: Record<string, unknown>) => {
    messages.push(m);
    for (const w of waiting.filter((w) => w.key in m)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    messages,
    exited,
    next: (key, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const seen = messages.find((m) => key in m);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`worker sent no "${key}" within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
        waiting.push({ key, resolve: (m) => (clearTimeout(timer), resolve(m)) });
        void exited.then((code) => reject(new Error(`worker exited (${code}) before "${key}"; stderr:\n${stderr}`)));
      }),
  };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(skip !== null)(`distributed crawling${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pgServer = server as ThrowawayPostgres;
  let shops: DemoShops;
  let proxy: CountingProxy;
  let store: PostgresStore;
  let boss: PgBoss;
  let url: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    shops = await startDemoShops({ port: 0 });
    shops.setTime(SCHEDULED_AT);
    // Answers take 250 ms, so the host's slots are mostly spent waiting on the network, as in life.
    proxy = await startCountingProxy(shops.url, { latencyMs: 250 });
    url = await pgServer.createDatabase('rw_scale');
    store = await PostgresStore.open(url);
    // The test process supervises the queue too: it hands the killed worker's job on within a second.
    boss = await connectQueue(store, { maintenanceIntervalSeconds: 1 });
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await boss?.stop({ graceful: false, close: true });
    await store?.close();
    await proxy?.close();
    await shops?.close();
    await pgServer.stop();
  });

  it('crawls every listing once across two workers when one is killed mid-job, never exceeding the host limit', async () => {
    const config = configThrough(shops, proxy);
    await syncConfigListings(config, store, SCHEDULED_AT);
    const listings = await store.listListings();
    expect(listings.length).toBeGreaterThan(60);
    for (const competitor of crawlableCompetitors(config)) {
      await enqueueCompetitorRun({ store, boss, config, competitor, scheduledAt: SCHEDULED_AT, expireInSeconds: 8, retryDelaySeconds: 1 });
    }

    // The doomed worker takes two of the host's three slots, records one page on each and hangs
    // there, holding both slots. The survivor, able to crawl three pages at once, gets one slot.
    const doomed = spawnWorker(url, { concurrency: 2, hangAfterRecords: 1 });
    children.push(doomed.child);
    const { hanging } = await doomed.next('hanging');
    const survivor = spawnWorker(url, { concurrency: 3 });
    children.push(survivor.child);
    await survivor.next('started');
    const leases = { total: 0, survivor: 0, doomed: 0 };
    const survivorId = (survivor.messages.find((m) => 'started' in m) as { started: string }).started;
    const sample = async () => {
      const { rows } = await store.pool.query<{ worker_id: string; n: number }>(
        `SELECT worker_id, count(*)::int AS n FROM crawl_domain_leases WHERE expires_at > clock_timestamp() GROUP BY worker_id`,
      );
      leases.total = Math.max(leases.total, rows.reduce((n, r) => n + r.n, 0));
      leases.survivor = Math.max(leases.survivor, rows.find((r) => r.worker_id === survivorId)?.n ?? 0);
      leases.doomed = Math.max(leases.doomed, rows.filter((r) => r.worker_id !== survivorId).reduce((n, r) => n + r.n, 0));
    };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await sample();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await until('the survivor has recorded four pages beside the hung worker', async () => survivor.messages.filter((m) => 'recorded' in m).length >= 4, 60_000);
    sampling = false;
    await sampler;
    expect(leases).toEqual({ total: HOST_LIMIT, survivor: 1, doomed: 2 });
    doomed.child.kill('SIGKILL');
    await doomed.exited;

    const db = new pg.Client({ connectionString: url });
    db.on('error', () => undefined);
    await db.connect();
    try {
      await until('every run has finished', async () => (await db.query('SELECT 1 FROM crawl_runs WHERE finished_at IS NULL')).rowCount === 0, 120_000);
      // The runs count listings recorded; the killed worker's unfinished jobs may still be waiting for their retry.
      await until('the queue is empty', async () => {
        const { waiting, active } = await queueStatus(store);
        return waiting + active === 0;
      }, 120_000);
      survivor.child.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);

      // Every listing was crawled for this run, and recorded exactly once.
      const states = await db.query<{ listing_id: string; last_checked_at: Date }>('SELECT listing_id, last_checked_at FROM listing_state');
      expect(states.rows).toHaveLength(listings.length);
      expect(new Set(states.rows.map((r) => r.last_checked_at.toISOString()))).toEqual(new Set([SCHEDULED_AT]));
      const outcomes = await db.query<{ listing_id: string; writes: number; replays: number }>('SELECT listing_id, writes, replays FROM crawl_job_outcomes');
      expect(outcomes.rows).toHaveLength(listings.length);
      expect(outcomes.rows.filter((o) => o.writes !== 1)).toEqual([]);
      // The hung job was recorded by the killed worker, crawled again by the survivor, and seen as a replay.
      expect(outcomes.rows.find((o) => o.listing_id === hanging)?.replays).toBeGreaterThanOrEqual(1);

      // No field got two points, no failure was counted twice.
      const doubled = await db.query(`SELECT listing_id, field FROM change_points GROUP BY listing_id, field HAVING count(*) > 1`);
      expect(doubled.rows).toEqual([]);
      const spans = await db.query<{ count: number }>('SELECT count FROM failure_spans');
      expect(spans.rows.length).toBeGreaterThan(0);
      expect(spans.rows.every((s) => s.count === 1)).toBe(true);

      const runs = await store.listRuns();
      expect(runs.reduce((n, r) => n + r.ok + r.failed, 0)).toBe(listings.length);

      // The alert rules see each run once, with one result per listing: the replay left none.
      const evaluated: RecordResult[][] = [];
      expect(await evaluateFinishedRuns(store, async (results) => void evaluated.push(results))).toBe(runs.length);
      expect(evaluated.flat().map((r) => r.listingId).sort()).toEqual(listings.map((l) => l.id).sort());
      expect(await evaluateFinishedRuns(store, async () => expect.unreachable())).toBe(0);
    } finally {
      await db.end();
    }

    // Together the workers could have had six pages in flight; the host allowed three, and got three.
    const requested = new Set(proxy.paths());
    const disallowed = shops.shops.flatMap((s) => s.robotsDisallow);
    const fetchable = listings.map((l) => new URL(l.url)).filter((u) => !disallowed.some((prefix) => u.pathname.startsWith(prefix)));
    expect(fetchable.filter((u) => !requested.has(u.pathname + u.search)).map((u) => u.href)).toEqual([]);
    expect(proxy.maxInFlight()).toBe(HOST_LIMIT);

    const status = await queueStatus(store);
    expect(status).toMatchObject({ enabled: true, waiting: 0, active: 0, failed: 0 });
    // The killed worker never said goodbye: it shows as running until its heartbeat is a minute old, then lost.
    expect(status.workers.map((w) => w.state).sort()).toEqual([expect.stringMatching(/^(running|lost)$/), 'stopped']);
    expect(status.workers.find((w) => w.state === 'stopped')?.done).toBeGreaterThan(0);
    expect(formatQueueStatus(status)).toContain('Crawl queue: 0 waiting, 0 active, 0 failed');
  }, 180_000);
});
