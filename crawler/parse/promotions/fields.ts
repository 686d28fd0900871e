// The figures inside a promotion text: money amounts and which of them is a spend threshold,
// 满减 tiers, a percentage (from "%", "8折", "半价"), a quantity, a coupon code.
import type { Money, PromotionTier } from '../../../store/model.ts';
import { decimalToMinor, isCurrencyCode, minorDigits } from '../money.ts';
import { digitsToString, NUMBER_SOURCE, readNumber } from '../separators.ts';
import { monthOf } from './time.ts';

const CN_DIGITS: Record<string, string> = { 一: '1', 二: '2', 两: '2', 兩: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };

/** "买一送一" → "买1送1", "第二件" → "第2件", "五折" → "5折": Chinese numerals where they count. */
export function arabicNumerals(s: string): string {
  return s
    .replace(/(?<=[买買送第满滿任])([一二两兩三四五六七八九十])/gu, (c) => CN_DIGITS[c])
    .replace(/([一二两兩三四五六七八九十])(?=[折件送人个個份瓶盒])/gu, (c) => CN_DIGITS[c]);
}

export interface MoneyMention {
  index: number;
  end: number;
  minor: number;
  /** Written after a threshold word ("满", "over", "ab", "dès") or followed by "+" / "以上". */
  threshold: boolean;
  /** Written right after a price label ("会员价", "price", "was"): a price, not an amount off. */
  labelled: boolean;
}

const THRESHOLD_BEFORE =
  /(?:每?满|滿|superiori a|per ordini (?:superiori a|da|sopra)|spend(?:ing)?|orders? (?:of|over|above)|purchases? (?:of|over|above)|(?<!\p{L})(?:over|above)|min(?:imum)?\.?(?: spend| purchase| order(?: value)?)?(?: of)?|(?<!\p{L})ab|bestellwert(?: von| ab)?|einkaufswert(?: von| ab)?|dès|à partir de|a partir de|desde|superiores? a|sopra|oltre|a partire da|spesa minima(?: di)?|acima de|(?<!\p{L})od|powyżej|при заказе от|(?<!\p{L})от)\s*[:：]?\s*$/iu;
const THRESHOLD_AFTER = /^\s*(?:\+|以上|or more|und mehr|et plus|o más|e oltre|ou mais)/iu;
const PRICE_LABEL = /(?:价|價|price|preis|prix|precio|prezzo|pre[çc]o|cena|цена|価格|가격|가|(?<!\p{L})(?:was|statt|uvp|rrp|avant|antes|prima|było))\s*[:：]?\s*$/iu;
const CURRENCY_MARK = "(?:[\\p{Sc}]|US\\$|[A-Z]{3}|RMB|元|块|円|원|zł|kr\\.?|Kč|Ft|lei|Rs\\.?|R\\$|CHF|Fr\\.)";

/** "Nov 30", "30 novembre": a month name next to a day. */
const MONTH_DAY = /(?<!\p{L})(\p{L}{3,})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?![\d.,])|\d{1,2}\.?\s+(\p{L}{3,})/giu;

/** Numbers that are not money: percentages, 折, counts of items or people, durations, times, dates. */
function blankNonMoney(s: string, lang?: string | null): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return s
    .replace(/\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}月\d{1,2}[日号]?|\d{1,2}:\d{2}(?::\d{2})?/gu, blank)
    .replace(/\d+(?:[.,]\d+)?\s*(?:%|折|件|人|个|個|倍|天|日|小时|小時|時間|分钟|分鐘|秒|期|点|點|x(?!\p{L})|×|days?|hours?|hrs?|mins?|minutes?|seconds?|h(?!\p{L})|m(?!\p{L})|s(?!\p{L})|st(?:ü|u)ck|items?|pcs|pieces?|artikel\p{L}*|articles?|art[ií]culos?|articoli|artigos|produkt\p{L}*|produits?|つ|points?|punkte|Std\.?|stunden|tage?n?|jours?|heures?|d[ií]as?|horas?|giorni|ore|dias|dni|godz|дн\p{L}*|час\p{L}*|мин\p{L}*|積分|积分|ポイント|포인트)/giu, blank)
    .replace(/(?:第|买|買|送|buy|get|kauf\p{L}*|x)\s*\d+/giu, blank)
    .replace(/(?<![\d.,])[1-9]\s*(?:\+|for|für|pour|por|per|za|x)\s*[1-9](?![\d.,])(?!\s*(?:\p{Sc}|€|zł|元|kr))/giu, blank)
    .replace(/(?<![\d.,])[1-9]\s*(?:for|für|pour|por|per|za)(?=\s*(?:\p{Sc}|\d))/giu, blank)
    .replace(MONTH_DAY, (m: string, a?: string, b?: string) => (monthOf(a ?? b ?? '', lang) !== null ? blank(m) : m));
}

