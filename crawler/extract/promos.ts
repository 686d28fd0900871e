// Promotion texts on the visible page: badges and banners near the product's title, price and buy
// button (class hints promo/coupon/badge/deal/discount/活动/优惠/促销, or any short text that reads
// like a promotion), never from carousels, navigation or footers. Parsing them into structured
// promotions is parse/promotions.ts's job.
import type { Element } from './dom.ts';
import type { Money, Promotion } from '../../store/model.ts';
import { looksLikePromotion, typeFromWords } from '../parse/promotions.ts';
import type { PageLayout } from './anchors.ts';
import { readPriceText } from './numbers.ts';
import { availabilityFromText } from '../parse/stock.ts';
import { insideBuyButton, stockHinted } from './stock.ts';

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
/** Headings and the terms of label/value lists ("<dt>促销价</dt>") name what follows; they are not offers. */
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'legend', 'label', 'dt']);
/** A label for the price beside it ("促销价", "Sale price", "Aktionspreis"), without a figure of its own. */
const PRICE_LABEL = /(?:价|價|価格|price|prix|preis|precio|prezzo|pre[çc]o|cena|prijs|pris|цена|가격)\s*[:：]?\s*$/iu;
/** A count of reviews, ratings or sales ("734 reviews", "1.2万+条评价", "500+ sold"). */
const COUNT_TEXT =
  /^[^\p{L}\d]*\d[\d.,'’ ]*\s*[kKmM万萬千]?\s*\+?\s*(?:customer |global |verified )?(?:reviews?|ratings?|comments?|bewertungen|rezensionen|avis|opiniones|reseñas|valoraciones|recensioni|avaliações|opiniões|opinii|ocen|отзыв\p{L}*|beoordelingen|条评价|条评论|条|人评价|评价|評價|件のレビュー|件|리뷰|sold|bought|verkauft|vendus?|vendidos?|venduti|已售|人付款|人已购买|人购买|answered questions)(?:\s+(?:in|im|dans|en|this|last)\s[\p{L} ]{1,20})?[^\p{L}\d]*$/iu;
/** A marketplace's other-offers line ("Neu (6) ab 570,01 €", "New (5) from $12.99"): other sellers, not a promotion. */
const OTHER_OFFERS = /^(?:new|used|neu|gebraucht|neuf|occasion|d'occasion|nuevo|usado|nuovo|usato|nowy|używany|新品|中古)\s*(?:&\s*\p{L}+\s*)?\(\d+\)/iu;
/** Promotions whose words say everything without a figure ("包邮", "赠品"): complete even when short. */
const COMPLETE_WITHOUT_FIGURE = new Set(['free_shipping', 'gift']);

function hintOf(el: Element | null): 'promo' | 'badge' | null {
  if (!el || el.type !== 'tag') return null;
  const t = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (PROMO_HINT.test(t)) return 'promo';
  return BADGE_HINT.test(t) ? 'badge' : null;
}

/** The element or the sentence around it speaks of a payment card or financing. */
function paymentContext(el: Element, texts: Map<Element, string>): boolean {
  let p: Element | null = el;
  // The element's and its parent's names and link targets ("/popup/globalCreditCard"), and for an
  // inline element the sentence it sits in.
  const inline = INLINE_TAGS.has(el.name);
  for (let i = 0; i < 2 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (PAYMENT_TERMS.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''} ${p.attribs.href ?? ''} ${i === 1 && inline ? texts.get(p) ?? '' : ''}`)) return true;
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
  const buttons = new Set([...layout.scan.buyButtons, ...layout.scan.formButtons]);
  for (const { el, distance } of layout.nearBlocks()) {
    if (out.length >= MAX_PROMOTIONS) break;
    let text = texts.get(el);
    if (!text || text.length < 2 || text.length > 100 || HEADINGS.has(el.name) || distance > REACH) continue;
    // A lone label ("领 券", "Deals", "促销价") says nothing a promotion could be read from; "包邮" does.
    if (!/\d/.test(text) && ((text.replace(/[^\p{L}]/gu, '').length < 3 && !COMPLETE_WITHOUT_FIGURE.has(typeFromWords(text) ?? '')) || PRICE_LABEL.test(text))) continue;
    if (COUNT_TEXT.test(text) || OTHER_OFFERS.test(text)) continue;
    // The buy button's label ("支付定金", "Pre-order") and a stock statement ("预售中", "Only 3 left") are not offers.
    if (insideBuyButton(el, buttons) || (!/%|\p{Sc}|\d[.,]\d/u.test(text) && stockHinted(el) && availabilityFromText(text))) continue;
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
    // "& Kostenlose Lieferung" continues a line already read.
    const key = text.toLowerCase().replace(/\s+/g, ' ').replace(/^(?:[&+]|and|und|et|y|e)\s+/, '').trim();
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

/** Words that put a reduction on top of the shown price: taken at checkout, not shown in it. */
const ON_TOP =
  /(?<!\p{L})(?:extra|additional|further|another|on top|at checkout|in (?:the )?(?:cart|basket|bag)|when you (?:add|buy)|zusätzlich\p{L}*|weitere\p{L}*|im warenkorb|an der kasse|supplémentaire\p{L}*|en plus|en caisse|au panier|adicional\p{L}*|en el carrito|en caja|aggiuntiv\p{L}*|ulterior\p{L}*|nel carrello|dodatkow\p{L}*|w koszyku)(?!\p{L})|额外|再减|再享|再打|叠加|下单|结算|到手|券后/iu;

/** A claim about what the shown price already saves ("You save $10", "Sie sparen 15 %"). */
const SAVED = /(?<!\p{L})(?:you save|you saved|sie sparen|du sparst|vous économisez|ahorras|usted ahorra|risparmi|você economiza|oszczędzasz|u bespaart|du sparar)(?!\p{L})/iu;

/**
 * Promotions whose discount the shown price already includes are not applied again:
 * - a bare "-30%" badge next to a price, and "you save" claims;
 * - on a page that shows a sale (a list price above the price), a plain percentage or amount off:
 *   "Save $21.90" or "15% off" that match the gap to the struck price, and a campaign's badge
 *   ("Weekend Sale: 15% off", "Midweek Deal: $10 off") even when the struck price is an RRP the
 *   gap cannot be checked against: it announces the sale the page shows.
 * Reductions that say they come on top (coupons, codes, spend thresholds, "extra", "at checkout")
 * always apply.
 */
export function alreadyInPrice(p: Promotion, price: Money, listPrice: Money | null): boolean {
  if (/^\s*[-−–]\s*\d+(?:[.,]\d+)?\s*%\s*$/.test(p.text)) return true;
  const plainSale = p.type === 'percent' || p.type === 'amount_off' || p.type === 'flash_sale';
  if (!plainSale || p.code || p.threshold || p.tiers?.length || ON_TOP.test(p.text)) return false;
  if (SAVED.test(p.text)) return true;
  if (!listPrice || listPrice.currency !== price.currency || listPrice.amountMinor <= price.amountMinor) return false;
  return true;
}
