// Elektrohaus: an Otto-style German shop in EUR (de-DE). No JSON-LD and no microdata: the price
// is in OpenGraph product meta tags (product:price:amount / product:price:currency) and on the
// page as "1.299,00 €", with "UVP 1.499,00 €" struck through, a "-15%" badge, the EU lowest-price-
// in-30-days note on discounts, base prices ("Grundpreis"), financing offers, "Ausverkauft" when
// out of stock and "4,5 von 5 Sternen (1.234 Bewertungen)".
// Schedule (shop-local, UTC+1): Black Week = the Monday before Black Friday → Cyber Monday
// "Black Week: -20%" (~60 %); 1–21 Jul "Sommer-Sale: -15%" (~50 %); on the 1st–7th of every month
// "10 € Rabatt ab 100 € mit Code HAUS10" (~half, per month); "Kostenloser Versand ab 29 €" always.
import { blackFriday, dayOf, dayParts, within } from '../calendar.ts';
import { esc, groupInt } from '../html.ts';
import { decimalString, formatEur, percentOff } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { baseState } from '../state.ts';
import { dumpPrice, listPrice, savingPercent } from './common.ts';

const ID = 'elektrohaus';

const specs: (Omit<ProductSpec, 'path'> & { slug: string; grams?: number })[] = [
  { id: 'S0E1A100', slug: 'aero-true-wireless-kopfhoerer', sku: 'RW-EB-100', title: 'Aero True-Wireless-Kopfhörer, Bluetooth 5.3, 30 h Akkulaufzeit' },
  { id: 'S0E1A200', slug: 'studio-anc-over-ear-kopfhoerer', sku: 'RW-HP-200', title: 'Studio Over-Ear-Kopfhörer mit aktiver Geräuschunterdrückung' },
  { id: 'S0E1A300', slug: 'pulse-bluetooth-lautsprecher', sku: 'RW-SP-300', title: 'Pulse Bluetooth-Lautsprecher, wasserdicht (IPX7)' },
  { id: 'S0E1A400', slug: 'cinema-soundbar-2-1', sku: 'RW-SB-400', title: 'Cinema 2.1 Soundbar mit kabellosem Subwoofer' },
  { id: 'S0E1A500', slug: 'stride-smartwatch', sku: 'RW-SW-110', title: 'Stride Smartwatch mit GPS und AMOLED-Display' },
  { id: 'S0E1A600', slug: 'stride-fitnessarmband', sku: 'RW-FB-120', title: 'Stride Fitnessarmband' },
  { id: 'S0E1A700', slug: 'sentry-2k-innenkamera', sku: 'RW-CAM-210', title: 'Sentry 2K Überwachungskamera für innen' },
  { id: 'S0E1A800', slug: 'smarte-steckdose-4er-set', sku: 'RW-PLG-220', title: 'Smarte Steckdose, 4er-Set' },
  { id: 'S0E1A900', slug: 'farbige-smart-lampe-e27-2er', sku: 'RW-BLB-230', title: 'Smarte LED-Lampe E27, farbig, 2 Stück' },
  { id: 'S0E1B100', slug: 'saugroboter-s6', sku: 'RW-VAC-240', title: 'Saugroboter S6 mit Laser-Navigation', special: { monthlyStockOut: [20, 24] } },
  { id: 'S0E1B200', slug: 'schwanenhals-wasserkocher', sku: 'RW-KET-310', title: 'Schwanenhals-Wasserkocher 0,9 l mit Temperaturwahl' },
  { id: 'S0E1B300', slug: 'heissluftfritteuse-5-5-l', sku: 'RW-AF-320', title: 'Heißluftfritteuse 5,5 l' },
  { id: 'S0E1B400', slug: 'standmixer-to-go', sku: 'RW-BLN-330', title: 'Standmixer To Go mit 2 Bechern' },
  { id: 'S0E1B500', slug: 'kegelmahlwerk-kaffeemuehle', sku: 'RW-GRD-340', title: 'Elektrische Kaffeemühle mit Kegelmahlwerk' },
  { id: 'S0E1B600', slug: 'kaffeebohnen-aethiopien-340-g', sku: 'RW-CB-410', title: 'Kaffeebohnen Äthiopien Yirgacheffe, 340 g', grams: 340 },
  { id: 'S0E1B700', slug: 'espresso-bohnen-1-kg', sku: 'RW-CB-420', title: 'Espresso-Bohnen, 907 g', grams: 907 },
  { id: 'S0E1B800', slug: 'matcha-pulver-100-g', sku: 'RW-TEA-430', title: 'Matcha-Pulver Zeremonienqualität, 100 g', grams: 100 },
  { id: 'S0E1B900', slug: 'trailhead-led-laterne', sku: 'RW-LAN-510', title: 'Trailhead LED-Campinglaterne, aufladbar', special: { goneFrom: '2026-11-10', goneStatus: 404 } },
  { id: 'S0E1C100', slug: 'isolierflasche-950-ml', sku: 'RW-BTL-520', title: 'Isolierflasche Edelstahl, 950 ml' },
  { id: 'S0E1C200', slug: 'powerbank-20000-mah', sku: 'RW-PB-540', title: 'Powerbank 20.000 mAh, 22,5 W' },
  { id: 'S0E1C300', slug: 'usb-c-ladegeraet-65-w', sku: 'RW-CHG-610', title: 'USB-C-Ladegerät 65 W GaN' },
  { id: 'S0E1C400', slug: 'usb-c-kabel-2-m-2er', sku: 'RW-CBL-620', title: 'USB-C-Kabel geflochten, 2 m, 2er-Pack' },
];

