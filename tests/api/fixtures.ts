// A store filled with known observations and a config around it, for the API tests: every
// number the tests assert can be worked out by hand from the readings below.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import type { Availability, Extraction, Money, Observation, Promotion } from '../../store/model.ts';
import { validateConfig, type Config } from '../../server/config.ts';

export const NOW = new Date('2025-06-30T12:00:00.000Z');
const DAY = 86_400_000;
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY).toISOString();

export const cny = (major: number): Money => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });

export const config: Config = validateConfig(
  {
    shop: { name: 'Our Shop', currency: 'CNY', timeZone: 'Asia/Shanghai' },
    exchangeRates: { USD: 0.14 },
    products: [
      { sku: 'RW-100', name: 'Electric Kettle 1.7L', price: '199.00', category: 'kitchen', tags: ['kettle', 'steel'] },
      { sku: 'RW-200', name: 'Toaster Two Slice', url: 'https://our.example/toaster', tags: ['toaster'] },
      { sku: 'RW-300', name: 'Rice Cooker', price: '399.00', tags: ['cooker'] },
    ],
    competitors: [
      { name: 'Alpha', domains: ['alpha.example'], schedule: '0 */6 * * *' },
      { name: 'Beta', domains: ['beta.example'], schedule: '0 */6 * * *' },
    ],
  },
  'test-config',
);

export interface Reading {
  price: Money | null;
  listPrice?: Money | null;
  effectivePrice?: Money | null;
  promotions?: Promotion[];
  availability?: Availability;
  rating?: number | null;
  reviewCount?: number | null;
  title?: string | null;
}

export function extraction(r: Reading): Extraction {
  return {
    title: r.title ?? 'A product',
    price: r.price,
    priceRange: null,
    listPrice: r.listPrice ?? null,
    effectivePrice: r.effectivePrice ?? null,
    promotions: r.promotions ?? [],
    availability: r.availability ?? 'in_stock',
    rating: r.rating ?? null,
    ratingScale: r.rating == null ? null : 5,
    reviewCount: r.reviewCount ?? null,
    positiveRate: null,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: { price: 'json-ld' },
    rejected: [],
    notes: [],
  };
}

export function observation(listingId: string, url: string, at: string, r: Reading): Observation {
  return { listingId, url, at, via: 'http', ok: true, httpStatus: 200, extraction: extraction(r) };
}

export const THRESHOLD_PROMO: Promotion = { type: 'threshold', text: '满300减50', threshold: cny(300), amount: cny(50) };
export const PERCENT_PROMO: Promotion = { type: 'percent', text: '8折', percent: 20 };

export interface Fixture {
  dir: string;
  store: Store;
  ids: { alpha: string; beta: string; betaOut: string; own: string; alphaToaster: string; genuine: string; fresh: string; usd: string };
  urls: { alpha: string };
  cleanup(): Promise<void>;
}

/** Opens a lowdb store in a temp dir and records the scenario the tests work out by hand. */
export async function buildFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-api-'));
  const store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  const add = async (url: string, competitor: string, sku: string, own = false) =>
    (await store.addListing({ url, competitor, sku, ...(own ? { own } : {}) }, daysAgo(200))).listing.id;

  const alphaUrl = 'https://www.alpha.example/item/kettle-17';
  const alpha = await add(alphaUrl, 'Alpha', 'RW-100');
  const beta = await add('https://beta.example/p/100', 'Beta', 'RW-100');
  const betaOut = await add('https://beta.example/p/101', 'Beta', 'RW-100');
  const own = await add('https://our.example/toaster', 'Our Shop', 'RW-200', true);
  const alphaToaster = await add('https://alpha.example/item/toaster', 'Alpha', 'RW-200');
  const genuine = await add('https://alpha.example/item/cooker', 'Alpha', 'RW-300');
  const fresh = await add('https://beta.example/p/300', 'Beta', 'RW-300');
  const usd = await add('https://beta.example/us/300', 'Beta', 'RW-300');

  const base = { availability: 'in_stock' as const, rating: 4.5, reviewCount: 100 };
  const a = (d: number, r: Reading) => observation(alpha, alphaUrl, daysAgo(d), { ...base, ...r });
  const observations: Observation[] = [
    a(120, { price: cny(189) }),
    a(60, { price: cny(179) }),
    a(40, { price: cny(169) }),
    a(20, { price: cny(199) }),
    // The sale starts: a "was" price of 229.00 that the page never charged in the 30 days before.
    a(10, { price: cny(159), listPrice: cny(229), promotions: [THRESHOLD_PROMO], reviewCount: 110 }),
    a(9, { price: cny(159), listPrice: cny(229), promotions: [THRESHOLD_PROMO], reviewCount: 110, availability: 'out_of_stock' }),
    a(8, { price: cny(159), listPrice: cny(229), promotions: [THRESHOLD_PROMO], reviewCount: 110 }),
    a(3, { price: cny(159), listPrice: cny(229), promotions: [PERCENT_PROMO], effectivePrice: cny(127.2), reviewCount: 130, rating: 4.4 }),
    observation(alpha, alphaUrl, new Date(NOW.getTime() - 2 * 3_600_000).toISOString(), {
      ...base,
      price: cny(159),
      listPrice: cny(229),
      promotions: [PERCENT_PROMO],
      effectivePrice: cny(127.2),
      reviewCount: 130,
      rating: 4.4,
    }),
    observation(beta, 'https://beta.example/p/100', daysAgo(1), { price: cny(175) }),
    observation(betaOut, 'https://beta.example/p/101', daysAgo(1), { price: cny(99), availability: 'out_of_stock' }),
    observation(own, 'https://our.example/toaster', daysAgo(1), { price: cny(299) }),
    observation(alphaToaster, 'https://alpha.example/item/toaster', daysAgo(1), { price: cny(289) }),
    // A genuine reduction: 100.00 for 45 days, then 80.00 "was 100.00".
    observation(genuine, 'https://alpha.example/item/cooker', daysAgo(50), { price: cny(100) }),
    observation(genuine, 'https://alpha.example/item/cooker', daysAgo(5), { price: cny(80), listPrice: cny(100) }),
    // Discounted since its first crawl: nothing to compare the "was" price with.
    observation(fresh, 'https://beta.example/p/300', daysAgo(2), { price: cny(350), listPrice: cny(499) }),
    // Priced in dollars: compared with ours through the configured rate (0.14 USD per CNY).
    observation(usd, 'https://beta.example/us/300', daysAgo(1), { price: { amountMinor: 5000, currency: 'USD' } }),
  ];
  await store.recordObservations(observations);
  await store.flush();
  return {
    dir,
    store,
    ids: { alpha, beta, betaOut, own, alphaToaster, genuine, fresh, usd },
    urls: { alpha: alphaUrl },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
