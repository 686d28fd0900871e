// The schedule other parts' tests rely on: day-to-day movement, dumps, review incidents,
// campaign calendars, undercutters, flash-sale end times and pre-order dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourCatalogue, startDemoShops, type DemoShops } from '../../server/demo/index.ts';

let demo: DemoShops;

beforeAll(async () => {
  demo = await startDemoShops();
});
afterAll(async () => {
  await demo.close();
});

const dayIso = (start: string, i: number) => new Date(Date.parse(start) + i * 86_400_000).toISOString();

describe('the schedule changes pages from day to day', () => {
  it('moves prices, promotions, stock and reviews over 60 days in every shop, mostly staying put', () => {
    for (const s of demo.shops) {
      let priceChanges = 0;
      let promoChanges = 0;
      let stockOuts = 0;
      let comparisons = 0;
      for (const id of s.productIds) {
        let prev = demo.truth(s.id, id, dayIso('2026-09-01T12:00:00Z', 0));
        for (let i = 1; i < 60; i++) {
          const cur = demo.truth(s.id, id, dayIso('2026-09-01T12:00:00Z', i));
          comparisons++;
          if (cur.priceMinor !== prev.priceMinor) priceChanges++;
          if (cur.promotions.join('|') !== prev.promotions.join('|')) promoChanges++;
          if (cur.availability === 'out_of_stock' && prev.availability !== 'out_of_stock') stockOuts++;
          expect(cur.reviewCount, `${s.id}/${id} review count never falls`).toBeGreaterThanOrEqual(prev.reviewCount);
          prev = cur;
        }
      }
      expect(priceChanges, s.id).toBeGreaterThan(10);
      expect(priceChanges / comparisons, `${s.id}: most days unchanged`).toBeLessThan(0.2);
      expect(promoChanges, s.id).toBeGreaterThan(5);
      expect(stockOuts, s.id).toBeGreaterThan(2);
    }
  });

  it('dumps the Northwind Stride Smartwatch to ~40 % on the 12th and 13th, then restores it', () => {
    const t = (iso: string) => demo.truth('northwind', 'stride-smartwatch', iso);
    const before = t('2026-11-11T18:00:00Z');
    for (const iso of ['2026-11-12T18:00:00Z', '2026-11-13T18:00:00Z']) {
      const dump = t(iso);
      expect(dump.priceMinor / before.priceMinor).toBeGreaterThan(0.35);
      expect(dump.priceMinor / before.priceMinor).toBeLessThan(0.45);
      expect(dump.listPriceMinor).toBe(before.priceMinor);
    }
    expect(t('2026-11-14T18:00:00Z').priceMinor).toBe(before.priceMinor);
  });

  it('drops ratings and spikes review counts from the 8th of odd months (Northwind vacuum, Lexiang air fryer)', () => {
    for (const [shopId, id] of [['northwind', 'robot-vacuum-s6'], ['lexiang', '680012345612']] as const) {
      const before = demo.truth(shopId, id, '2026-11-06T18:00:00Z');
      const after = demo.truth(shopId, id, '2026-11-09T18:00:00Z');
      expect(before.rating - after.rating, shopId).toBeGreaterThanOrEqual(0.4);
      expect(after.reviewCount - before.reviewCount, shopId).toBeGreaterThanOrEqual(140);
      if (shopId === 'lexiang') expect((before.positiveRate ?? 0) - (after.positiveRate ?? 0)).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('runs campaigns on their calendar: 双11 tiers, Black Friday, weekend sales', () => {
    const lx = demo.truth('lexiang', '680012345601', '2026-11-05T04:00:00Z');
    expect(lx.promotions).toContain('满200减20/满400减50');
    expect(demo.truth('lexiang', '680012345601', '2026-11-15T04:00:00Z').promotions).not.toContain('满200减20/满400减50');
    const bf = demo.shops[0].productIds.filter((id) => demo.truth('northwind', id, '2026-11-28T18:00:00Z').promotions.includes('Black Friday: 25% off'));
    expect(bf.length).toBeGreaterThan(8);
    const weekend = demo.shops[0].productIds.filter((id) => demo.truth('northwind', id, '2026-11-07T18:00:00Z').promotions.includes('Weekend Sale: 15% off'));
    expect(weekend.length).toBeGreaterThan(3);
  });

  it('lets the designated undercutters stay below our price every day', () => {
    const ours = (sku: string) => ourCatalogue.find((p) => p.sku === sku)?.priceMinor ?? 0;
    const undercutters = [
      ['northwind', 'aero-wireless-earbuds'],
      ['gadgetbarn', 'pulse-speaker'],
      ['gadgetbarn', 'gooseneck-kettle'],
      ['nimbus', 'NB1021'],
      ['megamart', 'B0RWPB5401'],
    ] as const;
    for (const [shopId, id] of undercutters) {
      for (let i = 0; i < 365; i += 3) {
        const t = demo.truth(shopId, id, dayIso('2026-01-01T18:00:00Z', i));
        expect(t.priceMinor, `${shopId}/${id} day ${i}`).toBeLessThan(ours(t.sku));
      }
    }
  });

  it('ends flash sales at local midnight and gives the end time', () => {
    const flash = demo.shops
      .find((s) => s.id === 'lexiang')
      ?.productIds.map((id) => demo.truth('lexiang', id, '2026-11-11T06:00:00Z'))
      .flatMap((t) => t.promotionDetails)
      .find((p) => p.text.startsWith('限时秒杀'));
    expect(flash).toEqual({ text: '限时秒杀 2026-11-11 23:59:59 结束', endsAt: '2026-11-11T16:00:00.000Z' });
  });

  it('switches a pre-order to in stock on its date (Nimbus NB1005, 20 Nov 2026 local)', () => {
    expect(demo.truth('nimbus', 'NB1005', '2026-11-20T07:00:00Z').availability).toBe('preorder');
    expect(demo.truth('nimbus', 'NB1005', '2026-11-20T09:00:00Z').availability).not.toBe('preorder');
  });
});
