// Finding the pieces of a price in text: currency marks and written numbers, and which mark
// sits next to which number ("¥ 1,299.00 元" has one before and one after).
import { isIsoCode, SYMBOL_KEYS } from './currency.ts';
import { REPLACED_CODES } from './currency-marks.ts';
import { execAll } from './regex.ts';
import { NUMBER_SOURCE } from './separators.ts';

export interface CurrencyToken {
  start: number;
  end: number;
  text: string;
  /** 3: a currency sign, ISO code or CJK unit ("$", "EUR", "元"); 2: a local abbreviation ("zł", "kr"); 1: letters that are often something else ("ft", "R"). */
  strength: number;
}

export interface NumberToken {
  /** Span of the number with its adjacent currency marks and multiplier. */
  start: number;
  end: number;
  /** The written digits and separators only ("12€99" is read as "12,99"). */
  text: string;
  before: CurrencyToken | null;
  after: CurrencyToken | null;
  /** 万 / 亿 / 千 written right after the digits. */
  multiplier: string | null;
  /** Digits stuck to a word ("A4", "Omega-3", "2-Pack", "64GB"): a model or quantity, not a price. */
  glued: boolean;
  /** Followed by a unit of count or measure ("2 件", "64 GB", "3 Stück"): a quantity, never a price. */
  quantity: boolean;
  /** "99¢" or "99p": the digits count minor units. */
  subunit: '¢' | 'p' | null;
}

