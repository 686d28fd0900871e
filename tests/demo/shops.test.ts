// The demo server's contract: deterministic pages, a simulated clock per request, the schedule
// the tests of other parts rely on (dumps, incidents, campaigns, gone dates, pre-orders), robots,
// 404/410, blocking, hostile titles, the CSR shell, and the visible price matching structured data.
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourCatalogue, startDemoShops, type DemoShops } from '../../server/demo/index.ts';
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

describe('shop metadata', () => {
  it('lists seven shops with unique prefixes, config-ready domains and reachable product URLs', async () => {
    expect(demo.shops.map((s) => s.id)).toEqual(['northwind', 'brightleaf', 'gadgetbarn', 'nimbus', 'lexiang', 'elektrohaus', 'megamart']);
    const port = new URL(demo.url).port;
    for (const s of demo.shops) {
      expect(s.urlPrefix).toBe(`/shop/${s.id}/`);
      expect(s.domains).toEqual([`127.0.0.1:${port}/shop/${s.id}/`]);
      expect(s.origin).toBe(`${demo.url}/shop/${s.id}`);
      expect(s.productUrls.length).toBeGreaterThanOrEqual(20);
      expect(s.productUrls.every((u) => u.startsWith(`${s.origin}/`))).toBe(true);
      expect(s.productIds.map((id) => demo.productUrl(s.id, id))).toEqual(s.productUrls);
    }
    expect(demo.shops.filter((s) => s.needsBrowser).map((s) => s.id)).toEqual(['nimbus']);
    expect(demo.shops.filter((s) => s.needsRecipe).map((s) => s.id)).toEqual(['gadgetbarn']);
  });

  it('matches every product to one of our ~24 SKUs, several shops per SKU', () => {
    expect(ourCatalogue.length).toBe(24);
    const skus = new Set(ourCatalogue.map((p) => p.sku));
    const shopsPerSku = new Map<string, Set<string>>();
    for (const s of demo.shops) {
      for (const id of s.productIds) {
        const { sku } = demo.truth(s.id, id, '2026-11-01T12:00:00Z');
        expect(skus.has(sku), `${s.id}/${id} → ${sku}`).toBe(true);
        shopsPerSku.set(sku, (shopsPerSku.get(sku) ?? new Set()).add(s.id));
      }
    }
    expect([...shopsPerSku.values()].filter((set) => set.size >= 5).length).toBeGreaterThan(15);
  });

  it('throws a clear error for unknown shops and products', () => {
    expect(() => demo.truth('nope', 'x', '2026-11-01T00:00:00Z')).toThrow(/no demo shop "nope"/);
    expect(() => demo.truth('northwind', 'x', '2026-11-01T00:00:00Z')).toThrow(/has no product "x"/);
    expect(() => demo.truth('northwind', 'robot-vacuum-s6', 'yesterday')).toThrow(/not a valid time/);
  });
});

describe('determinism and the simulated clock', () => {
  it('renders the same page for the same time, on this server and on a second one', async () => {
    const other = await startDemoShops();
    try {
      const at = '2026-11-11T10:00:00Z';
      for (const s of demo.shops) {
        const url = s.productUrls[3];
        const a = await page(url, at);
        const b = await page(url, at);
        const c = await page(url.replace(demo.url, other.url), at);
        expect(a.body).toBe(b.body);
        expect(c.body.replaceAll(other.url, demo.url)).toBe(a.body);
      }
    } finally {
      await other.close();
    }
  });

  it('uses setTime() by default and the request header when given', async () => {
    const url = shop('northwind').productUrls[4];
    demo.setTime('2026-11-12T18:00:00Z');
    const dumped = demo.truth('northwind', 'stride-smartwatch', '2026-11-12T18:00:00Z');
    const normal = demo.truth('northwind', 'stride-smartwatch', '2026-11-20T18:00:00Z');
    const byClock = await page(url);
    expect(byClock.res.headers.get('x-rivalwatch-sim-time')).toBe('2026-11-12T18:00:00.000Z');
    expect(byClock.body).toContain(`"price":"${(dumped.priceMinor / 100).toFixed(2)}"`);
    const byHeader = await page(url, '2026-11-20T18:00:00Z');
    expect(byHeader.res.headers.get('x-rivalwatch-sim-time')).toBe('2026-11-20T18:00:00.000Z');
    expect(byHeader.body).toContain(`"price":"${(normal.priceMinor / 100).toFixed(2)}"`);
    expect(demo.time().toISOString()).toBe('2026-11-12T18:00:00.000Z');
  });

  it('answers 400 with the reason for an unreadable sim-time header', async () => {
    const { res, body } = await page(shop('northwind').productUrls[0], 'next tuesday');
    expect(res.status).toBe(400);
    expect(body).toMatch(/"next tuesday" is not a valid time/);
  });

  it('takes its clock from opts.now until setTime() is called', async () => {
    const other = await startDemoShops({ now: () => new Date('2026-03-03T03:03:03Z') });
    try {
      expect(other.time().toISOString()).toBe('2026-03-03T03:03:03.000Z');
      const res = await fetch(`${other.url}/`);
      expect(res.headers.get('x-rivalwatch-sim-time')).toBe('2026-03-03T03:03:03.000Z');
      other.setTime('2026-04-04T00:00:00Z');
      expect(other.time().toISOString()).toBe('2026-04-04T00:00:00.000Z');
    } finally {
      await other.close();
    }
  });
});

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

