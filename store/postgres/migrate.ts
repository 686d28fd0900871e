// Copies a store (the embedded one) into Postgres and proves the copy: listings, histories (change
// points, failure spans, state), runs and documents are upserted, then counted and checksummed per
// listing on both sides. The source is only read. Re-running is safe: a listing already copied is
// rewritten with the same rows, and one that Postgres has checked later than the source (workers
// crawled it since) is left alone and reported, never rolled back.
import { createHash } from 'node:crypto';
import { TRACKED_FIELDS } from '../changepoints.ts';
import type { CrawlRun, DocumentRecord, Listing, ListingHistory } from '../model.ts';
import type { Store } from '../store.ts';
import { isoOrNull } from '../times.ts';
import { HistoryWrites, jsonParam } from './rows.ts';
import type { PostgresStore } from './store.ts';

export interface ListingMismatch {
  listingId: string;
  url: string;
  reason: string;
}

export interface MigrationReport {
  source: string;
  target: string;
  /** Listings compared (the source's, less those newer in Postgres) and found in Postgres. */
  listings: { source: number; target: number; copied: number; newerInTarget: number };
  changePoints: { source: number; target: number };
  failureSpans: { source: number; target: number };
  runs: { source: number; target: number };
  documents: { source: number; target: number; kinds: Record<string, { source: number; target: number }> };
  /** Listings whose checksum differs, or that are missing in the target. Empty when the copy is exact. */
  mismatches: ListingMismatch[];
  /** Runs or documents that did not arrive intact. */
  problems: string[];
  /** Listings left alone because Postgres has newer crawls of them (not in the counts above). */
  newerInTarget: ListingMismatch[];
  ok: boolean;
}

export interface MigrateOptions {
  /** Listings per transaction. Default 500. */
  batchSize?: number;
  /** The document kinds to copy (the Store interface cannot list them; see documentKindsOf). */
  documentKinds: string[];
  onProgress?: (done: number, total: number) => void;
}

/** Sorted keys all the way down, so the same data always gives the same text (jsonb reorders keys). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 of a listing and its full history in canonical form: times as UTC ISO with
 * milliseconds, absent optional fields as null, keys sorted. Equal checksums, equal data.
 */
export function listingChecksum(listing: Listing, history: ListingHistory | null): string {
  const fields = Object.fromEntries(
    TRACKED_FIELDS.map((f) => [f, (history?.fields[f] ?? []).map((p) => ({ at: isoOrNull(p.at), lastSeenAt: isoOrNull(p.lastSeenAt), value: p.value }))]),
  );
  const canonical = {
    listing: {
      id: listing.id,
      url: listing.url,
      competitor: listing.competitor,
      sku: listing.sku,
      status: listing.status,
      addedAt: isoOrNull(listing.addedAt),
      goneAt: isoOrNull(listing.goneAt),
      own: listing.own ?? false,
      label: listing.label ?? null,
    },
    history: history && {
      lastCheckedAt: isoOrNull(history.lastCheckedAt),
      lastOkAt: isoOrNull(history.lastOkAt),
      via: history.via,
      sources: history.sources,
      sku: history.sku,
      gtin: history.gtin,
      brand: history.brand,
      consecutiveFailures: history.consecutiveFailures,
      fields,
      failures: history.failures.map((f) => ({ ...f, firstAt: isoOrNull(f.firstAt), lastAt: isoOrNull(f.lastAt) })),
    },
  };
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
}

