// Brightleaf: a WooCommerce store in GBP with microdata only (itemprop name/price/priceCurrency/
// availability/sku, aggregateRating), the sale price as <del>/<ins>, a "Sale!" flash, stock text
// and a related-products grid inside the product container.
// One product lives under /private/, which robots.txt disallows (members-only page).
// Schedule (shop-local, UTC+0): Black Friday → Cyber Monday 20 % off (~60 %), Boxing Day sale
// 26 Dec – 1 Jan 30 % off (~50 %), the last full weekend of every month "Weekend Sale: 10% off"
// (~35 %, picked per month); "Buy 2, save 10%" on a fixed third of the range.
import { blackFriday, dayOf, dayParts, lastFullWeekendSaturday, within } from '../calendar.ts';
import { esc } from '../html.ts';
import { decimalString, formatGbp, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, pathResolver, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice, schemaAvailability } from './common.ts';

const ID = 'brightleaf';

const specs: Omit<ProductSpec, 'path'>[] = [
  { id: 'aero-wireless-earbuds', sku: 'RW-EB-100', title: 'Aero Wireless Earbuds' },
  { id: 'studio-anc-headphones', sku: 'RW-HP-200', title: 'Studio ANC Headphones – Midnight Blue' },
  { id: 'pulse-speaker', sku: 'RW-SP-300', title: 'Pulse Bluetooth Speaker' },
  { id: 'cinema-soundbar', sku: 'RW-SB-400', title: 'Cinema 2.1 Soundbar' },
  { id: 'stride-smartwatch', sku: 'RW-SW-110', title: 'Stride Smartwatch' },
  { id: 'stride-fitness-band', sku: 'RW-FB-120', title: 'Stride Fitness Band – Sage' },
  { id: 'sentry-camera', sku: 'RW-CAM-210', title: 'Sentry 2K Indoor Camera' },
  { id: 'smart-plug-4-pack', sku: 'RW-PLG-220', title: 'Smart Plug UK (4 Pack)' },
  { id: 'colour-bulb-e27-twin', sku: 'RW-BLB-230', title: 'Colour Smart Bulb E27 Twin Pack' },
  { id: 'robot-vacuum-s6', sku: 'RW-VAC-240', title: 'Robot Vacuum S6' },
  { id: 'gooseneck-kettle', sku: 'RW-KET-310', title: 'Gooseneck Kettle 0.9 L – Matte Black' },
  { id: 'air-fryer-5-5l', sku: 'RW-AF-320', title: 'Air Fryer 5.5 L' },
  { id: 'personal-blender', sku: 'RW-BLN-330', title: 'Personal Blender' },
  { id: 'burr-grinder', sku: 'RW-GRD-340', title: 'Conical Burr Grinder' },
  { id: 'ethiopia-beans-340g', sku: 'RW-CB-410', title: 'Ethiopia Single-Origin Beans 340 g' },
  { id: 'espresso-blend-1kg', sku: 'RW-CB-420', title: 'Espresso Blend Beans 907 g' },
  { id: 'ceremonial-matcha', sku: 'RW-TEA-430', title: 'Ceremonial Grade Matcha 100 g' },
  { id: 'trailhead-lantern', sku: 'RW-LAN-510', title: 'Trailhead LED Lantern' },
  { id: 'insulated-bottle-950ml', sku: 'RW-BTL-520', title: 'Insulated Bottle 950 ml' },
  { id: 'daypack-22l', sku: 'RW-PAK-530', title: 'Daypack 22 L – Olive' },
  { id: 'usb-c-cable-twin', sku: 'RW-CBL-620', title: 'Braided USB-C Cable 2 m (Twin Pack)' },
  { id: 'silent-mouse', sku: 'RW-MS-630', title: 'Silent Wireless Mouse' },
];

const products = buildProducts(
  { shopId: ID, currency: 'GBP', style: 'x.99', reviews0: [3, 120], reviewRate: [0.02, 0.3] },
  [
    ...specs.map((s) => ({ ...s, msrp: false, path: `product/${s.id}/` })),
    {
      id: 'members-charger-bundle',
      sku: 'RW-CHG-610',
      title: 'Members’ 65 W Charger Bundle',
      msrp: false,
      path: 'private/product/members-charger-bundle/',
      special: { robotsDisallowed: true },
    },
  ],
);

const PRODUCT_NUMBERS = new Map(products.map((p, i) => [p.id, 1180 + i * 7]));

