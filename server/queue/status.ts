// What `rivalwatch status` shows of distributed crawling: jobs waiting, active and failed, per host
// with its shared limits, the workers (alive, stopping, lost), and the runs still being crawled.
import type { PostgresStore } from '../../store/postgres/store.ts';
import { BOSS_SCHEMA } from './boss.ts';

/** A running worker that has not reported for this long is presumed dead. */
const LOST_AFTER_SECONDS = 60;

export interface HostQueueStatus {
  host: string;
  waiting: number;
  active: number;
  failed: number;
  maxConcurrency: number;
  delayMs: number;
  /** Slots held right now (across all workers). */
  leases: number;
}

export interface WorkerStatus {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  state: 'running' | 'stopping' | 'stopped' | 'lost';
  startedAt: string;
  heartbeatAt: string;
  inFlight: number;
  done: number;
  failed: number;
}

export interface QueueStatus {
  /** False until the first distributed run (no queue tables yet). */
  enabled: boolean;
  waiting: number;
  active: number;
  /** Jobs that used up their retries (kept until pg-boss archives them). */
  failed: number;
  hosts: HostQueueStatus[];
  workers: WorkerStatus[];
  runsInProgress: { competitor: string; at: string; listings: number; ok: number; failed: number }[];
}

const iso = (d: Date) => d.toISOString();

export async function queueStatus(store: PostgresStore): Promise<QueueStatus> {
  const pool = store.pool;
  const { rows: present } = await pool.query<{ ours: string | null; boss: string | null }>(
    `SELECT to_regclass('crawl_domains')::text AS ours, to_regclass('${BOSS_SCHEMA}.job')::text AS boss`,
  );
  if (!present[0]?.ours || !present[0]?.boss) {
    return { enabled: false, waiting: 0, active: 0, failed: 0, hosts: [], workers: [], runsInProgress: [] };
  }
  const { rows: hostRows } = await pool.query<{
    host: string;
    waiting: number;
    active: number;
    failed: number;
    max_concurrency: number;
    delay_ms: number;
    leases: number;
  }>(
    `SELECT d.host, d.max_concurrency, d.delay_ms,
            COALESCE(j.waiting, 0)::int AS waiting, COALESCE(j.active, 0)::int AS active, COALESCE(j.failed, 0)::int AS failed,
            (SELECT count(*) FROM crawl_domain_leases l WHERE l.host = d.host AND l.expires_at > clock_timestamp())::int AS leases
     FROM crawl_domains d
     LEFT JOIN (
       SELECT name, count(*) FILTER (WHERE state < 'active') AS waiting, count(*) FILTER (WHERE state = 'active') AS active,
              count(*) FILTER (WHERE state = 'failed') AS failed
       FROM ${BOSS_SCHEMA}.job GROUP BY name
     ) j ON j.name = d.queue
     ORDER BY d.host`,
  );
  const { rows: workerRows } = await pool.query<{
    id: string;
    host: string;
    pid: number;
    concurrency: number;
    state: WorkerStatus['state'];
    lost: boolean;
    started_at: Date;
    heartbeat_at: Date;
    in_flight: number;
    jobs_done: string;
    jobs_failed: string;
  }>(
    `SELECT *, state <> 'stopped' AND heartbeat_at < now() - $1 * interval '1 second' AS lost FROM crawl_workers
     WHERE state <> 'stopped' OR heartbeat_at > now() - interval '1 day'
     ORDER BY started_at`,
    [LOST_AFTER_SECONDS],
  );
  const { rows: runRows } = await pool.query<{ competitor: string; at: Date; listings: number; ok: number; failed: number }>(
    `SELECT competitor, at, listings, ok, failed FROM crawl_runs
     WHERE finished_at IS NULL AND id IN (SELECT DISTINCT (data->>'runId') FROM ${BOSS_SCHEMA}.job WHERE state <= 'active')
     ORDER BY at, competitor`,
  );
  const hosts = hostRows.map((h) => ({
    host: h.host,
    waiting: h.waiting,
    active: h.active,
    failed: h.failed,
    maxConcurrency: h.max_concurrency,
    delayMs: h.delay_ms,
    leases: h.leases,
  }));
  return {
    enabled: true,
    waiting: hosts.reduce((n, h) => n + h.waiting, 0),
    active: hosts.reduce((n, h) => n + h.active, 0),
    failed: hosts.reduce((n, h) => n + h.failed, 0),
    hosts,
    workers: workerRows.map((w) => ({
      id: w.id,
      host: w.host,
      pid: w.pid,
      concurrency: w.concurrency,
      state: w.lost ? 'lost' : w.state,
      startedAt: iso(w.started_at),
      heartbeatAt: iso(w.heartbeat_at),
      inFlight: w.in_flight,
      done: Number(w.jobs_done),
      failed: Number(w.jobs_failed),
    })),
    runsInProgress: runRows.map((r) => ({ competitor: r.competitor, at: iso(r.at), listings: r.listings, ok: r.ok, failed: r.failed })),
  };
}

export function formatQueueStatus(s: QueueStatus): string {
  if (!s.enabled) return 'Crawl queue: not in use yet (the first scheduled run with the Postgres store creates it).';
  const lines = [`Crawl queue: ${s.waiting} waiting, ${s.active} active, ${s.failed} failed`];
  for (const h of s.hosts) {
    if (!h.waiting && !h.active && !h.failed && !h.leases) continue;
    lines.push(`  ${h.host}: ${h.waiting} waiting, ${h.active} active, ${h.failed} failed; ${h.leases}/${h.maxConcurrency} slots in use, ${h.delayMs} ms apart`);
  }
  for (const r of s.runsInProgress) lines.push(`  run ${r.competitor} @ ${r.at}: ${r.ok + r.failed}/${r.listings} recorded`);
  const live = s.workers.filter((w) => w.state !== 'stopped');
  lines.push(`Workers: ${live.filter((w) => w.state === 'running').length} running${live.some((w) => w.state === 'lost') ? `, ${live.filter((w) => w.state === 'lost').length} lost (no heartbeat for ${LOST_AFTER_SECONDS} s)` : ''}`);
  for (const w of s.workers) {
    lines.push(`  ${w.id} [${w.state}] ${w.inFlight}/${w.concurrency} in flight, ${w.done} done, ${w.failed} failed, last seen ${w.heartbeatAt}`);
  }
  return lines.join('\n');
}
