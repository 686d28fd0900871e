// Tables of the distributed crawl (beside pg-boss's own schema): per-host politeness shared by
// every worker, the worker registry `status` reads, and per-run outcomes that finish runs.
import type { MigrationSet } from '../../store/postgres/migrations.ts';

const TABLES = `
-- One row per host crawled through the queue, with the strictest politeness any competitor on it asks.
CREATE TABLE crawl_domains (
  host             text PRIMARY KEY,
  queue            text NOT NULL,
  max_concurrency  integer NOT NULL CHECK (max_concurrency >= 1),
  delay_ms         integer NOT NULL CHECK (delay_ms >= 0),
  next_start_at    timestamptz NOT NULL DEFAULT '-infinity',
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A worker's right to have one request in flight to a host. Held for one listing's crawl and
-- renewed while it runs; a dead worker's lease lapses at expires_at and the slot is free again.
CREATE TABLE crawl_domain_leases (
  id                  bigserial PRIMARY KEY,
  host                text NOT NULL REFERENCES crawl_domains (host) ON DELETE CASCADE,
  worker_id           text NOT NULL,
  acquired_at         timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL,
  -- What next_start_at was before this lease moved it, to give the turn back when no job came.
  prev_next_start_at  timestamptz NOT NULL,
  next_start_at       timestamptz NOT NULL
);
CREATE INDEX crawl_domain_leases_host ON crawl_domain_leases (host, expires_at);

-- Takes a slot on a host when fewer than max_concurrency leases are live and the host's politeness
-- delay since the previous start has passed; otherwise says how long to wait. The host row lock
-- serializes competing workers, and the server's clock decides, so machines' clocks may differ.
CREATE FUNCTION rw_acquire_host_slot(p_host text, p_worker text, p_ttl_ms integer, p_busy_wait_ms integer)
RETURNS TABLE (lease_id bigint, wait_ms integer) LANGUAGE plpgsql AS $$
DECLARE
  d crawl_domains%ROWTYPE;
  t timestamptz := clock_timestamp();
  live integer;
  lid bigint;
BEGIN
  SELECT * INTO d FROM crawl_domains WHERE host = p_host FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::bigint, p_busy_wait_ms;
    RETURN;
  END IF;
  DELETE FROM crawl_domain_leases WHERE host = p_host AND expires_at < t;
  SELECT count(*) INTO live FROM crawl_domain_leases WHERE host = p_host;
  IF live >= d.max_concurrency THEN
    RETURN QUERY SELECT NULL::bigint, p_busy_wait_ms;
    RETURN;
  END IF;
  IF d.next_start_at > t THEN
    RETURN QUERY SELECT NULL::bigint, GREATEST(1, ceil(extract(epoch FROM d.next_start_at - t) * 1000))::integer;
    RETURN;
  END IF;
  INSERT INTO crawl_domain_leases (host, worker_id, acquired_at, expires_at, prev_next_start_at, next_start_at)
  VALUES (p_host, p_worker, t, t + p_ttl_ms * interval '1 millisecond', d.next_start_at, t + d.delay_ms * interval '1 millisecond')
  RETURNING id INTO lid;
  UPDATE crawl_domains SET next_start_at = t + d.delay_ms * interval '1 millisecond' WHERE host = p_host;
  RETURN QUERY SELECT lid, 0;
END $$;

CREATE TABLE crawl_workers (
  id            text PRIMARY KEY,
  host          text NOT NULL,
  pid           integer NOT NULL,
  concurrency   integer NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  in_flight     integer NOT NULL DEFAULT 0,
  jobs_done     bigint NOT NULL DEFAULT 0,
  jobs_failed   bigint NOT NULL DEFAULT 0,
  state         text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'stopping', 'stopped'))
);

-- What each job of a run recorded: finishes the run's counts, and shows a retried job was a replay.
CREATE TABLE crawl_job_outcomes (
  run_id         text NOT NULL,
  listing_id     text NOT NULL,
  ok             boolean NOT NULL,
  failure_kind   text,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  writes         integer NOT NULL DEFAULT 0,
  replays        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, listing_id)
);
CREATE INDEX crawl_job_outcomes_recorded ON crawl_job_outcomes (recorded_at);
`;

const RUN_EVALUATION = `
-- What recording each job's observation changed (the first write only, never a replay's), so the
-- scheduler can run the alert rules once over a finished run, as the in-process daemon does.
ALTER TABLE crawl_job_outcomes ADD COLUMN result jsonb;

-- Runs whose results the alert rules have seen: a run is evaluated once.
CREATE TABLE crawl_run_evaluations (
  run_id        text PRIMARY KEY,
  evaluated_at  timestamptz NOT NULL DEFAULT now()
);
`;

export const QUEUE_MIGRATIONS: MigrationSet = {
  name: 'queue',
  migrations: [
    { version: 1, name: 'host politeness leases, worker registry, job outcomes', sql: TABLES },
    { version: 2, name: 'record results per job, evaluated runs', sql: RUN_EVALUATION },
  ],
};
