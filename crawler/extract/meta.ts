// <meta> and <link> tags: Open Graph and its product extensions (product:price:amount,
// og:price:amount, product:availability, product:retailer_item_id…), itemprop metas outside any
// item, and the page facts the other layers need (canonical URL, language, og:title).
import type { Element } from './dom.ts';
import { emptyOffer, emptyProduct, type ProductFacts } from './facts.ts';

export interface PageMeta {
  /** Lower-cased meta keys (property / name / itemprop / http-equiv) → first non-empty content. */
  values: Map<string, string>;
  canonical: string | null;
  lang: string | null;
}

export function readMeta(metas: Element[], links: Element[], htmlEl: Element | null): PageMeta {
  const values = new Map<string, string>();
  for (const m of metas) {
    const a = m.attribs;
    const content = a.content?.trim();
    if (!content) continue;
    for (const key of [a.property, a.name, a.itemprop, a['http-equiv']]) {
      if (!key) continue;
      const k = key.trim().toLowerCase();
      if (!values.has(k)) values.set(k, content);
    }
  }
  let canonical: string | null = null;
  for (const l of links) {
    if (/(?:^|\s)canonical(?:\s|$)/i.test(l.attribs.rel ?? '') && l.attribs.href?.trim()) {
      canonical = l.attribs.href.trim();
      break;
    }
  }
  const lang =
    htmlEl?.attribs.lang?.trim() ||
    htmlEl?.attribs['xml:lang']?.trim() ||
    values.get('og:locale') ||
    values.get('content-language') ||
    values.get('language') ||
    null;
  return { values, canonical, lang: lang ? lang.split(/[,;\s]/)[0] : null };
}

function first(values: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = values.get(k);
    if (v) return v;
  }
  return null;
}

/** The product the page's meta tags describe, or null when they describe none. */
export function metaProduct(meta: PageMeta): ProductFacts | null {
  const v = meta.values;
  const p = emptyProduct('meta');
  const offer = emptyOffer();
  const sale = first(v, ['product:sale_price:amount', 'og:sale_price:amount']);
  const regular = first(v, ['product:price:amount', 'og:price:amount', 'product:price', 'price', 'twitter:data1:price']);
  offer.price = sale ?? regular;
  offer.listPrice = first(v, ['product:original_price:amount', 'og:original_price:amount', 'og:price:standard_amount', 'product:price:standard_amount']) ?? (sale ? regular : null);
  offer.currency = first(v, ['product:price:currency', 'og:price:currency', 'product:sale_price:currency', 'pricecurrency', 'currency']);
  offer.availability = first(v, ['product:availability', 'og:availability', 'availability']);
  p.sku = first(v, ['product:retailer_item_id', 'product:sku', 'sku', 'productid']);
  p.gtin = first(v, ['product:gtin', 'product:ean', 'og:ean', 'product:upc', 'og:upc', 'gtin13', 'gtin', 'product:isbn', 'og:isbn']);
  p.brand = first(v, ['product:brand', 'og:brand', 'brand']);
  p.name = first(v, ['og:title', 'twitter:title']);
  p.image = first(v, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image']);
  p.url = first(v, ['og:url']);
  p.types = [(v.get('og:type') ?? '').toLowerCase()];
  if (offer.price || offer.availability) p.offers.push(offer);
  const productish = p.offers.length > 0 || !!p.sku || !!p.gtin || /product/.test(p.types[0]);
  return productish ? p : null;
}
