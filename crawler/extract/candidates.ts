// Judging every price sighting on the visible page once: is it the product's selling price, its
// struck list price, or noise (hidden, in a carousel or the cart, an instalment, a unit price,
// shipping, a saving)? And how strongly does it look like the product's price (hints, distance to
// the title and buy button, currency shown, font size when the page was rendered)?
import type { Element } from './dom.ts';
import { parsePrice, type ParsedPrice, type PriceContext } from '../parse/price.ts';
import type { PageLayout } from './anchors.ts';
import {
  attrHints, H_INSTALMENT, H_ITEMPROP_PRICE, H_LIST, H_PRICE, H_SALE, H_SAVING, H_SHIPPING, H_TOTAL, H_UNIT, H_WEAK_LIST,
  INSTALMENT_WORDS, LIST_WORDS, LOWEST_30_DAYS, LIST_WORDS_AFTER, SAVING_WORDS, SHIPPING_WORDS, TOTAL_WORDS, UNIT_WORDS, WEAK_LIST_WORDS,
} from './hints.ts';
import { LAYOUT_ATTRIBUTES } from './layout.ts';
import type { Sighting } from './scan.ts';

export type PriceRole = 'selling' | 'list' | 'excluded';

export interface VisiblePrice {
  el: Element;
  text: string;
  parsed: ParsedPrice;
  role: PriceRole;
  /** Why a sighting is excluded or counts as a list price. */
  reason: string | null;
  /** A label like "Regular price" that is struck only when a sale price shows beside it. */
  weakList: boolean;
  score: number;
  distance: number;
  order: number;
  /** Its markup names it a price (class, id, itemprop, data attributes). */
  hinted: boolean;
}

const ANCESTOR_LEVELS = 3;
const MAX_JUDGED = 300;
const COUNT_WORDS = /reviews?|ratings?|bewertungen|avis|valoraciones|recensioni|opinie|评价|評價|评论|条|件|人付款|已售|月销|销量|sold|verkauft|vendus|vendidos/i;
const RATING_CLASS = /rating|stars?\b|review|score/i;
const FREE = /free|gratis|kostenlos|gratuit|gratuita|免费|包邮|無料/i;
const SUBTREE_LIMIT = 40;
/** A word of two letters or more before the number, once currency words ("US", "EUR", "kr") are set aside. */
const OWN_LABEL = /\p{L}{2,}/u;
const CURRENCY_WORD = /(?<![\p{L}])(?:[A-Z]{1,3}|[Rr]s|[Kk]r|zł|zl|[Ll]ei|[Ff]t|[Kk]č|руб|грн)\.?(?![\p{L}])/gu;

const NEGATIVE = H_INSTALMENT | H_UNIT | H_SHIPPING | H_SAVING | H_TOTAL | H_LIST | H_WEAK_LIST;

/**
 * Hints of the sighting's own subtree. A container that reads as one price may also hold a
 * "shipping message" or "savings" child without digits: only children that carry the number can
 * make it a shipping cost, a saving or a list price.
 */
function subtreeHints(el: Element, texts: Map<Element, string>): number {
  let flags = 0;
  let seen = 0;
  const stack: Element[] = [el];
  while (stack.length && seen++ < SUBTREE_LIMIT) {
    const e = stack.pop()!;
    const h = attrHints(e);
    flags |= e === el || /\d/.test(texts.get(e) ?? '') ? h : h & ~NEGATIVE;
    for (const c of e.children) if (c.type === 'tag') stack.push(c as Element);
  }
  return flags;
}

/** Hints of the nearest ancestors; only the closest two can say "shipping" or "unit price" (a product container's "shipping-taxable" class says nothing about one number). */
function ancestorHints(el: Element): number {
  let flags = 0;
  let p = el.parent as Element | null;
  for (let i = 0; i < ANCESTOR_LEVELS && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    const h = attrHints(p);
    flags |= i < 2 ? h : h & ~NEGATIVE;
  }
  return flags;
}

function insideTitle(el: Element, title: Element | null): boolean {
  if (!title) return false;
  for (let p: Element | null = el, i = 0; p && p.type === 'tag' && i < 6; p = p.parent as Element | null, i++) if (p === title) return true;
  return false;
}

