// The demo shops: seven made-up competitor shops served by one local HTTP server, used by
// `rivalwatch demo` and by the crawler, extraction, API, extension, alert and digest tests.
//
// URL layout (one host, one port; the shop is picked by the PATH PREFIX, never by the host):
//   /                                   index of shops and products (for people)
//   /robots.txt                         the host's robots.txt: the rules of every shop
//   /shop/<id>/                         a shop's product list;  /shop/<id>/robots.txt its rules alone
//   /shop/northwind/products/<handle>   JSON-LD (Shopify-like, USD)
//   /shop/brightleaf/product/<slug>/    microdata (WooCommerce-like, GBP); /shop/brightleaf/private/… is robots-disallowed
//   /shop/gadgetbarn/item/<n>.html      visible HTML only, needs the recipe (USD)
//   /shop/nimbus/product/<id>           client-side rendered shell; data at /shop/nimbus/api/products/<id> (USD)
//   /shop/lexiang/item.htm?id=<n>       Chinese shop, window.__INITIAL_STATE__ + visible (CNY)
//   /shop/elektrohaus/p/<slug>-<n>/     German shop, OpenGraph product meta tags + visible (EUR)
//   /shop/megamart/dp/<asin>            flaky marketplace: RDFa, 429s and captchas (USD)
// Since every shop lives on 127.0.0.1, a competitor is identified by its prefix: each
// DemoShopInfo carries `urlPrefix` and config-ready `domains` entries "127.0.0.1:<port>/shop/<id>/".
//
// Time: pages render for the simulated time: setTime() sets it for every request; a request may
// override it with the header `X-RivalWatch-Sim-Time: <ISO>` (CORS allows it). Everything on a page
// is a pure function of (shop, product, shop-local day), so truth() recomputes exactly what a page
// shows. The schedule is documented in each shop module and in dynamics.ts / state.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toDate } from './calendar.ts';
import { indexPage, plainNotFound, robotsTxt, shopHome, shopRobotsTxt, type ListedProduct } from './pages.ts';
import { computePage } from './state.ts';
import type { DemoProduct, RawResponse, ShopDefinition } from './shop.ts';
import { SHOPS } from './shops/index.ts';
import type { DemoProductState, DemoShopInfo, DemoShops, DemoShopsOptions } from './types.ts';

export type { DemoAvailability, DemoBlocking, DemoProductState, DemoPromotionShown, DemoShopInfo, DemoShops, DemoShopsOptions } from './types.ts';
export { ourCatalogue, DEMO_FX } from './catalogue.ts';

export const SIM_TIME_HEADER = 'X-RivalWatch-Sim-Time';

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': `${SIM_TIME_HEADER}, Content-Type`,
  'access-control-expose-headers': `${SIM_TIME_HEADER}, Retry-After`,
};

/** Seconds a client is asked to wait: short for a one-off 429, long for a product that never recovers. */
const RETRY_AFTER_FIRST = '1';
const RETRY_AFTER_ALWAYS = '60';
const HOUR_MS = 3_600_000;

function html(status: number, body: string, extra: Record<string, string> = {}): RawResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...extra }, body };
}

function findShop(id: string): ShopDefinition {
  const shop = SHOPS.find((s) => s.id === id);
  if (!shop) throw new Error(`no demo shop "${id}" (shops: ${SHOPS.map((s) => s.id).join(', ')})`);
  return shop;
}

function findProduct(shop: ShopDefinition, id: string): DemoProduct {
  const product = shop.products.find((p) => p.id === id);
  if (!product) throw new Error(`demo shop "${shop.id}" has no product "${id}"`);
  return product;
}

