// A shop with two competitors observed once a day for seven weeks (2026-W41 … W47) plus the same
// week a year earlier, written into a real lowdb store. The scenario of 2026-W47 (16–22 Nov,
// Asia/Shanghai) has a price cut below ours, a coupon, a price dump with an inflated "was" price,
// a stock-out and a return, a promotion ending, a rating fall with new negative reviews, a listing
// added and one gone, and a listing blocked all week. The raw observations are kept so tests can
// work out every figure on their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import type { Availability, Extraction, Money, Observation, Promotion } from '../../store/model.ts';
import { validateConfig, type LoadedConfig } from '../../server/config.ts';

export const TZ = 'Asia/Shanghai';
export const WEEK = '2026-W47';

export interface DayState {
  price: number;
  listPrice?: number;
  effective?: number;
  promotions?: Promotion[];
  availability?: Availability;
  rating?: number;
  reviewCount?: number;
  positiveRate?: number;
  title?: string;
}

export type DaySpec = DayState | { fail: 'blocked' | 'gone'; reason: string } | null;

export interface ListingSpec {
  key: string;
  competitor: string;
  sku: string;
  own?: boolean;
  addedAt: string;
  /** State on a local day "YYYY-MM-DD"; null = not crawled that day. */
  day: (d: string) => DaySpec;
}

export const cny = (major: number): Money => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });

const freeShipping: Promotion = { type: 'free_shipping', text: '包邮' };
const flash: Promotion = { type: 'flash_sale', text: '限时秒杀 9折', percent: 10 };
const coupon: Promotion = { type: 'coupon', text: '领券立减15', amount: cny(15) };
const spendSave: Promotion = { type: 'threshold', text: '满300减50', threshold: cny(300), amount: cny(50) };
const ownCut: Promotion = { type: 'amount_off', text: '立减7', amount: cny(7) };

const between = (d: string, a: string, b: string) => d >= a && d <= b;
const yearAgo = (d: string) => d < '2026-01-01';

export const LISTINGS: ListingSpec[] = [
  {
    key: 'alpha-a', competitor: 'Alpha', sku: 'A', addedAt: '2025-11-01T00:00:00Z',
    day: (d) => {
      if (yearAgo(d)) return { price: 120, promotions: [freeShipping], rating: 4.6, reviewCount: 400 };
      if (between(d, '2026-11-10', '2026-11-11')) return { price: 105, promotions: [flash], effective: 94.5, rating: 4.6, reviewCount: 500 };
      return { price: d >= '2026-11-17' ? 90 : 105, rating: 4.6, reviewCount: 500 };
    },
  },
  {
    key: 'beta-a', competitor: 'Beta', sku: 'A', addedAt: '2025-11-01T00:00:00Z',
    day: (d) => {
      if (yearAgo(d)) return { price: 115, promotions: [freeShipping] };
      if (d >= '2026-11-18') return { price: 110, promotions: [coupon], effective: 95, rating: 4.7, reviewCount: 520 };
      return { price: 110, rating: 4.6, reviewCount: 500 };
    },
  },
  {
    key: 'beta-e', competitor: 'Beta', sku: 'A', addedAt: '2026-11-18T01:00:00Z',
    day: (d) => (d >= '2026-11-18' ? { price: 99, title: 'Kettle <b>E</b> "new" =SUM(1)' } : null),
  },
  {
    key: 'alpha-b', competitor: 'Alpha', sku: 'B', addedAt: '2025-11-01T00:00:00Z',
    day: (d) => {
      if (yearAgo(d)) return { price: 220, promotions: [freeShipping] };
      if (between(d, '2026-10-26', '2026-11-01')) return { price: 195 };
      if (d >= '2026-11-19') return { price: 160, listPrice: 260 };
      return { price: 210 };
    },
  },
  {
    key: 'alpha-b2', competitor: 'Alpha', sku: 'B', addedAt: '2026-10-01T00:00:00Z',
    day: (d) => (d >= '2026-11-16' ? { fail: 'blocked', reason: 'captcha page instead of the product (HTTP 200)' } : { price: 205 }),
  },
  {
    key: 'beta-b', competitor: 'Beta', sku: 'B', addedAt: '2025-11-01T00:00:00Z',
    day: (d) => {
      if (yearAgo(d)) return { price: 210, promotions: [freeShipping] };
      return { price: 205, availability: d >= '2026-11-16' ? 'out_of_stock' : 'in_stock' };
    },
  },
  {
    key: 'alpha-c', competitor: 'Alpha', sku: 'C', addedAt: '2026-10-01T00:00:00Z',
    day: (d) => {
      const promo = between(d, '2026-10-19', '2026-11-19');
      const fallen = d >= '2026-11-19';
      return {
        price: 310,
        promotions: promo ? [spendSave] : [],
        effective: promo ? 260 : undefined,
        rating: fallen ? 4.5 : 4.8,
        reviewCount: fallen ? 1100 : 1000,
        positiveRate: fallen ? 0.93 : 0.98,
      };
    },
  },
  {
    key: 'alpha-f', competitor: 'Alpha', sku: 'C', addedAt: '2026-10-01T00:00:00Z',
    day: (d) => (d >= '2026-11-20' ? null : d === '2026-11-19' ? { fail: 'gone', reason: 'HTTP 404: the page is gone' } : { price: 320 }),
  },
  {
    key: 'beta-c', competitor: 'Beta', sku: 'C', addedAt: '2026-10-01T00:00:00Z',
    day: (d) => ({ price: d >= '2026-11-18' ? 305 : 295, availability: between(d, '2026-11-12', '2026-11-16') ? 'out_of_stock' : 'in_stock' }),
  },
  { key: 'alpha-d', competitor: 'Alpha', sku: 'D', addedAt: '2026-10-01T00:00:00Z', day: () => ({ price: 50 }) },
  { key: 'beta-d', competitor: 'Beta', sku: 'D', addedAt: '2026-10-01T00:00:00Z', day: () => ({ price: 45 }) },
  {
    key: 'own-d', competitor: 'Test Shop', sku: 'D', own: true, addedAt: '2026-10-01T00:00:00Z',
    day: (d) => (d >= '2026-11-20' ? { price: 55, promotions: [ownCut], effective: 48 } : { price: 55 }),
  },
];

