// Northwind: a Shopify (Dawn theme) store in USD. Data in JSON-LD (Product + Offer +
// AggregateRating), compare-at price struck through in <s>, a "Save $X" badge, a Judge.me-style
// star widget and a "You may also like" carousel that shows other products' prices.
// Schedule (shop-local, UTC−5): Black Friday → Cyber Monday 25 % off on ~70 % of products; the first
// full weekend of every month "Weekend Sale: 15% off" on ~40 % (picked per month).
import { blackFriday, dayParts, firstSaturday, within } from '../calendar.ts';
import { esc, jsonForScript } from '../html.ts';
import { decimalString, formatUsd, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, pathResolver, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice, schemaAvailability } from './common.ts';

const ID = 'northwind';

const specs: Omit<ProductSpec, 'path'>[] = [
  { id: 'aero-wireless-earbuds', sku: 'RW-EB-100', title: 'Aero Wireless Earbuds – Bluetooth 5.3, 30 h Battery', factor: 0.9, msrp: true },
  { id: 'studio-anc-headphones', sku: 'RW-HP-200', title: 'Studio ANC Over-Ear Headphones' },
  { id: 'pulse-bluetooth-speaker', sku: 'RW-SP-300', title: 'Pulse Portable Bluetooth Speaker, IPX7' },
  { id: 'cinema-soundbar-2-1', sku: 'RW-SB-400', title: 'Cinema 2.1 Soundbar with Wireless Subwoofer' },
  { id: 'stride-smartwatch', sku: 'RW-SW-110', title: 'Stride Smartwatch – GPS, AMOLED', msrp: false, special: { dump: true } },
  { id: 'stride-fitness-band', sku: 'RW-FB-120', title: 'Stride Fitness Band' },
  { id: 'sentry-2k-indoor-camera', sku: 'RW-CAM-210', title: 'Sentry 2K Indoor Security Camera' },
  { id: 'smart-plug-4-pack', sku: 'RW-PLG-220', title: 'Smart Plug (4-Pack), Works with Alexa' },
  { id: 'colour-smart-bulb-e27', sku: 'RW-BLB-230', title: 'Colour Smart Bulb E27 (2-Pack)' },
  { id: 'robot-vacuum-s6', sku: 'RW-VAC-240', title: 'Robot Vacuum S6 with LiDAR Mapping', special: { incident: true } },
  { id: 'gooseneck-electric-kettle', sku: 'RW-KET-310', title: 'Gooseneck Electric Kettle, 0.9 L' },
  { id: 'air-fryer-5-5-l', sku: 'RW-AF-320', title: 'Air Fryer 5.5 L, 8 Presets' },
  { id: 'personal-blender', sku: 'RW-BLN-330', title: 'Personal Blender with 2 Travel Cups' },
  { id: 'conical-burr-grinder', sku: 'RW-GRD-340', title: 'Conical Burr Coffee Grinder, 40 Settings' },
  { id: 'single-origin-beans-12-oz', sku: 'RW-CB-410', title: 'Single-Origin Coffee Beans – Ethiopia, 12 oz' },
  { id: 'espresso-blend-32-oz', sku: 'RW-CB-420', title: 'Espresso Blend Whole Beans, 32 oz' },
  { id: 'trailhead-led-lantern', sku: 'RW-LAN-510', title: 'Trailhead Rechargeable LED Lantern' },
  { id: 'insulated-bottle-32-oz', sku: 'RW-BTL-520', title: 'Insulated Stainless Bottle, 32 oz' },
  { id: 'daypack-22-l', sku: 'RW-PAK-530', title: 'Everyday Daypack 22 L' },
  { id: 'power-bank-20000', sku: 'RW-PB-540', title: 'Power Bank 20000 mAh, 22.5 W' },
  { id: 'usb-c-charger-65w', sku: 'RW-CHG-610', title: '65 W GaN USB-C Charger' },
  { id: 'silent-wireless-mouse', sku: 'RW-MS-630', title: 'Silent Wireless Mouse', special: { monthlyStockOut: [25, 27] } },
  { id: 'pulse-speaker-2025-edition', sku: 'RW-SP-300', title: 'Pulse Speaker 2025 Edition', special: { goneFrom: '2026-10-15', goneStatus: 410 } },
  {
    id: 'aero-buds-night-edition',
    sku: 'RW-EB-100',
    title: `Aero Buds "Night" <img src=x onerror=alert(1)> Limited <script>alert('rw')</script> Edition`,
    special: { hostile: true },
  },
];

