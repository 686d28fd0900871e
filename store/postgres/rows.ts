// Between rows and the domain model: listings, runs and histories read back from Postgres, and the
// rows a changed history writes. Times leave Postgres as UTC ISO strings with milliseconds.
import { emptyHistory, TRACKED_FIELDS } from '../changepoints.ts';
import type {
  ChangePoint,
  CrawlRun,
  FailureKind,
  FailureSpan,
  FetchMode,
  Listing,
  ListingHistory,
  Money,
  TimeRange,
  TrackedField,
} from '../model.ts';
import { iso, isoOrNull } from '../times.ts';

/**
 * JSON for a jsonb parameter. Postgres cannot store U+0000 in text or jsonb; a scraped string
 * that carries one gets U+FFFD instead, rather than failing the whole crawl's write.
 */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

export interface ListingRow {
  id: string;
  url: string;
  competitor: string;
  sku: string;
  status: Listing['status'];
  added_at: Date;
  gone_at: Date | null;
  own: boolean | null;
  label: string | null;
}

export const LISTING_COLUMNS = 'id, url, competitor, sku, status, added_at, gone_at, own, label';

export function listingFromRow(row: ListingRow): Listing {
  return {
    id: row.id,
    url: row.url,
    competitor: row.competitor,
    sku: row.sku,
    status: row.status,
    addedAt: iso(row.added_at),
    goneAt: isoOrNull(row.gone_at),
    ...(row.own !== null ? { own: row.own } : {}),
    ...(row.label !== null ? { label: row.label } : {}),
  };
}

export interface RunRow {
  id: string;
  competitor: string;
  started_at: Date;
  finished_at: Date | null;
  at: Date;
  listings: number;
  ok: number;
  failed: number;
  failures_by_kind: CrawlRun['failuresByKind'];
}

