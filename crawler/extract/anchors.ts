// Where the main product sits on the page: its title (the h1 that names it) and its buy button.
// Everything the visible-page layers read is judged by its DOM distance to these anchors and by
// the zone it sits in (carousel, footer, navigation, cart…), so prices of other products, cart
// totals and footer links do not pass for the product's own.
import type { Element } from './dom.ts';
import { execAll } from '../parse/regex.ts';
import { fullText, type PageScan } from './scan.ts';

const ZONE_TAGS: Record<string, string> = { nav: 'inside navigation', footer: 'inside the footer', header: 'inside the page header', option: 'inside a variant list' };
/** Class/id tokens that mark a part of the page about other products or the shopper's cart. */
const ZONE_PATTERNS: [RegExp, string][] = [
  [/carousel|slider|swiper|slick|owl-|glide|splide|flickity|shoveler/, 'inside a carousel'],
  [/recommend|(?:^|[-_])(?:rec|recs|reco|recos)(?:$|[-_])|related|upsell|up-sell|cross-?sell|similar|also-?(?:bought|viewed|like)|customers?-?(?:also|who)|you-?may|frequently|sims-|p13n|fbt|complete-?the-?look|recently|rhf|sponsored|adplacement|compare-?products?/, 'inside related products'],
  [/footer/, 'inside the footer'],
  [/^(?:nav|navbar|navigation|menu|megamenu|mega-menu|breadcrumbs?|site-?nav|main-?nav|topnav|top-?bar|nav-\w+)$|^nav[-_]|[-_]nav$|navigation|megamenu|breadcrumb/, 'inside navigation'],
  [/mini-?cart|cart-?(?:drawer|flyout|popup|preview|summary|total|dropdown|sidebar|count|items|overlay|modal|content|widget)|side-?cart|shopping-?cart|basket-?(?:total|flyout|preview|summary)|header-?cart|nav-?cart|checkout/, 'cart total'],
  [/^(?:site-?header|page-?header|header|masthead|top-?header|global-?header|header-?global)$/, 'inside the page header'],
  [/announcement|(?:^|[-_])(?:notice|notification|site|sitewide|global|top|header)[-_]?(?:bar|banner|strip|ribbon|promo)$|^promo-?bar$/, 'inside a site-wide banner'],
  [/product-?(?:grid|list|listing|tiles?|cards?)$|search-?results|listing-?grid|wishlist/, 'inside a product listing'],
];

const CLASS_TOKEN = /\S+/g;

/** One cheap test before the per-token ones: most elements sit in no zone. */
const ZONE_ANY = new RegExp(ZONE_PATTERNS.map(([re]) => re.source.replace(/\^|\$/g, '')).join('|'));

/** The farthest any reader looks for stock words, promotions, ratings or a byline. */
const NEAR_REACH = 14;

export interface Anchors {
  title: Element | null;
  buy: Element | null;
  /** Ancestors of each anchor with their distance up from it. */
  titleUp: Map<Element, number>;
  buyUp: Map<Element, number>;
}