// Digits glued to letters ("SAVE10", "ETE15", "2ème") are codes and ordinals, not money.
const MONEY_RE = new RegExp(`(?<![\\p{Script=Latin}\\d])(${CURRENCY_MARK}\\s?)?(${NUMBER_SOURCE})(\\s?${CURRENCY_MARK})?(?!\\p{Script=Latin})`, 'gu');

/** Every money amount in a promotion text, in the promotion's currency. */
export function moneyMentions(s: string, currency: string, lang?: string | null): MoneyMention[] {
  const digits = minorDigits(currency);
  const cleared = blankNonMoney(s, lang);
  const out: MoneyMention[] = [];
  for (const m of cleared.matchAll(MONEY_RE)) {
    if ([m[1], m[3]].some((mark) => mark && /^\s*[A-Z]{3}\s*$/.test(mark) && !isCurrencyCode(mark.trim()))) continue;
    const d = readNumber(m[2], { minorDigits: digits });
    if (!d) continue;
    const before = cleared.slice(0, m.index);
    const after = cleared.slice(m.index + m[0].length);
    out.push({
      index: m.index,
      end: m.index + m[0].length,
      minor: decimalToMinor(digitsToString(d), digits),
      threshold: THRESHOLD_BEFORE.test(before) || THRESHOLD_AFTER.test(after),
      labelled: PRICE_LABEL.test(before),
    });
  }
  return out;
}

const TIER_RE = /(每)?(?:满|滿)\s*(\d+(?:[,.]\d+)*)\s*(?:元|块|rmb)?\s*[，,、]?\s*(?:可|再|立|即)?\s*(?:减|減|立减|立減|-|省|返)\s*(\d+(?:[,.]\d+)*)\s*(?:元|块)?/giu;

/** 满减 tiers: "满200减20/满400减50" → two tiers; "每满200减30" repeats. */
export function thresholdTiers(s: string, currency: string): { tiers: PromotionTier[]; repeat: boolean } {
  const digits = minorDigits(currency);
  const tiers: PromotionTier[] = [];
  let repeat = false;
  for (const m of s.matchAll(TIER_RE)) {
    const t = readNumber(m[2], { minorDigits: digits });
    const a = readNumber(m[3], { minorDigits: digits });
    if (!t || !a) continue;
    if (m[1]) repeat = true;
    tiers.push({
      threshold: { amountMinor: decimalToMinor(digitsToString(t), digits), currency },
      amount: { amountMinor: decimalToMinor(digitsToString(a), digits), currency },
    });
  }
  tiers.sort((x, y) => x.threshold.amountMinor - y.threshold.amountMinor);
  return { tiers, repeat };
}

/** Percent off: "8折" → 20, "85折" → 15, "半价" → 50, "-20%" / "20% off" → 20. */
export function percentOff(s: string): number | null {
  const zhe = /(?<![\d.])(\d{1,2}(?:\.\d{1,2})?)\s*折/u.exec(s);
  if (zhe) {
    const written = zhe[1];
    // "8折" / "8.5折" count tenths paid; "85折" counts hundredths paid.
    const paid = /^\d{2}$/.test(written) ? Number(written) : round(Number(written) * 10);
    if (paid > 0 && paid < 100) return round(100 - paid);
  }
  if (/半价|半價|half price|half off|moitié prix|mitad de precio|metà prezzo|metade do preço|pół ceny/iu.test(s)) return 50;
  // "27% claimed", "已抢56%" measure a deal's progress, not its size.
  const pct = /(?<![\d.,]|已抢|已售|抢购进度)(\d{1,3}(?:[.,]\d+)?)\s*%(?!\s*(?:claimed|sold|verkauft|vendu|vendido|已抢|已售|positive|好评))/iu.exec(s);
  if (pct) {
    const v = Number(pct[1].replace(',', '.'));
    if (v > 0 && v <= 100) return v;
  }
  return null;
}