export async function startDemoShops(opts: DemoShopsOptions = {}): Promise<DemoShops> {
  const host = opts.host ?? '127.0.0.1';
  const rateLimit = opts.rateLimit ?? true;
  const startedAt = new Date();
  let fixed: Date | null = null;
  const clock = (): Date => new Date((fixed ?? (opts.now ? opts.now() : startedAt)).getTime());
  /** Product-hours (simulated) whose first request already got its 429. */
  const throttled = new Set<string>();
  let base = '';

  const shopUrl = (shop: ShopDefinition) => `${base}/shop/${shop.id}`;
  const productUrl = (shop: ShopDefinition, p: DemoProduct) => `${shopUrl(shop)}/${p.path}`;
  const listed = (shop: ShopDefinition, at: Date): ListedProduct[] =>
    shop.products.map((product) => ({ product, state: computePage(shop, product, at, rateLimit).state, url: productUrl(shop, product) }));

  function productPage(shop: ShopDefinition, product: DemoProduct, at: Date): RawResponse {
    const { state, day } = computePage(shop, product, at, rateLimit);
    if (state.gone) return html(state.httpStatus, shop.missingPage(state.httpStatus as 404 | 410, shopUrl(shop), product));
    if (state.blocking === 'captcha' && shop.captchaPage) return html(200, shop.captchaPage(shopUrl(shop)));
    if (state.blocking === 'always-429') return html(429, '<!doctype html><title>429 Too Many Requests</title><h1>Too Many Requests</h1>', { 'retry-after': RETRY_AFTER_ALWAYS });
    if (state.blocking === 'first-request-429') {
      const key = `${shop.id}|${product.id}|${Math.floor(at.getTime() / HOUR_MS)}`;
      if (!throttled.has(key)) {
        if (throttled.size > 100_000) throttled.clear();
        throttled.add(key);
        return html(429, '<!doctype html><title>429 Too Many Requests</title><h1>Too Many Requests</h1><p>Please slow down.</p>', { 'retry-after': RETRY_AFTER_FIRST });
      }
    }
    const index = shop.products.indexOf(product);
    const related = [];
    for (let i = 1; i < shop.products.length && related.length < 4; i++) {
      const other = shop.products[(index + i) % shop.products.length];
      const o = computePage(shop, other, at, rateLimit).state;
      if (!o.gone && !o.robotsDisallowed && o.blocking === 'none') related.push({ product: other, state: o, url: productUrl(shop, other) });
    }
    return html(200, shop.render({ product, state, day, at, url: productUrl(shop, product), shopUrl: shopUrl(shop), related }));
  }

  function route(url: URL, at: Date): RawResponse {
    const path = url.pathname;
    if (path === '/') return html(200, indexPage(at, SHOPS.map((shop) => ({ shop, shopUrl: shopUrl(shop), items: listed(shop, at) }))));
    if (path === '/robots.txt') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: robotsTxt(SHOPS) };
    const m = /^\/shop\/([a-z]+)(\/.*)?$/.exec(path);
    const shop = m ? SHOPS.find((s) => s.id === m[1]) : undefined;
    if (!m || !shop) return html(404, plainNotFound(path));
    if (!m[2]) return { status: 301, headers: { location: `${path}/${url.search}` }, body: '' };
    if (m[2] === '/') return html(200, shopHome(shop, shopUrl(shop), listed(shop, at)));
    const rest = `${m[2].slice(1)}${url.search}`;
    if (rest === 'robots.txt') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: shopRobotsTxt(shop) };
    const special = shop.route?.(rest, url, {
      at,
      shopUrl: shopUrl(shop),
      truth: (id) => computePage(shop, findProduct(shop, id), at, rateLimit).state,
    });
    if (special) return special;
    const productId = shop.resolve(rest, url);
    const product = productId === null ? undefined : shop.products.find((p) => p.id === productId);
    if (!product) return html(404, shop.missingPage(404, shopUrl(shop), null));
    return productPage(shop, product, at);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    let out: RawResponse;
    let at = clock();
    const header = req.headers[SIM_TIME_HEADER.toLowerCase()];
    const override = Array.isArray(header) ? header[0] : header;
    if (req.method === 'OPTIONS') {
      out = { status: 204, headers: {}, body: '' };
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      out = { status: 405, headers: { allow: 'GET, HEAD, OPTIONS', 'content-type': 'text/plain; charset=utf-8' }, body: 'The demo shops only answer GET and HEAD.\n' };
    } else {
      try {
        if (override) at = toDate(override);
        out = route(new URL(req.url ?? '/', 'http://demo.invalid'), at);
      } catch (err) {
        out = { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${(err as Error).message}\n` };
      }
    }
    const body = Buffer.from(out.body, 'utf8');
    res.writeHead(out.status, {
      ...CORS_HEADERS,
      'cache-control': 'no-store',
      'x-rivalwatch-sim-time': at.toISOString(),
      ...(out.status === 204 || out.status === 301 ? {} : { 'content-length': String(body.length) }),
      ...out.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`demo shops failed: ${(err as Error).stack ?? String(err)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const shops: DemoShopInfo[] = SHOPS.map((shop) => ({
    id: shop.id,
    name: shop.name,
    kind: shop.kind,
    currency: shop.currency,
    lang: shop.lang,
    utcOffsetMinutes: shop.utcOffsetMinutes,
    origin: shopUrl(shop),
    urlPrefix: `/shop/${shop.id}/`,
    domains: [`${host}:${port}/shop/${shop.id}/`],
    productUrls: shop.products.map((p) => productUrl(shop, p)),
    productIds: shop.products.map((p) => p.id),
    needsBrowser: shop.needsBrowser,
    needsRecipe: shop.needsRecipe,
    ...(shop.recipe ? { recipe: { ...shop.recipe } } : {}),
    robotsDisallow: shop.robotsDisallow.map((p) => `/shop/${shop.id}/${p}`),
    description: shop.description,
  }));

  return {
    url: base,
    shops,
    setTime(at) {
      fixed = toDate(at);
    },
    time: clock,
    truth(shopId, productId, at): DemoProductState {
      const shop = findShop(shopId);
      return computePage(shop, findProduct(shop, productId), toDate(at), rateLimit).state;
    },
    productUrl(shopId, productId) {
      const shop = findShop(shopId);
      return productUrl(shop, findProduct(shop, productId));
    },
    close() {
      throttled.clear();
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
