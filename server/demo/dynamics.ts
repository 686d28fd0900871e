// The day-to-day life of a demo product, independent of which shop shows it: the regular price
// (a random walk with rare steps and mean reversion), random stock-outs, low stock, and reviews
// (slow rating drift, growing counts, periodic negative-review incidents). All of it is a pure
// function of (product key, local day).
import { dayOf, dayParts } from './calendar.ts';
import { rand, randInt } from './prng.ts';
import { shelfPrice, type PriceStyle } from './money.ts';

/** The walk starts here; earlier days show the epoch state. */
export const EPOCH_DAY = dayOf(2024, 1, 1);

/** Chance that a product's regular price moves on a given day. */
const PRICE_STEP_CHANCE = 0.035;

export interface WalkSpec {
  key: string;
  basePriceMinor: number;
  style: PriceStyle;
  /** Highest price relative to the base the walk may reach (default WALK_HIGH); undercutters stay below us. */
  high?: number;
}

const walks = new Map<string, number[]>();

/** The regular (undiscounted) price on `day`: most days unchanged, sometimes a 3–15 % step. */
export function regularPrice(spec: WalkSpec, day: number): number {
  const cacheKey = `${spec.key}|${spec.basePriceMinor}|${spec.style}|${spec.high ?? ''}`;
  let levels = walks.get(cacheKey);
  if (!levels) {
    levels = [spec.basePriceMinor];
    walks.set(cacheKey, levels);
  }
  const index = Math.max(0, day - EPOCH_DAY);
  while (levels.length <= index) {
    const d = EPOCH_DAY + levels.length;
    const prev = levels[levels.length - 1];
    levels.push(rand(spec.key, 'step', d) < PRICE_STEP_CHANCE ? stepped(spec, prev, d) : prev);
  }
  return levels[index];
}

/** Walk bounds relative to the base price: prices wander, but a shop does not drift away for good. */
const WALK_LOW = 0.92;
const WALK_HIGH = 1.15;

function stepped(spec: WalkSpec, prev: number, day: number): number {
  const size = 0.03 + 0.12 * rand(spec.key, 'size', day);
  const ratio = prev / spec.basePriceMinor;
  const canFall = ratio * (1 - size) >= WALK_LOW;
  const canRise = ratio * (1 + size) <= (spec.high ?? WALK_HIGH);
  const down = canFall && canRise ? rand(spec.key, 'dir', day) < 0.5 : canFall || !canRise;
  const next = shelfPrice(Math.round(prev * (down ? 1 - size : 1 + size)), spec.style);
  return next > 0 ? next : prev;
}

/** Random stock-outs: about one every 80 days per product, lasting 2–5 days. */
export function randomlyOutOfStock(key: string, day: number): boolean {
  for (let start = day - 4; start <= day; start++) {
    if (rand(key, 'oos', start) < 0.0125 && day < start + randInt(2, 5, key, 'ooslen', start)) return true;
  }
  return false;
}

/** "Only N left" on about 6 % of in-stock days. */
export function lowStock(key: string, day: number): number | null {
  return rand(key, 'low', day) < 0.06 ? randInt(1, 5, key, 'lowqty', day) : null;
}

/** Negative-review incidents start on the 8th of odd months (Jan, Mar, May, Jul, Sep, Nov). */
export function isIncidentStart(day: number): boolean {
  const p = dayParts(day);
  return p.date === 8 && p.month % 2 === 1;
}

const INCIDENT_EXTRA_REVIEWS = [60, 140, 170];
const INCIDENT_DROP = [0.4, 0.6];
const INCIDENT_RECOVERY_DAYS = 45;

/** Days since the latest incident start (0 on the day itself), or null when none in 70 days. */
export function daysSinceIncident(day: number): number | null {
  for (let t = 0; t <= 70; t++) if (isIncidentStart(day - t)) return t;
  return null;
}

function incidentsBefore(day: number): number {
  let n = 0;
  for (let d = EPOCH_DAY; d < day; d++) if (isIncidentStart(d)) n++;
  return n;
}

export interface ReviewSpec {
  key: string;
  rating0: number;
  reviews0: number;
  /** New reviews per day on average. */
  reviewRate: number;
  positive0: number | null;
  incident: boolean;
}

export interface Reviews {
  rating: number;
  reviewCount: number;
  positiveRate: number | null;
}

/** Rating drifts ±0.12 over half a year; counts only grow; incidents drop the rating and spike the count. */
export function reviewsOn(spec: ReviewSpec, day: number): Reviews {
  const d = Math.max(day, EPOCH_DAY);
  const phase = rand(spec.key, 'phase') * 2 * Math.PI;
  let rating = spec.rating0 + 0.12 * Math.sin((2 * Math.PI * (d - EPOCH_DAY)) / 173 + phase);
  let count = spec.reviews0 + Math.floor(spec.reviewRate * (d - EPOCH_DAY));
  let positive = spec.positive0;
  if (spec.incident) {
    const t = daysSinceIncident(d);
    const full = INCIDENT_EXTRA_REVIEWS[INCIDENT_EXTRA_REVIEWS.length - 1];
    const started = incidentsBefore(d + 1);
    const ongoing = t !== null && t < INCIDENT_EXTRA_REVIEWS.length;
    count += ongoing && t !== null ? full * (started - 1) + INCIDENT_EXTRA_REVIEWS[t] : full * started;
    if (t !== null) {
      const drop = t < INCIDENT_DROP.length ? INCIDENT_DROP[t] : 0.6 * Math.max(0, 1 - (t - 1) / INCIDENT_RECOVERY_DAYS);
      rating -= drop;
      if (positive !== null) positive -= drop * 0.12;
    }
  }
  return {
    rating: Math.round(Math.min(5, Math.max(1, rating)) * 10) / 10,
    reviewCount: count,
    positiveRate: positive === null ? null : Math.round(positive * 100) / 100,
  };
}
