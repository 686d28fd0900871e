// Does a short piece of page text read as exactly one price? The visible-page layer asks this of
// every short element, so it must reject the many numbers that are not one price (two prices side
// by side, ratings, dates, quantities) cheaply, and leave the reading of digits to parsePrice.
import { parsePrice, type ParsedPrice } from '../parse/price.ts';

/** One written number; a space joins digits only before a group of exactly three ("1 299"). */
const NUMBER = /\d+(?:(?:[.,'’ʼ]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*/g;
const RANGE_GAP = /^\s*[^\p{L}\d\s]{0,3}\s*(?:-|–|—|−|~|〜|～|to|bis|à|a|al|hasta|até|do|до|至|到)\s*[^\p{L}\d\s]{0,3}\s*$/iu;

export interface PriceText {
  /** The price as parsePrice reads it without page context (currency set only when the text marks one). */
  parsed: ParsedPrice;
  /** The text marks a currency ("$", "EUR", "元"). */
  currency: boolean;
  /** The number is written with cents ("12.99", "12,99"). */
  decimals: boolean;
}

/** Reads `text` as one price (or one price range), or null when it holds none or several numbers. */
export function readPriceText(text: string): PriceText | null {
  const numbers = [...text.matchAll(NUMBER)];
  if (numbers.length === 0 || numbers.length > 2) return null;
  if (numbers.length === 2) {
    const [a, b] = numbers;
    if (!RANGE_GAP.test(text.slice(a.index + a[0].length, b.index))) return null;
  }
  if (/%/.test(text)) return null;
  const parsed = parsePrice(text);
  if (!parsed || parsed.free) return null;
  const last = numbers[numbers.length - 1][0];
  return { parsed, currency: parsed.currency !== null, decimals: /[.,]\d{2}$/.test(last) };
}
