// Versioned schema migrations, run on start. Each part of RivalWatch that owns tables (the store,
// the crawl queue) brings its own numbered set; `schema_migrations` records what ran. All pending
// migrations of a set run in one transaction under an advisory lock, so two processes starting at
// once (the API and a worker) never race: the second waits, then finds nothing left to do.
import type pg from 'pg';
import { StoreError } from '../store.ts';

export interface Migration {
  /** 1, 2, 3… in order; never renumber or edit a released migration, add a new one. */
  version: number;
  name: string;
  sql: string;
}

export interface MigrationSet {
  /** 'store', 'queue': one row per (set, version) in schema_migrations. */
  name: string;
  migrations: readonly Migration[];
}

/** One lock for every set: creating schema_migrations itself must not race either. */
const MIGRATION_LOCK = 7_407_351_001;

/** Applies the set's pending migrations; returns the versions applied now. */
export async function runMigrations(pool: pg.Pool, set: MigrationSet): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        set_name   text        NOT NULL,
        version    integer     NOT NULL,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (set_name, version)
      )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE set_name = $1', [set.name]);
    const done = new Set(rows.map((r) => r.version));
    const known = Math.max(0, ...set.migrations.map((m) => m.version));
    const newer = [...done].filter((v) => v > known);
    if (newer.length) {
      throw new StoreError(
        `The database's ${set.name} schema is at version ${Math.max(...newer)}, newer than this RivalWatch knows (${known}). Upgrade RivalWatch on this machine.`,
        'invalid',
      );
    }
    const applied: number[] = [];
    for (const m of [...set.migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (set_name, version, name) VALUES ($1, $2, $3)', [set.name, m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The highest version of `set` applied in the database, or null before the first migration. */
export async function schemaVersion(pool: pg.Pool, set: string): Promise<number | null> {
  const { rows } = await pool.query<{ exists: string | null }>("SELECT to_regclass('schema_migrations')::text AS exists");
  if (!rows[0]?.exists) return null;
  const result = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations WHERE set_name = $1', [set]);
  return result.rows[0]?.version ?? null;
}