describe('robots.txt, 404 and gone products', () => {
  it('disallows Brightleaf /private/ for the host, and that product is flagged', async () => {
    const { res, body } = await page(`${demo.url}/robots.txt`);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(body).toMatch(/^User-agent: \*$/m);
    expect(body).toMatch(/^Disallow: \/shop\/brightleaf\/private\/$/m);
    const b = shop('brightleaf');
    expect(b.robotsDisallow).toContain('/shop/brightleaf/private/');
    const privateUrls = b.productUrls.filter((u) => new URL(u).pathname.startsWith('/shop/brightleaf/private/'));
    expect(privateUrls).toEqual([demo.productUrl('brightleaf', 'members-charger-bundle')]);
    expect(demo.truth('brightleaf', 'members-charger-bundle', '2026-11-01T12:00:00Z').robotsDisallowed).toBe(true);
    for (const s of demo.shops) {
      const own = await page(`${s.origin}/robots.txt`);
      for (const p of s.robotsDisallow) {
        expect(body).toContain(`Disallow: ${p}\n`);
        expect(own.body).toContain(`Disallow: ${p}\n`);
      }
    }
  });

  it('answers 404 for unknown paths, shops and product ids', async () => {
    for (const url of [`${demo.url}/nope`, `${demo.url}/shop/nope/`, `${shop('northwind').origin}/products/nope`, `${shop('lexiang').origin}/item.htm?id=1`, `${shop('megamart').origin}/dp/B0NOPE0000`]) {
      const { res } = await page(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    const api = await fetch(`${shop('nimbus').origin}/api/products/NB9999`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not_found' });
  });

  it('takes products away on their local date: 410 at Northwind, 404 at Lexiang and Elektrohaus', async () => {
    const cases = [
      ['northwind', 'pulse-speaker-2025-edition', '2026-10-15T04:00:00Z', '2026-10-15T06:00:00Z', 410],
      ['lexiang', '680012345618', '2026-11-04T15:00:00Z', '2026-11-04T17:00:00Z', 404],
      ['elektrohaus', 'S0E1B900', '2026-11-09T22:00:00Z', '2026-11-09T23:30:00Z', 404],
    ] as const;
    for (const [shopId, id, lastDay, firstGone, status] of cases) {
      const url = demo.productUrl(shopId, id);
      expect((await page(url, lastDay)).res.status).toBe(200);
      expect(demo.truth(shopId, id, lastDay).gone).toBe(false);
      const gone = await page(url, firstGone);
      expect(gone.res.status, `${shopId}/${id}`).toBe(status);
      expect(demo.truth(shopId, id, firstGone)).toMatchObject({ gone: true, httpStatus: status });
      expect((await page(url, '2027-02-01T00:00:00Z')).res.status).toBe(status);
    }
  });
});

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

describe('the index page and headers', () => {
  it('lists every shop and product, UTF-8 throughout', async () => {
    const { res, body } = await page(`${demo.url}/`, '2026-11-11T06:00:00Z');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const s of demo.shops) {
      expect(body).toContain(`href="${s.origin}/"`);
      for (const u of s.productUrls) expect(body).toContain(`href="${u.replaceAll('&', '&amp;')}"`);
    }
    expect(body).toContain('乐享优品旗舰店');
    const item = await page(shop('lexiang').productUrls[0], '2026-11-11T06:00:00Z');
    expect(item.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(item.body).toMatch(/<p class="rec-price">￥\d+起<\/p>/);
    const home = await page(`${shop('lexiang').origin}/?from=index`);
    expect(home.res.status).toBe(200);
    expect(home.body).toContain('<html lang="zh-CN">');
  });

  it('redirects a shop path without its trailing slash', async () => {
    const res = await fetch(`${demo.url}/shop/northwind`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/shop/northwind/');
  });
});