export function runFromRow(row: RunRow): CrawlRun {
  return {
    id: row.id,
    competitor: row.competitor,
    startedAt: iso(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    at: iso(row.at),
    listings: row.listings,
    ok: row.ok,
    failed: row.failed,
    failuresByKind: row.failures_by_kind,
  };
}

const FAR_PAST = '-infinity';
const FAR_FUTURE = 'infinity';

/**
 * Histories of the listings in $1, clipped in SQL exactly as clipHistory does: a point is kept
 * when it starts by `to` ($2) and no later point of its field starts by `from` ($3), i.e. it is
 * still in effect at some moment of the range; failure spans when they overlap it.
 */
export const HISTORY_SQL = `
SELECT l.id,
       s.last_checked_at, s.last_ok_at, s.via, s.sources, s.sku, s.gtin, s.brand, s.consecutive_failures,
       COALESCE((
         SELECT json_agg(json_build_array(c.field, c.at, c.last_seen_at, c.value) ORDER BY c.field, c.at)
         FROM change_points c
         WHERE c.listing_id = l.id AND c.at <= $2::timestamptz
           AND NOT EXISTS (SELECT 1 FROM change_points n
                           WHERE n.listing_id = c.listing_id AND n.field = c.field AND n.at > c.at AND n.at <= $3::timestamptz)
       ), '[]') AS points,
       COALESCE((
         SELECT json_agg(json_build_array(f.kind, f.reason, f.http_status, f.first_at, f.last_at, f.count) ORDER BY f.first_at)
         FROM failure_spans f
         WHERE f.listing_id = l.id AND f.first_at <= $2::timestamptz AND f.last_at >= $3::timestamptz
       ), '[]') AS failures
FROM listings l
LEFT JOIN listing_state s ON s.listing_id = l.id
WHERE l.id = ANY($1::text[])`;

export function historyParams(ids: string[], range: TimeRange = {}): [string[], string, string] {
  return [ids, range.to ?? FAR_FUTURE, range.from ?? FAR_PAST];
}

export interface HistoryRow {
  id: string;
  last_checked_at: Date | null;
  last_ok_at: Date | null;
  via: FetchMode | null;
  sources: ListingHistory['sources'] | null;
  sku: string | null;
  gtin: string | null;
  brand: string | null;
  consecutive_failures: number | null;
  points: [TrackedField, string, string, unknown][];
  failures: [FailureKind, string, number | null, string, string, number][];
}

export function historyFromRow(row: HistoryRow): ListingHistory {
  const history = emptyHistory(row.id);
  history.lastCheckedAt = isoOrNull(row.last_checked_at);
  history.lastOkAt = isoOrNull(row.last_ok_at);
  history.via = row.via ?? null;
  history.sources = row.sources ?? {};
  history.sku = row.sku ?? null;
  history.gtin = row.gtin ?? null;
  history.brand = row.brand ?? null;
  history.consecutiveFailures = row.consecutive_failures ?? 0;
  for (const [field, at, lastSeenAt, value] of row.points) {
    (history.fields[field] as ChangePoint<unknown>[]).push({ at: iso(at), value, lastSeenAt: iso(lastSeenAt) });
  }
  history.failures = row.failures.map(([kind, reason, httpStatus, firstAt, lastAt, count]) => ({
    kind,
    reason,
    httpStatus,
    firstAt: iso(firstAt),
    lastAt: iso(lastAt),
    count,
  }));
  return history;
}

/** The last point of every field, the last failure span and the state: all applyObservation reads. */
export const HEADS_SQL = `
SELECT l.id AS listing_id, f.field, p.at, p.last_seen_at, p.value
FROM unnest($1::text[]) AS l(id)
CROSS JOIN unnest($2::text[]) AS f(field)
CROSS JOIN LATERAL (
  SELECT c.at, c.last_seen_at, c.value FROM change_points c
  WHERE c.listing_id = l.id AND c.field = f.field ORDER BY c.at DESC LIMIT 1
) p`;

export const LAST_FAILURE_SQL = `
SELECT l.id AS listing_id, p.kind, p.reason, p.http_status, p.first_at, p.last_at, p.count
FROM unnest($1::text[]) AS l(id)
CROSS JOIN LATERAL (
  SELECT * FROM failure_spans s WHERE s.listing_id = l.id ORDER BY s.first_at DESC LIMIT 1
) p`;

export const STATE_SQL = `SELECT listing_id AS id, last_checked_at, last_ok_at, via, sources, sku, gtin, brand, consecutive_failures,
  '[]'::json AS points, '[]'::json AS failures FROM listing_state WHERE listing_id = ANY($1::text[])`;

const MONEY_FIELDS = new Set<TrackedField>(['price', 'listPrice', 'effectivePrice']);

/** Rows to upsert, collected column-wise for one `unnest` statement per table. */
export class HistoryWrites {
  readonly points = { listing: [] as string[], field: [] as string[], at: [] as string[], lastSeen: [] as string[], value: [] as string[], amount: [] as (string | null)[], currency: [] as (string | null)[] };
  readonly spans = { listing: [] as string[], firstAt: [] as string[], lastAt: [] as string[], kind: [] as string[], reason: [] as string[], http: [] as (number | null)[], count: [] as number[] };
  readonly states: ListingHistory[] = [];

  /**
   * What changed between the history as loaded (`before`: at most the last point per field and the
   * last span) and after applying observations: the loaded heads may have moved on (lastSeenAt,
   * a promotion's details), everything past them is new. Whole histories work too (migration).
   */
  add(before: ListingHistory | null, after: ListingHistory): void {
    const id = after.listingId;
    for (const field of TRACKED_FIELDS) {
      const had = (before?.fields[field] as ChangePoint<unknown>[] | undefined) ?? [];
      const now = after.fields[field] as ChangePoint<unknown>[];
      now.forEach((point, i) => {
        const old = had[i];
        if (old && old.lastSeenAt === point.lastSeenAt && old.value === point.value) return;
        this.addPoint(id, field, point);
      });
    }
    const hadSpans = before?.failures ?? [];
    after.failures.forEach((span, i) => {
      const old = hadSpans[i];
      if (old && old.lastAt === span.lastAt && old.count === span.count && old.httpStatus === span.httpStatus) return;
      this.addSpan(id, span);
    });
    this.states.push(after);
  }

  private addPoint(listingId: string, field: TrackedField, point: ChangePoint<unknown>): void {
    const money = MONEY_FIELDS.has(field) ? (point.value as Money | null) : null;
    this.points.listing.push(listingId);
    this.points.field.push(field);
    this.points.at.push(point.at);
    this.points.lastSeen.push(point.lastSeenAt);
    this.points.value.push(jsonParam(point.value));
    this.points.amount.push(money ? String(money.amountMinor) : null);
    this.points.currency.push(money ? money.currency : null);
  }

  private addSpan(listingId: string, span: FailureSpan): void {
    this.spans.listing.push(listingId);
    this.spans.firstAt.push(span.firstAt);
    this.spans.lastAt.push(span.lastAt);
    this.spans.kind.push(span.kind);
    this.spans.reason.push(span.reason);
    this.spans.http.push(span.httpStatus);
    this.spans.count.push(span.count);
  }

  /** The statements and their parameters, in an order that respects the foreign keys. */
  statements(): { text: string; values: unknown[] }[] {
    const out: { text: string; values: unknown[] }[] = [];
    const s = this.states;
    if (s.length) {
      out.push({
        text: `INSERT INTO listing_state (listing_id, last_checked_at, last_ok_at, via, sources, sku, gtin, brand, consecutive_failures)
               SELECT id, checked, ok_at, via, sources::jsonb, sku, gtin, brand, failures
               FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
                 AS t(id, checked, ok_at, via, sources, sku, gtin, brand, failures)
               ON CONFLICT (listing_id) DO UPDATE SET last_checked_at = EXCLUDED.last_checked_at, last_ok_at = EXCLUDED.last_ok_at,
                 via = EXCLUDED.via, sources = EXCLUDED.sources, sku = EXCLUDED.sku, gtin = EXCLUDED.gtin, brand = EXCLUDED.brand,
                 consecutive_failures = EXCLUDED.consecutive_failures`,
        values: [
          s.map((h) => h.listingId),
          s.map((h) => h.lastCheckedAt),
          s.map((h) => h.lastOkAt),
          s.map((h) => h.via),
          s.map((h) => jsonParam(h.sources)),
          s.map((h) => h.sku),
          s.map((h) => h.gtin),
          s.map((h) => h.brand),
          s.map((h) => h.consecutiveFailures),
        ],
      });
    }
    const p = this.points;
    if (p.listing.length) {
      out.push({
        text: `INSERT INTO change_points (listing_id, field, at, last_seen_at, value, amount_minor, currency)
               SELECT id, field, at, seen, value::jsonb, amount, currency
               FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::bigint[], $7::text[])
                 AS t(id, field, at, seen, value, amount, currency)
               ON CONFLICT (listing_id, field, at) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, value = EXCLUDED.value,
                 amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency`,
        values: [p.listing, p.field, p.at, p.lastSeen, p.value, p.amount, p.currency],
      });
    }
    const f = this.spans;
    if (f.listing.length) {
      out.push({
        text: `INSERT INTO failure_spans (listing_id, first_at, last_at, kind, reason, http_status, count)
               SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::int[])
               ON CONFLICT (listing_id, first_at) DO UPDATE SET last_at = EXCLUDED.last_at, kind = EXCLUDED.kind,
                 reason = EXCLUDED.reason, http_status = EXCLUDED.http_status, count = EXCLUDED.count`,
        values: [f.listing, f.firstAt, f.lastAt, f.kind, f.reason, f.http, f.count],
      });
    }
    return out;
  }
}