function campaign(product: DemoProduct, day: number): { percent: number; text: string } | null {
  const { year, month } = dayParts(day);
  const bf = blackFriday(year);
  if (within(day, bf, bf + 3) && rand(ID, product.id, 'bf', year) < 0.6) return { percent: 20, text: 'Black Friday: 20% off' };
  const boxingYear = month === 1 ? year - 1 : year;
  if (within(day, dayOf(boxingYear, 12, 26), dayOf(boxingYear + 1, 1, 1)) && rand(ID, product.id, 'boxing', boxingYear) < 0.5) {
    return { percent: 30, text: 'Boxing Day Sale: 30% off' };
  }
  const sat = lastFullWeekendSaturday(year, month);
  if (within(day, sat, sat + 1) && rand(ID, product.id, 'weekend', year, month) < 0.35) return { percent: 10, text: 'Weekend Sale: 10% off' };
  return null;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const sale = campaign(product, base.day);
  let price = sale ? percentOff(base.regularMinor, sale.percent) : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'x.99'));
  const promotions: ShownPromotion[] = [];
  if (sale) promotions.push({ text: sale.text, endsAt: null });
  if (rand(ID, product.id, 'bundle') < 0.33) promotions.push({ text: 'Buy 2, save 10%', endsAt: null });
  promotions.push({ text: 'Free UK delivery on orders over £40', endsAt: null });
  return { priceMinor: price, listPriceMinor: listPrice(product.msrpMinor, base.regularMinor, price), promotions, availability: base.availability, stockLeft: base.stockLeft };
}

function amount(minor: number): string {
  return `<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&pound;</span>${decimalString(minor)}</bdi></span>`;
}

function priceHtml(priceMinor: number, listMinor: number | null): string {
  if (listMinor === null) return amount(priceMinor);
  return `<del aria-hidden="true">${amount(listMinor)}</del> <span class="screen-reader-text">Original price was: ${formatGbp(listMinor)}.</span><ins aria-hidden="true">${amount(priceMinor)}</ins><span class="screen-reader-text">Current price is: ${formatGbp(priceMinor)}.</span>`;
}

function stockHtml(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return '<p class="stock out-of-stock">Out of stock</p>';
    case 'limited':
      return `<p class="stock in-stock">Only ${state.stockLeft} left in stock</p>`;
    case 'preorder':
      return '<p class="stock available-on-backorder">Available on backorder</p>';
    default:
      return '<p class="stock in-stock">In stock</p>';
  }
}

function render(page: PageContext): string {
  const { product, state, url, shopUrl } = page;
  const num = PRODUCT_NUMBERS.get(product.id) ?? 0;
  const onSale = state.listPriceMinor !== null;
  const cls = ['product', 'type-product', `post-${num}`, 'status-publish', state.availability === 'out_of_stock' ? 'outofstock' : 'instock', onSale ? 'sale' : '', 'shipping-taxable', 'purchasable', 'product-type-simple']
    .filter(Boolean)
    .join(' ');
  const related = page.related
    .map(
      (r) => `<li class="product type-product"><a href="${esc(r.url)}" class="woocommerce-LoopProduct-link woocommerce-loop-product__link"><h2 class="woocommerce-loop-product__title">${esc(r.state.title)}</h2><span class="price">${priceHtml(r.state.priceMinor, r.state.listPriceMinor)}</span></a></li>`,
    )
    .join('\n          ');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(state.title)} &#8211; Brightleaf Goods</title>
