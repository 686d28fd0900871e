// The demo server's contract: shop metadata, deterministic pages, the simulated clock per
// request, robots.txt, 404/410 for unknown and gone products, the index page and HTTP basics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourCatalogue, startDemoShops, type DemoShops } from '../../server/demo/index.ts';

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

  it('answers HEAD like GET without a body, and refuses other methods', async () => {
    const url = shop('northwind').productUrls[0];
    const head = await fetch(url, { method: 'HEAD', headers: { [SIM]: '2026-11-11T06:00:00Z' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength((await page(url, '2026-11-11T06:00:00Z')).body));
    expect(await head.text()).toBe('');
    const post = await fetch(url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('redirects a shop path without its trailing slash', async () => {
    const res = await fetch(`${demo.url}/shop/northwind`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/shop/northwind/');
  });
});
