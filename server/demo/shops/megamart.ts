// MegaMart: an Amazon-style marketplace in USD that defends itself. Product data is RDFa Lite
// (vocab schema.org, typeof Product / Offer / AggregateRating) inside Amazon-like markup: the
// price twice (".a-offscreen" plus split whole/fraction), "List Price" struck through, a savings
// badge, a unit price and a delivery date (no shipping offer, so it is not a promotion).
// Blocking, deterministic so tests can assert it:
//   - B0RWSB4001 and B0RWVC2401 always answer HTTP 200 with a "Verify you are human" captcha page;
//   - B0RWPB5401 always answers 429 with Retry-After: 60;
//   - every other product, on ~30 % of its local days (rand(shop, product, '429', day) < 0.3), answers
//     the FIRST request in each simulated hour with 429 + Retry-After: 1; the retry is served.
// Schedule (shop-local, UTC−5): Black Friday week (Fri before → Cyber Monday) "Black Friday Deal"
// 30 % off (~50 %); 15–16 Jul "Mega Deal Days" 20 % off (~60 %); on 4 % of other product-days a
// "Lightning Deal" 20 % off that ends at local midnight; "Clip coupon: Save 5%" (~30 %, per month).
import { blackFriday, dayOf, dayParts, endOfLocalDayIso, within } from '../calendar.ts';
import { esc, groupInt } from '../html.ts';
import { decimalString, formatUsd, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice, savingPercent, schemaAvailability } from './common.ts';

const ID = 'megamart';
const UTC_OFFSET = -300;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const specs: (Omit<ProductSpec, 'path'> & { oz?: number })[] = [
  { id: 'B0RWEB1001', sku: 'RW-EB-100', title: 'Aero Wireless Earbuds, Bluetooth 5.3 in-Ear Headphones with Charging Case, 30H Playtime, IPX5' },
  { id: 'B0RWHP2001', sku: 'RW-HP-200', title: 'Studio Active Noise Cancelling Headphones, Over Ear Wireless Bluetooth Headphones' },
  { id: 'B0RWSP3001', sku: 'RW-SP-300', title: 'Pulse Portable Bluetooth Speaker, IPX7 Waterproof, 24H Playtime' },
  { id: 'B0RWSB4001', sku: 'RW-SB-400', title: 'Cinema 2.1 Sound Bar for TV with Wireless Subwoofer', special: { blocking: 'captcha' } },
  { id: 'B0RWSW1101', sku: 'RW-SW-110', title: 'Stride Smart Watch with GPS, 1.4" AMOLED, Heart Rate & SpO2' },
  { id: 'B0RWFB1201', sku: 'RW-FB-120', title: 'Stride Fitness Tracker, Activity Tracker with Heart Rate Monitor' },
  { id: 'B0RWCM2101', sku: 'RW-CAM-210', title: 'Sentry 2K Indoor Security Camera, Pet Camera with Phone App' },
  { id: 'B0RWPL2201', sku: 'RW-PLG-220', title: 'Smart Plug, WiFi Outlet Works with Alexa and Google Home, 4 Pack' },
  { id: 'B0RWBL2301', sku: 'RW-BLB-230', title: 'Smart Light Bulbs E27 Color Changing, 2 Pack' },
  { id: 'B0RWVC2401', sku: 'RW-VAC-240', title: 'Robot Vacuum S6 with LiDAR Navigation, 4000Pa Suction', special: { blocking: 'captcha' } },
  { id: 'B0RWKT3101', sku: 'RW-KET-310', title: 'Gooseneck Electric Kettle with Temperature Control, 0.9L' },
  { id: 'B0RWAF3201', sku: 'RW-AF-320', title: 'Air Fryer 5.5 QT, 8-in-1 Digital Airfryer' },
  { id: 'B0RWBN3301', sku: 'RW-BLN-330', title: 'Personal Blender for Shakes and Smoothies with 2 Travel Cups' },
  { id: 'B0RWGR3401', sku: 'RW-GRD-340', title: 'Conical Burr Coffee Grinder, Electric, 40 Grind Settings' },
  { id: 'B0RWCB4101', sku: 'RW-CB-410', title: 'Ethiopia Yirgacheffe Whole Bean Coffee, Light Roast, 12 Ounce', oz: 12 },
  { id: 'B0RWCB4201', sku: 'RW-CB-420', title: 'Espresso Blend Whole Bean Coffee, Dark Roast, 2 Pound Bag', oz: 32 },
  { id: 'B0RWTE4301', sku: 'RW-TEA-430', title: 'Ceremonial Grade Matcha Green Tea Powder, 3.5 Ounce', oz: 3.5 },
  { id: 'B0RWLN5101', sku: 'RW-LAN-510', title: 'Trailhead LED Camping Lantern Rechargeable' },
  { id: 'B0RWBT5201', sku: 'RW-BTL-520', title: 'Insulated Water Bottle 32 oz Stainless Steel', oz: 32 },
  { id: 'B0RWPK5301', sku: 'RW-PAK-530', title: 'Daypack 22L Lightweight Hiking Backpack' },
  { id: 'B0RWPB5401', sku: 'RW-PB-540', title: 'Portable Charger 20000mAh Power Bank, 22.5W Fast Charging', factor: 0.85, special: { blocking: 'always-429' } },
  { id: 'B0RWCH6101', sku: 'RW-CHG-610', title: '65W USB C Charger, GaN Fast Wall Charger' },
  { id: 'B0RWCA6201', sku: 'RW-CBL-620', title: 'USB C to USB C Cable 6.6ft, 2-Pack, Braided' },
  { id: 'B0RWMS6301', sku: 'RW-MS-630', title: 'Silent Wireless Mouse, 2.4G Cordless Computer Mouse' },
];