function round(v: number): number {
  return Number(v.toFixed(4));
}

const CODE_RE =
  /(?:promo ?code|coupon code|discount code|code promo|code de réduction|gutscheincode|rabattcode|aktionscode|c[óo]digo(?: promocional| de descuento| de cupom)?|codice(?: sconto| promo)?|kod(?: rabatowy| promocyjny)?|промокод|优惠码|優惠碼|兑换码|口令|クーポンコード|쿠폰 ?코드|(?<!\p{L})code)\s*[:：]?\s*["“'‘「«]?([A-Za-z0-9][A-Za-z0-9_-]{2,24})/iu;

/** A coupon code as shown: "Use code SAVE10" → "SAVE10". Codes are capitals or carry a digit. */
export function couponCode(s: string): string | null {
  const m = CODE_RE.exec(s);
  if (!m) return null;
  const code = m[1];
  return /\d/.test(code) || code === code.toUpperCase() ? code : null;
}

const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

function num(word: string): number {
  return WORD_NUMBERS[word.toLowerCase()] ?? Number(word);
}

/** How many items a bundle or group needs: "第2件" → 2, "买1送1" → 2, "Buy 2 get 1" → 3, "3人团" → 3. */
export function quantityOf(s: string): number | null {
  let m = /第\s*(\d+)\s*件/u.exec(s) ?? /(\d+)\s*(?:e|ème|eme|º|ª|rd|th|nd)\s+(?:article\s+)?(?:offert|gratuit|gratis|free)/iu.exec(s) ?? /leve\s+(\d+)\s+pague/iu.exec(s);
  if (m) return Number(m[1]);
  if (/(?:trzeci|terceiro|tercero|third|troisième|terzo|dritte)\p{L}*\s+(?:\p{L}+\s+)?(?:gratis|free|offert|grátis|gratuito)/iu.test(s)) return 3;
  m = /[买買]\s*(\d+)\s*(?:件\s*)?送\s*(\d+)/u.exec(s) ?? /buy\s+(\d+|one|two|three|four|five)\s+get\s+(\d+|one|two|three|four|five)/iu.exec(s);
  if (m) return num(m[1]) + num(m[2]);
  if (/(?<!\p{L})bogo(?!\p{L})/iu.test(s)) return 2;
  m = /(?<![\d.])([1-3])\s*\+\s*(1)(?![\d%])/u.exec(s);
  if (m) return Number(m[1]) + Number(m[2]);
  m = /(\d+)\s*(?:人团|人團|人拼|人成团)|(?:满|滿|任选|任選)?\s*(\d+)\s*(?:件|点以上|個以上|つ以上)/u.exec(s);
  if (m) return Number(m[1] ?? m[2]);
  m = /(?<!\d)(\d+)\s+(?:for|für|pour|por|per|za)\s+(?:\p{Sc}|\d)/iu.exec(s) ?? /(?<![\d.,])([2-5])\s*x\s*[1-4](?![\d.,])/iu.exec(s);
  if (m) return Number(m[1]);
  m = /(?:buy|kauf\p{L}*)\s+(\d+|one|two|three|four|five)/iu.exec(s);
  if (m) return num(m[1]);
  if (/(?:2nd|second|2e|2ème|deuxième|segunda|seconda|druga|второй|2\s*[ªa°]\s*unidad)/iu.test(s)) return 2;
  return null;
}

export function money(minor: number, currency: string): Money {
  return { amountMinor: minor, currency };
}