const products = buildProducts(
  { shopId: ID, currency: 'USD', style: 'x.99', reviews0: [15, 900], reviewRate: [0.1, 2.5] },
  specs.map((s) => ({ ...s, path: `products/${s.id}` })),
);

function campaign(product: DemoProduct, day: number): { percent: number; text: string } | null {
  const { year, month } = dayParts(day);
  const bf = blackFriday(year);
  if (within(day, bf, bf + 3) && rand(ID, product.id, 'bf', year) < 0.7) return { percent: 25, text: 'Black Friday: 25% off' };
  const sat = firstSaturday(year, month);
  if (within(day, sat, sat + 1) && rand(ID, product.id, 'weekend', year, month) < 0.4) return { percent: 15, text: 'Weekend Sale: 15% off' };
  return null;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const sale = campaign(product, base.day);
  let price = sale ? percentOff(base.regularMinor, sale.percent) : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'x.99'));
  const compareAt = listPrice(product.msrpMinor, base.regularMinor, price);
  const promotions: ShownPromotion[] = [];
  if (sale) promotions.push({ text: sale.text, endsAt: null });
  if (compareAt !== null) promotions.push({ text: `Save ${formatUsd(compareAt - price)}`, endsAt: null });
  promotions.push({ text: 'Free shipping on orders over $35', endsAt: null });
  return { priceMinor: price, listPriceMinor: compareAt, promotions, availability: base.availability, stockLeft: base.stockLeft };
}

function inventoryText(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return 'Out of stock';
    case 'preorder':
      return 'Pre-order: ships in 3–4 weeks';
    case 'limited':
      return `Low stock: ${state.stockLeft} left`;
    default:
      return 'In stock';
  }
}

