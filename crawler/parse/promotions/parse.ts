// One promotion text → one structured Promotion. The words decide the kind (patterns.ts); the
// figures fill the fields the kind uses (fields.ts); unknown texts are kept as 'other'.
import type { Promotion, PromotionType } from '../../../store/model.ts';
import { arabicNumerals, couponCode, money, moneyMentions, percentOff, quantityOf, thresholdTiers, type MoneyMention } from './fields.ts';
import { AMOUNT_OFF, CAMPAIGN, isPercentOff, typeFromWords } from './patterns.ts';
import { parseEndsAt } from './time.ts';

export interface PromotionContext {
  /** Currency of the page's prices: amounts in the text are read in it. */
  currency: string;
  /** UTC ISO crawl time, to place relative end times ("ends in 3h"). */
  now?: string;
  lang?: string | null;
}

/** Texts that give a price after the promotion ("券后价¥89", "到手价"), not an amount off. */
const PRICE_AFTER = /券后|券後|到手|after coupon|nach gutschein|après coupon/iu;
/** Fixed-price kinds: their money is the price a buyer pays, recorded as `amount`. */
const FIXED_PRICE: PromotionType[] = ['member_price', 'group_buy', 'presale'];

const REDUCTION_MARK = new RegExp(`${AMOUNT_OFF.source}|(?:^|\\s)[-−](?=\\s*\\p{Sc}?\\s*\\d)`, 'giu');

/** The money written nearest to a reduction word ("Was $59.99 Save $10" → $10), or null. */
function reductionAmount(s: string, mentions: MoneyMention[]): MoneyMention | null {
  const marks = [...s.matchAll(REDUCTION_MARK)].map((m) => [m.index, m.index + m[0].length] as const);
  let best: MoneyMention | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const mention of mentions) {
    if (mention.labelled) continue;
    for (const [start, end] of marks) {
      // On a tie the amount after the word wins: "Save $10", "立减20" outnumber "$10 off".
      const distance = mention.index >= end ? mention.index - end : mention.end <= start ? start - mention.end + 0.5 : 0;
      if (distance < bestDistance) {
        best = mention;
        bestDistance = distance;
      }
    }
  }
  return best;
}

export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Which kind a text names: by its words, else by its figures, else 'other'. */
export function promotionType(s: string, hasThreshold: boolean): PromotionType {
  const byWords = typeFromWords(s);
  if (byWords) return byWords;
  if (couponCode(s)) return 'coupon';
  const reduction = AMOUNT_OFF.test(s) || isPercentOff(s) || /(?:^|\s)[-−]\s*(?:\p{Sc}\s*)?\d/u.test(s);
  if (hasThreshold && (reduction || /满|滿/u.test(s))) return 'threshold';
  if (isPercentOff(s)) return 'percent';
  if (reduction) return 'amount_off';
  return 'other';
}

/** Parse one promotion text; always returns a promotion (type 'other' when unknown). */
export function parsePromotion(text: string, ctx: PromotionContext): Promotion {
  const raw = cleanText(text);
  const s = arabicNumerals(raw.normalize('NFKC'));
  const { currency } = ctx;
  const { tiers, repeat } = thresholdTiers(s, currency);
  const mentions = moneyMentions(s, currency);
  const thresholdMention = mentions.find((m) => m.threshold);
  const type = promotionType(s, tiers.length > 0 || !!thresholdMention);
  const promo: Promotion = { type, text: raw };

  const percent = percentOff(s);
  const endsAt = parseEndsAt(s, ctx.now, ctx.lang);
  if (endsAt) promo.endsAt = endsAt;

  if (tiers.length > 0) {
    promo.threshold = tiers[0].threshold;
    promo.amount = tiers[0].amount;
    if (tiers.length > 1) promo.tiers = tiers;
    if (repeat) promo.repeat = true;
  } else {
    const others = mentions.filter((m) => !m.threshold);
    if (thresholdMention) promo.threshold = money(thresholdMention.minor, currency);
    if (type === 'free_shipping') {
      // "free shipping over $35", "满99包邮": the only figure is the threshold.
      if (!promo.threshold && mentions.length > 0) promo.threshold = money(mentions[0].minor, currency);
    } else if (FIXED_PRICE.includes(type)) {
      const fixed = others.find((m) => m.labelled) ?? (type === 'presale' ? null : others[0]);
      if (fixed) promo.amount = money(fixed.minor, currency);
    } else if (type === 'bundle') {
      const setPrice = /(?<!\d)\d+\s+(?:for|für|pour|por|per|za)\s+/iu.test(s) ? others[0] : null;
      const off = setPrice ?? reductionAmount(s, others);
      if (off) promo.amount = money(off.minor, currency);
    } else if (type === 'amount_off' || type === 'threshold' || type === 'coupon') {
      // A coupon's figure is its value even without "off"; "券后价¥89" is the price after it.
      const fallback = type === 'coupon' && PRICE_AFTER.test(s) ? null : others.find((m) => !m.labelled);
      const off = reductionAmount(s, others) ?? fallback;
      if (off) promo.amount = money(off.minor, currency);
    } else if (type === 'flash_sale' && percent === null) {
      // "秒杀 ¥99" shows the deal price; only "直降200" / "$30 off" is an amount off.
      const off = reductionAmount(s, others);
      if (off) promo.amount = money(off.minor, currency);
    }
  }

  if (percent !== null && type !== 'free_shipping' && type !== 'gift' && !(type === 'points' && !isPercentOff(s))) {
    promo.percent = percent;
  }
  if (type === 'bundle') {
    const quantity = quantityOf(s);
    // "满1件9折" asks for one unit: a plain reduction, which one unit's price can use.
    if (quantity === 1) promo.type = promo.percent != null ? 'percent' : 'amount_off';
    else if (quantity !== null) promo.quantity = quantity;
    if (promo.percent == null && /送|get\s+\S+\s+free|gratis|offert|gratuit|free(?!\s+ship)|[1-3]\s*\+\s*1|bogo|\d+\s*(?:for|für|pour|por|per|x)\s*\d|(?:pague|paghi|paye[sz]?|zahle?n?)\s+\d/iu.test(s) && !promo.amount) {
      promo.percent = 100;
    }
  } else if (type === 'group_buy') {
    const quantity = /(\d+)\s*人/u.exec(s);
    if (quantity) promo.quantity = Number(quantity[1]);
  }
  if (type === 'coupon') {
    const code = couponCode(raw);
    if (code) promo.code = code;
  }
  return promo;
}

/** True when a short piece of visible text reads like a promotion badge or banner. */
/** "(1 oferta)", "12 offers", "3 Angebote": a count of the product's offers or sellers, not an offer. */
const OFFER_COUNT = /(?<![\d.,])\d+\s*(?:new |used |more )?(?:ofertas?|offers?|offres?|offerte?|angebote?n?|ofert[ay]?|aanbieding(?:en)?|erbjudanden|tilbud|deals?|sellers?|vendedores?|vendeurs?|händler|verkäufer)(?!\p{L})/giu;

export function looksLikePromotion(text: string): boolean {
  const s = arabicNumerals(cleanText(text).normalize('NFKC')).replace(OFFER_COUNT, ' ');
  if (s.length === 0 || s.length > 160) return false;
  if (typeFromWords(s) !== null) return true;
  if (isPercentOff(s) || CAMPAIGN.test(s)) return true;
  if (/(?:每)?满\s*\d+\s*(?:元)?\s*减\s*\d+/u.test(s)) return true;
  return AMOUNT_OFF.test(s) && /\d/.test(s);
}