const GRAMS = new Map(specs.filter((s) => s.grams).map((s) => [s.id, s.grams as number]));

const products = buildProducts(
  { shopId: ID, currency: 'EUR', style: 'eur', reviews0: [5, 1500], reviewRate: [0.05, 2], msrpShare: 0.7 },
  specs.map(({ slug, grams: _grams, ...s }) => ({ ...s, path: `p/${slug}-${s.id}/` })),
);

function campaign(product: DemoProduct, day: number): { percent: number; text: string } | null {
  const { year } = dayParts(day);
  const bf = blackFriday(year);
  if (within(day, bf - 4, bf + 3) && rand(ID, product.id, 'bw', year) < 0.6) return { percent: 20, text: 'Black Week: -20%' };
  if (within(day, dayOf(year, 7, 1), dayOf(year, 7, 21)) && rand(ID, product.id, 'summer', year) < 0.5) return { percent: 15, text: 'Sommer-Sale: -15%' };
  return null;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const sale = campaign(product, base.day);
  let price = sale ? percentOff(base.regularMinor, sale.percent) : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'eur'));
  const list = listPrice(product.msrpMinor, base.regularMinor, price);
  const promotions: ShownPromotion[] = [];
  if (list !== null) promotions.push({ text: `-${savingPercent(list, price)}%`, endsAt: null });
  if (sale) promotions.push({ text: sale.text, endsAt: null });
  const { year, month, date } = dayParts(base.day);
  if (date <= 7 && rand(ID, product.id, 'coupon', year, month) < 0.5) {
    promotions.push({ text: '10 € Rabatt ab 100 € mit Code HAUS10', endsAt: null, effect: { kind: 'amount', amountMinor: 1000, minSpendMinor: 10000 } });
  }
  promotions.push({ text: 'Kostenloser Versand ab 29 €', endsAt: null });
  return { priceMinor: price, listPriceMinor: list, promotions, availability: base.availability, stockLeft: base.stockLeft };
}

/** The EU Omnibus note: the lowest price of the 30 days before today. */
function lowest30(product: DemoProduct, day: number): number {
  let low = Number.POSITIVE_INFINITY;
  for (let d = day - 30; d < day; d++) low = Math.min(low, offer(product, baseState(product, d)).priceMinor);
  return low;
}

function deliveryHtml(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return '<span class="pdp_delivery__status pdp_delivery__status--soldout">Ausverkauft</span>';
    case 'limited':
      return `<span class="pdp_delivery__status pdp_delivery__status--few">Nur noch ${state.stockLeft} Stück verfügbar</span>`;
    case 'preorder':
      return '<span class="pdp_delivery__status pdp_delivery__status--preorder">Vorbestellbar</span>';
    default:
      return '<span class="pdp_delivery__status pdp_delivery__status--available">lieferbar – in 2-3 Werktagen bei dir</span>';
  }
}

function ogAvailability(a: PageContext['state']['availability']): string {
  return a === 'out_of_stock' ? 'out of stock' : a === 'preorder' ? 'preorder' : 'in stock';
}

