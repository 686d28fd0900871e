// Per-host politeness across every worker on every machine: a crawl may start only while it holds
// one of the host's `max_concurrency` leases, and only `delay_ms` after the previous start there.
// Leases live in Postgres with an expiry that the holder keeps pushing forward; when a worker dies
// its leases lapse, so a crash costs the host's slot for one lease TTL, never forever.
import type pg from 'pg';

export interface HostLease {
  id: string;
  host: string;
}

export type AcquireResult = { lease: HostLease } | { lease: null; waitMs: number };

export interface HostLimits {
  maxConcurrency: number;
  delayMs: number;
}

export class HostLimiter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly workerId: string,
    /** A lease not renewed for this long is a dead worker's. */
    readonly ttlMs: number,
    /** How long to wait before asking again when every slot of a host is taken. */
    private readonly busyWaitMs: number,
  ) {}

  /** Sets a host's limits (and its queue); the enqueuer calls this from the config. */
  static async define(pool: pg.Pool, host: string, queue: string, limits: HostLimits): Promise<void> {
    await pool.query(
      `INSERT INTO crawl_domains (host, queue, max_concurrency, delay_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (host) DO UPDATE SET queue = EXCLUDED.queue, max_concurrency = EXCLUDED.max_concurrency,
         delay_ms = EXCLUDED.delay_ms, updated_at = now()`,
      [host, queue, limits.maxConcurrency, limits.delayMs],
    );
  }

  async acquire(host: string): Promise<AcquireResult> {
    const { rows } = await this.pool.query<{ lease_id: string | null; wait_ms: number }>(
      'SELECT lease_id, wait_ms FROM rw_acquire_host_slot($1, $2, $3, $4)',
      [host, this.workerId, this.ttlMs, this.busyWaitMs],
    );
    const row = rows[0];
    return row?.lease_id != null ? { lease: { id: row.lease_id, host } } : { lease: null, waitMs: row?.wait_ms ?? this.busyWaitMs };
  }

  /**
   * Pushes the expiry of the leases this worker holds; returns how many it still held. A lease that
   * lapsed (the worker stalled past the TTL) is not revived: its slot may already be someone else's.
   */
  async renew(leases: HostLease[]): Promise<number> {
    if (leases.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `UPDATE crawl_domain_leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE id = ANY($1::bigint[]) AND worker_id = $2 AND expires_at > clock_timestamp()`,
      [leases.map((l) => l.id), this.workerId, this.ttlMs],
    );
    return rowCount ?? 0;
  }

  /**
   * Gives the slot back. `used: false` (no job came with it) also gives the turn back: the host's
   * next start returns to what it was, unless another lease has moved it since.
   */
  async release(lease: HostLease, used: boolean): Promise<void> {
    if (used) {
      await this.pool.query('DELETE FROM crawl_domain_leases WHERE id = $1', [lease.id]);
      return;
    }
    await this.pool.query(
      `WITH gone AS (DELETE FROM crawl_domain_leases WHERE id = $1 RETURNING host, prev_next_start_at, next_start_at)
       UPDATE crawl_domains d SET next_start_at = gone.prev_next_start_at
       FROM gone WHERE d.host = gone.host AND d.next_start_at = gone.next_start_at`,
      [lease.id],
    );
  }

  /** robots.txt asks for a longer Crawl-delay than the config: the host's next start waits for it. */
  async holdBack(host: string, sinceLeaseOf: HostLease, crawlDelayMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE crawl_domains d SET next_start_at = GREATEST(d.next_start_at, l.acquired_at + $3 * interval '1 millisecond')
       FROM crawl_domain_leases l WHERE d.host = $1 AND l.id = $2`,
      [host, sinceLeaseOf.id, crawlDelayMs],
    );
  }
}