function insideLink(el: Element): boolean {
  let p: Element | null = el;
  for (let i = 0; i <= ANCESTOR_LEVELS && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (p.name === 'a' && p.attribs.href && !/^(?:#|javascript:)/.test(p.attribs.href)) return true;
  }
  return false;
}

/** Text just before and after the sighting within its parent ("Was", "/mo", "UVP"), and a preceding label element. */
function surroundings(s: Sighting, texts: Map<Element, string>): { before: string; after: string } {
  let before = '';
  let after = '';
  const parent = s.el.parent as Element | null;
  const parentText = parent ? texts.get(parent) : undefined;
  const at = parentText ? parentText.indexOf(s.text) : -1;
  if (parentText && at >= 0) {
    before = parentText.slice(Math.max(0, at - 40), at);
    after = parentText.slice(at + s.text.length, at + s.text.length + 30);
  }
  if (!before.trim()) {
    let prev = s.el.prev;
    while (prev && prev.type !== 'tag') prev = prev.prev;
    if (prev) before = texts.get(prev as Element)?.slice(-40) ?? '';
  }
  return { before, after };
}

/** The text before the number inside the sighting's own text ("Was $59" → "Was "). */
function leadingWords(text: string): string {
  const m = /^[^\d]*/.exec(text);
  return (m?.[0] ?? '').replace(/[^\p{L}\s.:：]+$/u, '');
}

/** A sighting ruled out by where it sits (hidden, carousel, footer…), kept only to be reported. */
export interface RuledOut {
  text: string;
  reason: string;
  distance: number;
}

export interface Judged {
  candidates: VisiblePrice[];
  ruledOut: RuledOut[];
}

export function judgeSightings(sightings: Sighting[], layout: PageLayout, ctx: PriceContext, rendered: boolean): Judged {
  const out: VisiblePrice[] = [];
  const ruledOut: RuledOut[] = [];
  // Sightings ruled out by where they sit are not read further (a page may hold thousands), and
  // only the nearest few hundred of the rest are: the product's price is never far from its title.
  const placed: { s: Sighting; distance: number }[] = [];
  for (const s of sightings) {
    const distance = layout.distance(s.el);
    const zone = s.hidden ? 'hidden on the page' : layout.zoneOf(s.el);
    if (zone) ruledOut.push({ text: s.text, reason: zone, distance });
    else placed.push({ s, distance });
  }
  placed.sort((a, b) => a.distance - b.distance || a.s.order - b.s.order);
  for (const far of placed.splice(MAX_JUDGED)) ruledOut.push({ text: far.s.text, reason: 'far from the product title and buy button', distance: far.distance });
  // On rendered pages the biggest price among the product's own is usually the one to pay.
  let maxFont = 0;
  const fonts = new Map<Sighting, { font: number; y: number } | null>();
  if (rendered) {
    for (const { s } of placed) {
      const box = boxOf(s.el);
      fonts.set(s, box);
      if (box) maxFont = Math.max(maxFont, box.font);
    }
  }
  for (const { s, distance } of placed) {
    const parsed = parsePrice(s.text, ctx);
    if (!parsed || parsed.amountMinor <= 0) continue;
    const v: VisiblePrice = { el: s.el, text: s.text, parsed, role: 'selling', reason: null, weakList: false, score: 0, distance, order: s.order, hinted: false };
    out.push(v);
    const exclude = (reason: string) => {
      v.role = 'excluded';
      v.reason = reason;
    };
    const own = subtreeHints(s.el, layout.scan.texts);
    const up = ancestorHints(s.el);
    const hints = own | up;
    // Words belong to the nearest number: context stops at the neighbouring prices.
    const around = surroundings(s, layout.scan.texts);
    const before = around.before.replace(/^[\s\S]*(?:\p{Sc}|\d[.,]\d\d)/u, '');
    const after = around.after.replace(/(?:\p{Sc}|\d[.,]\d\d)[\s\S]*$/u, '');
    const lead = leadingWords(s.text);
    const trail = s.text.slice(s.text.search(/\d[^\d]*$/) + 1);
    // Markers count right before the number ("4 payments of", "Shipping:") or right after it ("/mo").
    // The sighting's own words around the number are its context; the text of the elements
    // before and after counts only where the sighting starts or ends with the number ("Price:
    // $165.95" is not an instalment for the "60 x 24" of the title above it, "价格 ¥309.00 包邮" not
    // a count for the "月销量" after it).
    const pre = OWN_LABEL.test(lead.replace(CURRENCY_WORD, '')) ? lead : `${before.slice(-24)} ${lead}`;
    const post = (/\p{L}/u.test(trail) ? trail : `${trail} ${after}`).slice(0, 16);
    if (parsed.perUnit) {
      exclude(INSTALMENT_WORDS.test(parsed.perUnit) ? `instalment (${parsed.perUnit})` : `unit price (${parsed.perUnit})`);
      continue;
    }
    if (hints & H_INSTALMENT || INSTALMENT_WORDS.test(pre) || INSTALMENT_WORDS.test(post.slice(0, 10))) {
      exclude('instalment');
      continue;
    }
    if (hints & H_UNIT || UNIT_WORDS.test(pre.slice(-14)) || UNIT_WORDS.test(post)) {
      exclude('unit price');
      continue;
    }
    if (hints & H_SHIPPING || SHIPPING_WORDS.test(pre) || (SHIPPING_WORDS.test(post) && !FREE.test(post))) {
      exclude('shipping cost');
      continue;
    }
    if (hints & H_SAVING || SAVING_WORDS.test(pre.slice(-16))) {
      exclude('amount saved, not a price');
      continue;
    }
    if (insideTitle(s.el, layout.anchors.title)) {
      exclude('part of the product title');
      continue;
    }
    if (RATING_CLASS.test(`${s.el.attribs.class ?? ''} ${s.el.attribs.itemprop ?? ''} ${(s.el.parent as Element | null)?.attribs?.class ?? ''}`)) {
      exclude('a rating, not a price');
      continue;
    }
    if (COUNT_WORDS.test(`${lead} ${post}`)) {
      exclude('a count of reviews or sales, not a price');
      continue;
    }
    if (LOWEST_30_DAYS.test(`${before.slice(-60)} ${lead}`)) {
      exclude('lowest price of the last 30 days (a reference, not the price)');
      continue;
    }
    if (TOTAL_WORDS.test(pre.slice(-20))) {
      exclude('cart total');
      continue;
    }
    if (s.strike) {
      v.role = 'list';
      v.reason = 'struck through: list price';
    } else if (hints & H_LIST || LIST_WORDS.test(`${before} ${lead}`) || LIST_WORDS_AFTER.test(post)) {
      v.role = 'list';
      v.reason = 'marked as the list / original price';
    } else if (hints & H_WEAK_LIST && !(own & H_SALE) || WEAK_LIST_WORDS.test(`${before} ${lead}`)) {
      v.weakList = true;
    }
    // Proximity decays smoothly: deep DOMs (marketplaces) put the price 10-15 edges from the title.
    v.hinted = !!(hints & (H_PRICE | H_SALE));
    let score = 16 * Math.pow(0.9, distance);
    if (own & H_PRICE) score += 4;
    else if (up & H_PRICE) score += 2;
    if (hints & H_ITEMPROP_PRICE) score += 3;
    if (hints & H_SALE) score += 2;
    if (hints & H_TOTAL) score -= 2;
    score += s.price.currency ? 3 : -3;
    if (s.text.length > 32) score -= 1;
    if (insideLink(s.el)) score -= 3;
    const box = fonts.get(s);
    if (box && maxFont > 0) {
      score += 6 * (box.font / maxFont);
      if (box.y > 1600) score -= 3;
    }
    v.score = score;
  }
  return { candidates: out, ruledOut };
}

/** Font size and top edge recorded by annotateLayout on the sighting or its first annotated descendant. */
function boxOf(el: Element): { font: number; y: number } | null {
  const stack: Element[] = [el];
  let seen = 0;
  while (stack.length && seen++ < SUBTREE_LIMIT) {
    const e = stack.pop()!;
    const box = e.attribs[LAYOUT_ATTRIBUTES.box];
    if (box) {
      const [, y, , , font] = box.split(',').map(Number);
      if (Number.isFinite(font) && Number.isFinite(y)) return { font, y };
    }
    for (let i = e.children.length - 1; i >= 0; i--) if (e.children[i].type === 'tag') stack.push(e.children[i] as Element);
  }
  return null;
}
