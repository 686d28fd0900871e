// The Postgres store: the same Store as the embedded one, for many processes on many machines.
// Recording applies the shared change-point logic (changepoints.ts) to the listing's current state,
// read under a row lock inside a transaction, and writes only what changed; an observation at or
// before the listing's last check is a replay and writes nothing, so a retried crawl job can never
// add a second change point. Every call commits before it resolves; `flush()` has nothing to do.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { listingIdFor } from '../ids.ts';
import type { CrawlRun, DocumentRecord, Listing, ListingHistory, NewListing, Observation, RecordResult, TimeRange } from '../model.ts';
import { checkTime, documentData, invalid } from '../checks.ts';
import { CrawlRunSchema, ListingPatchSchema, NewListingSchema, ObservationSchema } from '../schema.ts';
import { StoreError, type Store } from '../store.ts';
import { connectionProblem, isConnectionError, redactUrl } from './connection.ts';
import { runMigrations, schemaVersion } from './migrations.ts';
import { applyObservations, type RecordOutcome } from './record.ts';
import {
  HISTORY_SQL,
  LISTING_COLUMNS,
  historyFromRow,
  historyParams,
  jsonParam,
  listingFromRow,
  runFromRow,
  type HistoryRow,
  type ListingRow,
  type RunRow,
} from './rows.ts';
import { iso } from '../times.ts';
import { STORE_MIGRATIONS, STORE_SCHEMA_VERSION } from './schema.ts';

export interface PostgresStoreOptions {
  /** Reads only (status, inspect): no migrations, every transaction read-only. */
  readOnly?: boolean;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Application name shown in pg_stat_activity. Default "rivalwatch". */
  applicationName?: string;
}

export class PostgresStore implements Store {
  readonly location: string;
  private closed = false;

  private constructor(
    /** The connection pool, shared with the crawl queue (server/queue) of the same process. */
    readonly pool: pg.Pool,
    /** The database URL as given (with its password): for pg-boss and child processes. */
    readonly url: string,
    private readonly readOnly: boolean,
  ) {
    this.location = redactUrl(url);
  }

  /**
   * Connects and brings the schema up to date (read-only opens only check it). Fails with
   * StoreError: 'unavailable' when the server cannot be reached, 'not-found' for a read-only open
   * of a database without RivalWatch tables, 'invalid' when the schema is newer than this code.
   */
  static async open(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const readOnly = opts.readOnly ?? false;
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? 'rivalwatch',
      // Timestamps leave the server in UTC; a read-only open cannot write even by mistake.
      options: `-c TimeZone=UTC${readOnly ? ' -c default_transaction_read_only=on' : ''}`,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const location = redactUrl(url);
    try {
      if (readOnly) {
        const version = await schemaVersion(pool, STORE_MIGRATIONS.name);
        if (version === null) {
          throw new StoreError(`The database ${location} has no RivalWatch tables yet. Start RivalWatch with it once (or run "rivalwatch migrate --to postgres").`, 'not-found');
        }
        if (version > STORE_SCHEMA_VERSION) {
          throw new StoreError(`The database ${location} has schema version ${version}, newer than this RivalWatch knows (${STORE_SCHEMA_VERSION}). Upgrade RivalWatch on this machine.`, 'invalid');
        }
      } else {
        await runMigrations(pool, STORE_MIGRATIONS);
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      if (err instanceof StoreError) throw err;
      if (isConnectionError(err)) throw connectionProblem(err, location);
      throw err;
    }
    return new PostgresStore(pool, url, readOnly);
  }

  // Listings -----------------------------------------------------------------------------------

  async addListing(listing: NewListing, at: string): Promise<{ listing: Listing; created: boolean }> {
    this.assertWritable();
    const parsed = NewListingSchema.safeParse(listing);
    if (!parsed.success) throw invalid(`The listing ${listing.url}`, parsed.error);
    checkTime(at, 'addedAt');
    // Another process may add the same URL, or a URL whose id prefix collides, at the same moment.
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.findListingByUrl(listing.url);
      if (existing) return { listing: existing, created: false };
      const { rows: taken } = await this.query<{ id: string }>('SELECT id FROM listings WHERE id = ANY($1::text[])', [idCandidates(listing.url)]);
      const takenIds = new Set(taken.map((r) => r.id));
      const id = listingIdFor(listing.url, (candidate) => takenIds.has(candidate));
      const { rows } = await this.query<ListingRow>(
        `INSERT INTO listings (id, url, competitor, sku, status, added_at, gone_at, own, label)
         VALUES ($1, $2, $3, $4, 'active', $5, NULL, $6, $7)
         ON CONFLICT DO NOTHING RETURNING ${LISTING_COLUMNS}`,
        [id, listing.url, listing.competitor, listing.sku, at, listing.own ?? null, listing.label ?? null],
      );
      if (rows[0]) return { listing: listingFromRow(rows[0]), created: true };
    }
    throw new StoreError(`Could not add ${listing.url}: other processes kept adding listings with the same id. Try again.`, 'unavailable');
  }

