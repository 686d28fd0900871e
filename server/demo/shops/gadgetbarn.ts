// Gadget Barn: a custom storefront with no structured data and no product meta tags; only visible
// HTML with build-hashed class names, so it needs a recipe (see `recipe`). Prices are written
// "$ 49<sup>99</sup>", and the page is full of other money: the header cart "$0.00", shipping
// cost, unit prices ("$1.33/oz"), instalments ("or 4 payments of $12.50"), and a "Frequently
// bought together" strip that reuses the price classes outside the buy box.
// Schedule (shop-local, UTC−6): every Wednesday "Midweek Deal: $10 off" on ~half of the products
// of $50 and more; Black Friday → Cyber Monday "Black Friday Doorbuster: 20% off" (~60 %); in the
// second week of every month "Extra 5% off with code BARN5" (checkout code, ~40 %).
import { blackFriday, dayParts, within } from '../calendar.ts';
import { esc, groupInt } from '../html.ts';
import { formatUsd, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, pathResolver, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice } from './common.ts';

const ID = 'gadgetbarn';

const specs: (Omit<ProductSpec, 'path'> & { n: number })[] = [
  { n: 500112, id: 'aero-earbuds', sku: 'RW-EB-100', title: 'AERO True Wireless Earbuds w/ Charging Case' },
  { n: 500127, id: 'studio-anc', sku: 'RW-HP-200', title: 'STUDIO Active Noise Cancelling Headphones' },
  { n: 500131, id: 'pulse-speaker', sku: 'RW-SP-300', title: 'PULSE Waterproof Bluetooth Speaker', factor: 0.88 },
  { n: 500146, id: 'cinema-soundbar', sku: 'RW-SB-400', title: 'CINEMA 2.1 Channel Soundbar + Sub' },
  { n: 500150, id: 'stride-watch', sku: 'RW-SW-110', title: 'STRIDE GPS Smartwatch' },
  { n: 500165, id: 'stride-band', sku: 'RW-FB-120', title: 'STRIDE Fitness Tracker Band' },
  { n: 500179, id: 'sentry-cam', sku: 'RW-CAM-210', title: 'SENTRY 2K Wi-Fi Indoor Cam' },
  { n: 500183, id: 'smart-plug-4pk', sku: 'RW-PLG-220', title: 'Smart Plug Mini, 4 Pack' },
  { n: 500198, id: 'robot-vac-s6', sku: 'RW-VAC-240', title: 'S6 Robot Vacuum Cleaner, LiDAR' },
  { n: 500204, id: 'gooseneck-kettle', sku: 'RW-KET-310', title: 'Pour-Over Gooseneck Electric Kettle', factor: 0.92 },
  { n: 500219, id: 'air-fryer', sku: 'RW-AF-320', title: '5.5 Qt Digital Air Fryer' },
  { n: 500223, id: 'blender', sku: 'RW-BLN-330', title: 'Single-Serve Personal Blender' },
  { n: 500238, id: 'burr-grinder', sku: 'RW-GRD-340', title: 'Conical Burr Grinder for Coffee' },
  { n: 500242, id: 'beans-12oz', sku: 'RW-CB-410', title: 'Ethiopia Yirgacheffe Whole Bean Coffee, 12 oz', special: { unitOz: 12 } },
  { n: 500257, id: 'espresso-32oz', sku: 'RW-CB-420', title: 'Espresso Roast Whole Bean Coffee, 2 lb Bag', special: { unitOz: 32 } },
  { n: 500261, id: 'matcha-3-5oz', sku: 'RW-TEA-430', title: 'Ceremonial Matcha Green Tea Powder, 3.5 oz', special: { unitOz: 3.5 } },
  { n: 500276, id: 'lantern', sku: 'RW-LAN-510', title: 'TRAILHEAD Rechargeable Camping Lantern' },
  { n: 500280, id: 'bottle-32oz', sku: 'RW-BTL-520', title: 'Vacuum Insulated Water Bottle 32 oz', special: { unitOz: 32 } },
  { n: 500295, id: 'power-bank', sku: 'RW-PB-540', title: '20000mAh Portable Charger Power Bank' },
  { n: 500301, id: 'charger-65w', sku: 'RW-CHG-610', title: '65W USB-C GaN Wall Charger' },
  { n: 500316, id: 'usb-c-cable-2pk', sku: 'RW-CBL-620', title: 'USB-C to USB-C Cable 6.6 ft, 2-Pack' },
  { n: 500320, id: 'silent-mouse', sku: 'RW-MS-630', title: 'Silent Click Wireless Mouse' },
];