export const PRODUCTS = [
  { sku: 'A', name: 'Kettle A', price: '100.00', category: 'kitchen', tags: ['hero'] },
  { sku: 'B', name: 'Blender B', price: '200.00', category: 'kitchen' },
  { sku: 'C', name: 'Fan C', price: '300.00', category: 'home', tags: ['hero'] },
  { sku: 'D', name: 'Lamp D', url: 'https://own.example/lamp-d', category: 'home' },
];

/** Days crawled: the year-ago week (and the one before it, for its baseline) and 2026-10-05 … 2026-11-22. */
export function crawlDays(): string[] {
  const days: string[] = [];
  const add = (from: string, to: string) => {
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  };
  add('2025-11-10', '2025-11-23');
  add('2026-10-05', '2026-11-22');
  return days;
}

/** A crawl at 10:00 Shanghai time (02:00 UTC) of the local day. */
export const crawlTime = (day: string) => `${day}T02:00:00.000Z`;

export function extraction(s: DayState): Extraction {
  return {
    title: s.title ?? null,
    price: cny(s.price),
    priceRange: null,
    listPrice: s.listPrice === undefined ? null : cny(s.listPrice),
    effectivePrice: s.effective === undefined ? null : cny(s.effective),
    promotions: s.promotions ?? [],
    availability: s.availability ?? 'in_stock',
    rating: s.rating ?? null,
    ratingScale: s.rating === undefined ? null : 5,
    reviewCount: s.reviewCount ?? null,
    positiveRate: s.positiveRate ?? null,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: {},
    rejected: [],
    notes: [],
  };
}

export interface RawObservation {
  key: string;
  at: string;
  spec: Exclude<DaySpec, null>;
}

export interface Fixture {
  dir: string;
  store: Store;
  loaded: LoadedConfig;
  ids: Record<string, string>;
  raw: RawObservation[];
  cleanup(): Promise<void>;
}

export function fixtureConfig(dir: string, digest: unknown = {}): LoadedConfig {
  const file = join(dir, 'rivalwatch.config.yaml');
  const config = validateConfig(
    {
      shop: { name: 'Test Shop', currency: 'CNY', timeZone: TZ, language: 'en' },
      store: { kind: 'lowdb', path: join(dir, 'store.json') },
      products: PRODUCTS,
      competitors: [
        { name: 'Alpha', domains: ['alpha.example'] },
        { name: 'Beta', domains: ['beta.example'] },
      ],
      digest,
    },
    file,
  );
  return { file, dir, config };
}

/** Writes the fixture into a fresh lowdb store in a temp dir (left open for writing). */
export async function createFixture(digest: unknown = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-digest-'));
  const loaded = fixtureConfig(dir, digest);
  const store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  const ids: Record<string, string> = {};
  for (const l of LISTINGS) {
    const url = l.own ? 'https://own.example/lamp-d' : `https://${l.competitor.toLowerCase()}.example/item/${l.key}`;
    const { listing } = await store.addListing({ url, competitor: l.competitor, sku: l.sku, own: l.own }, l.addedAt);
    ids[l.key] = listing.id;
  }
  const raw: RawObservation[] = [];
  const observations: Observation[] = [];
  for (const day of crawlDays()) {
    for (const l of LISTINGS) {
      const at = crawlTime(day);
      if (at < l.addedAt) continue;
      const spec = l.day(day);
      if (spec === null) continue;
      raw.push({ key: l.key, at, spec });
      const url = `https://${l.competitor.toLowerCase()}.example/item/${l.key}`;
      observations.push(
        'fail' in spec
          ? { listingId: ids[l.key], url, at, via: 'http', ok: false, httpStatus: spec.fail === 'gone' ? 404 : 200, failure: { kind: spec.fail, reason: spec.reason } }
          : { listingId: ids[l.key], url, at, via: 'http', ok: true, httpStatus: 200, extraction: extraction(spec) },
      );
    }
  }
  await store.recordObservations(observations);
  await store.flush();
  return {
    dir,
    store,
    loaded,
    ids,
    raw,
    async cleanup() {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
