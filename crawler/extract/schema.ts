// schema.org nodes (from JSON-LD, or microdata/RDFa turned into the same JSON shape) → ProductFacts.
// Real pages use every shape the vocabulary allows: offers as one object, an array, an
// AggregateOffer with nested offers, an @id reference; prices as numbers, strings with either
// separator, or inside priceSpecification; brands as strings or objects; ProductGroup with
// hasVariant. All of them end up in the same flat facts.
import type { FieldSource } from '../../store/model.ts';
import { emptyOffer, emptyProduct, isObject, type Json, type JsonObject, type OfferFacts, type ProductFacts } from './facts.ts';

const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel', 'someproducts', 'vehicle', 'car', 'book', 'musicalbum', 'softwareapplication']);
/** Properties whose values are other products than the page's own. */
const RELATED_PROPS = new Set(['isrelatedto', 'issimilarto', 'itemlistelement', 'isaccessoryorsparepartfor', 'isconsumablefor', 'related', 'relatedproducts', 'item', 'hasitem']);
const GTIN_KEYS = ['gtin13', 'gtin12', 'gtin14', 'gtin8', 'gtin', 'ean', 'ean13', 'isbn', 'upc'];
const MAX_NODES = 5000;

export type IdIndex = Map<string, JsonObject>;

/** Local type names of a node: "http://schema.org/Product" → "product". */
function typesOf(node: JsonObject): string[] {
  const t = node['@type'] ?? node.type;
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#:]/, '').toLowerCase());
}

function isProductNode(node: JsonObject): boolean {
  return typesOf(node).some((t) => PRODUCT_TYPES.has(t));
}

function localKey(key: string): string {
  return key.replace(/^.*[/#:]/, '').toLowerCase();
}

/** A property by its local name, whatever prefix or case the page used ("schema:price", "Price"). */
function prop(node: JsonObject, name: string): Json | undefined {
  if (name in node) return node[name];
  for (const key of Object.keys(node)) if (localKey(key) === name.toLowerCase()) return node[key];
  return undefined;
}

function deref(v: Json | undefined, ids: IdIndex): Json | undefined {
  if (isObject(v) && typeof v['@id'] === 'string' && Object.keys(v).length <= 2) return ids.get(v['@id']) ?? v;
  return v;
}

function list(v: Json | undefined, ids: IdIndex): Json[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => deref(x, ids)).filter((x): x is Json => x !== undefined && x !== null);
}

/** The first scalar in a value, as a trimmed string ("12.99", 12.99, [12.99], {"@value": 12.99}). */
function scalar(v: Json | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = scalar(x);
      if (s) return s;
    }
    return null;
  }
  return scalar(v['@value'] ?? v['@id'] ?? undefined);
}

function nameOf(v: Json | undefined, ids: IdIndex): string | null {
  for (const x of list(v, ids)) {
    if (isObject(x)) {
      const n = scalar(prop(x, 'name'));
      if (n) return n;
    } else {
      const s = scalar(x);
      if (s) return s;
    }
  }
  return null;
}

function imageOf(v: Json | undefined, ids: IdIndex): string | null {
  for (const x of list(v, ids)) {
    const s = isObject(x) ? scalar(prop(x, 'url') ?? prop(x, 'contentUrl') ?? x['@id']) : scalar(x);
    if (s) return s;
  }
  return null;
}

function gtinOf(node: JsonObject): string | null {
  for (const key of GTIN_KEYS) {
    const s = scalar(prop(node, key));
    if (s) return s;
  }
  return null;
}

