// Reading one price off a piece of shop text: "¥1,299.00", "1.299,00 €", "CHF 1'299.50",
// "￥99起", "$12 – $15", "Free". The text is first cleared of things that are numbers but not
// prices (percentages, dates, ratings, counts); then the number that a currency sign marks wins,
// its currency is resolved against the page, and its digits are read in the currency's
// convention (so "$24.990" on a Chilean page is 24990 pesos).
import { currencyCandidates, currencyFromContext, resolveCurrency } from './currency.ts';
import { decimalToMinor, minorDigits } from './money.ts';
import { digitsToString, readNumber, shiftDecimal } from './separators.ts';
import {
  AFTER_BARE_OK,
  AFTER_CURRENT_LABEL,
  AFTER_LIST_LABEL,
  blankNonPrices,
  CURRENT_LABEL,
  FREE_WORDS,
  FROM_AFTER,
  FROM_BEFORE,
  instalment,
  LIST_LABEL,
  NOT_A_PRICE_FREE,
  PER_UNIT,
  RANGE_GAP,
} from './price-words.ts';
import { findCurrencyTokens, findNumbers, type CurrencyToken, type NumberToken } from './tokens.ts';

export { formatMoney, minorDigits, toMinor } from './money.ts';

export interface ParsedPrice {
  /** Integer minor units of `currency` (or of 2 decimals when the currency is unknown). */
  amountMinor: number;
  /** Decimal string in major units with '.' as decimal point: "1299.00", "24990". */
  amount: string;
  /** ISO 4217, or null when neither the text nor the context tells. */
  currency: string | null;
  /** Both ends of a range ("¥99-199", "$12 - $15"); `amountMinor` is its low end. */
  range: { lowMinor: number; highMinor: number } | null;
  /** "from $12", "￥99起", "ab 12 €". */
  from: boolean;
  /** "Free", "免费", "Gratis": amount 0. */
  free: boolean;
  /** "/kg", "/mo", "per month", "/月" when the price is per unit or an instalment. */
  perUnit: string | null;
}

export interface PriceContext {
  /** Other text near the price that may name the currency. */
  hint?: string | null;
  /** Decimal separator when known (e.g. from the page locale). */
  decimalSeparator?: '.' | ',' | null;
  /** Currency declared in structured data: wins wherever the symbol can mean it. */
  currency?: string | null;
  /** Page language: 'zh-CN', 'ja', 'de-DE', 'en-CA'. */
  lang?: string | null;
  /** Page host: 'www.amazon.co.jp', 'shop.example.cl'. */
  domain?: string | null;
}

const MULTIPLIERS: Record<string, number> = { 千: 3, 万: 4, 萬: 4, 亿: 8, 億: 8 };

const decimalCache = new Map<string, '.' | ',' | null>();

/** The decimal mark of a page language, from Intl (cached: the extractor asks per element). */
function decimalSeparatorOf(lang: string | null | undefined): '.' | ',' | null {
  if (!lang) return null;
  let mark = decimalCache.get(lang);
  if (mark !== undefined) return mark;
  try {
    const part = new Intl.NumberFormat(lang.replace(/_/g, '-')).formatToParts(1.5).find((p) => p.type === 'decimal');
    mark = part?.value === ',' ? ',' : part?.value === '.' ? '.' : null;
  } catch {
    mark = null;
  }
  decimalCache.set(lang, mark);
  return mark;
}

interface Reading {
  amount: string;
  minor: number;
}

function readAmount(n: NumberToken, currency: string | null, ctx: PriceContext): Reading | null {
  const digits = currency ? minorDigits(currency) : null;
  const decimalSeparator = ctx.decimalSeparator ?? decimalSeparatorOf(ctx.lang);
  let d = readNumber(n.text, { minorDigits: n.subunit ? 0 : digits, decimalSeparator });
  if (!d) return null;
  if (n.multiplier) d = shiftDecimal(d, MULTIPLIERS[n.multiplier]);
  if (n.subunit) d = shiftDecimal(d, -(digits ?? 2));
  const amount = digitsToString(d);
  return { amount, minor: decimalToMinor(amount, digits ?? 2) };
}

