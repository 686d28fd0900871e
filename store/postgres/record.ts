// Recording observations in Postgres: inside the caller's transaction, lock the listings' rows,
// load what the change-point logic reads (the last point of each field, the last failure span,
// the state), apply the observations with the logic every store shares, and write only the diff.
import type pg from 'pg';
import { applyObservation, isReplay, TRACKED_FIELDS } from '../changepoints.ts';
import type { FailureSpan, Listing, ListingHistory, Observation, RecordResult, TrackedField } from '../model.ts';
import { StoreError } from '../store.ts';
import { HEADS_SQL, HistoryWrites, LAST_FAILURE_SQL, STATE_SQL, historyFromRow, type HistoryRow } from './rows.ts';
import { iso } from '../times.ts';

/** What recording one observation did, with whether it was a replay of one already recorded. */
export interface RecordOutcome {
  result: RecordResult;
  replay: boolean;
}

/**
 * Applies `observations` in order within `client`'s transaction (validated by the caller). The
 * listings' rows stay locked until the commit, so concurrent writers of one listing take turns and
 * each sees what the previous one wrote; a replay (at or before the last check) writes nothing.
 */
export async function applyObservations(
  client: pg.PoolClient,
  observations: Observation[],
  location: string,
  alsoWrite?: (client: pg.PoolClient, outcomes: RecordOutcome[]) => Promise<void>,
): Promise<RecordOutcome[]> {
  const ids = [...new Set(observations.map((o) => o.listingId))].sort();
  const { rows: locked } = await client.query<{ id: string; status: Listing['status'] }>(
    'SELECT id, status FROM listings WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const status = new Map(locked.map((r) => [r.id, r.status]));
  const missing = ids.find((id) => !status.has(id));
  if (missing) throw new StoreError(`No listing with id ${missing} in ${location}`, 'not-found');

  const heads = await loadHeads(client, ids);
  const current = new Map(heads);
  const outcomes: RecordOutcome[] = [];
  const statusChanges = new Map<string, { status: Listing['status']; goneAt: string | null }>();
  for (const observation of observations) {
    const before = current.get(observation.listingId) ?? null;
    const replay = isReplay(before, observation);
    const { history, result } = applyObservation(before, observation);
    outcomes.push({ result, replay });
    if (replay) continue;
    current.set(observation.listingId, history);
    // A `gone` failure marks the listing gone; a page that answers again is active again.
    const was = statusChanges.get(observation.listingId)?.status ?? status.get(observation.listingId)!;
    if (!observation.ok && observation.failure.kind === 'gone' && was !== 'gone') {
      statusChanges.set(observation.listingId, { status: 'gone', goneAt: observation.at });
    } else if (observation.ok && was === 'gone') {
      statusChanges.set(observation.listingId, { status: 'active', goneAt: null });
    }
  }

  const writes = new HistoryWrites();
  for (const [id, after] of current) if (after !== heads.get(id)) writes.add(heads.get(id) ?? null, after);
  for (const statement of writes.statements()) await client.query(statement.text, statement.values);
  for (const [id, change] of statusChanges) {
    await client.query('UPDATE listings SET status = $2, gone_at = $3 WHERE id = $1', [id, change.status, change.goneAt]);
  }
  await alsoWrite?.(client, outcomes);
  return outcomes;
}

/** The part of each listing's history that applyObservation reads: state, last points, last failure span. */
async function loadHeads(client: pg.PoolClient, ids: string[]): Promise<Map<string, ListingHistory>> {
  const [states, points, failures] = [
    await client.query<HistoryRow>(STATE_SQL, [ids]),
    await client.query<{ listing_id: string; field: TrackedField; at: Date; last_seen_at: Date; value: unknown }>(HEADS_SQL, [ids, TRACKED_FIELDS]),
    await client.query<{ listing_id: string; kind: FailureSpan['kind']; reason: string; http_status: number | null; first_at: Date; last_at: Date; count: number }>(
      LAST_FAILURE_SQL,
      [ids],
    ),
  ];
  const heads = new Map<string, ListingHistory>();
  for (const row of states.rows) heads.set(row.id, historyFromRow(row));
  for (const p of points.rows) {
    const h = heads.get(p.listing_id);
    if (h) h.fields[p.field].push({ at: iso(p.at), lastSeenAt: iso(p.last_seen_at), value: p.value } as never);
  }
  for (const f of failures.rows) {
    const h = heads.get(f.listing_id);
    if (h) h.failures.push({ kind: f.kind, reason: f.reason, httpStatus: f.http_status, firstAt: iso(f.first_at), lastAt: iso(f.last_at), count: f.count });
  }
  return heads;
}
