// The job queue: pg-boss on the store's database (its own `pgboss` schema), plus our tables.
import PgBoss from 'pg-boss';
import { runMigrations } from '../../store/postgres/migrations.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';
import { QUEUE_MIGRATIONS } from './schema.ts';

export interface QueueConnectionOptions {
  /**
   * How often pg-boss looks for jobs whose worker went silent past their expiry and hands them to
   * another worker (and archives finished ones). Every process may do it; one does per interval.
   * Default 60 s.
   */
  maintenanceIntervalSeconds?: number;
  /** Connections pg-boss may use. Default 4. */
  poolSize?: number;
  /** Problems of pg-boss's background maintenance; it retries on the next interval. */
  onError?: (err: Error) => void;
}

/** The schema pg-boss keeps its jobs in. */
export const BOSS_SCHEMA = 'pgboss';

/** Starts pg-boss (creating or upgrading its schema) and brings our queue tables up to date. */
export async function connectQueue(store: PostgresStore, opts: QueueConnectionOptions = {}): Promise<PgBoss> {
  await runMigrations(store.pool, QUEUE_MIGRATIONS);
  const boss = new PgBoss({
    connectionString: store.url,
    schema: BOSS_SCHEMA,
    max: opts.poolSize ?? 4,
    application_name: 'rivalwatch-queue',
    // Runs are scheduled by RivalWatch's own scheduler (node-cron, with catch-up), not pg-boss cron.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
  });
  // An 'error' event without a listener would crash the process; maintenance retries on its own.
  boss.on('error', opts.onError ?? (() => undefined));
  await boss.start();
  return boss;
}
