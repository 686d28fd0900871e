// One pass over the parsed page that every extraction layer shares: it collects the tags the
// structured-data readers need (meta, link, script, itemscope, typeof), the anchors of the main
// product (h1, buy buttons), the short text of every element (bounded, so a multi-MB page costs
// linear time), and the elements whose text reads as exactly one price ("sightings"). Nothing
// here judges a sighting; candidates.ts does, with the whole page known.
import type { AnyNode, Element, Text } from './dom.ts';
import { buyButtonKind } from './buttons.ts';
import { LAYOUT_ATTRIBUTES } from './layout.ts';
import { readPriceText, type PriceText } from './numbers.ts';

/** Texts longer than this are "long": too long to be one price, label or badge. */
const SHORT_TEXT = 120;
/** A sighting's whole text may hold one price plus a few words ("Price: $49.99"), no more. */
const SIGHTING_TEXT = 64;
const MAX_SIGHTINGS = 4000;
const MAX_REVIEW_ELS = 3000;
const REVIEW_HINT = /rating|stars?\b|star-|review|comment|bewertung|avis|valoraci|recensi|opinion|score|评价|評價|评分|評価|口碑/i;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'head', 'select', 'textarea']);
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'label', 'output', 'meter',
]);
const STRIKE_TAGS = new Set(['del', 's', 'strike']);
const FRACTION_CLASS = /fraction|cents?\b|decimal|minor|pence|penny|kopek|centimes/i;
const HIDDEN_CLASS = /^(?:hidden|hide|invisible|d-none|[\w-]*display-none|[\w-]+[-_]hidden)$/i;
/** Classes that hide from sight only (screen readers still read them) or only when JavaScript is off ("no-js-hidden"). */
const NOT_HIDDEN_CLASS = /visually-hidden|sr-only|screen-reader|offscreen|no-?js-hidden|hidden-no-?js/i;
/** Any class name that may hide its element: one test of the attribute before splitting it. */
const HIDDEN_TOKEN = /(?:^|\s)(?:hidden|hide|invisible|d-none|[\w-]*display-none|[\w-]+[-_]hidden)(?=\s|$)/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const STRIKE_STYLE = /line-through/i;

/** One element whose text reads as exactly one price (or one price range). */
export interface Sighting {
  el: Element;
  text: string;
  price: PriceText;
  order: number;
  /** Inside a hidden element (display:none, `hidden`, data-rw-hidden, hiding classes). */
  hidden: boolean;
  /** Drawn struck through: <del>/<s>/<strike>, line-through style, data-rw-strike. */
  strike: boolean;
}

export interface PageScan {
  htmlEl: Element | null;
  titleText: string | null;
  metas: Element[];
  links: Element[];
  scripts: { type: string; id: string; text: string }[];
  itemscopes: Element[];
  rdfaItems: Element[];
  h1s: Element[];
  /** Buttons and links whose words say add-to-cart or buy. */
  buyButtons: Element[];
  /** Submit buttons of forms that post to the cart, whatever they say. */
  formButtons: Element[];
  inputs: Element[];
  /** Elements whose class or id speaks of ratings, stars or reviews. */
  reviewEls: Element[];
  /** Collapsed text of every element whose text is at most SHORT_TEXT characters. */
  texts: Map<Element, string>;
  /** Elements with text of their own (a direct text child), visible, in document order. */
  textBlocks: Element[];
  sightings: Sighting[];
  hiddenEls: Set<Element>;
  elementCount: number;
}

interface Frame {
  el: Element;
  childIndex: number;
  parts: string[];
  len: number;
  long: boolean;
  hidden: boolean;
  strike: boolean;
  sightingStart: number;
  ownText: boolean;
  order: number;
  /** The last part joined was a child element holding only digits ("329" of "$ 329 00"). */
  digitsChild: boolean;
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ');
}

function isHidden(el: Element, rendered: boolean): boolean {
  const a = el.attribs;
  if ('hidden' in a || LAYOUT_ATTRIBUTES.hidden in a) return true;
  if (el.name === 'input' && a.type?.toLowerCase() === 'hidden') return true;
  if (rendered) return false;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  const cls = a.class;
  if (!cls || !(cls.includes('hid') || cls.includes('none') || cls.includes('invisible'))) return false;
  if (!HIDDEN_TOKEN.test(cls)) return false;
  // The test also passes for screen-reader classes ("visually-hidden"): look at each class.
  const spaced = /[\t\n\r\f]/.test(cls) ? cls.replace(/\s+/g, ' ') : cls;
  for (const t of spaced.split(' ')) if (HIDDEN_CLASS.test(t) && !NOT_HIDDEN_CLASS.test(t)) return true;
  return false;
}

