// Postgres benchmark. (1) Crawl throughput of 1, 2 and 4 worker processes against the demo shops
// with simulated network latency, as ratios to one worker in the same run; a last round caps the
// host at fewer slots than the workers have, to show where the per-host limit binds. (2) API lookup
// latency (findListingByUrl + getHistory) with one million observations stored, as a ratio to a
// bare `SELECT 1` round trip measured in the same run. Uses $RIVALWATCH_BENCH_PG (a server URL
// whose user may CREATE DATABASE) or starts a throwaway PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { validateConfig, type Config } from '../server/config.ts';
import { demoConfig } from '../server/demo-run.ts';
import { startDemoShops, type DemoShops } from '../server/demo/index.ts';
import { crawlableCompetitors, syncConfigListings } from '../server/pipeline.ts';
import { connectQueue } from '../server/queue/boss.ts';
import { enqueueCompetitorRun } from '../server/queue/enqueue.ts';
import { PostgresStore } from '../store/postgres/store.ts';
import { startThrowawayPostgres } from '../tests/helpers/postgres.ts';

/** Long enough that a page's wait, not this shared machine's CPU, sets one worker's pace. */
const LATENCY_MS = 500;
/** Pages each worker crawls at once. */
const WORKER_CONCURRENCY = 2;
/** High enough that 4 workers × 2 pages never meet it, until the last round lowers it. */
const HOST_LIMIT = 16;
const BINDING_LIMIT = 4;
const LOOKUPS = 2000;
const LISTINGS = 10_000;
const OBSERVATIONS_PER_LISTING = 100;

const ROOT = join(import.meta.dirname, '..');

