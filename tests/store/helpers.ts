// Builders for observations in store tests: a plausible product page reading with overrides.
import type { CrawlFailure, Extraction, Money, Observation, Promotion } from '../../store/model.ts';

export const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });

export function extraction(overrides: Partial<Extraction> = {}): Extraction {
  return {
    title: 'Thermos 500ml',
    price: cny(12900),
    priceRange: null,
    listPrice: cny(15900),
    effectivePrice: null,
    promotions: [],
    availability: 'in_stock',
    rating: 4.8,
    ratingScale: 5,
    reviewCount: 2300,
    positiveRate: 0.98,
    sku: 'T-500',
    gtin: null,
    brand: 'Thermos',
    image: null,
    canonicalUrl: null,
    sources: { price: 'json-ld', title: 'json-ld' },
    rejected: [],
    notes: [],
    ...overrides,
  };
}

export function ok(listingId: string, at: string, overrides: Partial<Extraction> = {}): Observation {
  return { listingId, url: `https://shop.test/${listingId}`, at, via: 'http', ok: true, httpStatus: 200, extraction: extraction(overrides) };
}

export function failed(listingId: string, at: string, failure: CrawlFailure): Observation {
  return { listingId, url: `https://shop.test/${listingId}`, at, via: 'http', ok: false, httpStatus: failure.httpStatus ?? null, failure };
}

export const timeout: CrawlFailure = { kind: 'timeout', reason: 'no answer within 30 s' };
export const blocked: CrawlFailure = { kind: 'blocked', reason: 'captcha page', httpStatus: 403 };
export const gone: CrawlFailure = { kind: 'gone', reason: 'HTTP 404: the page no longer exists', httpStatus: 404 };

export const manjian: Promotion = {
  type: 'threshold',
  text: '满300减50',
  threshold: cny(30000),
  amount: cny(5000),
};
export const coupon: Promotion = { type: 'coupon', text: '领券满199减20', threshold: cny(19900), amount: cny(2000) };

/** `n` hours after 2024-03-01T00:00:00Z, as an ISO string. */
export function hour(n: number): string {
  return new Date(Date.UTC(2024, 2, 1) + n * 3_600_000).toISOString();
}

/** `n` days after 2024-03-01T00:00:00Z, as an ISO string. */
export function day(n: number): string {
  return hour(n * 24);
}
