// Which structured product is the page's own. Pages carry several Product nodes (related items,
// accessories, a ProductGroup and its variants); the main one is the node whose URL, name or SKU
// matches the page (canonical URL, og:url, title, h1), preferring nodes with offers and nodes not
// nested under "related" properties. Its offer is chosen the same way among variants.
import type { ProductFacts, OfferFacts } from './facts.ts';

export interface PageIdentity {
  urls: string[];
  titles: string[];
  /** Raw page URL, for variant ids in its query. */
  pageUrl: string;
}

export function normText(s: string): string {
  return s.toLowerCase().replace(/&amp;/g, '&').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function urlKey(u: string, base: string): string | null {
  try {
    const url = new URL(u, base);
    return `${url.hostname.replace(/^www\d?\./, '')}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return null;
  }
}

function nameScore(name: string | null, titles: string[]): number {
  if (!name) return 0;
  const n = normText(name);
  if (!n) return 0;
  let best = 0;
  for (const t of titles) {
    if (!t) continue;
    if (t === n) return 4;
    if (n.length >= 6 && t.includes(n)) best = Math.max(best, 2.5);
    else if (t.length >= 6 && n.includes(t)) best = Math.max(best, 2);
  }
  return best;
}

function urlScore(url: string | null, id: PageIdentity): number {
  if (!url) return 0;
  const key = urlKey(url, id.pageUrl);
  if (!key) return 0;
  return id.urls.some((u) => urlKey(u, id.pageUrl) === key) ? 5 : 0;
}

function hasPrice(p: ProductFacts): boolean {
  return p.offers.some((o) => o.price || o.lowPrice) || p.variants.some(hasPrice);
}

const SOURCE_RANK: Record<string, number> = { 'json-ld': 1, microdata: 0.6, rdfa: 0.5, meta: 0 };

/** Scores every candidate and returns the page's product (null when there is none). */
export function pickMainProduct(products: ProductFacts[], id: PageIdentity): ProductFacts | null {
  let best: ProductFacts | null = null;
  let bestScore = -Infinity;
  const pageText = decodedUrl(id.pageUrl).toLowerCase();
  products.forEach((p, i) => {
    let score = (p.nested ? 0 : 3) + (hasPrice(p) ? 3 : 0) + (SOURCE_RANK[p.source] ?? 0) - i * 0.01;
    score += urlScore(p.url, id) + nameScore(p.name, id.titles);
    if (p.sku && p.sku.length >= 4 && pageText.includes(p.sku.toLowerCase())) score += 3;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  });
  return best;
}

function decodedUrl(u: string): string {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
}

/** Facts of the same product from other sources, for fields the main node leaves empty. */
export function sameProduct(main: ProductFacts, other: ProductFacts, id: PageIdentity): boolean {
  if (main === other) return false;
  if (main.sku && other.sku && main.sku === other.sku) return true;
  if (main.gtin && other.gtin && main.gtin === other.gtin) return true;
  if (main.name && other.name && normText(main.name) === normText(other.name)) return true;
  return urlScore(other.url, id) > 0 && urlScore(main.url, id) > 0;
}

export interface OfferChoice {
  offers: OfferFacts[];
  /** The offer (or variant's offer) the page shows, when one can be told. */
  chosen: OfferFacts | null;
  /** Why that offer: "the only offer", "variant in the URL"… */
  why: string;
}

/** All offers of a product and its variants, with each variant's sku/url carried onto its offers. */
function allOffers(p: ProductFacts): OfferFacts[] {
  const out = [...p.offers];
  for (const v of p.variants) {
    for (const o of allOffers(v)) out.push({ ...o, sku: o.sku ?? v.sku, url: o.url ?? v.url, gtin: o.gtin ?? v.gtin });
  }
  return out;
}

/** The offer the page is about: one offer, the variant named in the URL, or null (the caller decides among several). */
export function chooseOffer(p: ProductFacts, id: PageIdentity): OfferChoice {
  const offers = allOffers(p).filter((o) => o.price || o.lowPrice || o.highPrice);
  if (offers.length === 0) return { offers, chosen: null, why: 'no priced offer' };
  if (offers.length === 1) return { offers, chosen: offers[0], why: 'the only offer' };
  let query: URLSearchParams | null = null;
  try {
    query = new URL(id.pageUrl).searchParams;
  } catch {
    query = null;
  }
  const queryValues = query ? [...query.values()].map((v) => v.toLowerCase()) : [];
  for (const o of offers) {
    if (o.url && urlKey(o.url, id.pageUrl) === urlKey(id.pageUrl, id.pageUrl)) {
      try {
        const q = new URL(o.url, id.pageUrl).searchParams;
        if ([...q.values()].some((v) => queryValues.includes(v.toLowerCase()))) return { offers, chosen: o, why: 'variant in the URL' };
      } catch {
        // an unparsable offer URL names no variant
      }
    }
    if (o.sku && queryValues.includes(o.sku.toLowerCase())) return { offers, chosen: o, why: 'variant in the URL' };
  }
  const amounts = new Set(offers.map((o) => o.price ?? o.lowPrice));
  if (amounts.size === 1) return { offers, chosen: offers[0], why: 'all offers at one price' };
  return { offers, chosen: null, why: `${offers.length} offers at different prices` };
}
