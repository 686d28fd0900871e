// A distributed run: opened in crawl_runs when its jobs are enqueued, counted up as workers record
// each listing's outcome, finished when the last listing is in. These statements work on the
// store's crawl_runs table directly: counting in the database is what keeps concurrent workers'
// tallies exact, which the Store interface's whole-run upsert cannot.
import type pg from 'pg';
import type { CrawlRun, Observation, RecordResult } from '../../store/model.ts';
import { jsonParam, runFromRow, type RunRow } from '../../store/postgres/rows.ts';
import type { RecordOutcome } from '../../store/postgres/record.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';

/** Records the run unless it is already there (the scheduler enqueued it before a restart). */
export async function openRun(pool: pg.Pool, run: CrawlRun): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO crawl_runs (id, competitor, started_at, finished_at, at, listings, ok, failed, failures_by_kind)
     VALUES ($1, $2, $3, NULL, $4, $5, 0, 0, '{}') ON CONFLICT (id) DO NOTHING`,
    [run.id, run.competitor, run.startedAt, run.at, run.listings],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Records a job's observation together with its outcome (one transaction: a worker dying between
 * the two cannot leave a write uncounted), then recounts the run under its row lock, so two
 * workers finishing at once cannot overwrite each other's counts. A replay only counts as one.
 */
export async function recordJobObservation(store: PostgresStore, runId: string, observation: Observation): Promise<RecordOutcome> {
  const [outcome] = await store.record([observation], async (client, [{ replay, result }]) => {
    await client.query(
      `INSERT INTO crawl_job_outcomes (run_id, listing_id, ok, failure_kind, writes, replays, result) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (run_id, listing_id) DO UPDATE SET writes = crawl_job_outcomes.writes + EXCLUDED.writes,
         replays = crawl_job_outcomes.replays + EXCLUDED.replays, result = COALESCE(crawl_job_outcomes.result, EXCLUDED.result)`,
      [
        runId,
        observation.listingId,
        observation.ok,
        observation.ok ? null : observation.failure.kind,
        replay ? 0 : 1,
        replay ? 1 : 0,
        replay ? null : jsonParam(result),
      ],
    );
  });
  await store.transaction(async (client) => {
    const { rows } = await client.query<{ listings: number }>('SELECT listings FROM crawl_runs WHERE id = $1 FOR UPDATE', [runId]);
    if (!rows[0]) return;
    await client.query(
      `WITH counts AS (
         SELECT ok, failure_kind, count(*)::int AS n FROM crawl_job_outcomes WHERE run_id = $1 GROUP BY ok, failure_kind
       ), totals AS (
         SELECT COALESCE(sum(n) FILTER (WHERE ok), 0)::int AS ok, COALESCE(sum(n) FILTER (WHERE NOT ok), 0)::int AS failed,
                COALESCE(jsonb_object_agg(failure_kind, n) FILTER (WHERE failure_kind IS NOT NULL), '{}') AS kinds
         FROM counts
       )
       UPDATE crawl_runs r SET ok = t.ok, failed = t.failed, failures_by_kind = t.kinds,
         finished_at = CASE WHEN t.ok + t.failed >= r.listings THEN COALESCE(r.finished_at, clock_timestamp()) END
       FROM totals t WHERE r.id = $1`,
      [runId],
    );
  });
  return outcome;
}

/**
 * Hands the results of every finished run not yet evaluated to `evaluate` (the alert engine), oldest
 * first, then marks the run evaluated; returns how many runs were handed on. Replays left no result,
 * so a retried job cannot raise an alert twice. Meant for the one scheduler process: a crash between
 * evaluating and marking evaluates that run again on restart, where the rules' own state (cooldowns,
 * re-arming) keeps a repeat from alerting twice.
 */
export async function evaluateFinishedRuns(store: PostgresStore, evaluate: (results: RecordResult[], run: CrawlRun) => Promise<void>): Promise<number> {
  const { rows } = await store.pool.query<RunRow>(
    `SELECT id, competitor, started_at, finished_at, at, listings, ok, failed, failures_by_kind FROM crawl_runs r
     WHERE finished_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM crawl_job_outcomes o WHERE o.run_id = r.id)
       AND NOT EXISTS (SELECT 1 FROM crawl_run_evaluations e WHERE e.run_id = r.id)
     ORDER BY finished_at, id`,
  );
  for (const row of rows) {
    const { rows: results } = await store.pool.query<{ result: RecordResult }>(
      'SELECT result FROM crawl_job_outcomes WHERE run_id = $1 AND result IS NOT NULL ORDER BY recorded_at, listing_id',
      [row.id],
    );
    await evaluate(
      results.map((r) => r.result),
      runFromRow(row),
    );
    await store.pool.query('INSERT INTO crawl_run_evaluations (run_id) VALUES ($1) ON CONFLICT DO NOTHING', [row.id]);
  }
  return rows.length;
}

/** Outcomes are only needed while a run is counted and evaluated; older ones (and their marks) go. */
export async function pruneOutcomes(pool: pg.Pool, olderThanDays: number): Promise<number> {
  const { rowCount } = await pool.query(`DELETE FROM crawl_job_outcomes WHERE recorded_at < now() - $1 * interval '1 day'`, [olderThanDays]);
  await pool.query(`DELETE FROM crawl_run_evaluations WHERE evaluated_at < now() - $1 * interval '1 day'`, [olderThanDays]);
  return rowCount ?? 0;
}