function render(page: PageContext): string {
  const { product, state, url, shopUrl } = page;
  const onSale = state.listPriceMinor !== null;
  const image = `${shopUrl}/cdn/shop/files/${product.id}.jpg`;
  const jsonLdProduct = {
    '@context': 'http://schema.org/',
    '@type': 'Product',
    name: state.title,
    url,
    image: [image],
    description: `${state.title}. Ships from our Portland warehouse.`,
    sku: product.sku,
    brand: { '@type': 'Brand', name: 'Northwind' },
    offers: [
      {
        '@type': 'Offer',
        sku: product.sku,
        availability: schemaAvailability(state.availability, 'http'),
        price: decimalString(state.priceMinor),
        priceCurrency: 'USD',
        url,
      },
    ],
    aggregateRating: { '@type': 'AggregateRating', ratingValue: state.rating.toFixed(1), reviewCount: String(state.reviewCount), bestRating: '5' },
  };
  const saleBlock = onSale
    ? `<div class="price__sale">
            <span class="visually-hidden visually-hidden--inline">Regular price</span>
            <span><s class="price-item price-item--regular">${formatUsd(state.listPriceMinor ?? 0)}</s></span>
            <span class="visually-hidden visually-hidden--inline">Sale price</span>
            <span class="price-item price-item--sale price-item--last">${formatUsd(state.priceMinor)}</span>
          </div>`
    : `<div class="price__regular">
            <span class="visually-hidden visually-hidden--inline">Regular price</span>
            <span class="price-item price-item--regular">${formatUsd(state.priceMinor)}</span>
          </div>`;
  const promo = (text: string) => state.promotions.includes(text);
  const campaignText = state.promotions.find((t) => /%\s*off$/.test(t));
  const saveText = state.promotions.find((t) => t.startsWith('Save '));
  const stars = Math.round(state.rating);
  const related = page.related
    .map(
      (r) => `<li class="grid__item"><div class="card-wrapper product-card-wrapper">
          <h3 class="card__heading h5"><a href="${esc(r.url)}" class="full-unstyled-link">${esc(r.state.title)}</a></h3>
          <div class="price${r.state.listPriceMinor !== null ? ' price--on-sale' : ''}"><span class="price-item price-item--regular">${r.state.listPriceMinor !== null ? `<s>${formatUsd(r.state.listPriceMinor)}</s> ` : ''}${formatUsd(r.state.priceMinor)}</span></div>
        </div></li>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html class="no-js" lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="theme-color" content="">
    <link rel="canonical" href="${esc(url)}">
    <title>${esc(state.title)} – Northwind</title>
    <meta name="description" content="${esc(state.title)}. Free shipping on orders over $35.">
    <meta property="og:site_name" content="Northwind">
    <meta property="og:url" content="${esc(url)}">
    <meta property="og:title" content="${esc(state.title)}">
    <meta property="og:type" content="product">
    <meta property="og:image" content="${esc(image)}">
    <meta name="twitter:card" content="summary_large_image">
    <link href="${esc(shopUrl)}/cdn/shop/t/12/assets/base.css" rel="stylesheet" type="text/css" media="all">
    <script type="application/ld+json">${jsonForScript({ '@context': 'http://schema.org', '@type': 'Organization', name: 'Northwind', url: shopUrl })}</script>
  </head>
  <body class="gradient template-product">
    <a class="skip-to-content-link button visually-hidden" href="#MainContent">Skip to content</a>
    <div class="announcement-bar" role="region" aria-label="Announcement">
      <p class="announcement-bar__message h5">Members get early access to every sale — <a href="${esc(shopUrl)}/account/login">sign in</a></p>
    </div>
    <header class="header header--middle-left page-width">
      <a href="${esc(shopUrl)}/" class="header__heading-link"><span class="h2">Northwind</span></a>
      <nav class="header__inline-menu"><ul class="list-menu list-menu--inline"><li><a href="${esc(shopUrl)}/collections/audio">Audio</a></li><li><a href="${esc(shopUrl)}/collections/home">Smart Home</a></li><li><a href="${esc(shopUrl)}/collections/kitchen">Kitchen</a></li></ul></nav>
      <a href="${esc(shopUrl)}/cart" class="header__icon header__icon--cart" id="cart-icon-bubble"><span class="visually-hidden">Cart</span><div class="cart-count-bubble"><span aria-hidden="true">0</span></div></a>
    </header>
    <main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1">
      <section id="shopify-section-template--main" class="shopify-section section">
        <product-info class="page-width" data-section="template--main" data-product-id="${esc(product.id)}">
          <div class="product product--large grid grid--2-col-tablet">
            <div class="grid__item product__media-wrapper"><img src="${esc(image)}" alt="${esc(state.title)}" width="1100" height="1100" loading="eager"></div>
            <div class="product__info-wrapper grid__item">
              <section id="ProductInfo-template--main" class="product__info-container">
                <p class="product__text inline-richtext caption-with-letter-spacing">Northwind</p>
                <div class="product__title"><h1>${esc(state.title)}</h1></div>
                ${campaignText ? `<div class="product__campaign"><span class="campaign-banner">${esc(campaignText)}</span></div>` : ''}
                <div class="no-js-hidden" id="price-template--main" role="status">
                  <div class="price price--large${onSale ? ' price--on-sale' : ''} price--show-badge${state.availability === 'out_of_stock' ? ' price--sold-out' : ''}">
                    <div class="price__container">
          ${saleBlock}
                    </div>
                    ${saveText ? `<span class="badge price__badge-sale color-accent-2">${esc(saveText)}</span>` : ''}
                    ${state.availability === 'out_of_stock' ? '<span class="badge price__badge-sold-out color-inverse">Sold out</span>' : ''}
                  </div>
                </div>
                <div class="product__tax caption rte"><a href="${esc(shopUrl)}/policies/shipping-policy">Shipping</a> calculated at checkout.</div>
                ${promo('Free shipping on orders over $35') ? '<p class="product__shipping-note">Free shipping on orders over $35</p>' : ''}
                <p class="product__inventory" id="Inventory-template--main">${esc(inventoryText(state))}</p>
                <div class="jdgm-widget jdgm-preview-badge" data-id="${esc(product.id)}" data-average-rating="${state.rating.toFixed(2)}" data-number-of-reviews="${state.reviewCount}">
                  <div class="jdgm-prev-badge" data-average-rating="${state.rating.toFixed(2)}" data-number-of-reviews="${state.reviewCount}">
                    <span class="jdgm-prev-badge__stars" data-score="${state.rating.toFixed(2)}" tabindex="0" aria-label="${state.rating.toFixed(2)} stars" role="button">${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}</span>
                    <span class="jdgm-prev-badge__text">${state.reviewCount} reviews</span>
                  </div>
                </div>
                <form method="post" action="${esc(shopUrl)}/cart/add" class="form" novalidate="novalidate" data-type="add-to-cart-form">
                  <input type="hidden" name="id" value="${esc(product.id)}">
                  <div class="product-form__buttons"><button type="submit" name="add" class="product-form__submit button button--full-width button--secondary"${state.availability === 'out_of_stock' ? ' disabled' : ''}><span>${state.availability === 'out_of_stock' ? 'Sold out' : state.availability === 'preorder' ? 'Pre-order' : 'Add to cart'}</span></button></div>
                </form>
                <p class="product__sku no-js-hidden" id="Sku-template--main" role="status"><span class="visually-hidden">SKU:</span>${esc(product.sku)}</p>
              </section>
            </div>
          </div>
        </product-info>
      </section>
      <section class="related-products page-width">
        <h2 class="related-products__heading inline-richtext h2">You may also like</h2>
        <ul class="grid product-grid grid--4-col-desktop grid--2-col-tablet-down" role="list">
        ${related}
        </ul>
      </section>
    </main>
    <footer class="footer"><p>© 2026, Northwind. Powered by Shopify</p></footer>
    <script type="application/ld+json">${jsonForScript(jsonLdProduct)}</script>
  </body>
</html>
`;
}

export const northwind: ShopDefinition = {
  id: ID,
  name: 'Northwind',
  kind: 'json-ld',
  currency: 'USD',
  lang: 'en-US',
  utcOffsetMinutes: -300,
  style: 'x.99',
  description:
    'A Shopify (Dawn theme) store: Product + Offer JSON-LD, compare-at price struck through, a "Save $X" badge, star widget, and a related-products carousel with other prices. Black Friday weekend and a monthly weekend sale; the Stride Smartwatch is dumped at −60 % on the 12th–13th of every month.',
  needsBrowser: false,
  needsRecipe: false,
  robotsDisallow: ['cart', 'checkout', 'account'],
  ratingScale: 5,
  products,
  formatPrice: formatUsd,
  offer,
  resolve: pathResolver(products),
  render,
  missingPage: (status, shopUrl) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status === 410 ? 'Product unavailable' : '404 Not Found'} – Northwind</title></head><body class="template-404"><main class="page-width"><h1>${status === 410 ? 'This product is no longer available' : 'Page not found'}</h1><p>The page you were looking for does not exist.</p><a href="${esc(shopUrl)}/collections/all" class="button">Continue shopping</a></main></body></html>`,
};
