// What the pages are made to test: MegaMart's captcha/429 rule, escaped hostile titles, the
// Nimbus shell without a price, and visible prices that agree with the structured data.
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops, type DemoShops } from '../../server/demo/index.ts';
import { deMinor, enMinor, lexiangState, supMinor } from './readers.ts';

const SIM = 'X-RivalWatch-Sim-Time';
let demo: DemoShops;

beforeAll(async () => {
  demo = await startDemoShops();
});
afterAll(async () => {
  await demo.close();
});

const shop = (id: string) => {
  const s = demo.shops.find((x) => x.id === id);
  if (!s) throw new Error(`no shop ${id}`);
  return s;
};
const page = async (url: string, at?: string) => {
  const res = await fetch(url, at ? { headers: { [SIM]: at } } : undefined);
  return { res, body: await res.text() };
};
const dayIso = (start: string, i: number) => new Date(Date.parse(start) + i * 86_400_000).toISOString();

describe('MegaMart blocking rule', () => {
  it('always shows a captcha (HTTP 200, no price) for B0RWSB4001 and B0RWVC2401', async () => {
    for (const id of ['B0RWSB4001', 'B0RWVC2401']) {
      for (const at of ['2026-09-01T12:00:00Z', '2026-11-11T12:00:00Z']) {
        const { res, body } = await page(demo.productUrl('megamart', id), at);
        expect(res.status).toBe(200);
        expect(body).toContain('Verify you are human');
        expect(cheerio.load(body)('form input[name="field-keywords"]').length).toBe(1);
        expect(body).not.toMatch(/\$\d/);
        expect(demo.truth('megamart', id, at).blocking).toBe('captcha');
      }
    }
  });

  it('always answers 429 with a long Retry-After for B0RWPB5401', async () => {
    for (let i = 0; i < 3; i++) {
      const { res } = await page(demo.productUrl('megamart', 'B0RWPB5401'), '2026-11-11T12:00:00Z');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('60');
    }
    expect(demo.truth('megamart', 'B0RWPB5401', '2026-11-11T12:00:00Z')).toMatchObject({ blocking: 'always-429', httpStatus: 429 });
  });

  it('throttles the first request per simulated hour on ~30 % of product-days, and serves the retry', async () => {
    const mm = shop('megamart');
    const day = (i: number) => dayIso('2026-08-01T15:00:00Z', i);
    const states = mm.productIds.flatMap((id) => Array.from({ length: 30 }, (_, i) => ({ id, at: day(i), t: demo.truth('megamart', id, day(i)) })));
    const open = states.filter((s) => s.t.blocking === 'none' || s.t.blocking === 'first-request-429');
    const throttled = open.filter((s) => s.t.blocking === 'first-request-429');
    expect(throttled.length / open.length).toBeGreaterThan(0.2);
    expect(throttled.length / open.length).toBeLessThan(0.4);

    const hit = throttled[0];
    const first = await page(demo.productUrl('megamart', hit.id), hit.at);
    expect(first.res.status).toBe(429);
    expect(first.res.headers.get('retry-after')).toBe('1');
    expect((await page(demo.productUrl('megamart', hit.id), hit.at)).res.status).toBe(200);
    const nextHour = new Date(Date.parse(hit.at) + 3_600_000).toISOString();
    expect((await page(demo.productUrl('megamart', hit.id), nextHour)).res.status).toBe(429);

    const clear = open.find((s) => s.t.blocking === 'none');
    expect(clear).toBeDefined();
    if (clear) expect((await page(demo.productUrl('megamart', clear.id), clear.at)).res.status).toBe(200);
  });

  it('never throttles first requests when started with rateLimit: false', async () => {
    const other = await startDemoShops({ rateLimit: false });
    try {
      const at = dayIso('2026-08-01T15:00:00Z', 0);
      for (const id of shop('megamart').productIds) {
        const t = other.truth('megamart', id, at);
        expect(t.blocking).not.toBe('first-request-429');
        const { res } = await page(other.productUrl('megamart', id), at);
        expect(res.status).toBe(t.blocking === 'always-429' ? 429 : 200);
      }
    } finally {
      await other.close();
    }
  });
});