const products = buildProducts(
  { shopId: ID, currency: 'USD', style: 'x.99', reviews0: [10, 2500], reviewRate: [0.2, 4] },
  specs.map(({ n, ...s }) => ({ ...s, path: `item/${n}.html` })),
);

function campaign(product: DemoProduct, base: BaseState): { price: number; text: string } | null {
  const { year, weekday } = dayParts(base.day);
  const bf = blackFriday(year);
  if (within(base.day, bf, bf + 3) && rand(ID, product.id, 'bf', year) < 0.6) return { price: percentOff(base.regularMinor, 20), text: 'Black Friday Doorbuster: 20% off' };
  if (weekday === 3 && base.regularMinor >= 5000 && rand(ID, product.id, 'midweek', base.day) < 0.5) return { price: base.regularMinor - 1000, text: 'Midweek Deal: $10 off' };
  return null;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const sale = campaign(product, base);
  let price = sale ? sale.price : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'x.99'));
  const promotions: ShownPromotion[] = [];
  if (sale) promotions.push({ text: sale.text, endsAt: null });
  const { year, month, date } = dayParts(base.day);
  if (date >= 8 && date <= 14 && rand(ID, product.id, 'code', year, month) < 0.4) {
    promotions.push({ text: 'Extra 5% off with code BARN5', endsAt: null, effect: { kind: 'percent', percent: 5 } });
  }
  return { priceMinor: price, listPriceMinor: listPrice(product.msrpMinor, base.regularMinor, price), promotions, availability: base.availability, stockLeft: base.stockLeft };
}

/** "$ 49<sup>99</sup>": the shop's price typography. */
function supPrice(minor: number): string {
  return `<span class="bx-c">$</span> ${groupInt(Math.floor(minor / 100), ',')}<sup>${String(minor % 100).padStart(2, '0')}</sup>`;
}

function availabilityText(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return 'Temporarily out of stock';
    case 'limited':
      return `Only ${state.stockLeft} left – order soon`;
    case 'preorder':
      return 'Pre-order now';
    default:
      return 'In Stock';
  }
}