  async listListings(filter: { competitor?: string; sku?: string; status?: Listing['status'] } = {}): Promise<Listing[]> {
    this.assertOpen();
    const { rows } = await this.query<ListingRow>(
      `SELECT ${LISTING_COLUMNS} FROM listings
       WHERE ($1::text IS NULL OR competitor = $1) AND ($2::text IS NULL OR sku = $2) AND ($3::text IS NULL OR status = $3)
       ORDER BY seq`,
      [filter.competitor ?? null, filter.sku ?? null, filter.status ?? null],
    );
    return rows.map(listingFromRow);
  }

  async getListing(id: string): Promise<Listing | null> {
    this.assertOpen();
    const { rows } = await this.query<ListingRow>(`SELECT ${LISTING_COLUMNS} FROM listings WHERE id = $1`, [id]);
    return rows[0] ? listingFromRow(rows[0]) : null;
  }

  async findListingByUrl(url: string): Promise<Listing | null> {
    this.assertOpen();
    const { rows } = await this.query<ListingRow>(`SELECT ${LISTING_COLUMNS} FROM listings WHERE url = $1`, [url]);
    return rows[0] ? listingFromRow(rows[0]) : null;
  }

  async updateListing(id: string, patch: Partial<Pick<Listing, 'status' | 'goneAt' | 'sku' | 'label'>>): Promise<Listing> {
    this.assertWritable();
    const parsed = ListingPatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(`The change to listing ${id}`, parsed.error);
    const columns = { status: 'status', goneAt: 'gone_at', sku: 'sku', label: 'label' } as const;
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [key, column] of Object.entries(columns)) {
      const value = parsed.data[key as keyof typeof columns];
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    const { rows } = await this.query<ListingRow>(
      sets.length
        ? `UPDATE listings SET ${sets.join(', ')} WHERE id = $1 RETURNING ${LISTING_COLUMNS}`
        : `SELECT ${LISTING_COLUMNS} FROM listings WHERE id = $1`,
      values,
    );
    if (!rows[0]) throw new StoreError(`No listing with id ${id} in ${this.location}`, 'not-found');
    return listingFromRow(rows[0]);
  }

  // Observations -------------------------------------------------------------------------------

  async recordObservation(observation: Observation): Promise<RecordResult> {
    const [outcome] = await this.record([observation]);
    return outcome.result;
  }

  async recordObservations(observations: Observation[]): Promise<RecordResult[]> {
    return (await this.record(observations)).map((o) => o.result);
  }

  /**
   * Records the observations in one transaction, in order, and says which were replays. The
   * listings' rows stay locked until the commit, so concurrent writers of one listing take turns
   * and each sees what the previous one wrote. `alsoWrite` runs in the same transaction, so what
   * the caller notes about the recording (a crawl job's outcome) commits with it or not at all.
   */
  async record(
    observations: Observation[],
    alsoWrite?: (client: pg.PoolClient, outcomes: RecordOutcome[]) => Promise<void>,
  ): Promise<RecordOutcome[]> {
    this.assertWritable();
    // Everything is checked before anything is applied, so a bad batch changes nothing.
    observations.forEach((o, i) => {
      const parsed = ObservationSchema.safeParse(o);
      if (!parsed.success) throw invalid(`Observation ${i} (listing ${o?.listingId}, ${o?.at})`, parsed.error);
    });
    if (observations.length === 0) return [];
    return this.transaction((client) => applyObservations(client, observations, this.location, alsoWrite));
  }

  async getHistory(listingId: string, range?: TimeRange): Promise<ListingHistory | null> {
    const [history] = await this.getHistories([listingId], range);
    return history ?? null;
  }

