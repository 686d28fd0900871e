// Reading one price off a piece of shop text: "¥1,299.00", "1.299,00 €", "CHF 1'299.50",
// "￥99起", "$12 – $15", "Free". The text is first cleared of things that are numbers but not
// prices (percentages, dates, ratings, counts); then the number that a currency sign marks wins,
// its currency is resolved against the page, and its digits are read in the currency's
// convention (so "$24.990" on a Chilean page is 24990 pesos).
import { currencyFromContext, resolveCurrency } from './currency.ts';
import { decimalToMinor, minorDigits } from './money.ts';
import { digitsToString, readNumber, shiftDecimal } from './separators.ts';
import { findCurrencyTokens, findNumbers, type NumberToken } from './tokens.ts';

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
const PER_UNIT = /^\s*(\/\s*(?:\d+(?:[.,]\d+)?\s*)?[\p{L}²³]+\.?|(?:per|pro|par|por|al|je|за)\s+(?:\d+\s*)?\p{L}+|(?:a|an)\s+(?:month|year|week|day)|each|ea\.|mtl\.|monatlich|mensuel|mensual|\/\s*月|每月|\s*x\s*\d+\s*(?:months?|mois|Monate|meses|mesi|期))/iu;
const PER_UNIT_BEFORE = /(?:月供|月付|每月|分期)\s*[:：]?\s*$/u;
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
  let d = readNumber(n.text, { minorDigits: digits, decimalSeparator });
  if (!d) return null;
  if (n.multiplier) d = shiftDecimal(d, MULTIPLIERS[n.multiplier]);
  const amount = digitsToString(d);
  return { amount, minor: decimalToMinor(amount, digits ?? 2) };
}

function freePrice(s: string, ctx: PriceContext): ParsedPrice | null {
  if (!FREE_WORDS.test(s) || NOT_A_PRICE_FREE.test(s)) return null;
  const currency = currencyFromContext(ctx);
  return { amountMinor: 0, amount: '0', currency, range: null, from: false, free: true, perUnit: null };
}

/** Pick the number a currency marks, strong marks ("$", "EUR", "元") over letter ones ("ft", "kr"). */
function choosePrimary(numbers: NumberToken[]): number {
  let best = -1;
  let bestScore = -1;
  numbers.forEach((n, i) => {
    const score = (n.glued ? 0 : 10) + Math.max(n.before?.strength ?? 0, n.after?.strength ?? 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** Parse the price a piece of shop text shows, or null when it shows none. */
export function parsePrice(text: string, ctx: PriceContext = {}): ParsedPrice | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ');
  if (!/\d/.test(s)) return freePrice(s, ctx);
  const cleared = blankNonPrices(s);
  const tokens = findCurrencyTokens(cleared);
  const numbers = findNumbers(cleared, tokens);
  if (numbers.length === 0) return freePrice(s, ctx);
  const i = choosePrimary(numbers);
  const primary = numbers[i];

  let low = primary;
  let high: NumberToken | null = null;
  const next = numbers[i + 1];
  const prev = numbers[i - 1];
  if (next && RANGE_GAP.test(cleared.slice(primary.end, next.start))) high = next;
  else if (prev && !prev.glued && RANGE_GAP.test(cleared.slice(prev.end, primary.start))) [low, high] = [prev, primary];

  const symbol =
    strongest([low.before, low.after, high?.before, high?.after]) ??
    strongest(tokens) ??
    strongest(ctx.hint ? findCurrencyTokens(ctx.hint.normalize('NFKC')) : []);
  const currency = symbol ? resolveCurrency(symbol.text, ctx) : currencyFromContext(ctx);

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
    perUnit: unit ? unit[1].trim().replace(/\s+/g, ' ') : PER_UNIT_BEFORE.test(before) ? '/月' : null,
  };
}

function strongest<T extends { strength: number; text: string }>(list: (T | null | undefined)[]): T | null {
  let best: T | null = null;
  for (const t of list) if (t && (!best || t.strength > best.strength)) best = t;
  return best;
}
