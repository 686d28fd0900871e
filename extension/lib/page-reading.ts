// A tiny reading of the page the operator is on: title, price and canonical URL from structured
// data and meta tags only. The crawler does the real extraction; this shows "what the page says now".
import type { Money } from './api-types.ts';

export interface PageReading {
  title: string | null;
  price: Money | null;
  canonical: string | null;
  /** True when the page declares itself a product (JSON-LD Product, og:type product, price meta). */
  looksLikeProduct: boolean;
}

function digitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "1299.00" + "CNY" → 129900 minor units, exactly (no float multiplication). */
export function toMoney(amount: unknown, currency: unknown): Money | null {
  if ((typeof amount !== 'string' && typeof amount !== 'number') || typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null;
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(String(amount));
  if (!m) return null;
  const digits = digitsOf(currency);
  const fraction = (m[2] ?? '').padEnd(digits, '0').slice(0, digits);
  return { amountMinor: Number(m[1]) * 10 ** digits + Number(fraction || '0'), currency };
}

type Json = Record<string, unknown>;

function products(node: unknown, out: Json[]): void {
  if (Array.isArray(node)) {
    for (const n of node) products(n, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Json;
  const type = obj['@type'];
  if (type === 'Product' || (Array.isArray(type) && type.includes('Product'))) out.push(obj);
  if (obj['@graph']) products(obj['@graph'], out);
}

function offerPrice(offers: unknown): Money | null {
  const list = Array.isArray(offers) ? offers : [offers];
  for (const o of list) {
    if (typeof o !== 'object' || o === null) continue;
    const offer = o as Json;
    const price = toMoney(offer.price ?? offer.lowPrice, offer.priceCurrency);
    if (price) return price;
  }
  return null;
}

function meta(doc: Document, names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content');
    if (content) return content.trim();
  }
  return null;
}

export function readPage(doc: Document): PageReading {
  const found: Json[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      products(JSON.parse(script.textContent ?? ''), found);
    } catch {
      // Broken JSON-LD is common; the meta tags below still count.
    }
  }
  const product = found[0];
  const ldTitle = typeof product?.name === 'string' ? product.name : null;
  const ldPrice = product ? offerPrice(product.offers) : null;
  const metaPrice = toMoney(meta(doc, ['product:price:amount', 'og:price:amount', 'price']), meta(doc, ['product:price:currency', 'og:price:currency', 'priceCurrency']));
  const canonicalHref = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  let canonical: string | null = null;
  if (canonicalHref) {
    try {
      canonical = new URL(canonicalHref, doc.baseURI).toString();
    } catch {
      canonical = null;
    }
  }
  const title = ldTitle ?? meta(doc, ['og:title']) ?? doc.querySelector('h1')?.textContent?.trim() ?? (doc.title || null);
  const price = ldPrice ?? metaPrice;
  return {
    title: title ? title.replace(/\s+/g, ' ').slice(0, 300) : null,
    price,
    canonical,
    looksLikeProduct: Boolean(product) || price !== null || meta(doc, ['og:type']) === 'product',
  };
}
