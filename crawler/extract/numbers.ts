// Does a short piece of page text read as exactly one price? The scan asks this of every short
// element of multi-MB pages, so the test is regex-only and cheap: one well-formed number (or a
// range of two), no percentage, and a currency mark, cents or a price-named element. Reading the
// digits into money is parsePrice's job, done later for the sightings that matter.
import { execAll } from '../parse/regex.ts';

/** One written number; a space joins digits only before a group of exactly three ("1 299"). */
const NUMBER = /\d+(?:(?:[.,'’ʼ]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*/g;
const SEPARATOR = /[.,'’ʼ \u00a0\u202f\u2009]/g;
const RANGE_GAP = /^\s*[^\p{L}\d\s]{0,3}\s*(?:-|–|—|−|~|〜|～|to|bis|à|a|al|hasta|até|do|до|至|到)\s*[^\p{L}\d\s]{0,3}\s*$/iu;
/** Currency signs, codes and local abbreviations, as far as a cheap test can tell. */
const CURRENCY_MARK =
  /\p{Sc}|[元円원块圓]|zł|kč|руб|грн|лв|ден|[\u0600-\u06ff]|บาท|रु|रू|(?<![\p{L}])(?:kr|kn|lei|lek|rs|rp|rm|sfr|chf|zl|kc|tl|gs|euros?|dollars?|pesos?|reais|rupees?|yen|yuan|ksh|tsh|ush|s\/|b\/)(?![\p{L}])/iu;
/** An ISO code in lower case right after the digits ("89,90 pln"), as some shops write it. */
const LOWER_CODE_AFTER = /\d\s?(?:pln|eur|usd|gbp|chf|sek|nok|dkk|czk|huf|ron|bgn|uah|rub|inr|brl|mxn|cad|aud|nzd|zar)(?![\p{L}])/u;
const CURRENCY_CODE = /(?<![\p{L}])[A-Z]{3}(?![\p{L}])/gu;
let isoCodes: Set<string> | null = null;

/** An ISO 4217 code in the text ("EUR 12"), not any three capitals ("EAN", "USB"). */
function hasCurrencyCode(text: string): boolean {
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  for (const [code] of execAll(CURRENCY_CODE, text)) if (isoCodes.has(code)) return true;
  return false;
}

export interface PriceText {
  /** The text shows a currency mark ("$", "EUR", "元", "zł"). */
  currency: boolean;
  /** The number is written with cents ("12.99", "12,99"). */
  decimals: boolean;
  /** Two numbers joined as a range ("¥99-199"). */
  range: boolean;
}

/**
 * True when the marks in a written number can group thousands and end a fraction in some shop's
 * convention: "1.299,00", "1,23,456", "24.990"; not "12.9912.99" (two prices run together) or
 * "1.2.3".
 */
export function wellFormedNumber(token: string): boolean {
  const seps = token.match(SEPARATOR);
  if (!seps) return true;
  const groups = token.split(SEPARATOR);
  if (seps.length === 1) return true;
  const grouping = seps.slice(0, -1);
  if (grouping.some((s) => s !== grouping[0])) return false;
  const lastSep = seps[seps.length - 1];
  const decimal = lastSep !== grouping[0];
  const middle = groups.slice(1, decimal ? -1 : undefined);
  if (groups[0].length > 3) return false;
  const indian = groups[0].length <= 2 && middle.length > 1 && middle.slice(0, -1).every((g) => g.length === 2) && middle[middle.length - 1].length === 3;
  if (!indian && middle.some((g) => g.length !== 3)) return false;
  return !decimal || groups[groups.length - 1].length <= 3;
}

/** Reads `text` as one price (or one price range), or null when it holds none or several numbers. */
export function readPriceText(text: string): PriceText | null {
  const numbers = [...execAll(NUMBER, text)];
  if (numbers.length === 0 || numbers.length > 2) return null;
  if (numbers.length === 2) {
    const [a, b] = numbers;
    if (!RANGE_GAP.test(text.slice(a.index + a[0].length, b.index))) return null;
  }
  // Nine digits in a row is an article number or barcode, not an amount anyone writes unformatted.
  if (text.includes('%') || numbers.some((n) => !wellFormedNumber(n[0]) || /\d{9}/.test(n[0]))) return null;
  const last = numbers[numbers.length - 1][0];
  return { currency: CURRENCY_MARK.test(text) || hasCurrencyCode(text) || LOWER_CODE_AFTER.test(text), decimals: /[.,]\d{2}$/.test(last), range: numbers.length === 2 };
}