function isStruck(el: Element): boolean {
  return STRIKE_TAGS.has(el.name) || LAYOUT_ATTRIBUTES.strike in el.attribs || (!!el.attribs.style && STRIKE_STYLE.test(el.attribs.style));
}

function addBuyButton(scan: PageScan, el: Element, text: string | null): void {
  const kind = buyButtonKind(el, text);
  if (kind === 'labelled') scan.buyButtons.push(el);
  else if (kind === 'form') scan.formButtons.push(el);
}

/** Joins a child's text onto its parent's, keeping cents drawn in <sup> or a fraction span apart. */
function joinPart(frame: Frame, child: Element, text: string): void {
  const prev = frame.parts.length ? frame.parts[frame.parts.length - 1] : '';
  let piece = text;
  // Cents drawn apart: a <sup>, a "fraction"/"cents" span, or two digits in an element right
  // after an element of whole digits ("<span>329</span><span>00</span>", drawn raised by CSS).
  const cents = child.name === 'sup' || FRACTION_CLASS.test(child.attribs.class ?? '') || frame.digitsChild;
  frame.digitsChild = /^\d{1,3}(?:[.,'’ ]\d{3})*$/.test(text) && !/\d$/.test(prev);
  if (/^\d{2}$/.test(text) && /\d$/.test(prev) && cents) {
    const intPart = /[\d.,'’\s]*$/.exec(prev)?.[0] ?? '';
    piece = (intPart.includes('.') ? ',' : '.') + text;
  } else if (!INLINE.has(child.name)) {
    piece = ` ${text} `;
  } else if ((/\d$/.test(prev) && /^\p{L}/u.test(text)) || (/\p{L}$/u.test(prev) && /^\d/.test(text))) {
    // "59.9" + "拼单价" in separate elements are separate words, not a model number "59.9拼".
    piece = ` ${text}`;
  }
  frame.parts.push(piece);
  frame.len += piece.length;
}

/** Walks the document once, iteratively (deep pages must not overflow the stack). */
export function scanPage(root: AnyNode, rendered: boolean): PageScan {
  const scan: PageScan = {
    htmlEl: null,
    titleText: null,
    metas: [],
    links: [],
    scripts: [],
    itemscopes: [],
    rdfaItems: [],
    h1s: [],
    buyButtons: [],
    formButtons: [],
    inputs: [],
    reviewEls: [],
    texts: new Map(),
    textBlocks: [],
    sightings: [],
    hiddenEls: new Set(),
    elementCount: 0,
  };
  const rootFrame: Frame = { el: root as Element, childIndex: 0, parts: [], len: 0, long: false, hidden: false, strike: false, sightingStart: 0, ownText: false, order: 0, digitsChild: false };
  const stack: Frame[] = [rootFrame];
  let order = 0;
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const children = (frame.el as { children?: AnyNode[] }).children ?? [];
    if (frame.childIndex < children.length) {
      const node = children[frame.childIndex++];
      if (node.type === 'text') {
        if (frame.long) continue;
        const t = collapse((node as Text).data);
        if (t.trim()) {
          frame.ownText = true;
          frame.digitsChild = false;
        }
        frame.parts.push(t);
        frame.len += t.length;
        if (frame.len > SHORT_TEXT * 2) frame.long = true;
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      scan.elementCount++;
      const elOrder = order++;
      const name = el.name;
      const hidden = frame.hidden || isHidden(el, rendered);
      if (!collectTag(scan, el, name, hidden)) continue;
      if (hidden && !frame.hidden) scan.hiddenEls.add(el);
      stack.push({
        el,
        childIndex: 0,
        parts: [],
        len: 0,
        long: false,
        hidden,
        strike: frame.strike || isStruck(el),
        sightingStart: scan.sightings.length,
        ownText: false,
        order: elOrder,
        digitsChild: false,
      });
      continue;
    }
    stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) break;
    finishElement(scan, frame, parent);
  }
  return scan;
}

/** Records tags of interest; false when the element's subtree holds no visible text. */
function collectTag(scan: PageScan, el: Element, name: string, hidden: boolean): boolean {
  const a = el.attribs;
  if ('itemscope' in a) scan.itemscopes.push(el);
  if ('typeof' in a) scan.rdfaItems.push(el);
  if ((a.class || a.id) && scan.reviewEls.length < MAX_REVIEW_ELS && REVIEW_HINT.test(`${a.class ?? ''} ${a.id ?? ''}`)) scan.reviewEls.push(el);
  switch (name) {
    case 'html':
      scan.htmlEl ??= el;
      break;
    case 'meta':
      scan.metas.push(el);
      return false;
    case 'link':
      scan.links.push(el);
      return false;
    case 'title':
      if (scan.titleText === null) scan.titleText = collapse(textOf(el)).trim();
      return false;
    case 'script':
      scan.scripts.push({ type: (a.type ?? '').toLowerCase().trim(), id: a.id ?? '', text: textOf(el) });
      return false;
    case 'h1':
      if (!hidden) scan.h1s.push(el);
      break;
    case 'input':
      scan.inputs.push(el);
      if (!hidden) addBuyButton(scan, el, null);
      break;
  }
  // <head> is skipped for text, but its meta/link/script/title children are collected above.
  if (name === 'head') {
    for (const child of el.children) if (child.type === 'tag' || child.type === 'script') collectHeadChild(scan, child as Element);
    return false;
  }
  return !SKIPPED.has(name);
}

function collectHeadChild(scan: PageScan, el: Element): void {
  scan.elementCount++;
  if (collectTag(scan, el, el.name, true) && el.children.length) {
    for (const child of el.children) if (child.type === 'tag' || child.type === 'script') collectHeadChild(scan, child as Element);
  }
}

/** Collapsed text of an element's whole subtree (scripts and styles left out), at most `max` characters. */
export function fullText(el: Element, max = 1000): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length && out.length < max * 2) {
    const node = stack.pop()!;
    if (node.type === 'text') out += (node as Text).data;
    else if (node.type === 'tag') {
      const e = node as Element;
      if (SKIPPED.has(e.name)) continue;
      if (!INLINE.has(e.name)) out += ' ';
      for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
    }
  }
  return collapse(out).trim().slice(0, max);
}

