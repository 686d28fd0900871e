// The embedded store: one JSON file held in memory by lowdb, owned by one process at a time.
// Record calls change memory at once and are written in batches; `flush()` makes them durable.
import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { TRACKED_FIELDS, applyObservation, clipHistory, emptyHistory, isReplay } from './changepoints.ts';
import { StoreFileAdapter, emptyStoreFile, readStoreFile } from './file.ts';
import { listingIdFor } from './ids.ts';
import { acquireStoreLock, type StoreLock } from './lock.ts';
import type {
  ChangePoint,
  CrawlRun,
  DocumentRecord,
  Listing,
  ListingHistory,
  NewListing,
  Observation,
  RecordResult,
  TimeRange,
  TrackedField,
} from './model.ts';
import { CrawlRunSchema, ListingPatchSchema, NewListingSchema, ObservationSchema, type StoreFile } from './schema.ts';
import { StoreError, type Store } from './store.ts';
import { BatchedWriter } from './writer.ts';
import { checkTime, documentData, invalid } from './checks.ts';
import { copyOf, shared } from './handout.ts';

export interface LowdbStoreOptions {
  /** Read a snapshot without taking the lock (for `status` / `inspect` while a daemon runs); never writes. */
  readOnly?: boolean;
  /**
   * How long changes are collected before one write; `flush()` writes at once. Default 1000 ms.
   * A large store waits longer (see BatchedWriter): every write rewrites the whole file.
   */
  writeDelayMs?: number;
  /** A lock not refreshed for this long is a dead process's and is taken over. Default 10 s, at least 2 s. */
  lockStaleMs?: number;
  /** Crawl runs kept (oldest dropped first): runs grow with crawls, not changes. Default 5000. */
  maxRuns?: number;
}

/** Paths open for writing in this process: a second open would otherwise wait on its own lock. */
const openForWriting = new Set<string>();

export class LowdbStore implements Store {
  readonly location: string;
  private readonly byId = new Map<string, Listing>();
  private readonly byUrl = new Map<string, Listing>();
  private readonly writer: BatchedWriter;
  private closed = false;

  private constructor(
    private readonly db: Low<StoreFile>,
    path: string,
    /** Null for read-only opens. `canonical` is the path with symlinks resolved, as locked. */
    private readonly owner: { lock: StoreLock; canonical: string } | null,
    private readonly options: Required<Omit<LowdbStoreOptions, 'readOnly' | 'lockStaleMs'>>,
  ) {
    this.location = path;
    this.writer = new BatchedWriter(() => this.persist(), options.writeDelayMs);
    for (const listing of db.data.listings) this.index(listing);
    if (owner) process.on('beforeExit', this.flushBeforeExit);
  }

  /** A process that ends without `close()` still writes what it recorded (not on signals or `process.exit`). */
  private readonly flushBeforeExit = (): void => {
    this.writer.flush().catch(() => undefined);
  };

  /**
   * Opens (or creates, with its folders) the store file at `path`. Fails with StoreError:
   * 'locked' when another process owns it, 'corrupt' / 'unreadable' when it cannot be used
   * (the file is never changed then), 'not-found' for a read-only open of a missing file.
   */
  static async open(path: string, opts: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const options = { writeDelayMs: opts.writeDelayMs ?? 1000, maxRuns: opts.maxRuns ?? 5000 };
    const absolute = resolve(path);
    if (opts.readOnly) {
      const data = await readStoreFile(absolute);
      if (data === null) {
        throw new StoreError(`There is no store at ${absolute} yet. Run a crawl first, or point to the right file with the config's store.path (or --config).`, 'not-found');
      }
      return new LowdbStore(new Low(new StoreFileAdapter(absolute), data), absolute, null, options);
    }

    try {
      await mkdir(dirname(absolute), { recursive: true });
    } catch (err) {
      throw new StoreError(`Cannot create the folder for ${absolute} (${(err as NodeJS.ErrnoException).code}). Choose a writable place with the config's store.path (or --config).`, 'unreadable');
    }
    const canonical = join(await realpath(dirname(absolute)), basename(absolute));
    if (openForWriting.has(canonical)) {
      throw new StoreError(`${canonical} is already open in this process (pid ${process.pid}). Reuse that store, or close it before opening it again.`, 'locked');
    }
    openForWriting.add(canonical);
    let lock: StoreLock | null = null;
    try {
      lock = await acquireStoreLock(canonical, opts.lockStaleMs);
      const adapter = new StoreFileAdapter(absolute);
      const existing = await adapter.read();
      const db = new Low(adapter, existing ?? emptyStoreFile());
      // A new store exists on disk from the start, so `status` and a second process see it.
      if (existing === null) {
        await db.write().catch((err: Error) => {
          throw new StoreError(`Cannot create the store file ${absolute} (${err.message}). Choose a writable place with the config's store.path (or --config).`, 'unreadable');
        });
      }
      return new LowdbStore(db, absolute, { lock, canonical }, options);
    } catch (err) {
      openForWriting.delete(canonical);
      await lock?.release();
      throw err;
    }
  }