const OUNCES = new Map(specs.filter((s) => s.oz).map((s) => [s.id, s.oz as number]));

const products = buildProducts(
  { shopId: ID, currency: 'USD', style: 'x.99', reviews0: [50, 20000], reviewRate: [1, 25], msrpShare: 0.6 },
  specs.map(({ oz: _oz, ...s }) => ({ ...s, path: `dp/${s.id}` })),
);

function deal(product: DemoProduct, day: number): { percent: number; text: string; endsAt: string | null } | null {
  const { year, month, date } = dayParts(day);
  const bf = blackFriday(year);
  if (within(day, bf - 7, bf + 3) && rand(ID, product.id, 'bf', year) < 0.5) return { percent: 30, text: 'Black Friday Deal', endsAt: null };
  if (within(day, dayOf(year, 7, 15), dayOf(year, 7, 16)) && rand(ID, product.id, 'mdd', year) < 0.6) return { percent: 20, text: 'Mega Deal Days', endsAt: null };
  if (rand(ID, product.id, 'lightning', day) < 0.04) {
    return { percent: 20, text: `Lightning Deal – ends ${MONTHS[month - 1]} ${date}, 11:59 PM ET`, endsAt: endOfLocalDayIso(day, UTC_OFFSET) };
  }
  return null;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const d = deal(product, base.day);
  let price = d ? percentOff(base.regularMinor, d.percent) : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'x.99'));
  const list = listPrice(product.msrpMinor, base.regularMinor, price);
  const promotions: ShownPromotion[] = [];
  if (d) promotions.push({ text: d.text, endsAt: d.endsAt });
  if (list !== null) promotions.push({ text: `-${savingPercent(list, price)}%`, endsAt: null });
  const { year, month } = dayParts(base.day);
  if (rand(ID, product.id, 'coupon', year, month) < 0.3) promotions.push({ text: 'Clip coupon: Save 5%', endsAt: null, effect: { kind: 'percent', percent: 5 } });
  return { priceMinor: price, listPriceMinor: list, promotions, availability: base.availability, stockLeft: base.stockLeft };
}

function aPrice(minor: number, cls: string): string {
  return `<span class="a-price ${cls}"><span class="a-offscreen">${formatUsd(minor)}</span><span aria-hidden="true"><span class="a-price-symbol">$</span><span class="a-price-whole">${groupInt(Math.floor(minor / 100), ',')}<span class="a-price-decimal">.</span></span><span class="a-price-fraction">${String(minor % 100).padStart(2, '0')}</span></span></span>`;
}

function availabilityHtml(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return '<span class="a-size-medium a-color-price">Currently unavailable.</span><br><span class="a-size-base">We don\'t know when or if this item will be back in stock.</span>';
    case 'limited':
      return `<span class="a-size-medium a-color-price">Only ${state.stockLeft} left in stock - order soon.</span>`;
    case 'preorder':
      return '<span class="a-size-medium a-color-success">Available for Pre-order.</span>';
    default:
      return '<span class="a-size-medium a-color-success">In Stock</span>';
  }
}

