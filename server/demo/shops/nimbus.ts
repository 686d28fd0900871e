// Nimbus: a client-side rendered store. The product page is an empty shell (no price, no title,
// no structured data); /shop/nimbus/static/app.js fetches /shop/nimbus/api/products/<id> and
// renders the product, then adds a JSON-LD block to <head> as SEO plugins of SPAs do. So only a
// browser sees the price. The shell embeds the simulated time it was rendered for and the script
// forwards it in X-RivalWatch-Sim-Time, so page and API agree under concurrent tests.
// Schedule (shop-local, UTC−8): Black Friday → Cyber Monday "Cyber Week: 20% off" (~60 %); on the
// 10th–16th of every month "Use code CLOUD10 for 10% off" (checkout code, ~50 %, per month).
import { readFileSync } from 'node:fs';
import { blackFriday, dayParts, within } from '../calendar.ts';
import { esc } from '../html.ts';
import { formatUsd, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type RawResponse, type RouteContext, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice } from './common.ts';

const ID = 'nimbus';
const APP_JS = readFileSync(new URL('./nimbus-app.js', import.meta.url), 'utf8');

const specs: Omit<ProductSpec, 'path'>[] = [
  { id: 'NB1001', sku: 'RW-EB-100', title: 'Aero Earbuds' },
  { id: 'NB1002', sku: 'RW-HP-200', title: 'Studio ANC Headphones' },
  { id: 'NB1003', sku: 'RW-SP-300', title: 'Pulse Speaker' },
  { id: 'NB1004', sku: 'RW-SB-400', title: 'Cinema Soundbar 2.1' },
  { id: 'NB1005', sku: 'RW-SW-110', title: 'Stride Smartwatch (2026 model)', special: { preorderUntil: '2026-11-20' } },
  { id: 'NB1006', sku: 'RW-FB-120', title: 'Stride Band' },
  { id: 'NB1007', sku: 'RW-CAM-210', title: 'Sentry Indoor Camera 2K' },
  { id: 'NB1008', sku: 'RW-PLG-220', title: 'Smart Plug, 4 pack' },
  { id: 'NB1009', sku: 'RW-BLB-230', title: 'Colour Bulb E27 ×2' },
  { id: 'NB1010', sku: 'RW-VAC-240', title: 'Robot Vacuum S6' },
  { id: 'NB1011', sku: 'RW-KET-310', title: 'Gooseneck Kettle' },
  { id: 'NB1012', sku: 'RW-AF-320', title: 'Air Fryer 5.5 L' },
  { id: 'NB1013', sku: 'RW-GRD-340', title: 'Burr Grinder' },
  { id: 'NB1014', sku: 'RW-CB-410', title: 'Single-Origin Beans 12 oz' },
  { id: 'NB1015', sku: 'RW-CB-420', title: 'Espresso Blend 32 oz' },
  { id: 'NB1016', sku: 'RW-TEA-430', title: 'Ceremonial Matcha' },
  { id: 'NB1017', sku: 'RW-BTL-520', title: 'Insulated Bottle 32 oz' },
  { id: 'NB1018', sku: 'RW-PAK-530', title: 'Daypack 22 L' },
  { id: 'NB1019', sku: 'RW-PB-540', title: 'Power Bank 20K' },
  { id: 'NB1020', sku: 'RW-CHG-610', title: 'USB-C Charger 65 W' },
  { id: 'NB1021', sku: 'RW-MS-630', title: 'Silent Mouse', factor: 0.9 },
  { id: 'NB1022', sku: 'RW-MS-630', title: '<img src=x onerror=alert(1)> Silent Mouse <script>alert(document.cookie)</script> Pro', special: { hostile: true } },
];

const products = buildProducts(
  { shopId: ID, currency: 'USD', style: 'x.99', reviews0: [5, 600], reviewRate: [0.05, 1.5] },
  specs.map((s) => ({ ...s, path: `product/${s.id}` })),
);