  // Listings -----------------------------------------------------------------------------------

  async addListing(listing: NewListing, at: string): Promise<{ listing: Listing; created: boolean }> {
    this.assertWritable();
    const parsed = NewListingSchema.safeParse(listing);
    if (!parsed.success) throw invalid(`The listing ${listing.url}`, parsed.error);
    checkTime(at, 'addedAt');
    const existing = this.byUrl.get(listing.url);
    if (existing) return { listing: copyOf(existing), created: false };
    const created: Listing = {
      id: listingIdFor(listing.url, (id) => this.byId.has(id)),
      url: listing.url,
      competitor: listing.competitor,
      sku: listing.sku,
      status: 'active',
      addedAt: at,
      goneAt: null,
      ...(listing.own !== undefined ? { own: listing.own } : {}),
      ...(listing.label !== undefined ? { label: listing.label } : {}),
    };
    this.db.data.listings.push(created);
    this.index(created);
    this.writer.changed();
    return { listing: copyOf(created), created: true };
  }

  async listListings(filter: { competitor?: string; sku?: string; status?: Listing['status'] } = {}): Promise<Listing[]> {
    this.assertOpen();
    return this.db.data.listings
      .filter(
        (l) =>
          (filter.competitor === undefined || l.competitor === filter.competitor) &&
          (filter.sku === undefined || l.sku === filter.sku) &&
          (filter.status === undefined || l.status === filter.status),
      )
      .map(copyOf);
  }

  async getListing(id: string): Promise<Listing | null> {
    this.assertOpen();
    const listing = this.byId.get(id);
    return listing ? copyOf(listing) : null;
  }

  async findListingByUrl(url: string): Promise<Listing | null> {
    this.assertOpen();
    const listing = this.byUrl.get(url);
    return listing ? copyOf(listing) : null;
  }

  async updateListing(id: string, patch: Partial<Pick<Listing, 'status' | 'goneAt' | 'sku' | 'label'>>): Promise<Listing> {
    this.assertWritable();
    const parsed = ListingPatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(`The change to listing ${id}`, parsed.error);
    const listing = this.requireListing(id);
    Object.assign(listing, parsed.data);
    this.writer.changed();
    return copyOf(listing);
  }

  // Observations -------------------------------------------------------------------------------

  async recordObservation(observation: Observation): Promise<RecordResult> {
    const [result] = await this.recordObservations([observation]);
    return result;
  }

  async recordObservations(observations: Observation[]): Promise<RecordResult[]> {
    this.assertWritable();
    // Everything is checked before anything is applied, so a bad batch changes nothing.
    observations.forEach((o, i) => {
      const parsed = ObservationSchema.safeParse(o);
      if (!parsed.success) throw invalid(`Observation ${i} (listing ${o?.listingId}, ${o?.at})`, parsed.error);
      this.requireListing(o.listingId);
    });
    const histories = this.db.data.histories;
    const results = observations.map((observation) => {
      const before = histories[observation.listingId] ?? null;
      const replay = isReplay(before, observation);
      const { history, result } = applyObservation(before, observation);
      if (!replay) {
        histories[observation.listingId] = history;
        this.applyStatus(observation);
        this.writer.changed();
      }
      return result;
    });
    return results;
  }

  async getHistory(listingId: string, range?: TimeRange): Promise<ListingHistory | null> {
    this.assertOpen();
    return this.historyOf(listingId, range);
  }

  async getHistories(listingIds: string[], range?: TimeRange): Promise<ListingHistory[]> {
    this.assertOpen();
    return listingIds.map((id) => this.historyOf(id, range)).filter((h): h is ListingHistory => h !== null);
  }

  // Crawl runs ---------------------------------------------------------------------------------

  async recordRun(run: CrawlRun): Promise<void> {
    this.assertWritable();
    const parsed = CrawlRunSchema.safeParse(run);
    if (!parsed.success) throw invalid(`Crawl run ${run.id}`, parsed.error);
    const runs = this.db.data.runs;
    const at = runs.findIndex((r) => r.id === run.id);
    if (at >= 0) runs[at] = parsed.data;
    else runs.push(parsed.data);
    if (runs.length > this.options.maxRuns) runs.splice(0, runs.length - this.options.maxRuns);
    this.writer.changed();
  }

  async listRuns(filter: { competitor?: string; limit?: number } = {}): Promise<CrawlRun[]> {
    this.assertOpen();
    const runs = this.db.data.runs
      .filter((r) => filter.competitor === undefined || r.competitor === filter.competitor)
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
    return structuredClone(filter.limit === undefined ? runs : runs.slice(0, filter.limit));
  }

  // Documents ----------------------------------------------------------------------------------

