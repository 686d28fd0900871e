// Every product page of every shop, at instants chosen to hit the campaigns, reads back exactly
// as truth() says: the demo's ground truth and its markup cannot drift apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops, type DemoShops } from '../../server/demo/index.ts';
import { nimbusApi, pickRead, readProductPage } from './readers.ts';

const SIM = 'X-RivalWatch-Sim-Time';

/** Instants that land on campaign days in every shop's local calendar. */
const INSTANTS = [
  '2026-06-18T08:00:00Z', // 618 flash sale (lexiang)
  '2026-07-15T18:00:00Z', // Mega Deal Days (megamart), Sommer-Sale (elektrohaus)
  '2026-10-27T12:00:00Z', // 双11 pre-sale (lexiang)
  '2026-11-11T06:00:00Z', // 双11 (lexiang, 14:00 local)
  '2026-11-12T18:00:00Z', // dump day (northwind)
  '2026-11-28T18:00:00Z', // Black Friday weekend / Black Week
  '2026-12-27T12:00:00Z', // Boxing Day sale (brightleaf)
];

let demo: DemoShops;
beforeAll(async () => {
  demo = await startDemoShops();
});
afterAll(async () => {
  await demo.close();
});

async function get(url: string, at: string): Promise<Response> {
  let res = await fetch(url, { headers: { [SIM]: at } });
  // MegaMart answers some first requests with 429 + Retry-After: 1; the retry within the same simulated hour is served.
  if (res.status === 429 && res.headers.get('retry-after') === '1') {
    await res.arrayBuffer();
    res = await fetch(url, { headers: { [SIM]: at } });
  }
  return res;
}

describe('truth() agrees with the pages', () => {
  const seenPromotions = new Set<string>();
  const seenAvailability = new Set<string>();
  let compared = 0;

  it.each(INSTANTS)('every readable product page at %s', async (at) => {
    for (const shop of demo.shops) {
      for (const id of shop.productIds) {
        const truth = demo.truth(shop.id, id, at);
        if (truth.gone || truth.blocking === 'captcha' || truth.blocking === 'always-429') continue;
        const url = demo.productUrl(shop.id, id);
        const res = shop.id === 'nimbus' ? await get(`${shop.origin}/api/products/${id}`, at) : await get(url, at);
        expect(res.status, `${url} at ${at}`).toBe(200);
        const read = shop.id === 'nimbus' ? nimbusApi(await res.json()) : readProductPage(shop, await res.text());
        expect(read, `${url} at ${at}`).toEqual(pickRead(truth));
        truth.promotions.forEach((p) => seenPromotions.add(p));
        seenAvailability.add(truth.availability);
        compared++;
      }
    }
  });

  it('covered the interesting cases', () => {
    expect(compared).toBeGreaterThan(900);
    for (const p of ['满200减20/满400减50', '满300减50', '预售 定金¥50抵¥100', '领券满199减20', '包邮', 'Black Friday: 25% off', 'Boxing Day Sale: 30% off', 'Black Week: -20%', 'Sommer-Sale: -15%', 'Mega Deal Days']) {
      expect(seenPromotions, p).toContain(p);
    }
    expect([...seenPromotions].some((p) => p.startsWith('限时秒杀 2026-11-11'))).toBe(true);
    expect([...seenPromotions].some((p) => /^Save \$\d+\.\d\d$/.test(p))).toBe(true);
    expect([...seenAvailability].sort()).toEqual(['in_stock', 'limited', 'out_of_stock', 'preorder']);
  });
});