<meta name="robots" content="max-image-preview:large">
<link rel="canonical" href="${esc(url)}">
<link rel="stylesheet" id="woocommerce-general-css" href="${esc(shopUrl)}/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=8.9.1" media="all">
<meta name="generator" content="WooCommerce 8.9.1">
</head>
<body class="product-template-default single single-product postid-${num} theme-storefront woocommerce woocommerce-page">
<div id="page" class="hfeed site">
  <header id="masthead" class="site-header" role="banner">
    <div class="site-branding"><p class="site-title"><a href="${esc(shopUrl)}/" rel="home">Brightleaf Goods</a></p></div>
    <ul id="site-header-cart" class="site-header-cart menu"><li><a class="cart-contents" href="${esc(shopUrl)}/basket/" title="View your shopping basket">${amount(0)} <span class="count">0 items</span></a></li></ul>
  </header>
  <div id="content" class="site-content"><div class="col-full">
    <nav class="woocommerce-breadcrumb"><a href="${esc(shopUrl)}/">Home</a>&nbsp;/&nbsp;<a href="${esc(shopUrl)}/shop/">Shop</a>&nbsp;/&nbsp;${esc(state.title)}</nav>
    <div class="woocommerce-notices-wrapper"></div>
    <div id="product-${num}" class="${cls}" itemscope itemtype="https://schema.org/Product">
      <meta itemprop="url" content="${esc(url)}">
      ${onSale ? '<span class="onsale">Sale!</span>' : ''}
      <div class="woocommerce-product-gallery images"><figure class="woocommerce-product-gallery__wrapper"><img itemprop="image" src="${esc(shopUrl)}/wp-content/uploads/2026/03/${esc(product.id)}-600x600.jpg" alt="" width="600" height="600"></figure></div>
      <div class="summary entry-summary">
        <h1 class="product_title entry-title" itemprop="name">${esc(state.title)}</h1>
        <div class="woocommerce-product-rating" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
          <div class="star-rating" role="img" aria-label="Rated ${state.rating.toFixed(2)} out of 5"><span style="width:${Math.round((state.rating / 5) * 100)}%">Rated <strong class="rating" itemprop="ratingValue">${state.rating.toFixed(2)}</strong> out of <span itemprop="bestRating">5</span> based on <span class="rating" itemprop="ratingCount">${state.reviewCount}</span> customer ratings</span></div>
          <a href="#reviews" class="woocommerce-review-link" rel="nofollow">(<span itemprop="reviewCount" class="count">${state.reviewCount}</span> customer reviews)</a>
        </div>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <p class="price">${priceHtml(state.priceMinor, state.listPriceMinor)}</p>
          <meta itemprop="price" content="${decimalString(state.priceMinor)}">
          <meta itemprop="priceCurrency" content="GBP">
          <link itemprop="availability" href="${schemaAvailability(state.availability, 'https')}">
          <meta itemprop="priceValidUntil" content="${dayParts(page.day).year}-12-31">
        </div>
        <div class="woocommerce-product-details__short-description"><p>Designed in Bristol, tested for two years of daily use.</p></div>
        <ul class="bl-offers">
          ${state.promotions.map((t) => `<li class="bl-offer">${esc(t)}</li>`).join('\n          ')}
        </ul>
        ${stockHtml(state)}
        <form class="cart" action="${esc(url)}" method="post" enctype="multipart/form-data">
          <div class="quantity"><label class="screen-reader-text" for="quantity_${num}">Quantity</label><input type="number" id="quantity_${num}" class="input-text qty text" name="quantity" value="1" min="1" step="1"></div>
          <button type="submit" name="add-to-cart" value="${num}" class="single_add_to_cart_button button alt"${state.availability === 'out_of_stock' ? ' disabled' : ''}>Add to basket</button>
        </form>
        <div class="product_meta">
          <span class="sku_wrapper">SKU: <span class="sku" itemprop="sku">${esc(product.sku)}</span></span>
          <span class="posted_in">Category: <a href="${esc(shopUrl)}/product-category/gadgets/" rel="tag">Gadgets</a></span>
        </div>
      </div>
      <section class="related products">
        <h2>Related products</h2>
        <ul class="products columns-4">
          ${related}
        </ul>
      </section>
    </div>
  </div></div>
  <footer id="colophon" class="site-footer"><div class="site-info">&copy; Brightleaf Goods Ltd 2026 · Built with WooCommerce</div></footer>
</div>
</body>
</html>
`;
}

export const brightleaf: ShopDefinition = {
  id: ID,
  name: 'Brightleaf Goods',
  kind: 'microdata',
  currency: 'GBP',
  lang: 'en-GB',
  utcOffsetMinutes: 0,
  style: 'x.99',
  description:
    'A WooCommerce store in GBP with microdata only: itemprop price / priceCurrency / availability, aggregateRating, and the sale price as <del>/<ins>. Black Friday, Boxing Day and a last-weekend-of-the-month sale. One members-only product sits under /private/, which robots.txt disallows.',
  needsBrowser: false,
  needsRecipe: false,
  robotsDisallow: ['private/', 'basket/', 'checkout/', 'my-account/'],
  ratingScale: 5,
  products,
  formatPrice: formatGbp,
  offer,
  resolve: pathResolver(products),
  render,
  missingPage: (status, shopUrl) =>
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8"><title>Page not found &#8211; Brightleaf Goods</title></head><body class="error404 woocommerce-no-js"><main id="main" class="site-main"><div class="error-404 not-found"><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1><p>Nothing was found at this location${status === 410 ? ' any more' : ''}. Try one of the links below or a search?</p><a href="${esc(shopUrl)}/">Home</a></div></main></body></html>`,
};
