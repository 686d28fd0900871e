// Pure change-point logic shared by every store: one observation in, the new history and what
// changed out. History grows with changes, not with crawls (Keepa style): an unchanged value only
// moves its point's `lastSeenAt` forward.
import type {
  ChangePoint,
  Extraction,
  FailureSpan,
  ListingHistory,
  Money,
  Observation,
  Promotion,
  RecordResult,
  TimeRange,
  TrackedField,
  TrackedValues,
} from './model.ts';
import { isoMillis, toMillis } from './times.ts';

export const TRACKED_FIELDS: readonly TrackedField[] = [
  'price',
  'listPrice',
  'effectivePrice',
  'promotions',
  'availability',
  'rating',
  'ratingScale',
  'reviewCount',
  'positiveRate',
  'title',
];

/** What the fields read as before anything was seen (a fresh object: callers may keep it). */
export function unknownValues(): TrackedValues {
  return {
    price: null,
    listPrice: null,
    effectivePrice: null,
    promotions: [],
    availability: 'unknown',
    rating: null,
    ratingScale: null,
    reviewCount: null,
    positiveRate: null,
    title: null,
  };
}

/**
 * Fields whose empty reading means "could not tell" (a lazy-loaded review block, a stock badge
 * not found), not "changed to nothing". Such readings never replace a known value, so a flaky
 * page cannot produce false "out of stock" or "rating dropped" changes. An empty `listPrice`,
 * `effectivePrice` or `promotions` is a real change: the sale or the promotion ended.
 */
function couldNotTell(field: TrackedField, value: unknown): boolean {
  switch (field) {
    case 'availability':
      return value === 'unknown';
    case 'listPrice':
    case 'effectivePrice':
    case 'promotions':
      return false;
    default:
      return value === null;
  }
}

export function emptyHistory(listingId: string): ListingHistory {
  return {
    listingId,
    lastCheckedAt: null,
    lastOkAt: null,
    via: null,
    sources: {},
    sku: null,
    gtin: null,
    brand: null,
    fields: {
      price: [],
      listPrice: [],
      effectivePrice: [],
      promotions: [],
      availability: [],
      rating: [],
      ratingScale: [],
      reviewCount: [],
      positiveRate: [],
      title: [],
    },
    failures: [],
    consecutiveFailures: 0,
  };
}

export function trackedValuesOf(extraction: Extraction): TrackedValues {
  return {
    price: extraction.price,
    listPrice: extraction.listPrice,
    effectivePrice: extraction.effectivePrice,
    promotions: extraction.promotions,
    availability: extraction.availability,
    rating: extraction.rating,
    ratingScale: extraction.ratingScale,
    reviewCount: extraction.reviewCount,
    positiveRate: extraction.positiveRate,
    title: extraction.title,
  };
}

function sameMoney(a: Money | null | undefined, b: Money | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return a.amountMinor === b.amountMinor && a.currency === b.currency;
}

function moneyKey(m: Money | null | undefined): string {
  return m == null ? '' : `${m.amountMinor} ${m.currency}`;
}

/**
 * What makes a promotion "the same promotion": its type, text and amounts. The end time is left
 * out on purpose: pages that show a countdown yield a slightly different end time on every crawl.
 */
export function promotionKey(p: Promotion): string {
  const tiers = (p.tiers ?? []).map((t) => `${moneyKey(t.threshold)}>${moneyKey(t.amount)}`).join(',');
  return [
    p.type,
    p.text.replace(/\s+/g, ' ').trim(),
    moneyKey(p.threshold),
    moneyKey(p.amount),
    p.percent ?? '',
    p.repeat ? 'repeat' : '',
    tiers,
    p.quantity ?? '',
  ].join('|');
}

/** Promotions compare as a set: order and duplicates on the page do not matter. */
export function samePromotions(a: readonly Promotion[], b: readonly Promotion[]): boolean {
  const ka = new Set(a.map(promotionKey));
  const kb = new Set(b.map(promotionKey));
  if (ka.size !== kb.size) return false;
  for (const k of ka) if (!kb.has(k)) return false;
  return true;
}

export function sameValue<K extends TrackedField>(field: K, a: TrackedValues[K], b: TrackedValues[K]): boolean {
  switch (field) {
    case 'price':
    case 'listPrice':
    case 'effectivePrice':
      return sameMoney(a as Money | null, b as Money | null);
    case 'promotions':
      return samePromotions(a as Promotion[], b as Promotion[]);
    default:
      return a === b;
  }
}

function lastOf<T>(points: readonly T[]): T | undefined {
  return points[points.length - 1];
}

/** Latest known value of every tracked field, plus when the listing was last checked. */
export function latest(history: ListingHistory): {
  values: TrackedValues;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
} {
  const values = unknownValues();
  for (const field of TRACKED_FIELDS) {
    const point = lastOf(history.fields[field] as ChangePoint<unknown>[]);
    if (point) (values as Record<TrackedField, unknown>)[field] = point.value;
  }
  return { values, lastCheckedAt: history.lastCheckedAt, lastOkAt: history.lastOkAt };
}

