// Test-side readers for the demo shops: each reads a product page the way its markup is meant to
// be read (JSON-LD, microdata, recipe, API JSON, state blob, OpenGraph, RDFa) into the fields of
// DemoProductState, so the tests can hold every page against truth(). Deliberately plain and
// shop-specific: this is the answer key, not an extractor.
import * as cheerio from 'cheerio';
import type { DemoAvailability, DemoProductState, DemoShopInfo } from '../../server/demo/index.ts';

export type ReadState = Pick<
  DemoProductState,
  'title' | 'sku' | 'priceMinor' | 'listPriceMinor' | 'currency' | 'promotions' | 'availability' | 'stockLeft' | 'rating' | 'reviewCount' | 'positiveRate'
>;

export const READ_FIELDS: (keyof ReadState)[] = ['title', 'sku', 'priceMinor', 'listPriceMinor', 'currency', 'promotions', 'availability', 'stockLeft', 'rating', 'reviewCount', 'positiveRate'];

/** "1,299.00" / "$ 12.50" / "£39.99" → minor units (dot decimal, comma thousands). */
export function enMinor(text: string): number {
  const m = /(\d[\d,]*)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no en-style price in "${text}"`);
  return Number(m[1].replace(/,/g, '')) * 100 + Number(m[2]);
}

/** "1.299,00 €" → minor units (comma decimal, dot thousands). */
export function deMinor(text: string): number {
  const m = /(\d[\d.]*),(\d{2})/.exec(text);
  if (!m) throw new Error(`no de-style price in "${text}"`);
  return Number(m[1].replace(/\./g, '')) * 100 + Number(m[2]);
}

const SCHEMA_AVAILABILITY: Record<string, DemoAvailability> = { InStock: 'in_stock', OutOfStock: 'out_of_stock', PreOrder: 'preorder', LimitedAvailability: 'limited' };

function schemaAvailability(url: string | undefined): DemoAvailability {
  const name = (url ?? '').split('/').pop() ?? '';
  const a = SCHEMA_AVAILABILITY[name];
  if (!a) throw new Error(`unknown schema.org availability "${url}"`);
  return a;
}

const texts = ($: cheerio.CheerioAPI, selector: string): string[] =>
  $(selector)
    .toArray()
    .map((el) => $(el).text().replace(/\s+/g, ' ').trim());

function leftIn(text: string, pattern: RegExp): number | null {
  const m = pattern.exec(text);
  return m ? Number(m[1]) : null;
}

function northwind(html: string): ReadState {
  const $ = cheerio.load(html);
  const ld = $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => JSON.parse($(el).text()) as Record<string, any>)
    .find((j) => j['@type'] === 'Product');
  if (!ld) throw new Error('no Product JSON-LD');
  const offer = ld.offers[0];
  const info = '.product__info-container';
  const list = $(`${info} s.price-item--regular`).text();
  return {
    title: ld.name,
    sku: ld.sku,
    priceMinor: enMinor(offer.price),
    listPriceMinor: list ? enMinor(list) : null,
    currency: offer.priceCurrency,
    promotions: texts($, `${info} .campaign-banner, ${info} .price__badge-sale, ${info} .product__shipping-note`),
    availability: schemaAvailability(offer.availability),
    stockLeft: leftIn($('.product__inventory').text(), /Low stock: (\d+) left/),
    rating: Number(ld.aggregateRating.ratingValue),
    reviewCount: Number(ld.aggregateRating.reviewCount),
    positiveRate: null,
  };
}

function brightleaf(html: string): ReadState {
  const $ = cheerio.load(html);
  const product = $('[itemscope][itemtype="https://schema.org/Product"]').first();
  const offer = product.find('[itemprop="offers"]');
  const del = offer.find('.price del .amount').text();
  return {
    title: product.find('[itemprop="name"]').first().text(),
    sku: product.find('[itemprop="sku"]').text(),
    priceMinor: enMinor(offer.find('meta[itemprop="price"]').attr('content') ?? ''),
    listPriceMinor: del ? enMinor(del) : null,
    currency: offer.find('meta[itemprop="priceCurrency"]').attr('content') ?? '',
    promotions: texts($, '.summary .bl-offer'),
    availability: schemaAvailability(offer.find('link[itemprop="availability"]').attr('href')),
    stockLeft: leftIn($('.summary .stock').text(), /Only (\d+) left/),
    rating: Number(product.find('[itemprop="ratingValue"]').text()),
    reviewCount: Number(product.find('[itemprop="reviewCount"]').text()),
    positiveRate: null,
  };
}

/** "$ 49<sup>99</sup>": whole dollars in the text nodes, cents in <sup>. */
export function supMinor($: cheerio.CheerioAPI, selector: string): number | null {
  const el = $(selector).first();
  if (el.length === 0) return null;
  const whole = el.contents().filter((_, n) => n.type === 'text').text().replace(/[^\d]/g, '');
  return Number(whole) * 100 + Number(el.find('sup').text());
}

function gadgetbarn(html: string, info: DemoShopInfo): ReadState {
  const $ = cheerio.load(html);
  const r = info.recipe;
  if (!r?.title || !r.price || !r.listPrice || !r.promotions || !r.availability || !r.rating || !r.reviewCount || !r.sku) throw new Error('gadgetbarn recipe incomplete');
  const stock = $(r.availability).text().trim();
  const availability: DemoAvailability = (r.outOfStockText ?? []).some((t) => stock.includes(t))
    ? 'out_of_stock'
    : /^Only \d+ left/.test(stock)
      ? 'limited'
      : /^Pre-order/.test(stock)
        ? 'preorder'
        : 'in_stock';
  const price = supMinor($, r.price);
  if (price === null) throw new Error('recipe price matched nothing');
  return {
    title: $(r.title).text(),
    sku: $(r.sku).text(),
    priceMinor: price,
    listPriceMinor: supMinor($, r.listPrice),
    currency: 'USD',
    promotions: texts($, r.promotions),
    availability,
    stockLeft: leftIn(stock, /^Only (\d+) left/),
    rating: Number($(r.rating).text()),
    reviewCount: Number($(r.reviewCount).text().replace(/[^\d]/g, '')),
    positiveRate: null,
  };
}

/** Nimbus is read from its API JSON (the page itself is an empty shell). */
export function nimbusApi(json: any): ReadState {
  return {
    title: json.name,
    sku: json.sku,
    priceMinor: json.price.amount,
    listPriceMinor: json.compareAt?.amount ?? null,
    currency: json.price.currency,
    promotions: json.promotions.map((p: { text: string }) => p.text),
    availability: json.availability,
    stockLeft: json.stockLeft,
    rating: json.rating.average,
    reviewCount: json.rating.count,
    positiveRate: null,
  };
}

/** "2.3万+" → 23000, "7472" → 7472. */
export function chineseCount(text: string): number {
  const m = /([\d.]+)(万)?/.exec(text);
  if (!m) throw new Error(`no count in "${text}"`);
  return Math.round(Number(m[1]) * (m[2] ? 10_000 : 1));
}

export function lexiangState(html: string): any {
  const m = /window\.__INITIAL_STATE__ = (\{.*?\});<\/script>/s.exec(html);
  if (!m) throw new Error('no __INITIAL_STATE__');
  return JSON.parse(m[1]);
}

function lexiang(html: string): ReadState {
  const $ = cheerio.load(html);
  const state = lexiangState(html);
  const extra = state.price.extraPrices[0];
  const stock = $('.J_SoldOut, .tb-stock').text();
  const availability: DemoAvailability = stock.includes('无货') ? 'out_of_stock' : stock.startsWith('仅剩') ? 'limited' : stock.startsWith('预售') ? 'preorder' : 'in_stock';
  return {
    title: $('.tb-detail-hd h1').text(),
    sku: $('.attr-model').text(),
    priceMinor: state.price.price.priceMoney,
    listPriceMinor: extra ? enMinor(extra.priceText) : null,
    currency: state.currency,
    promotions: texts($, '.J_PromoList .promo-item'),
    availability,
    stockLeft: leftIn(stock, /仅剩(\d+)件/),
    rating: Number($('.rate-score').text()),
    reviewCount: chineseCount($('.comment-count').text().replace('条评价', '')),
    positiveRate: Number($('.percent-con .percent').text().replace('%', '')) / 100,
  };
}

function elektrohaus(html: string): ReadState {
  const $ = cheerio.load(html);
  const meta = (p: string) => $(`meta[property="${p}"]`).attr('content') ?? '';
  const uvp = $('.pdp_price__uvp s').text();
  const rating = /([\d,]+) von 5 Sternen \(([\d.]+) Bewertungen\)/.exec($('.pdp_rating__text').text());
  if (!rating) throw new Error('no German rating text');
  const delivery = $('.pdp_delivery__status').text();
  const availability: DemoAvailability =
    delivery === 'Ausverkauft' ? 'out_of_stock' : delivery.startsWith('Nur noch') ? 'limited' : delivery === 'Vorbestellbar' ? 'preorder' : 'in_stock';
  return {
    title: $('h1.pdp_short-info__main-name').text(),
    sku: $('.pdp_model').text(),
    priceMinor: enMinor(meta('product:price:amount')),
    listPriceMinor: uvp ? deMinor(uvp) : null,
    currency: meta('product:price:currency'),
    promotions: texts($, '.pdp_price__discount-badge, .pdp_promotion'),
    availability,
    stockLeft: leftIn(delivery, /Nur noch (\d+) Stück/),
    rating: Number(rating[1].replace(',', '.')),
    reviewCount: Number(rating[2].replace(/\./g, '')),
    positiveRate: null,
  };
}

function megamart(html: string): ReadState {
  const $ = cheerio.load(html);
  const product = $('[vocab="https://schema.org/"][typeof="Product"]');
  const offer = product.find('[property="offers"][typeof="Offer"]');
  const rating = product.find('[property="aggregateRating"]');
  const list = offer.find('.basisPrice .a-offscreen').text();
  return {
    title: product.find('[property="name"]').text().trim(),
    sku: product.find('[property="sku"]').text(),
    priceMinor: enMinor(offer.find('meta[property="price"]').attr('content') ?? ''),
    listPriceMinor: list ? enMinor(list) : null,
    currency: offer.find('meta[property="priceCurrency"]').attr('content') ?? '',
    promotions: texts($, '.mm-promo'),
    availability: schemaAvailability(offer.find('link[property="availability"]').attr('href')),
    stockLeft: leftIn($('#availability').text(), /Only (\d+) left/),
    rating: Number(rating.find('[property="ratingValue"]').text()),
    reviewCount: Number(rating.find('[property="reviewCount"]').attr('content')),
    positiveRate: null,
  };
}

/** Reads a product page of a shop; Nimbus pages are read through nimbusApi instead. */
export function readProductPage(info: DemoShopInfo, html: string): ReadState {
  switch (info.id) {
    case 'northwind':
      return northwind(html);
    case 'brightleaf':
      return brightleaf(html);
    case 'gadgetbarn':
      return gadgetbarn(html, info);
    case 'lexiang':
      return lexiang(html);
    case 'elektrohaus':
      return elektrohaus(html);
    case 'megamart':
      return megamart(html);
    default:
      throw new Error(`no page reader for ${info.id}`);
  }
}

export function pickRead(state: DemoProductState): ReadState {
  return Object.fromEntries(READ_FIELDS.map((k) => [k, state[k]])) as ReadState;
}