function textOf(el: Element): string {
  let out = '';
  for (const child of el.children) if (child.type === 'text') out += (child as Text).data;
  return out;
}

function finishElement(scan: PageScan, frame: Frame, parent: Frame): void {
  const el = frame.el;
  let text: string | null = null;
  if (!frame.long) {
    const joined = frame.parts.join('').replace(/ {2,}/g, ' ').trim();
    if (joined.length <= SHORT_TEXT) text = joined;
  }
  if (text !== null) scan.texts.set(el, text);
  if (!frame.hidden && (el.name === 'button' || el.name === 'a' || el.attribs.role === 'button')) addBuyButton(scan, el, text);
  if (frame.ownText && !frame.hidden && text) scan.textBlocks.push(el);
  if (text && text.length <= SIGHTING_TEXT && /\d/.test(text) && scan.sightings.length < MAX_SIGHTINGS) {
    const price = readPriceText(text);
    if (price && (price.currency || price.decimals || hasPriceHint(el))) {
      // The outermost element that still reads as one price stands for its parts, and is struck
      // through when its parts all were ("[<del>￥259</del>]").
      const parts = scan.sightings.splice(frame.sightingStart);
      const struck = parts.length > 0 && parts.every((p) => p.strike);
      scan.sightings.push({ el, text, price, order: frame.order, hidden: frame.hidden, strike: frame.strike || struck });
    }
  }
  // Hidden text is not part of what a visitor reads around it.
  if (frame.hidden && !parent.hidden) return;
  if (text === null) {
    parent.long = true;
    return;
  }
  if (!parent.long && text) {
    joinPart(parent, el, text);
    if (parent.len > SHORT_TEXT * 2) parent.long = true;
  }
}

const PRICE_ATTR = /price|preis|prix|precio|prezzo|pre[cç]o|cena|amount|价|價|価格/i;

function hasPriceHint(el: Element): boolean {
  const attrHint = (e: Element) => PRICE_ATTR.test(`${e.attribs.class ?? ''} ${e.attribs.id ?? ''} ${e.attribs.itemprop ?? ''}`);
  const parent = el.parent as Element | null;
  return attrHint(el) || (!!parent && parent.type === 'tag' && attrHint(parent));
}