function render(page: PageContext): string {
  const { product, state, url, shopUrl } = page;
  const grams = GRAMS.get(product.id);
  const badge = state.promotions.find((t) => /^-\d+%$/.test(t));
  const listed = state.promotions.filter((t) => t !== badge);
  const stars = '★'.repeat(Math.floor(state.rating)) + (state.rating % 1 >= 0.5 ? '½' : '');
  const related = page.related
    .map((r) => `<li class="reco_tile"><a href="${esc(r.url)}" class="reco_tile__name">${esc(r.state.title)}</a><span class="reco_tile__price">ab ${esc(formatEur(r.state.priceMinor))}</span></li>`)
    .join('\n      ');
  return `<!DOCTYPE html>
<html lang="de-DE" data-pagecluster="Artikeldetailseite">
<head>
  <meta charset="utf-8">
  <title>${esc(state.title)} online kaufen | Elektrohaus</title>
  <meta name="description" content="${esc(state.title)} bei Elektrohaus bestellen. Kostenloser Versand ab 29 €.">
  <link rel="canonical" href="${esc(url)}">
  <meta property="og:site_name" content="Elektrohaus">
  <meta property="og:type" content="product">
  <meta property="og:title" content="${esc(state.title)}">
  <meta property="og:url" content="${esc(url)}">
  <meta property="og:image" content="${esc(shopUrl)}/i/${esc(product.id)}.jpg">
  <meta property="og:locale" content="de_DE">
  <meta property="product:brand" content="Elektrohaus Select">
  <meta property="product:retailer_item_id" content="${esc(product.sku)}">
  <meta property="product:price:amount" content="${decimalString(state.priceMinor)}">
  <meta property="product:price:currency" content="EUR">
  <meta property="product:availability" content="${ogAvailability(state.availability)}">
</head>
<body>
  <header class="nav_header"><a class="nav_logo" href="${esc(shopUrl)}/">Elektrohaus</a><a class="nav_basket" href="${esc(shopUrl)}/warenkorb/">Warenkorb <span class="nav_basket__count">0</span></a></header>
  <main class="pdp_main" id="pdp">
    <div class="pdp_short-info"><h1 class="pdp_short-info__main-name" data-qa="variationName">${esc(state.title)}</h1></div>
    <div class="pdp_rating"><span class="pdp_rating__stars" aria-hidden="true">${stars}</span> <a href="#bewertungen" class="pdp_rating__text">${state.rating.toFixed(1).replace('.', ',')} von 5 Sternen (${groupInt(state.reviewCount, '.')} Bewertungen)</a></div>
    <div class="pdp_price">
      ${state.listPriceMinor !== null ? `<div class="pdp_price__uvp"><s>UVP ${formatEur(state.listPriceMinor)}</s></div>` : ''}
      ${badge ? `<span class="pdp_price__discount-badge p_badge--red">${esc(badge)}</span>` : ''}
      <div class="pdp_price__retail-price"><span class="pdp_price__price" data-qa="price">${formatEur(state.priceMinor)}</span></div>
      ${state.listPriceMinor !== null ? `<div class="pdp_price__omnibus">Niedrigster Preis der letzten 30 Tage: ${formatEur(lowest30(product, page.day))}</div>` : ''}
      <div class="pdp_price__tax-info">inkl. MwSt., zzgl. <a href="${esc(shopUrl)}/versandkosten/">Versandkosten</a></div>
      ${grams ? `<div class="pdp_price__base-price">Grundpreis: ${formatEur(Math.round((state.priceMinor * 1000) / grams))}/kg</div>` : ''}
      ${state.priceMinor >= 20000 ? `<div class="pdp_price__financing">Finanzierung ab ${formatEur(Math.ceil(state.priceMinor / 12))} mtl.</div>` : ''}
    </div>
    <ul class="pdp_promotions">
      ${listed.map((t) => `<li class="pdp_promotion">${esc(t)}</li>`).join('\n      ')}
    </ul>
    <div class="pdp_delivery">${deliveryHtml(state)}</div>
    <button class="pdp_basket-button" ${state.availability === 'out_of_stock' ? 'disabled' : ''}>${state.availability === 'out_of_stock' ? 'Ausverkauft' : 'In den Warenkorb'}</button>
    <div class="pdp_article-number">Artikel-Nr.: <span class="pdp_article-number__value">${esc(product.id)}</span> · Modell: <span class="pdp_model">${esc(product.sku)}</span></div>
  </main>
  <section class="reco_cinema"><h2>Kunden kauften auch</h2><ul class="reco_list">
      ${related}
  </ul></section>
  <footer class="footer">© 2026 Elektrohaus GmbH · Alle Preise inkl. MwSt.</footer>
</body>
</html>
`;
}

export const elektrohaus: ShopDefinition = {
  id: ID,
  name: 'Elektrohaus',
  kind: 'opengraph',
  currency: 'EUR',
  lang: 'de-DE',
  utcOffsetMinutes: 60,
  style: 'eur',
  description:
    'An Otto-style German shop in EUR: OpenGraph product:price:amount / product:price:currency meta tags, "1.299,00 €", "UVP 1.499,00 €" struck through with a "-15%" badge, the 30-day lowest price note, Grundpreis and financing noise, "Ausverkauft", "4,5 von 5 Sternen (1.234 Bewertungen)". Black Week, Sommer-Sale and a monthly voucher code.',
  needsBrowser: false,
  needsRecipe: false,
  robotsDisallow: ['warenkorb/', 'kasse/', 'suche/'],
  ratingScale: 5,
  products,
  formatPrice: formatEur,
  offer,
  resolve: (rest) => {
    const m = /^p\/[a-z0-9-]+-(S0[A-Z0-9]+)\/?(?:\?.*)?$/.exec(rest);
    return m && products.some((p) => p.id === m[1]) ? m[1] : null;
  },
  render,
  missingPage: (_status, shopUrl) =>
    `<!DOCTYPE html><html lang="de-DE"><head><meta charset="utf-8"><title>Seite nicht gefunden | Elektrohaus</title></head><body><main><h1>Hoppla, diese Seite gibt es nicht (mehr).</h1><p>Der Artikel ist leider nicht mehr verfügbar.</p><a href="${esc(shopUrl)}/">Zur Startseite</a></main></body></html>`,
};
