// Reading one price off a piece of shop text: "¥1,299.00", "1.299,00 €", "CHF 1'299.50",
// "￥99起", "$12 – $15", "Free". The text is first cleared of things that are numbers but not
// prices (percentages, dates, ratings, counts); then the number that a currency sign marks wins,
// its currency is resolved against the page, and its digits are read in the currency's
// convention (so "$24.990" on a Chilean page is 24990 pesos).
import { currencyCandidates, currencyFromContext, resolveCurrency } from './currency.ts';
import { decimalToMinor, minorDigits } from './money.ts';
import { digitsToString, readNumber, shiftDecimal } from './separators.ts';
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

const FREE_WORDS = /(?<!\p{L})(?:free|gratis|kostenlos|gratuit|gratuite|gratuito|grátis|darmowy|darmowe|za darmo|bezpłatn\p{L}*|бесплатно|免费|免費|無料|무료)(?!\p{L})/iu;
/** "Free shipping" is not a price of zero. */
const NOT_A_PRICE_FREE = /shipping|delivery|returns?|versand|lieferung|livraison|env[ií]o|spedizione|frete|dostaw|доставк|包邮|运费|配送|送料|배송|trial|gift|geschenk|cadeau|regalo|赠/iu;

const FROM_BEFORE = /(?:^|[^\p{L}])(?:from|starting at|starts at|starting from|as low as|ab|à partir de|a partir de|dès|desde|da|od|от|vanaf|fra|från|alkaen|低至|最低)\s*[:：]?\s*$/iu;
const FROM_AFTER = /^\s*(?:起售|起价|起|から|부터|~(?!\s*\d)|〜(?!\s*\d)|～(?!\s*\d)|\+(?!\s*\d))/u;
const RANGE_GAP = /^\s*(?:-|–|—|−|~|〜|～|to|bis|à|a|al|hasta|até|do|до|至|到)\s*$/iu;
const PER_UNIT = /^\s*(\/\s*(?:\d+(?:[.,]\d+)?\s*)?\p{L}[\p{L}\d]*\.?|(?:per|pro|par|por|al|je|за)\s+(?:\d+\s*)?\p{L}+|(?:a|an)\s+(?:month|year|week|day)|each|ea\.|mtl\.|monatlich|mensuel|mensual|\/\s*月|每月|\s*x\s*\d+\s*(?:months?|mois|Monate|meses|mesi|期))/iu;
/** Instalments written before the amount: "12x de R$ 108,33", "12 cuotas de $1.299", "月供¥99". */
const INSTALMENT_BEFORE = /(?:(\d+)\s*(?:x|×|cuotas|mensualidades|meses|parcelas|rate|raty|Raten|期)\s*(?:de|von|di|po|sin interés|sem juros)?|(月供|月付|每月|分期))\s*[:：]?\s*$/iu;

function instalment(before: string): string | null {
  const m = INSTALMENT_BEFORE.exec(before);
  if (!m) return null;
  return m[1] ? `${m[1]}x` : '/月';
}
const MULTIPLIERS: Record<string, number> = { 千: 3, 万: 4, 萬: 4, 亿: 8, 億: 8 };

/** Replace with spaces, keeping every other character where it was. */
function blank(s: string, re: RegExp): string {
  return s.replace(re, (m) => ' '.repeat(m.length));
}

/** Remove numbers that are not prices: percentages, dates, times, ratings, counts. */
function blankNonPrices(s: string): string {
  let t = s;
  t = blank(t, /[-−–]?\s?\d+(?:[.,]\d+)?\s*%/gu);
  t = blank(t, /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?/gu);
  t = blank(t, /(?<![\d.,])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d.,]*\d)/gu);
  t = blank(t, /\d{1,2}\s*月\s*\d{1,2}\s*[日号]?/gu);
  t = blank(t, /(?<![\d.,])\d{1,2}:\d{2}(?::\d{2})?(?![\d])/gu);
  t = blank(t, /\d\s*つ星のうち\s*\d(?:[.,]\d)?/gu);
  t = blank(t, /(?<![\d.,])\d(?:[.,]\d{1,2})?\s*(?:out of|von|sur|su|de|z|из|の)\s*(?:5|10)(?![\d.,])/giu);
  t = blank(t, /(?<![\p{Sc}\d.,]\s?)\d(?:[.,]\d{1,2})?\s*\/\s*(?:5|10)(?![\d.,])/gu);
  t = blank(t, /(?<![\d.,])\d(?:[.,]\d{1,2})?\s*(?:stars?|Sterne\p{L}*|étoiles?|estrellas?|stelle|estrelas?|gwiazd\p{L}*|звезд\p{L}*|星|분|分(?!钟))/giu);
  t = blank(t, /(?:已售|已拼|销量|月销|sold|verkauft)\s*[:：]?\s*\d[\d.,'’ ]*(?:\s*[kKmM万萬])?\s*\+?/giu);
  t = blank(
    t,
    /\d[\d.,'’ ]*(?:\s*[kKmM万萬])?\s*\+?\s*(?:customer |global )?(?:ratings?|reviews?|Bewertungen|Rezensionen|avis|évaluations|valoraciones|opiniones|recensioni|avaliações|opinii|отзыв\p{L}*|条评价|条评论|人评价|评价|sold|verkauft|vendus|vendidos|venduti|已售|人付款|人已购买|人收货|件已售|人想要)/giu,
  );
  return t;
}

function decimalSeparatorOf(lang: string | null | undefined): '.' | ',' | null {
  if (!lang) return null;
  try {
    const part = new Intl.NumberFormat(lang.replace(/_/g, '-')).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : part?.value === '.' ? '.' : null;
  } catch {
    return null;
  }
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
function choosePrimary(numbers: NumberToken[], pence: boolean): number {
  let best = -1;
  let bestScore = -1;
  numbers.forEach((n, i) => {
    if (n.quantity || n.glued || (n.subunit === 'p' && !pence)) return;
    const subunitStrength = n.subunit ? 3 : 0;
    const score = Math.max(n.before?.strength ?? 0, n.after?.strength ?? 0, subunitStrength);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
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
  const i = choosePrimary(numbers, currencyFromContext(ctx) === 'GBP');
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

/** The strongest mark; among equals the most specific ("MXN" over "$" in "$1,299 MXN"). */
function strongest(list: (Mark | null | undefined)[]): Mark | null {
  let best: Mark | null = null;
  for (const t of list) {
    if (!t) continue;
    if (!best || t.strength > best.strength || (t.strength === best.strength && currencyCandidates(t.text).length < currencyCandidates(best.text).length)) best = t;
  }
  return best;
}

type Mark = Pick<CurrencyToken, 'text' | 'strength'>;

/**
 * The currency of the price: its own marks first, then any mark in the text or the hint. An
 * ambiguous sign is settled by an ISO code elsewhere in the text ("CLP $24.990") before the page.
 */
function pickCurrency(low: NumberToken, high: NumberToken | null, tokens: CurrencyToken[], ctx: PriceContext): string | null {
  const hintTokens = ctx.hint ? findCurrencyTokens(normalize(ctx.hint)) : [];
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