function render(page: PageContext): string {
  const { product, state, url, shopUrl } = page;
  const oz = OUNCES.get(product.id);
  const dealText = state.promotions.find((t) => !/^-\d+%$/.test(t) && !t.startsWith('Clip coupon'));
  const savings = state.promotions.find((t) => /^-\d+%$/.test(t));
  const coupon = state.promotions.find((t) => t.startsWith('Clip coupon'));
  const dealEnds = state.promotionDetails.find((p) => p.text === dealText)?.endsAt;
  const starClass = `a-star-${Math.floor(state.rating)}${state.rating % 1 >= 0.5 ? '-5' : ''}`;
  const delivery = new Date(page.at.getTime() + 3 * 86_400_000).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const related = page.related
    .map((r) => `<li class="a-carousel-card"><a class="a-link-normal" href="${esc(r.url)}"><div class="p13n-sc-truncate">${esc(r.state.title)}</div></a>${aPrice(r.state.priceMinor, 'p13n-sc-price')}</li>`)
    .join('\n          ');
  return `<!doctype html>
<html lang="en-us" class="a-no-js">
<head>
  <meta charset="utf-8">
  <title>MegaMart.com: ${esc(state.title)} : Electronics</title>
  <link rel="canonical" href="${esc(url)}">
  <meta name="description" content="${esc(state.title)}">
</head>
<body class="a-m-us a-aui_72554-c">
  <header id="navbar"><a id="nav-logo-sprites" href="${esc(shopUrl)}/">MegaMart</a>
    <div id="nav-global-location-slot">Deliver to <b>New York 10001</b></div>
    <a id="nav-cart" href="${esc(shopUrl)}/gp/cart/view.html"><span id="nav-cart-count">0</span> Cart</a></header>
  <div id="dp" class="electronics en_US" vocab="https://schema.org/" typeof="Product">
    <div id="imgTagWrapperId"><img id="landingImage" property="image" src="${esc(shopUrl)}/images/I/${esc(product.id)}._AC_SL1500_.jpg" alt="${esc(state.title)}"></div>
    <div id="centerCol">
      <h1 id="title" class="a-size-large a-spacing-none"><span id="productTitle" class="a-size-large product-title-word-break" property="name">        ${esc(state.title)}       </span></h1>
      <a id="bylineInfo" class="a-link-normal" href="${esc(shopUrl)}/stores/Northwind">Visit the Northwind Store</a>
      <div id="averageCustomerReviews" property="aggregateRating" typeof="AggregateRating">
        <span id="acrPopover" class="reviewCountTextLinkedHistogram" title="${state.rating.toFixed(1)} out of 5 stars"><span class="a-size-base a-color-base" property="ratingValue">${state.rating.toFixed(1)}</span> <i class="a-icon a-icon-star ${starClass}"><span class="a-icon-alt">${state.rating.toFixed(1)} out of 5 stars</span></i></span>
        <meta property="bestRating" content="5">
        <a id="acrCustomerReviewLink" class="a-link-normal" href="#customerReviews"><span id="acrCustomerReviewText" class="a-size-base" property="reviewCount" content="${state.reviewCount}">${groupInt(state.reviewCount, ',')} ratings</span></a>
      </div>
      <hr class="a-divider-normal">
      ${dealText ? `<div id="dealBadge_feature_div"><span class="mm-promo dealBadgeText a-text-bold"${dealEnds ? ` data-deal-end="${esc(dealEnds)}"` : ''}>${esc(dealText)}</span></div>` : ''}
      <div id="corePriceDisplay_desktop_feature_div" property="offers" typeof="Offer">
        <meta property="priceCurrency" content="USD">
        <meta property="price" content="${decimalString(state.priceMinor)}">
        <link property="availability" href="${schemaAvailability(state.availability, 'https')}">
        <link property="url" href="${esc(url)}">
        ${savings ? `<span class="mm-promo a-size-large a-color-price savingPriceOverride savingsPercentage">${esc(savings)}</span>` : ''}
        ${aPrice(state.priceMinor, 'aok-align-center reinventPricePriceToPayMargin priceToPay')}
        ${oz ? `<span class="a-size-mini pricePerUnit">(${formatUsd(Math.round(state.priceMinor / oz))} / Ounce)</span>` : ''}
        ${state.listPriceMinor !== null ? `<div class="a-section a-spacing-small basisPrice"><span class="a-size-small a-color-secondary">List Price: </span><span class="a-price a-text-price" data-a-size="s" data-a-strike="true"><span class="a-offscreen">${formatUsd(state.listPriceMinor)}</span><span aria-hidden="true">${formatUsd(state.listPriceMinor)}</span></span></div>` : ''}
      </div>
      ${coupon ? `<div id="promoPriceBlockMessage_feature_div"><span class="mm-promo couponText">${esc(coupon)}</span> <a href="#" class="a-link-normal">Terms</a></div>` : ''}
      <div id="mir-layout-DELIVERY_BLOCK">Delivery <span class="a-text-bold">${esc(delivery)}</span>. Details at checkout.</div>
      <div id="availability" class="a-section a-spacing-base">${availabilityHtml(state)}</div>
      <div id="merchant-info">Ships from and sold by MegaMart.com.</div>
      <table id="productDetails_techSpec_section_1" class="a-keyvalue prodDetTable">
        <tr><th class="a-color-secondary a-size-base prodDetSectionEntry">Item model number</th><td class="a-size-base prodDetAttrValue" property="sku">${esc(product.sku)}</td></tr>
        <tr><th class="a-color-secondary a-size-base prodDetSectionEntry">ASIN</th><td class="a-size-base prodDetAttrValue">${esc(product.id)}</td></tr>
      </table>
    </div>
    <div id="sims-consolidated-1_feature_div">
      <h2 class="a-carousel-heading">Customers who viewed this item also viewed</h2>
      <ol class="a-carousel">
          ${related}
      </ol>
    </div>
  </div>
  <footer id="navFooter">© 1996-2026, MegaMart.com, Inc. or its affiliates</footer>
</body>
</html>
`;
}