function render(page: PageContext): string {
  const { product, state, shopUrl } = page;
  const oz = product.special.unitOz;
  const unit = oz ? `<span class="u-pr">(${formatUsd(Math.round(state.priceMinor / oz))}/oz)</span>` : '';
  const shipping = state.priceMinor >= 4900 ? 'FREE Shipping' : '+ $5.99 shipping';
  const installment = formatUsd(Math.ceil(state.priceMinor / 4));
  const stars = Math.round(state.rating * 2) / 2;
  const related = page.related
    .slice(0, 3)
    .map(
      (r) => `<div class="fbt-k2"><a href="${esc(r.url)}" class="fbt-k2__t">${esc(r.state.title)}</a><div class="bx-prc-now">${supPrice(r.state.priceMinor)}</div></div>`,
    )
    .join('\n        ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Gadget Barn | ${esc(state.title)}</title>
  <link rel="stylesheet" href="${esc(shopUrl)}/_next/static/css/8f2a1c0d.css">
</head>
<body>
  <div id="__gb">
    <header class="hd-3m">
      <h1 class="hd-3m__logo"><a href="${esc(shopUrl)}/">Gadget Barn</a></h1>
      <form class="hd-3m__q" action="${esc(shopUrl)}/search"><input name="q" placeholder="Search 40,000+ gadgets"></form>
      <a class="hd-3m__cart" href="${esc(shopUrl)}/cart"><span class="ic-cart"></span> Cart <b class="hd-3m__tot">$0.00</b></a>
    </header>
    <nav class="bc-r1"><a href="${esc(shopUrl)}/">Home</a> › <a href="${esc(shopUrl)}/c/electronics">Electronics</a> › <span>${esc(state.title)}</span></nav>
    <div class="pdp-x7">
      <div class="gal-p0"><img src="${esc(shopUrl)}/img/${esc(product.id)}_1.webp" alt="product photo" width="640" height="640"></div>
      <div class="bx-91">
        <h2 class="hdl-q1">${esc(state.title)}</h2>
        <div class="rv-2z"><span class="rv-str" aria-hidden="true" data-s="${stars}"></span><span class="rv-scr">${state.rating.toFixed(1)}</span> out of 5 · <a href="#reviews" class="rv-n">${groupInt(state.reviewCount, ',')} ratings</a></div>
        <div class="bx-prc">
          <div class="bx-prc-now">${supPrice(state.priceMinor)}</div>
          ${state.listPriceMinor !== null ? `<div class="bx-prc-was">List: <s>${supPrice(state.listPriceMinor)}</s></div>` : ''}
          ${unit}
          <div class="bx-shp">${shipping}</div>
          <div class="bx-inst">or 4 interest-free payments of ${installment} with <b>Klarna</b></div>
        </div>
        ${state.promotions.length ? `<ul class="dl-w4">${state.promotions.map((t) => `<li class="dl-tag">${esc(t)}</li>`).join('')}</ul>` : ''}
        <div class="inv-9k">${esc(availabilityText(state))}</div>
        <button class="btn-a2c"${state.availability === 'out_of_stock' ? ' disabled' : ''}>Add to Cart</button>
        <ul class="spc-l">
          <li>Item # <span class="spc-item">GB${esc(product.path.replace(/\D/g, ''))}</span></li>
          <li>Model # <span class="spc-mdl">${esc(product.sku)}</span></li>
        </ul>
      </div>
    </div>
    <section class="fbt-w">
      <h3>Frequently bought together</h3>
      <div class="fbt-row">
        ${related}
      </div>
    </section>
    <footer class="ft-0">Prices and availability are subject to change. © 2026 Gadget Barn Inc.</footer>
  </div>
</body>
</html>
`;
}

export const gadgetbarn: ShopDefinition = {
  id: ID,
  name: 'Gadget Barn',
  kind: 'visible',
  currency: 'USD',
  lang: 'en-US',
  utcOffsetMinutes: -360,
  style: 'x.99',
  description:
    'A custom storefront with no structured data and no product meta tags, build-hashed class names and prices written "$ 49<sup>99</sup>"; the header cart total, shipping cost, unit prices, instalments and a "frequently bought together" strip are all money that is not the price. Needs the recipe. Undercuts our Pulse speaker and kettle.',
  needsBrowser: false,
  needsRecipe: true,
  recipe: {
    title: '.pdp-x7 .hdl-q1',
    price: '.pdp-x7 .bx-prc-now',
    listPrice: '.pdp-x7 .bx-prc-was s',
    promotions: '.pdp-x7 .dl-tag',
    availability: '.pdp-x7 .inv-9k',
    rating: '.pdp-x7 .rv-scr',
    reviewCount: '.pdp-x7 .rv-n',
    sku: '.pdp-x7 .spc-mdl',
    outOfStockText: ['Temporarily out of stock'],
  },
  robotsDisallow: ['cart', 'search'],
  ratingScale: 5,
  products,
  formatPrice: formatUsd,
  offer,
  resolve: pathResolver(products),
  render,
  missingPage: (_status, shopUrl) =>
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gadget Barn | Page Not Found</title></head><body><div id="__gb"><h2 class="hdl-q1">Sorry, we couldn't find that page.</h2><a href="${esc(shopUrl)}/">Back to Gadget Barn</a></div></body></html>`,
};
