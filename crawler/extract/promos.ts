// Promotion texts on the visible page: badges and banners near the product's title, price and buy
// button (class hints promo/coupon/badge/deal/discount/活动/优惠/促销, or any short text that reads
// like a promotion), never from carousels, navigation or footers. Parsing them into structured
// promotions is parse/promotions.ts's job.
import type { Element } from './dom.ts';
import type { Money, Promotion } from '../../store/model.ts';
import { looksLikePromotion } from '../parse/promotions.ts';
import type { PageLayout } from './anchors.ts';
import { readPriceText } from './numbers.ts';

const REACH = 10;
const MAX_PROMOTIONS = 12;
const PROMO_HINT = /promo|coupon|voucher|deal|discount|rabatt|remise|descuento|sconto|campaign|aktion|活动|優惠|优惠|促销|促銷|满减|券/i;
const BADGE_HINT = /badge|flag|sticker|(?:^|[\s_-])(?:label|tag)(?:$|[\s_-])/i;
/** Offers tied to a payment card, financing or a contract are not a price any buyer pays. */
const PAYMENT_TERMS =
  /credit|store card|\bcard\b|karte|carte|tarjeta|carta|financ|approval|membership rewards|reward points|tarif|contract|vertrag|klarna|paypal|afterpay|affirm|\bapr\b|interest|zinsen|ratenzahlung|信用卡|白条|花呗|分期/i;
/** "Up to 400 € off" names a best case, not what one unit costs. */
const UP_TO = /(?:^|[^\p{L}])(?:up to|bis zu|jusqu['’]?\s?à|hasta|fino a|até|do \d|최대|最高|最多|低至)/iu;
/** A badge text that runs on into the list price ("-59% UVP 1.219,00 €") is a price label, not a promotion. */
const LIST_WORDS_IN = /(?:^|[^\p{L}])(?:uvp|rrp|msrp|statt|was|原价|原價)(?![\p{L}])/iu;
const INLINE_TAGS = new Set(['span', 'b', 'strong', 'em', 'i', 'a', 'small', 'sup', 'mark', 'u']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'legend', 'label']);

function hintOf(el: Element | null): 'promo' | 'badge' | null {
  if (!el || el.type !== 'tag') return null;
  const t = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (PROMO_HINT.test(t)) return 'promo';
  return BADGE_HINT.test(t) ? 'badge' : null;
}

/** The element or the sentence around it speaks of a payment card or financing. */
function paymentContext(el: Element, texts: Map<Element, string>): boolean {
  let p: Element | null = el;
  // The element's and its parent's names, and for an inline element the sentence it sits in.
  const inline = INLINE_TAGS.has(el.name);
  for (let i = 0; i < 2 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (PAYMENT_TERMS.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''} ${i === 1 && inline ? texts.get(p) ?? '' : ''}`)) return true;
  }
  return false;
}

export interface PromotionText {
  text: string;
  /** Inside an element the shop marked as a promotion (promo, coupon, deal, 优惠…). */
  marked: boolean;
}

/** Short promotion texts near the product, de-duplicated, in page order. */
export function promotionTexts(layout: PageLayout, exclude: Set<string>): PromotionText[] {
  const out: PromotionText[] = [];
  const seen = new Set<string>();
  const { texts } = layout.scan;
  for (const { el, distance } of layout.nearBlocks()) {
    if (out.length >= MAX_PROMOTIONS) break;
    let text = texts.get(el);
    if (!text || text.length < 2 || text.length > 100 || HEADINGS.has(el.name) || distance > REACH) continue;
    // A lone label ("领 券", "Deals") says nothing a promotion could be read from.
    if (!/\d/.test(text) && text.replace(/[^\p{L}]/gu, '').length < 3) continue;
    const parent = el.parent as Element | null;
    const hint = hintOf(el) ?? hintOf(parent);
    const promoLike = looksLikePromotion(text);
    if (!promoLike && hint !== 'promo') continue;
    if (PAYMENT_TERMS.test(text) || paymentContext(el, texts)) continue;
    // A badge split over elements ("满199" + "减20") reads whole from its marked parent.
    const parentText = parent ? texts.get(parent) : undefined;
    if (!promoLike && hintOf(parent) === 'promo' && parentText && parentText.length <= 80 && looksLikePromotion(parentText)) text = parentText;
    // Unmarked price labels and attribute pairs ("Color: Blue", "Size: M") are not promotions.
    if (!promoLike && (readPriceText(text) || !/\p{L}/u.test(text) || /^[^:：\d]{2,24}[:：]/.test(text))) continue;
    if (LIST_WORDS_IN.test(text) && readPriceText(text.replace(/^[^\d]*%\s*/, '')) === null && /\d[.,]\d{2}/.test(text)) continue;
    const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (seen.has(key) || exclude.has(key)) continue;
    seen.add(key);
    out.push({ text, marked: hint === 'promo' });
  }
  return out;
}

/** Promotions one buyer of one unit can use: no payment-card or contract terms, no "up to" best cases. */
export function appliesToAnyBuyer(p: Promotion): boolean {
  return !PAYMENT_TERMS.test(p.text) && !UP_TO.test(p.text);
}

/**
 * Promotions whose discount the shown price already includes are not applied again: a "-30%"
 * badge next to a sale price, or a percentage / amount that equals the gap to the list price.
 */
export function alreadyInPrice(p: Promotion, price: Money, listPrice: Money | null): boolean {
  if (/^\s*[-−–]\s*\d+(?:[.,]\d+)?\s*%\s*$/.test(p.text)) return true;
  if (!listPrice || listPrice.currency !== price.currency || listPrice.amountMinor <= price.amountMinor) return false;
  const gap = listPrice.amountMinor - price.amountMinor;
  if (p.type === 'percent' && typeof p.percent === 'number') {
    return Math.abs((gap / listPrice.amountMinor) * 100 - p.percent) <= 1.5;
  }
  if (p.type === 'amount_off' && p.amount && p.amount.currency === price.currency) return Math.abs(p.amount.amountMinor - gap) <= 1;
  return false;
}
