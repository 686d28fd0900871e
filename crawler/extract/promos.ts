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
const PROMO_HINT = /promo|coupon|voucher|badge|deal|discount|rabatt|remise|descuento|sconto|offer-?tag|campaign|活动|優惠|优惠|促销|促銷|满减|券|sale-?tag|flag|sticker/i;
const WEAK_HINT = /(?:^|[\s_-])(?:label|tag)(?:$|[\s_-])/i;

function hintOf(el: Element | null): 'strong' | 'weak' | null {
  if (!el || el.type !== 'tag') return null;
  const t = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (PROMO_HINT.test(t)) return 'strong';
  return WEAK_HINT.test(t) ? 'weak' : null;
}

/** Short promotion texts near the product, de-duplicated, in page order. */
export function promotionTexts(layout: PageLayout, exclude: Set<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const { texts, textBlocks } = layout.scan;
  for (const el of textBlocks) {
    if (out.length >= MAX_PROMOTIONS) break;
    let text = texts.get(el);
    if (!text || text.length < 2 || text.length > 100) continue;
    const parent = el.parent as Element | null;
    const hint = hintOf(el) ?? hintOf(parent);
    const promoLike = looksLikePromotion(text);
    if (!promoLike && hint !== 'strong') continue;
    if (layout.distance(el) > REACH || layout.zoneOf(el)) continue;
    // A badge split over elements ("满199" + "减20") reads whole from its hinted parent.
    const parentText = parent ? texts.get(parent) : undefined;
    if (hintOf(parent) === 'strong' && parentText && parentText.length <= 80 && looksLikePromotion(parentText)) text = parentText;
    if (!promoLike && (readPriceText(text) || !/\p{L}/u.test(text))) continue;
    const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (seen.has(key) || exclude.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
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