interface Server {
  createDatabase(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

async function postgres(): Promise<Server | { skipped: string }> {
  const url = process.env.RIVALWATCH_BENCH_PG;
  if (!url) return startThrowawayPostgres();
  let n = 0;
  return {
    async createDatabase(prefix) {
      const name = `${prefix}_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: async () => undefined,
  };
}

/** A worker in its own process, as on another machine. */
function spawnWorker(url: string): ChildProcess {
  const script = `
    const { startWorker } = await import(${JSON.stringify(join(ROOT, 'server/queue/worker.ts'))});
    const worker = await startWorker({ url: process.env.RW_URL, concurrency: ${WORKER_CONCURRENCY}, pollIntervalMs: 100, log: () => {} });
    process.on('SIGTERM', () => worker.stop().then(() => process.exit(0)));`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, RW_URL: url }, stdio: 'ignore' });
}

function benchConfig(shops: DemoShops, hostLimit: number): Config {
  const demo = demoConfig(shops, 0, new Date());
  return validateConfig(
    {
      ...demo,
      competitors: demo.competitors.map((c) => ({
        ...c,
        renderMode: 'http',
        politeness: { maxConcurrency: hostLimit, delayMs: 0, timeoutMs: 20_000, maxRetries: 1, respectRobotsTxt: true },
      })),
    },
    'bench configuration',
  );
}

/** CPU time a process has used so far (Linux /proc; null elsewhere), in ms. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Pages per second for one run of every demo listing with `workers` worker processes, and the workers' CPU per page. */
async function crawlRound(server: Server, shops: DemoShops, workers: number, hostLimit: number): Promise<{ pages: number; perSecond: number; cpuPerPage: number | null }> {
  const url = await server.createDatabase('rw_bench_crawl');
  const store = await PostgresStore.open(url);
  const boss = await connectQueue(store);
  const children: ChildProcess[] = [];
  try {
    const config = benchConfig(shops, hostLimit);
    const at = new Date().toISOString();
    await syncConfigListings(config, store, at);
    const pages = (await store.listListings()).length;
    // Workers start and warm up (pg-boss, tsx) before the clock starts.
    for (let i = 0; i < workers; i++) children.push(spawnWorker(url));
    await waitFor(async () => (await store.pool.query(`SELECT 1 FROM crawl_workers`)).rowCount === workers);
    const cpu0 = children.map((c) => cpuMs(c.pid));
    const t0 = performance.now();
    for (const competitor of crawlableCompetitors(config)) await enqueueCompetitorRun({ store, boss, config, competitor, scheduledAt: at });
    await waitFor(async () => (await store.pool.query('SELECT 1 FROM crawl_runs WHERE finished_at IS NULL')).rowCount === 0);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = children.map((c, i) => (cpu0[i] === null ? null : (cpuMs(c.pid) ?? 0) - cpu0[i]!));
    const cpuPerPage = cpu.includes(null) ? null : (cpu as number[]).reduce((a, b) => a + b, 0) / pages;
    return { pages, perSecond: pages / seconds, cpuPerPage };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
    await boss.stop({ graceful: false, close: true });
    await store.close();
  }
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 100));
}

/** One million observations, stored as change points: every observation a price change (the worst case). */
async function fillMillion(store: PostgresStore): Promise<void> {
  await store.pool.query(
    `INSERT INTO listings (id, url, competitor, sku, status, added_at)
     SELECT 'l_' || lpad(to_hex(i), 10, '0'), 'https://shop' || (i % 50) || '.test/p/' || i, 'competitor-' || (i % 50), 'SKU-' || (i % 2000), 'active', '2024-01-01Z'
     FROM generate_series(1, $1::int) i`,
    [LISTINGS],
  );
  await store.pool.query(
    `INSERT INTO change_points (listing_id, field, at, last_seen_at, value, amount_minor, currency)
     SELECT l.id, 'price', t.at, t.at + interval '5 hours', jsonb_build_object('amountMinor', a.amount, 'currency', 'CNY'), a.amount, 'CNY'
     FROM listings l
     CROSS JOIN generate_series(0, $1::int - 1) k
     CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01Z' + k * interval '6 hours' AS at) t
     CROSS JOIN LATERAL (SELECT 10000 + (hashtext(l.id || k::text) & 4095) AS amount) a`,
    [OBSERVATIONS_PER_LISTING],
  );
  await store.pool.query(
    `INSERT INTO listing_state (listing_id, last_checked_at, last_ok_at, via, sources)
     SELECT id, timestamptz '2024-01-01Z' + ($1::int - 1) * interval '6 hours', timestamptz '2024-01-01Z' + ($1::int - 1) * interval '6 hours', 'http', '{"price":"json-ld"}'
     FROM listings`,
    [OBSERVATIONS_PER_LISTING],
  );
  await store.pool.query('ANALYZE');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(n: number, op: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function benchLookups(server: Server): Promise<void> {
  const store = await PostgresStore.open(await server.createDatabase('rw_bench_lookup'));
  try {
    const t0 = performance.now();
    await fillMillion(store);
    const { rows } = await store.pool.query<{ n: string; bytes: string }>(
      `SELECT count(*) AS n, pg_total_relation_size('change_points') AS bytes FROM change_points`,
    );
    const n = Number(rows[0].n);
    console.log(
      `stored ${n.toLocaleString('en')} observations (as price change points) for ${LISTINGS.toLocaleString('en')} listings in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s; ${(Number(rows[0].bytes) / n).toFixed(0)} bytes per change point with indexes`,
    );
    // Spread over the listings by a fixed stride, so every run looks up the same ones.
    const urlOf = (i: number) => {
      const n = ((i * 7919) % LISTINGS) + 1;
      return `https://shop${n % 50}.test/p/${n}`;
    };
    const baseline = await timed(LOOKUPS, () => store.pool.query('SELECT 1'));
    const lookup = await timed(LOOKUPS, async (i) => {
      const listing = await store.findListingByUrl(urlOf(i));
      if (!listing) throw new Error(`bench listing ${urlOf(i)} missing`);
      return store.getHistory(listing.id);
    });
    const week = await timed(50, async (i) => {
      const ids = Array.from({ length: 200 }, (_, k) => `l_${(((i * 200 + k) % LISTINGS) + 1).toString(16).padStart(10, '0')}`);
      return store.getHistories(ids, { from: '2024-01-18T00:00:00.000Z', to: '2024-01-25T00:00:00.000Z' });
    });
    const row = (name: string, t: { p50: number; p99: number }) =>
      console.log(`${name.padEnd(44)} p50 ${t.p50.toFixed(2).padStart(7)} ms (${(t.p50 / baseline.p50).toFixed(1).padStart(5)}×)   p99 ${t.p99.toFixed(2).padStart(7)} ms (${(t.p99 / baseline.p99).toFixed(1).padStart(5)}×)`);
    row('SELECT 1 (baseline)', baseline);
    row('lookup: findListingByUrl + getHistory (100 pts)', lookup);
    row('digest week: getHistories × 200 listings', week);
  } finally {
    await store.close();
  }
}

async function benchThroughput(server: Server): Promise<void> {
  const shops = await startDemoShops({ port: 0, latencyMs: LATENCY_MS, rateLimit: false });
  try {
    console.log(`crawl throughput, demo shops with ${LATENCY_MS} ms latency per response, ${WORKER_CONCURRENCY} pages at once per worker`);
    const rounds: { label: string; workers: number; limit: number }[] = [
      { label: '1 worker', workers: 1, limit: HOST_LIMIT },
      { label: '2 workers', workers: 2, limit: HOST_LIMIT },
      { label: '4 workers', workers: 4, limit: HOST_LIMIT },
      { label: `4 workers, host limit ${BINDING_LIMIT} pages`, workers: 4, limit: BINDING_LIMIT },
      // The machine's noise, seen: the first round again.
      { label: '1 worker again', workers: 1, limit: HOST_LIMIT },
    ];
    let base = 0;
    for (const r of rounds) {
      const { pages, perSecond, cpuPerPage } = await crawlRound(server, shops, r.workers, r.limit);
      base ||= perSecond;
      const cpu = cpuPerPage === null ? '' : `  workers' CPU ${cpuPerPage.toFixed(0)} ms/page`;
      console.log(`${r.label.padEnd(32)} ${pages} pages  ${perSecond.toFixed(1).padStart(6)} pages/s  ${(perSecond / base).toFixed(2)}× one worker${cpu}`);
    }
  } finally {
    await shops.close();
  }
}

export async function benchPostgres(): Promise<void> {
  const server = await postgres();
  if ('skipped' in server) {
    console.log(`skipped: ${server.skipped}`);
    return;
  }
  try {
    await benchThroughput(server);
    await benchLookups(server);
  } finally {
    await server.stop();
  }
}