describe('hostile titles', () => {
  it('escapes tag text in Northwind HTML and JSON-LD, so the text keeps the tags', async () => {
    const t = demo.truth('northwind', 'aero-buds-night-edition', '2026-11-01T12:00:00Z');
    expect(t.title).toContain('<img src=x onerror=alert(1)>');
    expect(t.title).toContain("<script>alert('rw')</script>");
    const { body } = await page(demo.productUrl('northwind', 'aero-buds-night-edition'), '2026-11-01T12:00:00Z');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain("<script>alert('rw')");
    const $ = cheerio.load(body);
    expect($('h1').text()).toBe(t.title);
    expect($('title').text()).toBe(`${t.title} – Northwind`);
    expect($('img[onerror]').length).toBe(0);
    const ld = $('script[type="application/ld+json"]')
      .toArray()
      .map((el) => JSON.parse($(el).text()))
      .find((j) => j['@type'] === 'Product');
    expect(ld.name).toBe(t.title);
  });

  it('sends the Nimbus hostile title as plain JSON data', async () => {
    const res = await fetch(`${shop('nimbus').origin}/api/products/NB1022`);
    const json = await res.json();
    expect(json.name).toBe(demo.truth('nimbus', 'NB1022', demo.time()).title);
    expect(json.name).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('Nimbus, the client-side rendered shop', () => {
  it('serves a shell without price, title or structured data, and the price in its API', async () => {
    const at = '2026-11-12T18:00:00Z';
    for (const id of shop('nimbus').productIds.slice(0, 6)) {
      const t = demo.truth('nimbus', id, at);
      const { res, body } = await page(demo.productUrl('nimbus', id), at);
      expect(res.status).toBe(200);
      expect(body).not.toMatch(/\$\s?\d/);
      expect(body).not.toContain(((t.priceMinor / 100).toFixed(2)));
      expect(body).not.toContain('ld+json');
      expect(body).not.toContain(t.title);
      expect(cheerio.load(body)('#root').attr('data-sim-time')).toBe('2026-11-12T18:00:00.000Z');
      const api = await fetch(`${shop('nimbus').origin}/api/products/${id}`, { headers: { [SIM]: at } });
      expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect((await api.json()).price.amount).toBe(t.priceMinor);
    }
  });

  it('allows the sim-time header in CORS preflights', async () => {
    const res = await fetch(`${shop('nimbus').origin}/api/products/NB1001`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://elsewhere.test', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-rivalwatch-sim-time' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-rivalwatch-sim-time');
  });
});

describe('visible prices agree with the structured price', () => {
  it('shows the same price in the markup people see', async () => {
    const at = '2026-11-11T06:00:00Z';
    for (const s of demo.shops.filter((x) => x.id !== 'nimbus')) {
      for (const id of s.productIds) {
        const t = demo.truth(s.id, id, at);
        if (t.httpStatus !== 200 || t.blocking === 'captcha' || t.blocking === 'first-request-429') continue;
        const { body } = await page(demo.productUrl(s.id, id), at);
        const $ = cheerio.load(body);
        const visible: Record<string, () => number> = {
          northwind: () => enMinor($('.product__info-container .price-item--last, .product__info-container .price__regular .price-item').first().text()),
          brightleaf: () => enMinor($('.summary p.price > ins .amount, .summary p.price > .amount').first().text()),
          gadgetbarn: () => supMinor($, '.pdp-x7 .bx-prc-now') ?? 0,
          lexiang: () => enMinor($('#J_PromoPrice .tm-price').text()),
          elektrohaus: () => deMinor($('.pdp_price__price').text()),
          megamart: () => enMinor($('.priceToPay .a-offscreen').text()),
        };
        expect(visible[s.id](), `${s.id}/${id}`).toBe(t.priceMinor);
        if (s.id === 'lexiang') expect(lexiangState(body).price.price.priceMoney).toBe(t.priceMinor);
      }
    }
  });
});