function documentsChecksum(records: DocumentRecord[]): string {
  const canonical = records.map((r) => ({ id: r.id, doc: r.doc, updatedAt: isoOrNull(r.updatedAt) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
}

const countPoints = (h: ListingHistory | null) => (h ? TRACKED_FIELDS.reduce((n, f) => n + h.fields[f].length, 0) : 0);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes whole listings with their histories, replacing what the target had for them. */
async function copyListings(target: PostgresStore, batch: { listing: Listing; history: ListingHistory | null }[]): Promise<void> {
  await target.transaction(async (client) => {
    const l = batch.map((b) => b.listing);
    await client.query(
      `INSERT INTO listings (id, url, competitor, sku, status, added_at, gone_at, own, label)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::boolean[], $9::text[])
       ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, competitor = EXCLUDED.competitor, sku = EXCLUDED.sku, status = EXCLUDED.status,
         added_at = EXCLUDED.added_at, gone_at = EXCLUDED.gone_at, own = EXCLUDED.own, label = EXCLUDED.label`,
      [
        l.map((x) => x.id),
        l.map((x) => x.url),
        l.map((x) => x.competitor),
        l.map((x) => x.sku),
        l.map((x) => x.status),
        l.map((x) => x.addedAt),
        l.map((x) => x.goneAt ?? null),
        l.map((x) => x.own ?? null),
        l.map((x) => x.label ?? null),
      ],
    );
    const ids = l.map((x) => x.id);
    // Replace, not merge: a re-run after a partial copy must not keep rows the source never had.
    await client.query('DELETE FROM change_points WHERE listing_id = ANY($1::text[])', [ids]);
    await client.query('DELETE FROM failure_spans WHERE listing_id = ANY($1::text[])', [ids]);
    await client.query('DELETE FROM listing_state WHERE listing_id = ANY($1::text[])', [ids]);
    const writes = new HistoryWrites();
    for (const { history } of batch) if (history) writes.add(null, history);
    for (const statement of writes.statements()) await client.query(statement.text, statement.values);
  });
}

async function copyRuns(target: PostgresStore, runs: CrawlRun[]): Promise<void> {
  for (const run of runs) await target.recordRun(run);
}

async function copyDocuments(target: PostgresStore, records: DocumentRecord[]): Promise<void> {
  for (const part of chunks(records, 500)) {
    await target.pool.query(
      `INSERT INTO documents (kind, id, doc, updated_at)
       SELECT kind, id, doc::jsonb, updated_at FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS t(kind, id, doc, updated_at)
       ON CONFLICT (kind, id) DO UPDATE SET doc = EXCLUDED.doc, updated_at = EXCLUDED.updated_at`,
      [part.map((r) => r.kind), part.map((r) => r.id), part.map((r) => jsonParam(r.doc)), part.map((r) => r.updatedAt)],
    );
  }
}

/** Copies `source` into `target` and verifies the copy. Never writes to `source`. */
export async function migrateStore(source: Store, target: PostgresStore, opts: MigrateOptions): Promise<MigrationReport> {
  const batchSize = opts.batchSize ?? 500;
  const listings = await source.listListings();
  const report: MigrationReport = {
    source: source.location,
    target: target.location,
    listings: { source: listings.length, target: 0, copied: 0, newerInTarget: 0 },
    changePoints: { source: 0, target: 0 },
    failureSpans: { source: 0, target: 0 },
    runs: { source: 0, target: 0 },
    documents: { source: 0, target: 0, kinds: {} },
    mismatches: [],
    problems: [],
    newerInTarget: [],
    ok: false,
  };

  let done = 0;
  for (const part of chunks(listings, batchSize)) {
    const ids = part.map((l) => l.id);
    const sourceHistories = new Map((await source.getHistories(ids)).map((h) => [h.listingId, h]));
    const targetHistories = new Map((await target.getHistories(ids)).map((h) => [h.listingId, h]));
    const toCopy: { listing: Listing; history: ListingHistory | null }[] = [];
    for (const listing of part) {
      const history = sourceHistories.get(listing.id) ?? null;
      const there = targetHistories.get(listing.id);
      const newer = there?.lastCheckedAt && (!history?.lastCheckedAt || Date.parse(there.lastCheckedAt) > Date.parse(history.lastCheckedAt));
      if (newer) {
        report.newerInTarget.push({ listingId: listing.id, url: listing.url, reason: `checked in Postgres at ${there.lastCheckedAt}, in the source at ${history?.lastCheckedAt ?? 'never'}` });
        continue;
      }
      toCopy.push({ listing, history });
    }
    if (toCopy.length) await copyListings(target, toCopy);
    report.listings.copied += toCopy.length;
    done += part.length;
    opts.onProgress?.(done, listings.length);
  }
  report.listings.newerInTarget = report.newerInTarget.length;

  const runs = await source.listRuns();
  await copyRuns(target, runs);
  const documents: DocumentRecord[] = [];
  for (const kind of opts.documentKinds) documents.push(...(await source.listDocuments(kind)));
  await copyDocuments(target, documents);

  await verify(source, target, listings, runs, documents, opts.documentKinds, report, batchSize);
  report.ok = report.mismatches.length === 0 && report.problems.length === 0;
  return report;
}

async function verify(
  source: Store,
  target: PostgresStore,
  listings: Listing[],
  runs: CrawlRun[],
  documents: DocumentRecord[],
  kinds: string[],
  report: MigrationReport,
  batchSize: number,
): Promise<void> {
  const skipped = new Set(report.newerInTarget.map((m) => m.listingId));
  const compared = listings.filter((l) => !skipped.has(l.id));
  const targetListings = new Map((await target.listListings()).map((l) => [l.id, l]));
  report.listings.source = compared.length;
  report.listings.target = compared.filter((l) => targetListings.has(l.id)).length;
  for (const part of chunks(compared, batchSize)) {
    const ids = part.map((l) => l.id);
    const sourceHistories = new Map((await source.getHistories(ids)).map((h) => [h.listingId, h]));
    const targetHistories = new Map((await target.getHistories(ids)).map((h) => [h.listingId, h]));
    for (const listing of part) {
      const history = sourceHistories.get(listing.id) ?? null;
      const copied = targetListings.get(listing.id);
      const there = targetHistories.get(listing.id) ?? null;
      report.changePoints.source += countPoints(history);
      report.failureSpans.source += history?.failures.length ?? 0;
      report.changePoints.target += countPoints(there);
      report.failureSpans.target += there?.failures.length ?? 0;
      if (!copied) {
        report.mismatches.push({ listingId: listing.id, url: listing.url, reason: 'missing in Postgres' });
      } else if (listingChecksum(listing, history) !== listingChecksum(copied, there)) {
        report.mismatches.push({ listingId: listing.id, url: listing.url, reason: 'history checksum differs' });
      }
    }
  }

  const targetRuns = new Map((await target.listRuns()).map((r) => [r.id, r]));
  report.runs = { source: runs.length, target: runs.filter((r) => targetRuns.has(r.id)).length };
  for (const kind of kinds) {
    const mine = documents.filter((d) => d.kind === kind);
    const theirs = await target.listDocuments(kind);
    report.documents.kinds[kind] = { source: mine.length, target: theirs.length };
    report.documents.source += mine.length;
    report.documents.target += theirs.length;
    const ids = new Set(mine.map((d) => d.id));
    if (documentsChecksum(mine) !== documentsChecksum(theirs.filter((d) => ids.has(d.id)))) {
      report.problems.push(`documents of kind "${kind}" differ (${mine.length} in the source, ${theirs.length} in Postgres)`);
    }
  }
  if (report.runs.target !== report.runs.source) {
    report.problems.push(`${report.runs.source - report.runs.target} crawl run(s) missing in Postgres`);
  }
}