  async putDocument<T>(kind: string, id: string, doc: T, at: string): Promise<void> {
    this.assertWritable();
    const data = documentData(kind, id, doc, at);
    const documents = this.documentsOf(kind) ?? (this.db.data.documents[kind] = {});
    documents[id] = { kind, id, doc: data, updatedAt: at };
    this.writer.changed();
  }

  async getDocument<T>(kind: string, id: string): Promise<DocumentRecord<T> | null> {
    this.assertOpen();
    const documents = this.documentsOf(kind);
    return documents && Object.hasOwn(documents, id) ? (structuredClone(documents[id]) as DocumentRecord<T>) : null;
  }

  /** Oldest first (by `updatedAt`, then id), so an outbox is worked through in order. */
  async listDocuments<T>(kind: string): Promise<DocumentRecord<T>[]> {
    this.assertOpen();
    const records = Object.values(this.documentsOf(kind) ?? {});
    records.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return structuredClone(records) as DocumentRecord<T>[];
  }

  async deleteDocument(kind: string, id: string): Promise<boolean> {
    this.assertWritable();
    const documents = this.documentsOf(kind);
    if (!documents || !Object.hasOwn(documents, id)) return false;
    delete documents[id];
    if (Object.keys(documents).length === 0) delete this.db.data.documents[kind];
    this.writer.changed();
    return true;
  }

  // Lifecycle ----------------------------------------------------------------------------------

  async flush(): Promise<void> {
    this.assertOpen();
    await this.writer.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.writer.flush();
    } finally {
      this.closed = true;
      process.off('beforeExit', this.flushBeforeExit);
      if (this.owner) {
        openForWriting.delete(this.owner.canonical);
        await this.owner.lock.release();
      }
    }
  }

  // Internals ----------------------------------------------------------------------------------

  private index(listing: Listing): void {
    this.byId.set(listing.id, listing);
    this.byUrl.set(listing.url, listing);
  }

  private requireListing(id: string): Listing {
    const listing = this.byId.get(id);
    if (!listing) throw new StoreError(`No listing with id ${id} in ${this.location}`, 'not-found');
    return listing;
  }

  /** A `gone` failure marks the listing gone; a page that answers again is active again. */
  private applyStatus(observation: Observation): void {
    const listing = this.requireListing(observation.listingId);
    if (!observation.ok && observation.failure.kind === 'gone' && listing.status !== 'gone') {
      listing.status = 'gone';
      listing.goneAt = observation.at;
    } else if (observation.ok && listing.status === 'gone') {
      listing.status = 'active';
      listing.goneAt = null;
    }
  }

  /** Own properties only: a kind or id such as "constructor" must not find Object's. */
  private documentsOf(kind: string): Record<string, DocumentRecord> | undefined {
    return Object.hasOwn(this.db.data.documents, kind) ? this.db.data.documents[kind] : undefined;
  }

  /**
   * A listing's history as callers get it: arrays and the top-level objects are their own, the
   * change points and failure spans are the stored ones, frozen. Recording never changes a stored
   * point (it replaces it), so sharing them is safe, and frozen they cannot be rewritten by a
   * caller; deep copies of a year of history made a digest's read cost more than its computation.
   */
  private historyOf(listingId: string, range: TimeRange | undefined): ListingHistory | null {
    if (!this.byId.has(listingId)) return null;
    const stored = this.db.data.histories[listingId];
    if (!stored) return emptyHistory(listingId);
    const clipped = clipHistory(stored, range);
    const copied = clipped !== stored;
    const fields = {} as Record<TrackedField, ChangePoint<unknown>[]>;
    for (const field of TRACKED_FIELDS) fields[field] = shared(clipped.fields[field] as ChangePoint<unknown>[], copied);
    return {
      ...clipped,
      sources: { ...clipped.sources },
      fields: fields as ListingHistory['fields'],
      failures: shared(clipped.failures, copied),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`The store ${this.location} is closed`, 'unavailable');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.owner === null) {
      throw new StoreError(`${this.location} is open read-only; changes need the process that owns the store (the daemon, or a command run while it is stopped).`, 'invalid');
    }
    if (this.owner.lock.compromised) throw this.lostLock(this.owner.lock.compromised);
  }

  private lostLock(cause: Error): StoreError {
    return new StoreError(
      `Lost the lock on ${this.location} (${cause.message}): another process may be writing it, so this one stops writing. Restart RivalWatch.`,
      'locked',
    );
  }

  /** Persists the data as it is at this call (the adapter serializes before its first await). */
  private async persist(): Promise<void> {
    if (this.owner === null) return;
    if (this.owner.lock.compromised) throw this.lostLock(this.owner.lock.compromised);
    try {
      await this.db.write();
    } catch (err) {
      throw new StoreError(`Could not write ${this.location}: ${(err as Error).message}. The previous version is still intact.`, 'unavailable');
    }
  }
}