/** Up to the document root: in a page without <html>/<body> the root is the common ancestor. */
function upMap(el: Element | null): Map<Element, number> {
  const m = new Map<Element, number>();
  let d = 0;
  for (let p: Element | null = el; p && (p.type === 'tag' || p.type === 'script' || p.type === 'root'); p = p.parent as Element | null) m.set(p, d++);
  return m;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function tokens(s: string): Set<string> {
  return new Set(norm(s).split(' ').filter((t) => t.length > 1));
}

/** Share of the h1's words that the product's known names contain. */
function overlap(h1: Set<string>, names: Set<string>[]): number {
  if (!h1.size) return 0;
  let best = 0;
  for (const n of names) {
    let hit = 0;
    for (const t of h1) if (n.has(t)) hit++;
    best = Math.max(best, hit / h1.size);
  }
  return best;
}

/** The title element: the visible h1 that best matches the product's known names, else the first h1 outside zones. */
function findTitle(scan: PageScan, names: string[], zoneOf: (el: Element) => string | null): Element | null {
  const wanted = names.map(tokens).filter((t) => t.size);
  let best: Element | null = null;
  let bestOverlap = 0.6;
  let fallback: Element | null = null;
  for (const h of scan.h1s) {
    const words = tokens(scan.texts.get(h) ?? fullText(h, 400));
    if (!words.size) continue;
    const o = overlap(words, wanted);
    if (o > bestOverlap) {
      best = h;
      bestOverlap = o;
    }
    if (!fallback && !zoneOf(h)) fallback = h;
  }
  if (best || fallback) return best ?? fallback;
  // No h1: an element named like a product title.
  for (const el of scan.textBlocks) {
    const a = el.attribs;
    if (a.itemprop === 'name' || /product[-_]?(?:title|name)|pdp[-_]?title|item[-_]?title|goods[-_]?name|sku[-_]?name/i.test(`${a.class ?? ''} ${a.id ?? ''}`)) return el;
  }
  return null;
}

/** The product's name as the title element prints it: a child marked as the title/name if there is one. */
export function titleText(title: Element): string {
  const stack: Element[] = [...title.children.filter((c): c is Element => c.type === 'tag').reverse()];
  let seen = 0;
  while (stack.length && seen++ < 50) {
    const el = stack.pop()!;
    if (el.attribs.itemprop === 'name' || /(?:product|item|goods)[-_]?(?:title|name)/i.test(`${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`)) {
      const t = fullText(el, 500);
      if (t) return t;
    }
    for (let i = el.children.length - 1; i >= 0; i--) if (el.children[i].type === 'tag') stack.push(el.children[i] as Element);
  }
  return fullText(title, 500);
}

export class PageLayout {
  readonly anchors: Anchors;
  private readonly zoneCache = new Map<Element, string | null>();

  constructor(readonly scan: PageScan, names: string[]) {
    const title = findTitle(scan, names, (el) => this.zoneOf(el, true));
    const titleUp = upMap(title);
    this.anchors = { title, buy: null, titleUp, buyUp: new Map() };
    this.zoneCache.clear();
    const buy = this.pickBuyButton(title, titleUp);
    this.anchors = { title, buy, titleUp, buyUp: upMap(buy) };
    this.zoneCache.clear();
  }

  private pickBuyButton(title: Element | null, titleUp: Map<Element, number>): Element | null {
    return this.nearestButton(this.scan.buyButtons, title, titleUp) ?? this.nearestButton(this.scan.formButtons, title, titleUp);
  }

  private nearestButton(buttons: Element[], title: Element | null, titleUp: Map<Element, number>): Element | null {
    let best: Element | null = null;
    let bestDist = Infinity;
    for (const b of buttons) {
      if (this.scan.hiddenEls.has(b) || this.zoneOf(b)) continue;
      // Links are weaker evidence than real buttons ("Sell on Amazon", "Buy used" links abound).
      const d = (title ? distanceTo(b, titleUp) : 0) + (b.name === 'a' ? 6 : 0);
      if (d < bestDist) {
        best = b;
        bestDist = d;
      }
    }
    return best;
  }

  /** Why `el` is outside the main product's area (carousel, footer…), or null when it is not. */
  zoneOf(el: Element, ignoreAnchors = false): string | null {
    const chain: Element[] = [];
    let reason: string | null = null;
    for (let p: Element | null = el; p && p.type !== 'root'; p = p.parent as Element | null) {
      const cached = this.zoneCache.get(p);
      if (cached !== undefined) {
        reason = cached;
        break;
      }
      chain.push(p);
      // A zone that holds the product's own title or buy button is the product's area.
      if (!ignoreAnchors && (this.anchors.titleUp.has(p) || this.anchors.buyUp.has(p))) {
        reason = null;
        break;
      }
      const own = ownZone(p) ?? headingZone(p, this.scan.texts);
      if (own) {
        reason = own;
        break;
      }
    }
    for (const c of chain) this.zoneCache.set(c, reason);
    return reason;
  }

  private near: { el: Element; distance: number }[] | null = null;

  /**
   * Text blocks in the product's area (outside zones) within NEAR_REACH of an anchor, in page order,
   * with their distance: computed once for the stock, promotion, review and brand readers.
   */
  nearBlocks(): { el: Element; distance: number }[] {
    if (this.near) return this.near;
    this.near = [];
    if (!this.anchors.title && !this.anchors.buy) return this.near;
    for (const el of this.scan.textBlocks) {
      if (this.zoneOf(el)) continue;
      const distance = this.distance(el);
      if (distance <= NEAR_REACH) this.near.push({ el, distance });
    }
    return this.near;
  }

  /** DOM distance (edges up to the common ancestor and down) to the nearer anchor; 40 without anchors. */
  distance(el: Element): number {
    const a = this.anchors;
    const d1 = a.title ? distanceTo(el, a.titleUp) : Infinity;
    const d2 = a.buy ? distanceTo(el, a.buyUp) : Infinity;
    const d = Math.min(d1, d2);
    return Number.isFinite(d) ? d : 40;
  }
}

function ownZone(el: Element): string | null {
  const tagZone = ZONE_TAGS[el.name];
  if (tagZone) return tagZone;
  const a = el.attribs;
  if (!a) return null;
  const tokens = `${a.class ?? ''} ${a.id ?? ''} ${a['data-component'] ?? ''} ${a.role === 'navigation' ? 'navigation' : ''}`.toLowerCase();
  if (!tokens.trim() || !ZONE_ANY.test(tokens)) return null;
  for (const [t] of execAll(CLASS_TOKEN, tokens)) {
    if (/add-?to-?cart|addtocart|buy/.test(t)) continue;
    for (const [re, reason] of ZONE_PATTERNS) if (re.test(t)) return reason;
  }
  return null;
}

const RELATED_HEADING =
  /customers (?:who|also)|also (?:bought|viewed|like)|you (?:may|might) (?:also )?like|related (?:products|items)|similar (?:items|products)|recommended for you|frequently bought|recently viewed|sponsored|ähnliche (?:produkte|artikel)|kunden kauften auch|das könnte|vous aimerez|produits similaires|te puede interesar|productos relacionados|potrebbe piacerti|prodotti correlati|podobne produkty|klienci kupili|看了又看|猜你喜欢|为你推荐|相关推荐|店铺推荐|同类推荐|大家都在买|人気商品|おすすめ商品|関連商品|この商品を買った人|함께 본|추천 상품/i;

/** A section whose heading reads "Customers also bought", "看了又看"…, whatever its class names. */
function headingZone(el: Element, texts: Map<Element, string>): string | null {
  let seen = 0;
  for (const c of el.children ?? []) {
    if (c.type !== 'tag') continue;
    if (++seen > 3) break;
    const child = c as Element;
    if (!/^h[2-6]$/.test(child.name) && !/title|heading|header|hd\b/i.test(child.attribs.class ?? '')) continue;
    const t = texts.get(child);
    if (t && t.length <= 60 && RELATED_HEADING.test(t)) return 'inside related products';
  }
  return null;
}

/** Edges from `el` up to the first ancestor of the anchor, plus that ancestor's distance down to it. */
export function distanceTo(el: Element, anchorUp: Map<Element, number>): number {
  let steps = 0;
  for (let p: Element | null = el; p; p = p.parent as Element | null, steps++) {
    const down = anchorUp.get(p);
    if (down !== undefined) return steps + down;
  }
  return Infinity;
}