function captchaPage(shopUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>MegaMart.com – Verify you are human</title></head>
<body>
  <div class="a-container a-padding-double-large" style="min-width:350px;padding:44px 0 !important">
    <div class="a-row a-spacing-double-large"><a id="nav-logo" href="${esc(shopUrl)}/">MegaMart</a></div>
    <div class="a-box a-alert a-alert-info a-spacing-base"><div class="a-box-inner">
      <h4>Verify you are human</h4>
      <p class="a-last">Sorry, we just need to make sure you're not a robot. For best results, please make sure your browser is accepting cookies.</p>
    </div></div>
    <form method="get" action="${esc(shopUrl)}/errors/validateCaptcha" name="captcha-form">
      <input type="hidden" name="mm-r" value="7c0b2d9e">
      <img src="${esc(shopUrl)}/captcha/Captcha_qwerty.jpg" alt="captcha">
      <label for="captchacharacters">Type the characters you see in this image:</label>
      <input autocomplete="off" spellcheck="false" placeholder="Type characters" id="captchacharacters" name="field-keywords" type="text">
      <button type="submit" class="a-button-text">Continue shopping</button>
    </form>
  </div>
</body>
</html>
`;
}

export const megamart: ShopDefinition = {
  id: ID,
  name: 'MegaMart',
  kind: 'rdfa-flaky',
  currency: 'USD',
  lang: 'en-US',
  utcOffsetMinutes: UTC_OFFSET,
  style: 'x.99',
  description:
    'An Amazon-style marketplace with RDFa product data that defends itself: two products always get a "Verify you are human" captcha page (HTTP 200, no price), one always gets 429, and on ~30 % of product-days the first request gets 429 with Retry-After: 1. Black Friday week, Mega Deal Days in July, lightning deals with an end time and clip coupons.',
  needsBrowser: false,
  needsRecipe: false,
  robotsDisallow: ['gp/cart/', 'gp/aw/', 'errors/'],
  ratingScale: 5,
  products,
  formatPrice: formatUsd,
  offer,
  firstRequest429: (product, day) => rand(ID, product.id, '429', day) < 0.3,
  resolve: (rest) => {
    const m = /^(?:[^/]+\/)?dp\/(B0[A-Z0-9]{8})\/?(?:\?.*)?$/.exec(rest);
    return m && products.some((p) => p.id === m[1]) ? m[1] : null;
  },
  render,
  captchaPage,
  missingPage: (_status, shopUrl) =>
    `<!doctype html><html lang="en-us"><head><meta charset="utf-8"><title>Page Not Found</title></head><body><div id="g"><a href="${esc(shopUrl)}/"><img alt="Sorry! We couldn't find that page. Try searching or go to MegaMart's home page." src="${esc(shopUrl)}/images/error/title._TTD_.png"></a></div></body></html>`,
};