function offer(product: DemoProduct, base: BaseState): Offer {
  const { year, month, date } = dayParts(base.day);
  const bf = blackFriday(year);
  const cyber = within(base.day, bf, bf + 3) && rand(ID, product.id, 'bf', year) < 0.6;
  let price = cyber ? percentOff(base.regularMinor, 20) : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'x.99'));
  const promotions: ShownPromotion[] = [];
  if (cyber) promotions.push({ text: 'Cyber Week: 20% off', endsAt: null });
  if (date >= 10 && date <= 16 && rand(ID, product.id, 'code', year, month) < 0.5) {
    promotions.push({ text: 'Use code CLOUD10 for 10% off', endsAt: null, effect: { kind: 'percent', percent: 10 } });
  }
  return { priceMinor: price, listPriceMinor: listPrice(product.msrpMinor, base.regularMinor, price), promotions, availability: base.availability, stockLeft: base.stockLeft };
}

/** The shell: no product data at all, only where to fetch it and for which simulated time. */
function render(page: PageContext): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Nimbus</title>
  <link rel="icon" href="${esc(page.shopUrl)}/static/favicon.svg">
  <style>.skeleton{height:24rem;background:#eee;border-radius:8px}.pdp-price-compare{color:#888;margin-left:.5rem}.pdp-promo{color:#0a6}</style>
</head>
<body>
  <noscript>You need to enable JavaScript to run this app.</noscript>
  <div id="root" data-product-id="${esc(page.product.id)}" data-api="${esc(page.shopUrl)}/api/products/${esc(page.product.id)}" data-sim-time="${esc(page.at.toISOString())}"><div class="skeleton" aria-busy="true"></div></div>
  <script src="${esc(page.shopUrl)}/static/app.js" defer></script>
</body>
</html>
`;
}

function json(status: number, body: unknown): RawResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function route(rest: string, _url: URL, ctx: RouteContext): RawResponse | null {
  if (rest === 'static/app.js') return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: APP_JS };
  const m = /^api\/products\/([A-Za-z0-9]+)$/.exec(rest.split('?')[0]);
  if (!m) return null;
  const product = products.find((p) => p.id === m[1]);
  if (!product) return json(404, { error: 'not_found', message: `No product ${m[1]}` });
  const s = ctx.truth(product.id);
  if (s.gone) return json(s.httpStatus, { error: 'gone', message: 'This product is no longer sold.' });
  const money = (minor: number) => ({ amount: minor, currency: 'USD', formatted: formatUsd(minor) });
  return json(200, {
    id: product.id,
    sku: product.sku,
    name: s.title,
    url: `${ctx.shopUrl}/${product.path}`,
    image: `${ctx.shopUrl}/static/img/${product.id}.webp`,
    price: money(s.priceMinor),
    compareAt: s.listPriceMinor === null ? null : money(s.listPriceMinor),
    promotions: s.promotionDetails,
    availability: s.availability,
    stockLeft: s.stockLeft,
    rating: { average: s.rating, count: s.reviewCount, scale: s.ratingScale },
    renderedFor: ctx.at.toISOString(),
  });
}

export const nimbus: ShopDefinition = {
  id: ID,
  name: 'Nimbus',
  kind: 'csr',
  currency: 'USD',
  lang: 'en-US',
  utcOffsetMinutes: -480,
  style: 'x.99',
  description:
    'A client-side rendered store: the HTML is an empty shell, a script fetches /shop/nimbus/api/products/<id> and renders the product (and adds JSON-LD to the head). Without a browser there is no price. Cyber Week and a monthly checkout code; the 2026 Stride Smartwatch is on pre-order until 20 Nov 2026.',
  needsBrowser: true,
  needsRecipe: false,
  recipe: {
    title: 'h1.pdp-title',
    price: '.pdp-price-current',
    listPrice: '.pdp-price-compare',
    promotions: '.pdp-promo',
    availability: '.pdp-stock',
    rating: '.pdp-rating-value',
    reviewCount: '.pdp-review-count',
    sku: '.pdp-sku-value',
    outOfStockText: ['Sold out'],
  },
  robotsDisallow: ['cart', 'account'],
  ratingScale: 5,
  products,
  formatPrice: formatUsd,
  offer,
  resolve: (rest) => {
    const m = /^product\/([A-Za-z0-9]+)\/?(?:\?.*)?$/.exec(rest);
    return m && products.some((p) => p.id === m[1]) ? m[1] : null;
  },
  route,
  render,
  missingPage: (_status, shopUrl) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nimbus</title></head><body><div id="root"><h1>We can't find that page</h1><a href="${esc(shopUrl)}/">Back to the shop</a></div></body></html>`,
};
