// The one interface every store implements (embedded lowdb by default, Postgres at scale).
// Everything the crawler, API, alerts and digest need from storage goes through it.
import type {
  CrawlRun,
  DocumentRecord,
  Listing,
  ListingHistory,
  NewListing,
  Observation,
  RecordResult,
  TimeRange,
} from './model.ts';

export interface Store {
  /** Human-readable location for messages: a file path or a database URL without password. */
  readonly location: string;

  // Listings -----------------------------------------------------------------------------------
  /** Adds a listing unless one with the same normalized URL exists; never adds it twice. */
  addListing(listing: NewListing, at: string): Promise<{ listing: Listing; created: boolean }>;
  listListings(filter?: { competitor?: string; sku?: string; status?: Listing['status'] }): Promise<Listing[]>;
  getListing(id: string): Promise<Listing | null>;
  /** Exact match on the normalized URL (callers normalize). */
  findListingByUrl(url: string): Promise<Listing | null>;
  updateListing(id: string, patch: Partial<Pick<Listing, 'status' | 'goneAt' | 'sku' | 'label'>>): Promise<Listing>;

  // Observations as change points ----------------------------------------------------------------
  /**
   * Records one crawl. A new change point is added for a field only when its value changed;
   * otherwise the current point's `lastSeenAt` moves forward. Failures collapse into spans.
   * A `gone` failure marks the listing gone. Observations older than the listing's last check
   * are rejected (idempotent replays return `changed: []`).
   */
  recordObservation(observation: Observation): Promise<RecordResult>;
  /** Same as calling `recordObservation` for each, written in one batch. */
  recordObservations(observations: Observation[]): Promise<RecordResult[]>;
  /** History of one listing, optionally clipped to a range (points that overlap the range). */
  getHistory(listingId: string, range?: TimeRange): Promise<ListingHistory | null>;
  /** Histories of many listings at once (digest, API comparison). Omitted ids are skipped. */
  getHistories(listingIds: string[], range?: TimeRange): Promise<ListingHistory[]>;

  // Crawl runs ---------------------------------------------------------------------------------
  recordRun(run: CrawlRun): Promise<void>;
  listRuns(filter?: { competitor?: string; limit?: number }): Promise<CrawlRun[]>;

  // Documents for the layers above (alerts outbox, digests archive, settings) --------------------
  putDocument<T>(kind: string, id: string, doc: T, at: string): Promise<void>;
  getDocument<T>(kind: string, id: string): Promise<DocumentRecord<T> | null>;
  listDocuments<T>(kind: string): Promise<DocumentRecord<T>[]>;
  deleteDocument(kind: string, id: string): Promise<boolean>;

  // Lifecycle ----------------------------------------------------------------------------------
  /** Writes everything pending, atomically. Resolves once it is durable on disk / committed. */
  flush(): Promise<void>;
  /** Flushes and releases the lock. */
  close(): Promise<void>;
}

/** A store error with a message a person can act on (corrupt file, locked by another process). */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt' | 'locked' | 'unreadable' | 'invalid' | 'not-found' | 'unavailable',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
