// Competitors pricing in another currency: compared at the configured exchange rate, or listed
// as not compared when there is none. Histories are built with the store's own change-point rule.
import { describe, expect, it } from 'vitest';
import { applyObservation } from '../../store/changepoints.ts';
import type { Listing, ListingHistory } from '../../store/model.ts';
import { computeDigest } from '../../insights/digest/compute/index.ts';
import { extraction } from './fixture.ts';

const listing = (id: string, competitor: string): Listing => ({ id, url: `https://${competitor}.example/${id}`, competitor, sku: 'A', status: 'active', addedAt: '2026-11-01T00:00:00Z' });

function history(id: string, currency: string, amountMinor: number): ListingHistory {
  let h: ListingHistory | null = null;
  for (const at of ['2026-11-16T09:00:00Z', '2026-11-20T09:00:00Z']) {
    const x = extraction({ price: 0 });
    x.price = { amountMinor, currency };
    h = applyObservation(h, { listingId: id, url: 'x', at, via: 'http', ok: true, httpStatus: 200, extraction: x }).history;
  }
  return h!;
}

describe('prices in another currency', () => {
  it('are converted at the configured rate, or listed as not compared', () => {
    const d = computeDigest({
      week: '2026-W47',
      timeZone: 'UTC',
      shop: 'Shop',
      currency: 'USD',
      listings: [listing('uk', 'Brit'), listing('jp', 'Nippon')],
      histories: [history('uk', 'GBP', 7_900), history('jp', 'JPY', 9_000)],
      products: [{ sku: 'A', name: 'Kettle', ourPrice: { amountMinor: 12_000, currency: 'USD' }, category: null, tags: [] }],
      competitors: ['Brit', 'Nippon'],
      exchangeRates: { GBP: 0.79 },
      generatedAt: '2026-11-24T00:00:00Z',
    });
    // £79.00 at 0.79 £ per $ is $100.00: 16.7 % below our $120.00.
    expect(d.undercuts.items).toHaveLength(1);
    expect(d.undercuts.items[0]).toMatchObject({ theirs: { amountMinor: 10_000, currency: 'USD' }, theirsListed: { amountMinor: 7_900, currency: 'GBP' }, gapPct: 16.7 });
    expect(d.priceIndex.byCompetitor.find((c) => c.competitor === 'Brit')?.index).toBe(120);
    expect(d.priceIndex.byCompetitor.find((c) => c.competitor === 'Nippon')?.index).toBeNull();
    expect(d.dataQuality.otherCurrency.map((r) => r.listingId)).toEqual(['jp']);
    expect(d.notes.find((n) => n.key === 'other-currency')?.params).toEqual({ count: 1, currency: 'USD' });
  });
});
