// What the structured-data readers (JSON-LD, microdata, RDFa, meta tags) agree to hand over: one
// `ProductFacts` per product node, values still as written (strings), so the decision layer can
// parse them with the page's currency and compare them with the visible page.
import type { FieldSource } from '../../store/model.ts';

export interface OfferFacts {
  price: string | null;
  lowPrice: string | null;
  highPrice: string | null;
  currency: string | null;
  /** A struck-through or list price the offer names (priceSpecification StrikethroughPrice/ListPrice). */
  listPrice: string | null;
  availability: string | null;
  url: string | null;
  sku: string | null;
  gtin: string | null;
}

export interface RatingFacts {
  value: string;
  best: string | null;
  count: string | null;
}

export interface ProductFacts {
  source: FieldSource;
  types: string[];
  name: string | null;
  sku: string | null;
  gtin: string | null;
  mpn: string | null;
  brand: string | null;
  image: string | null;
  url: string | null;
  offers: OfferFacts[];
  rating: RatingFacts | null;
  variants: ProductFacts[];
  /** The node sits under a property that names other products (isRelatedTo, itemListElement…). */
  nested: boolean;
}

/** A JSON value as structured-data readers see it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function emptyOffer(): OfferFacts {
  return { price: null, lowPrice: null, highPrice: null, currency: null, listPrice: null, availability: null, url: null, sku: null, gtin: null };
}

export function emptyProduct(source: FieldSource): ProductFacts {
  return {
    source,
    types: [],
    name: null,
    sku: null,
    gtin: null,
    mpn: null,
    brand: null,
    image: null,
    url: null,
    offers: [],
    rating: null,
    variants: [],
    nested: false,
  };
}