/** Letter marks that are also ordinary words or units, so they only count when nothing better is near. */
const WEAK = new Set(['ft', 'r', 'tl', 'bs', 'dt', 'kd', 'din', 'kn', 'р', 'fr', 'euro', 'euros']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

let symbolRe: RegExp | null = null;

function symbolPattern(): RegExp {
  if (symbolRe) return symbolRe;
  const worded: string[] = [];
  const others: string[] = [];
  for (const key of SYMBOL_KEYS) {
    // CJK units ("元", "円") attach to digits and to the words around them without spaces.
    const cjk = /^[\p{Script=Han}\p{Script=Hangul}]+$/u.test(key);
    // "AU $49.95", "US $12": a country prefix may stand one space from its dollar sign.
    const spaced = /^\p{L}+\$$/u.test(key) ? `${escape(key.slice(0, -1))} ?\\$` : escape(key);
    const closed = /\p{L}$/u.test(key) && !cjk ? '\\.?(?!\\p{L})' : '';
    (/^\p{L}/u.test(key) && !cjk ? worded : others).push(spaced + closed);
  }
  // Marks that start with a letter share one look back for a letter (one check instead of one per
  // mark); any other currency sign ("₶", "₤") still marks an amount, though it names no ISO currency.
  symbolRe = new RegExp(`(?<!\\p{L})(?:${worded.join('|')})|${others.join('|')}|(?!¢)\\p{Sc}`, 'giu');
  return symbolRe;
}

function strengthOf(text: string): number {
  const key = text.replace(/\.$/, '').toLowerCase();
  if (/[\p{Sc}\p{Script=Han}\p{Script=Hangul}]/u.test(text)) return 3;
  return WEAK.has(key) ? 1 : 2;
}

/** ISO codes that are also words in capitals ("ALL SIZES", "CAD drawing"): codes only right next to digits. */
const CODE_WORDS = new Set(['ALL', 'TOP', 'CUP', 'MOP', 'BOB', 'PEN', 'TRY', 'MAD', 'SOS', 'LAK', 'CAD', 'GEL', 'BAM', 'AMD', 'NAD', 'ANG', 'MRO']);

const ISO_LIKE = /(?<!\p{L})(?:[A-Z]{3}|[a-z]{3})(?!\p{L})/gu;

/** Codes shops also print in lower case ("140,00 pln"); most others in lower case are words ("rub", "cop", "php"). */
const LOWER_CASE_CODES = new Set(
  'usd eur gbp chf pln czk huf ron bgn sek nok dkk isk uah byn kzt jpy cny hkd twd krw inr pkr lkr idr myr sgd thb vnd aud nzd mxn brl ars clp aed sar qar kwd bhd omr egp ngn kes ghs'.split(' '),
);

/**
 * Every currency mark in the text, left to right, ISO codes included: in capitals anywhere; in
 * lower case, of a replaced currency, or a code-word only right next to digits. In a hint
 * (`anyCode`), where a code is there to name the currency, code-words count anywhere.
 */
export function findCurrencyTokens(s: string, anyCode = false): CurrencyToken[] {
  const found: CurrencyToken[] = [];
  for (const m of execAll(ISO_LIKE, s)) {
    const code = m[0];
    const lower = code === code.toLowerCase();
    if (lower ? !LOWER_CASE_CODES.has(code) : !isIsoCode(code) && code !== 'RMB') continue;
    const nextToDigits = /\d\s?$/u.test(s.slice(0, m.index)) || /^\s?\d/u.test(s.slice(m.index + 3));
    if ((lower || REPLACED_CODES.has(code) || (!anyCode && CODE_WORDS.has(code))) && !nextToDigits) continue;
    found.push({ start: m.index, end: m.index + 3, text: code.toUpperCase(), strength: lower ? 2 : 3 });
  }
  for (const m of execAll(symbolPattern(), s)) {
    // Right-to-left abbreviations ("د.ب.") often reach the text with their closing dot in front.
    const start = m.index > 0 && s[m.index - 1] === '.' && /^\p{Script=Arabic}/u.test(m[0]) ? m.index - 1 : m.index;
    const end = m.index + m[0].length;
    if (found.some((t) => start < t.end && end > t.start)) continue;
    found.push({ start, end, text: m[0], strength: strengthOf(m[0]) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A decimal mark, a space and two last digits: cents set apart from the amount. */
const SET_APART_CENTS = /[.,] (\d{2})$/;
/** What continues a list of numbers after one of them. */
const LIST_GOES_ON = /^\s?(?:[,;&/+]|(?:and|or|und|oder|et|ou|y|o|e|i|и)\s+\S*\d)/iu;
const NUMBER_RE = new RegExp(`(?<!\\d)${NUMBER_SOURCE}`, 'gu');
/** Words that may follow a price without a space and do not make it a quantity. */
const AFTER_OK = /^(?:起|から|부터|千|万|萬|亿|億|\/|[-–—~〜～+])/u;

/** Units of count and measure: a number before one is a quantity ("2 件", "64 GB", "500 ml"). */
const QUANTITY_UNIT =
  /^ ?(?:件|个|個|台|只|双|雙|套|瓶|盒|袋|包|条|張|张|支|片|粒|枚|本|点|點|個入|개|pcs?\.?|pieces?|pack|items?|units?|count|ct|st(?:ü|u)ck|stk\.?|pièces?|unidades?|uds?\.?|pezzi|pz\.?|sztuk[ia]?|szt\.?|шт\.?|gb|tb|mb|mah|w|v|hz|cm|mm|m|km|kg|g|mg|ml|cl|l|oz|fl\.? ?oz|lbs?|inch(?:es)?|in\.|"|x|×|days?|tage?|jours?|weeks?|wochen|months?|mois|monate?|meses|mesi|years?|jahre?)(?![\p{L}\d])/iu;

/** Signs written before the amount by convention: a sign between two numbers belongs to the second. */
const PREFIX_SIGN = /^(?:[$£¥₹₩₱₪฿₦₺₽]|\p{L}{1,3}\$|rs\.?|rp|rm)$/iu;

interface RawNumber {
  numStart: number;
  numEnd: number;
  text: string;
  multiplier: string | null;
  before: CurrencyToken | null;
  after: CurrencyToken | null;
  /** Characters of cents read after the after-mark ("12€99"). */
  centsLength: number;
}

function adjacentMarks(s: string, tokens: CurrencyToken[], numStart: number, numEnd: number) {
  const before = tokens.find((t) => t.end <= numStart && /^ {0,2}$/.test(s.slice(t.end, numStart))) ?? null;
  const after = tokens.find((t) => t.start >= numEnd && /^ {0,2}$/.test(s.slice(numEnd, t.start))) ?? null;
  return { before, after };
}

/** A mark between two numbers ("11/30 $49.99") is one number's: the closer one, else by convention. */
function shareMarks(s: string, raws: RawNumber[]): void {
  for (let i = 0; i + 1 < raws.length; i++) {
    const a = raws[i];
    const b = raws[i + 1];
    if (!a.after || a.after !== b.before) continue;
    const gapA = a.after.start - a.numEnd;
    const gapB = b.numStart - a.after.end;
    const toSecond = gapB < gapA || (gapA === gapB && PREFIX_SIGN.test(a.after.text));
    if (toSecond) a.after = null;
    else b.before = null;
  }
}

/**
 * "12€99", "35€ 99" (cents set apart in small type): two digits right after a sign that stands
 * against a whole amount are its cents, not a number of their own; with a space, only when no
 * other sign, percentage or unit follows them ("10€ 20€", "12€ 50 ml").
 */
function centsAfterSign(rest: string, written: string): string | null {
  const m = /^( ?)\d{2}(?![\d.,])/u.exec(rest);
  if (!m) return null;
  if (m[1] && (/[.,]\d/.test(written) || /^\s?[\p{Sc}%]/u.test(rest.slice(m[0].length)) || QUANTITY_UNIT.test(rest.slice(m[0].length)))) return null;
  return m[0];
}

/**
 * Whether the two digits after a decimal mark and a space ("118, 99 TL") are the amount's cents:
 * only next to a currency mark or at the end of the text, and never inside a list of numbers
 * ("6, 12 or 24", "$5, 10 and 20", "8, 10, 12").
 */
function setApartCents(s: string, tokens: CurrencyToken[], start: number, written: string): boolean {
  const end = start + written.length;
  if (/\d\s?[.,;]\s?$/.test(s.slice(0, start)) || LIST_GOES_ON.test(s.slice(end))) return false;
  const { before, after } = adjacentMarks(s, tokens, start, end);
  return !!(before || after) || /^[\s*]*$/.test(s.slice(end));
}

/** Every written number with the currency marks next to it (only spaces between). */
export function findNumbers(s: string, tokens: CurrencyToken[]): NumberToken[] {
  const raws: RawNumber[] = [];
  let consumed = 0;
  for (const m of execAll(NUMBER_RE, s)) {
    const apart = SET_APART_CENTS.exec(m[0]);
    // Cents set apart ("118, 99 TL") are two numbers when not read as cents: a whole one, then its "cents".
    const pieces = apart && !setApartCents(s, tokens, m.index, m[0]) ? [m[0].slice(0, apart.index), apart[1]] : [m[0]];
    let numStart = m.index;
    for (const written of pieces) {
      if (numStart >= consumed) {
        let numEnd = numStart + written.length;
        let multiplier: string | null = null;
        const mult = /^\s?([千万萬亿億])/u.exec(s.slice(numEnd));
        if (mult) {
          multiplier = mult[1];
          numEnd += mult[0].length;
        }
        const { before, after } = adjacentMarks(s, tokens, numStart, numEnd);
        const cents = after && after.start === numEnd && /[\p{Sc}]/u.test(after.text) ? centsAfterSign(s.slice(after.end), written) : null;
        consumed = cents ? after!.end + cents.length : numEnd;
        raws.push({ numStart, numEnd, text: cents ? `${written},${cents.trim()}` : written, multiplier, before, after, centsLength: cents?.length ?? 0 });
      }
      numStart = m.index + m[0].length - 2;
    }
  }
  shareMarks(s, raws);
  return raws.map(({ numStart, numEnd, text, multiplier, before, after, centsLength }) => {
    const end = after ? after.end + centsLength : numEnd;
    const textAfter = s.slice(numEnd);
    const sub = after ? null : /^ ?(¢|p(?![\p{L}\d]))/u.exec(textAfter);
    const subunit = sub ? (sub[1] as '¢' | 'p') : null;
    const unmarked = !before && !after && !subunit;
    // CJK labels sit right against amounts ("到手价899"); letters of other scripts make a model name.
    const glued =
      (unmarked && !multiplier && /(?![\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}])\p{L}-?$/u.test(s.slice(Math.max(0, numStart - 2), numStart))) ||
      (!after && !multiplier && !subunit && (/^-\p{L}/u.test(textAfter) || (/^\p{L}/u.test(textAfter) && !AFTER_OK.test(textAfter))));
    const quantity = !before && !after && !multiplier && QUANTITY_UNIT.test(textAfter);
    return { start: before ? before.start : numStart, end: end + (sub ? sub[0].length : 0), text, before, after, multiplier, glued, quantity, subunit };
  });
}
