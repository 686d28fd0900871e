// Per-site recipes: CSS selectors an operator configured for a site the generic reader gets wrong.
// They win over every other source for the fields they name; a selector that matches nothing is
// reported in words the operator can act on, and the generic reading stands for that field.
import type { CheerioAPI } from 'cheerio';
import type { Availability } from '../../store/model.ts';
import { parsePrice, type ParsedPrice, type PriceContext } from '../parse/price.ts';
import { parseRating, parseReviewCount } from '../parse/reviews.ts';
import { availabilityFromText } from '../parse/stock.ts';
import type { Recipe } from '../recipe.ts';
import type { Element } from './dom.ts';

export interface RecipeReading {
  title: string | null;
  price: { text: string; parsed: ParsedPrice } | null;
  listPrice: { text: string; parsed: ParsedPrice } | null;
  promotions: string[] | null;
  availability: { availability: Availability; phrase: string } | null;
  rating: { rating: number; scale: number } | null;
  reviewCount: number | null;
  sku: string | null;
  gtin: string | null;
  brand: string | null;
  notes: string[];
}

type TextField = 'title' | 'price' | 'listPrice' | 'availability' | 'rating' | 'reviewCount' | 'sku' | 'gtin' | 'brand';

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Reads the recipe's fields. `texts` is the page scan's text of each short element, where cents
 * drawn apart ("$ 52<sup>99</sup>") are already joined as the reader sees them ("$ 52.99"); an
 * element's raw text would run them together ("$ 5299").
 */
export function applyRecipe($: CheerioAPI, recipe: Recipe, ctx: PriceContext, texts: Map<Element, string>): RecipeReading {
  const r: RecipeReading = { title: null, price: null, listPrice: null, promotions: null, availability: null, rating: null, reviewCount: null, sku: null, gtin: null, brand: null, notes: [] };
  /** `attribute` is read when given; with `fallback`, the text stands in when the element lacks it. */
  const read = (field: TextField, attribute?: string, fallback = false): string | null => {
    const selector = recipe[field];
    if (!selector) return null;
    let found;
    try {
      found = $(selector).first();
    } catch (e) {
      r.notes.push(`${field}: the recipe selector \`${selector}\` is not valid CSS (${(e as Error).message})`);
      return null;
    }
    if (found.length === 0) {
      r.notes.push(`${field} missing: the recipe selector \`${selector}\` matched nothing`);
      return null;
    }
    const attr = attribute ? found.attr(attribute) : undefined;
    const raw = attribute && (attr !== undefined || !fallback) ? attr : found.attr('content') ?? texts.get(found[0] as unknown as Element) ?? found.text();
    const text = clean(raw ?? '');
    if (!text) r.notes.push(`${field} missing: the recipe selector \`${selector}\` matched an element with no ${attribute ? `"${attribute}" attribute` : 'text'}`);
    return text || null;
  };
  const money = (field: 'price' | 'listPrice') => {
    // priceAttribute names where the price element keeps its amount; a list price element may not have it.
    const text = read(field, recipe.priceAttribute, field === 'listPrice');
    if (!text) return null;
    const parsed = parsePrice(text, ctx);
    if (!parsed) r.notes.push(`${field}: the recipe selector \`${recipe[field]}\` matched "${text.slice(0, 60)}", which reads as no price`);
    return parsed ? { text, parsed } : null;
  };
  r.title = read('title');
  r.price = money('price');
  r.listPrice = money('listPrice');
  r.sku = read('sku');
  r.gtin = read('gtin');
  r.brand = read('brand');
  const ratingText = read('rating');
  if (ratingText) r.rating = parseRating(ratingText);
  const countText = read('reviewCount');
  if (countText) r.reviewCount = parseReviewCount(countText);
  if (recipe.promotions) {
    try {
      r.promotions = $(recipe.promotions)
        .toArray()
        .map((el) => clean($(el).text()))
        .filter(Boolean);
      if (!r.promotions.length) r.notes.push(`promotions: the recipe selector \`${recipe.promotions}\` matched nothing`);
    } catch (e) {
      r.notes.push(`promotions: the recipe selector \`${recipe.promotions}\` is not valid CSS (${(e as Error).message})`);
    }
  }
  const stockText = read('availability');
  const haystack = stockText ?? (recipe.outOfStockText?.length ? clean($('body').text()) : '');
  const marker = recipe.outOfStockText?.find((t) => haystack.toLowerCase().includes(t.toLowerCase()));
  if (marker) r.availability = { availability: 'out_of_stock', phrase: marker };
  else if (stockText) r.availability = availabilityFromText(stockText) ?? (recipe.outOfStockText?.length ? { availability: 'in_stock', phrase: stockText } : null);
  return r;
}