function readPriceSpecs(spec: Json | undefined, offer: OfferFacts, ids: IdIndex): void {
  for (const s of list(spec, ids)) {
    if (!isObject(s)) continue;
    const nested = prop(s, 'priceComponent') ?? prop(s, 'priceSpecification');
    if (nested) readPriceSpecs(nested, offer, ids);
    const price = scalar(prop(s, 'price'));
    if (!price) continue;
    const kind = (scalar(prop(s, 'priceType')) ?? '').replace(/^.*[/#:]/, '').toLowerCase();
    // A price per reference quantity (per kg, per 100 ml) is a unit price, not the offer's price.
    const perUnit = isObject(prop(s, 'referenceQuantity') ?? null) && typesOf(s).includes('unitpricespecification') && !kind;
    if (perUnit) continue;
    offer.currency ??= scalar(prop(s, 'priceCurrency'));
    if (/strikethrough|list|msrp|srp|regular|original/.test(kind)) offer.listPrice ??= price;
    else if (/sale|minimum|invoice|^$/.test(kind)) offer.price ??= price;
  }
}

function readOffer(node: JsonObject, ids: IdIndex, out: OfferFacts[], depth: number): void {
  const nested = list(prop(node, 'offers'), ids).filter(isObject);
  const offer = emptyOffer();
  offer.price = scalar(prop(node, 'price'));
  offer.lowPrice = scalar(prop(node, 'lowPrice'));
  offer.highPrice = scalar(prop(node, 'highPrice'));
  offer.currency = scalar(prop(node, 'priceCurrency')) ?? scalar(prop(node, 'currency'));
  offer.availability = scalar(prop(node, 'availability'));
  offer.url = scalar(prop(node, 'url'));
  offer.sku = scalar(prop(node, 'sku'));
  offer.gtin = gtinOf(node);
  readPriceSpecs(prop(node, 'priceSpecification'), offer, ids);
  const hasOwn = offer.price || offer.lowPrice || offer.highPrice || offer.availability;
  if (hasOwn) out.push(offer);
  // AggregateOffer lists its offers; their currency defaults to the aggregate's.
  if (depth < 3) {
    const before = out.length;
    for (const n of nested) readOffer(n, ids, out, depth + 1);
    for (let i = before; i < out.length; i++) {
      out[i].currency ??= offer.currency;
      out[i].availability ??= offer.availability;
    }
  }
}

function offersOf(node: JsonObject, ids: IdIndex): OfferFacts[] {
  const out: OfferFacts[] = [];
  for (const o of list(prop(node, 'offers'), ids)) if (isObject(o)) readOffer(o, ids, out, 0);
  return out;
}

/** One schema.org Product/ProductGroup node → ProductFacts. */
function productFromNode(node: JsonObject, source: FieldSource, ids: IdIndex, nested: boolean, depth = 0): ProductFacts {
  const p = emptyProduct(source);
  p.types = typesOf(node);
  p.nested = nested;
  p.name = scalar(prop(node, 'name'));
  p.sku = scalar(prop(node, 'sku')) ?? scalar(prop(node, 'productID'));
  p.gtin = gtinOf(node);
  p.mpn = scalar(prop(node, 'mpn'));
  p.brand = nameOf(prop(node, 'brand'), ids) ?? nameOf(prop(node, 'manufacturer'), ids);
  p.image = imageOf(prop(node, 'image'), ids);
  p.url = scalar(prop(node, 'url')) ?? (typeof node['@id'] === 'string' && /^https?:/.test(node['@id']) ? node['@id'] : null);
  p.offers = offersOf(node, ids);
  const rating = list(prop(node, 'aggregateRating'), ids).find(isObject);
  if (rating) {
    const value = scalar(prop(rating, 'ratingValue'));
    if (value) {
      p.rating = {
        value,
        best: scalar(prop(rating, 'bestRating')),
        count: scalar(prop(rating, 'reviewCount')) ?? scalar(prop(rating, 'ratingCount')),
      };
    }
  }
  if (depth < 2) {
    for (const v of list(prop(node, 'hasVariant'), ids)) {
      if (isObject(v)) p.variants.push(productFromNode(v, source, ids, false, depth + 1));
    }
  }
  return p;
}

/**
 * Every product node in a parsed document, depth-first, with whether it sits under a property
 * that names other products. `@graph`, arrays and nesting (mainEntity, offers.itemOffered) are
 * followed; a bounded number of nodes keeps hostile documents cheap.
 */
export function findProductNodes(roots: Json[], source: FieldSource): ProductFacts[] {
  const ids: IdIndex = new Map();
  const stack: { v: Json; related: boolean; variant: boolean }[] = roots.map((v) => ({ v, related: false, variant: false }));
  const all: { v: Json; related: boolean; variant: boolean }[] = [];
  let seen = 0;
  while (stack.length && seen < MAX_NODES) {
    const item = stack.pop()!;
    seen++;
    all.push(item);
    const { v } = item;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], related: item.related, variant: item.variant });
    } else if (isObject(v)) {
      if (typeof v['@id'] === 'string' && Object.keys(v).length > 2) ids.set(v['@id'], v);
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const child = v[key];
        if (typeof child !== 'object' || child === null) continue;
        const local = localKey(key);
        stack.push({ v: child, related: item.related || RELATED_PROPS.has(local), variant: local === 'hasvariant' });
      }
    }
  }
  const out: ProductFacts[] = [];
  for (const { v, related, variant } of all) {
    if (!isObject(v) || variant || !isProductNode(v)) continue;
    if (Object.keys(v).length <= 2 && typeof v['@id'] === 'string') continue;
    out.push(productFromNode(v, source, ids, related));
  }
  return out;
}