/** Index of the point in effect at `ms` (the last one starting at or before it), or -1. */
export function pointIndexAt(points: readonly ChangePoint<unknown>[], ms: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (isoMillis(points[mid].at) <= ms) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The value a field held at `at` (a step function, as Keepa draws it); unknown before the first point. */
export function valueAt<K extends TrackedField>(history: ListingHistory, field: K, at: string): TrackedValues[K] {
  const points = history.fields[field] as ChangePoint<TrackedValues[K]>[];
  const i = pointIndexAt(points, toMillis(at));
  return i < 0 ? unknownValues()[field] : points[i].value;
}

function knownValues(history: ListingHistory): Partial<TrackedValues> {
  const out: Partial<Record<TrackedField, unknown>> = {};
  for (const field of TRACKED_FIELDS) {
    const point = lastOf(history.fields[field] as ChangePoint<unknown>[]);
    if (point) out[field] = point.value;
  }
  return out as Partial<TrackedValues>;
}

function recordFailure(history: ListingHistory, observation: Extract<Observation, { ok: false }>): ListingHistory {
  const { failure, at } = observation;
  const httpStatus = failure.httpStatus ?? observation.httpStatus ?? null;
  const last = lastOf(history.failures);
  // Only a failure right after the same failure extends its span; a success in between starts anew.
  const continuesLast =
    last !== undefined && history.consecutiveFailures > 0 && last.kind === failure.kind && last.reason === failure.reason;
  const failures: FailureSpan[] = continuesLast
    ? [...history.failures.slice(0, -1), { ...last, lastAt: at, count: last.count + 1, httpStatus: httpStatus ?? last.httpStatus }]
    : [...history.failures, { kind: failure.kind, reason: failure.reason, httpStatus, firstAt: at, lastAt: at, count: 1 }];
  return { ...history, lastCheckedAt: at, failures, consecutiveFailures: history.consecutiveFailures + 1 };
}

function recordSuccess(
  history: ListingHistory,
  observation: Extract<Observation, { ok: true }>,
): { history: ListingHistory; changed: TrackedField[] } {
  const { extraction, at } = observation;
  const values = trackedValuesOf(extraction);
  const fields = { ...history.fields };
  const changed: TrackedField[] = [];
  for (const field of TRACKED_FIELDS) {
    const value = values[field];
    if (couldNotTell(field, value)) continue;
    const points = history.fields[field] as ChangePoint<unknown>[];
    const last = lastOf(points);
    let next: ChangePoint<unknown>[];
    // Stored values are copies: the caller may reuse its extraction objects.
    if (last && sameValue(field, last.value as never, value as never)) {
      // Promotions keep their latest details (an extended end time) while staying one point.
      const kept = field === 'promotions' ? structuredClone(value) : last.value;
      next = [...points.slice(0, -1), { at: last.at, value: kept, lastSeenAt: at }];
    } else {
      next = [...points, { at, value: structuredClone(value), lastSeenAt: at }];
      changed.push(field);
    }
    (fields as Record<TrackedField, ChangePoint<unknown>[]>)[field] = next;
  }
  return {
    history: {
      ...history,
      lastCheckedAt: at,
      lastOkAt: at,
      via: observation.via,
      sources: { ...extraction.sources },
      sku: extraction.sku ?? history.sku,
      gtin: extraction.gtin ?? history.gtin,
      brand: extraction.brand ?? history.brand,
      fields,
      consecutiveFailures: 0,
    },
    changed,
  };
}

/** An observation at or before the last check is a replay of something already recorded. */
export function isReplay(history: ListingHistory | null, observation: Observation): boolean {
  return history?.lastCheckedAt != null && toMillis(observation.at) <= toMillis(history.lastCheckedAt);
}

/**
 * Applies one observation to a listing's history (a fresh one when `history` is null) without
 * mutating it. Observations at or before `lastCheckedAt` are replays: the history comes back as
 * it was and `changed` is empty. A failure never touches a tracked field.
 */
export function applyObservation(
  history: ListingHistory | null,
  observation: Observation,
): { history: ListingHistory; result: RecordResult } {
  toMillis(observation.at); // throws for a malformed time, also on a listing's first observation
  const before = history ?? emptyHistory(observation.listingId);
  const previous = knownValues(before);
  const failure = observation.ok ? undefined : observation.failure;
  const base = { listingId: observation.listingId, ok: observation.ok, ...(failure ? { failure } : {}) };

  if (isReplay(before, observation)) {
    return { history: before, result: { ...base, changed: [], previous, current: previous } };
  }
  if (!observation.ok) {
    return { history: recordFailure(before, observation), result: { ...base, changed: [], previous, current: {} } };
  }
  const { history: after, changed } = recordSuccess(before, observation);
  return { history: after, result: { ...base, changed, previous, current: knownValues(after) } };
}

/** Index of the first point starting after `ms`; points are in time order, as recording keeps them. */
function firstAfter(points: readonly ChangePoint<unknown>[], ms: number): number {
  // Most reads end after the last change: one time read instead of a search.
  if (points.length === 0 || isoMillis(points[points.length - 1].at) <= ms) return points.length;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isoMillis(points[mid].at) > ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The history restricted to a time range: for each field the points in effect at some moment of
 * the range (including the one already in effect at `from`), and the failure spans overlapping it.
 * The points kept are one run (those starting by `to`, from the one in effect at `from` on), found
 * by binary search: a digest clips every listing's year to a few weeks, and parsing every point's
 * time would cost more than the rest of the read.
 */
export function clipHistory(history: ListingHistory, range: TimeRange = {}): ListingHistory {
  if (range.from === undefined && range.to === undefined) return history;
  const from = range.from === undefined ? -Infinity : toMillis(range.from);
  const to = range.to === undefined ? Infinity : toMillis(range.to);
  const clipPoints = <T>(points: ChangePoint<T>[]): ChangePoint<T>[] => points.slice(Math.max(0, firstAfter(points, from) - 1), firstAfter(points, to));
  const fields = {} as Record<TrackedField, ChangePoint<unknown>[]>;
  for (const field of TRACKED_FIELDS) fields[field] = clipPoints(history.fields[field] as ChangePoint<unknown>[]);
  return {
    ...history,
    fields: fields as ListingHistory['fields'],
    failures: history.failures.filter((f) => isoMillis(f.firstAt) <= to && isoMillis(f.lastAt) >= from),
  };
}