function freePrice(s: string, ctx: PriceContext): ParsedPrice | null {
  if (!FREE_WORDS.test(s) || NOT_A_PRICE_FREE.test(s)) return null;
  const currency = currencyFromContext(ctx);
  return { amountMinor: 0, amount: '0', currency, range: null, from: false, free: true, perUnit: null };
}

/**
 * Pick the number a currency marks, strong marks ("$", "EUR", "元") over letter ones ("ft", "kr");
 * numbers stuck to words ("A4", "1080p") and quantities ("2 件", "64 GB") are never prices.
 */
function choosePrimary(s: string, numbers: NumberToken[], pence: boolean): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  numbers.forEach((n, i) => {
    if (n.quantity || n.glued || (n.subunit === 'p' && !pence)) return;
    if (!n.before && !n.after && !n.subunit && !bareAmount(s, n)) return;
    // "-$5.00", "−10 €" after a word or alone is a reduction, not a price ("¥99-199" is a range).
    if (/(?:^|[^\d\p{Sc}\s])\s*[-−]\s?$/u.test(s.slice(0, n.start))) return;
    const subunitStrength = n.subunit ? 3 : 0;
    const label = s.slice(Math.max(0, n.start - 40), n.start);
    // A labelled list price ("was", "原价", "UVP") yields to any other marked number; a selling-price
    // label ("now", "到手价") breaks ties between marked ones.
    const next = s.slice(n.end, n.end + 24);
    const labelWeight =
      LIST_LABEL.test(label) || AFTER_LIST_LABEL.test(next) ? -2.5 : CURRENT_LABEL.test(label) || AFTER_CURRENT_LABEL.test(next) ? 0.5 : 0;
    const score = Math.max(n.before?.strength ?? 0, n.after?.strength ?? 0, subunitStrength) + labelWeight;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/**
 * Whether a number without any currency mark still reads as an amount: it may follow a price
 * label ("Preis:", "from", "到手价") but not another word ("PlayStation 4", "Dec. 7"), and a whole
 * number must not be followed by one ("70 in TVs"); "12,99 inkl. MwSt." is an amount.
 */
function bareAmount(s: string, n: NumberToken): boolean {
  const before = s.slice(0, n.start);
  const word = /(\p{L}[\p{L}.'’]*)\s*$/u.exec(before);
  if (word && !/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word[1])) {
    const labelled = FROM_BEFORE.test(before) || LIST_LABEL.test(before) || CURRENT_LABEL.test(before) || instalment(before) !== null;
    if (!labelled) return false;
  }
  return hasFraction(n) || AFTER_BARE_OK.test(s.slice(n.end)) || PER_UNIT.test(s.slice(n.end)) || FROM_AFTER.test(s.slice(n.end));
}

const marked = (n: NumberToken) => !!(n.before || n.after);
const hasFraction = (n: NumberToken) => /[.,]\d{1,2}$/.test(n.text);

/**
 * Whether `a` and `b` are the ends of one price range ("¥99-199", "$12 – $15"). An end without
 * a currency mark must be written like the marked one, and a low end without one must not
 * follow a word ("Pack of 6 - $24.99" is a pack size and a price).
 */
function rangeOf(s: string, a: NumberToken | undefined, b: NumberToken | undefined): boolean {
  if (!a || !b || a.glued || b.glued || a.quantity || b.quantity) return false;
  if (!RANGE_GAP.test(s.slice(a.end, b.start))) return false;
  if (marked(a) !== marked(b) && hasFraction(a) !== hasFraction(b)) return false;
  if (!marked(a) && /\p{Script=Latin}{2,}\.?\s*$/u.test(s.slice(0, a.start)) && !FROM_BEFORE.test(s.slice(0, a.start))) return false;
  return true;
}

/** NFKC (full-width digits and ￥, the many spaces) plus Arabic-Indic digits and marks. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',')
    .replace(/\s+/g, ' ');
}

/** Parse the price a piece of shop text shows, or null when it shows none. */
export function parsePrice(text: string, ctx: PriceContext = {}): ParsedPrice | null {
  const s = normalize(text);
  if (!/\d/.test(s)) return freePrice(s, ctx);
  const cleared = blankNonPrices(s);
  const tokens = findCurrencyTokens(cleared);
  const numbers = findNumbers(cleared, tokens);
  const i = choosePrimary(cleared, numbers, currencyFromContext(ctx) === 'GBP');
  if (i < 0) return freePrice(s, ctx);
  const primary = numbers[i];

  let low = primary;
  let high: NumberToken | null = null;
  if (rangeOf(cleared, primary, numbers[i + 1])) high = numbers[i + 1];
  else if (rangeOf(cleared, numbers[i - 1], primary)) [low, high] = [numbers[i - 1], primary];

  const currency = pickCurrency(low, high, tokens, ctx);

  const lowReading = readAmount(low, currency, ctx);
  if (!lowReading) return null;
  let range: ParsedPrice['range'] = null;
  if (high) {
    const highReading = readAmount(high, currency, ctx);
    if (highReading && highReading.minor > lowReading.minor) range = { lowMinor: lowReading.minor, highMinor: highReading.minor };
    else high = null;
  }
  const last = high ?? low;
  const before = cleared.slice(0, low.start);
  const after = cleared.slice(last.end);
  const unit = PER_UNIT.exec(after);
  return {
    amountMinor: lowReading.minor,
    amount: lowReading.amount,
    currency,
    range,
    from: FROM_BEFORE.test(before) || FROM_AFTER.test(after),
    free: lowReading.minor === 0 && FREE_WORDS.test(s),
    perUnit: unit ? unit[1].trim().replace(/\s+/g, ' ').replace(/^\/ /, '/') : instalment(before),
  };
}

/** How many currencies a mark can mean; a sign that names none ("₶") is the least specific. */
const readings = (m: Mark) => currencyCandidates(m.text).length || Number.POSITIVE_INFINITY;

/** The strongest mark; among equals the most specific ("MXN" over "$" in "$1,299 MXN"). */
function strongest(list: (Mark | null | undefined)[]): Mark | null {
  let best: Mark | null = null;
  for (const t of list) {
    if (!t) continue;
    if (!best || t.strength > best.strength || (t.strength === best.strength && readings(t) < readings(best))) best = t;
  }
  return best;
}

type Mark = Pick<CurrencyToken, 'text' | 'strength'>;

/**
 * The currency of the price: its own marks first, then any mark in the text or the hint. An
 * ambiguous sign is settled by an ISO code elsewhere in the text ("CLP $24.990") before the page.
 */
function pickCurrency(low: NumberToken, high: NumberToken | null, tokens: CurrencyToken[], ctx: PriceContext): string | null {
  const hintTokens = ctx.hint ? findCurrencyTokens(normalize(ctx.hint), true) : [];
  const subunitMark: Mark | null = low.subunit === '¢' ? { text: '$', strength: 3 } : low.subunit === 'p' ? { text: 'GBP', strength: 3 } : null;
  const symbol = strongest([low.before, low.after, high?.before, high?.after]) ?? subunitMark ?? strongest(tokens) ?? strongest(hintTokens);
  if (!symbol) return currencyFromContext(ctx);
  const candidates = currencyCandidates(symbol.text);
  if (candidates.length > 1) {
    for (const t of [...tokens, ...hintTokens]) {
      const named = currencyCandidates(t.text);
      if (named.length === 1 && candidates.includes(named[0])) return named[0];
    }
  }
  return resolveCurrency(symbol.text, ctx);
}