  async getHistories(listingIds: string[], range?: TimeRange): Promise<ListingHistory[]> {
    this.assertOpen();
    if (range?.from !== undefined) checkTime(range.from, 'range.from');
    if (range?.to !== undefined) checkTime(range.to, 'range.to');
    if (listingIds.length === 0) return [];
    const { rows } = await this.query<HistoryRow>(HISTORY_SQL, historyParams([...new Set(listingIds)], range));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return listingIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [historyFromRow(row)] : [];
    });
  }

  // Crawl runs ---------------------------------------------------------------------------------

  async recordRun(run: CrawlRun): Promise<void> {
    this.assertWritable();
    const parsed = CrawlRunSchema.safeParse(run);
    if (!parsed.success) throw invalid(`Crawl run ${run.id}`, parsed.error);
    const r = parsed.data;
    await this.query(
      `INSERT INTO crawl_runs (id, competitor, started_at, finished_at, at, listings, ok, failed, failures_by_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (id) DO UPDATE SET competitor = EXCLUDED.competitor, started_at = EXCLUDED.started_at,
         finished_at = EXCLUDED.finished_at, at = EXCLUDED.at, listings = EXCLUDED.listings, ok = EXCLUDED.ok,
         failed = EXCLUDED.failed, failures_by_kind = EXCLUDED.failures_by_kind`,
      [r.id, r.competitor, r.startedAt, r.finishedAt, r.at, r.listings, r.ok, r.failed, jsonParam(r.failuresByKind)],
    );
  }

  async listRuns(filter: { competitor?: string; limit?: number } = {}): Promise<CrawlRun[]> {
    this.assertOpen();
    const { rows } = await this.query<RunRow>(
      `SELECT id, competitor, started_at, finished_at, at, listings, ok, failed, failures_by_kind FROM crawl_runs
       WHERE ($1::text IS NULL OR competitor = $1) ORDER BY started_at DESC, seq LIMIT $2`,
      [filter.competitor ?? null, filter.limit ?? null],
    );
    return rows.map(runFromRow);
  }

  // Documents ----------------------------------------------------------------------------------

  async putDocument<T>(kind: string, id: string, doc: T, at: string): Promise<void> {
    this.assertWritable();
    const data = documentData(kind, id, doc, at);
    await this.query(
      `INSERT INTO documents (kind, id, doc, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (kind, id) DO UPDATE SET doc = EXCLUDED.doc, updated_at = EXCLUDED.updated_at`,
      [kind, id, jsonParam(data), at],
    );
  }

  async getDocument<T>(kind: string, id: string): Promise<DocumentRecord<T> | null> {
    this.assertOpen();
    const { rows } = await this.query<{ kind: string; id: string; doc: T; updated_at: Date }>(
      'SELECT kind, id, doc, updated_at FROM documents WHERE kind = $1 AND id = $2',
      [kind, id],
    );
    return rows[0] ? { kind: rows[0].kind, id: rows[0].id, doc: rows[0].doc, updatedAt: iso(rows[0].updated_at) } : null;
  }

  /** Oldest first (by `updatedAt`, then id), so an outbox is worked through in order. */
  async listDocuments<T>(kind: string): Promise<DocumentRecord<T>[]> {
    this.assertOpen();
    const { rows } = await this.query<{ kind: string; id: string; doc: T; updated_at: Date }>(
      'SELECT kind, id, doc, updated_at FROM documents WHERE kind = $1 ORDER BY updated_at, id COLLATE "C"',
      [kind],
    );
    return rows.map((r) => ({ kind: r.kind, id: r.id, doc: r.doc, updatedAt: iso(r.updated_at) }));
  }

  async deleteDocument(kind: string, id: string): Promise<boolean> {
    this.assertWritable();
    const { rowCount } = await this.query('DELETE FROM documents WHERE kind = $1 AND id = $2', [kind, id]);
    return (rowCount ?? 0) > 0;
  }

  // Lifecycle ----------------------------------------------------------------------------------

  async flush(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // Internals ----------------------------------------------------------------------------------

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw isConnectionError(err) ? connectionProblem(err, this.location) : err;
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw isConnectionError(err) ? connectionProblem(err, this.location) : err;
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw isConnectionError(err) ? connectionProblem(err, this.location) : err;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`The store ${this.location} is closed`, 'unavailable');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new StoreError(`${this.location} is open read-only; changes need a process that opens the store for writing.`, 'invalid');
  }
}

/** Every id listingIdFor may give `url`: the prefixes of l_ + sha256(url), shortest first. */
function idCandidates(url: string): string[] {
  const full = `l_${createHash('sha256').update(url).digest('hex')}`;
  const out: string[] = [];
  for (let length = listingIdFor(url).length; length <= full.length; length += 2) out.push(full.slice(0, length));
  return out;
}
