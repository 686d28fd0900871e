// Availability: schema.org offers say it precisely but go stale; the words near the buy box
// ("Ausverkauft", "无货", "Only 3 left") say what a buyer sees. The page wins when it clearly
// contradicts the metadata. A size that is sold out inside a variant picker says nothing about the
// product. A page with no stock statement but a price reads as in stock (fields.ts: shops state a
// stock-out, rarely that they have stock); one with neither reads 'unknown'.
import type { Element } from './dom.ts';
import type { Availability, FieldSource, RejectedCandidate } from '../../store/model.ts';
import { availabilityFromSchema, availabilityFromText } from '../parse/stock.ts';
import { execAll } from '../parse/regex.ts';
import type { PageLayout } from './anchors.ts';

const REACH = 8;
const HINTED_REACH = 14;
const OVERRIDE_REACH = 6;
/** Availability in physical stores says nothing about buying online. */
const IN_STORE = /magasin|in[- ]store|im markt|in der filiale|filiale|en tienda|in negozio|na loja|w sklepie|門市|门店|店舗|매장|pick ?up/i;
const STOCK_HINT = /stock|avail|inventory|lieferbar|verfügbar|verfugbar|dispon|lager|delivery|versand|liefer|sold-?out|soldout|库存|在庫|재고/i;
/** Class/id tokens of a variant picker; "a-size-medium" style font utilities are not pickers. */
const PICKER = /(?:^|[-_])(?:variants?|variations?|swatch(?:es)?|options?|dropdown|picker|selector|twister|sizes?|größen?|tailles?|tallas?)(?:[-_](?:list|items?|group|wrapper|buttons?|select|values?|grid|chips?|pills?))?$|size-?(?:chart|grid)|尺码|规格/i;

export interface VisibleStock {
  availability: Availability;
  phrase: string;
  distance: number;
  /**
   * Said by an element the shop marks as stock information (class/id stock, availability…) or by
   * the buy button itself: strong enough to overrule structured data. Badges are not: themes
   * print a "Sold out" badge on every page and hide it with CSS while the product sells.
   */
  strong: boolean;
}

const CLASS_TOKEN = /\S+/g;
const BADGE = /badge|label|tag|sticker|flag/i;
const BUY_LABEL = /cart|basket|bag|buy|kaufen|warenkorb|panier|carr|koszyk|購|购|カート|장바구니|구매/i;

/** "冰川白（无货）", "S – Ausverkauft", "XL: sold out": the phrase qualifies one option, not the product. */
function variantLevel(text: string, phrase: string): boolean {
  const at = text.indexOf(phrase);
  if (at < 0) return false;
  const before = text.slice(0, at);
  const after = text.slice(at + phrase.length);
  if (/[（(［[]\s*$/.test(before) && /^\s*[）)］\]]/.test(after)) return true;
  return /^\s*[^\s]{1,12}\s*[–—:-]\s*$/.test(before);
}

/** The element or a near ancestor is named for stock information (class/id stock, availability, delivery…). */
export function stockHinted(el: Element): boolean {
  let p: Element | null = el;
  for (let i = 0; i < 4 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (STOCK_HINT.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
  }
  return false;
}

function inPicker(el: Element): boolean {
  let p: Element | null = el;
  for (let i = 0; i < 5 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    // Form controls and their labels choose a variant; "Sold out" there is about one size or colour.
    if (p.name === 'option' || p.name === 'label' || p.name === 'fieldset' || /^(?:option|listbox|radiogroup|radio)$/.test(p.attribs.role ?? '')) return true;
    for (const [t] of execAll(CLASS_TOKEN, `${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) if (PICKER.test(t)) return true;
  }
  return false;
}

export function insideBuyButton(el: Element, buyButtons: Set<Element>): boolean {
  let p: Element | null = el;
  for (let i = 0; i < 4 && p && p.type === 'tag'; i++, p = p.parent as Element | null) if (buyButtons.has(p)) return true;
  return false;
}

/** The availability phrase nearest the product's title and buy button, or null when the page is silent. */
export function visibleStock(layout: PageLayout): VisibleStock | null {
  const buttons = new Set(layout.scan.buyButtons);
  let best: VisibleStock | null = null;
  for (const { el, distance: d } of layout.nearBlocks()) {
    const text = layout.scan.texts.get(el);
    if (!text || text.length > 120 || d > HINTED_REACH) continue;
    const hinted = stockHinted(el);
    if (d > (hinted ? HINTED_REACH : REACH) || insideBuyButton(el, buttons) || inPicker(el)) continue;
    const found = availabilityFromText(text);
    if (!found || IN_STORE.test(text) || variantLevel(text, found.phrase)) continue;
    // "In stock" inside a sentence is usually shipping boilerplate; "out of stock" messages run long.
    if (found.availability !== 'out_of_stock' && text.length > 50) continue;
    // A button label ("Buy now") implies stock more weakly than a stock statement does.
    const label = found.availability === 'in_stock' && BUY_LABEL.test(found.phrase);
    const badge = BADGE.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
    const candidate = { availability: found.availability, phrase: found.phrase, distance: d - (hinted ? 3 : 0) + (label ? 6 : 0), strong: hinted && !badge };
    // The nearest phrase wins; at equal distance "out of stock" wins (shops rarely print it falsely).
    if (!best || candidate.distance < best.distance || (candidate.distance === best.distance && candidate.availability === 'out_of_stock')) best = candidate;
  }
  return best;
}

/** What the main buy button says: its label ("Sold out") or its state (disabled). */
export function buyButtonStock(layout: PageLayout): VisibleStock | null {
  const b = layout.anchors.buy;
  if (!b) return null;
  const label = `${layout.scan.texts.get(b) ?? ''} ${b.attribs.value ?? ''}`.trim();
  const said = label ? availabilityFromText(label) : null;
  if (said && said.availability !== 'in_stock') return { availability: said.availability, phrase: said.phrase, distance: 0, strong: true };
  const a = b.attribs;
  if ('disabled' in a || a['aria-disabled'] === 'true' || /(?:^|[\s_-])(?:disabled|is-disabled|btn-disabled|inactive)(?:\s|$)/i.test(a.class ?? '')) {
    return { availability: 'out_of_stock', phrase: 'add-to-cart button disabled', distance: 0, strong: false };
  }
  return { availability: 'in_stock', phrase: 'add-to-cart button enabled', distance: 0, strong: false };
}


export interface StockInputs {
  recipe: { availability: Availability; phrase: string } | null;
  /** schema.org values of the chosen offer (first) and of all the product's offers. */
  structured: { value: string; source: FieldSource }[];
  visible: VisibleStock | null;
  button: VisibleStock | null;
}

export interface StockDecision {
  availability: Availability;
  source: FieldSource | null;
  notes: string[];
  rejected: RejectedCandidate[];
}

function structuredAvailability(values: { value: string; source: FieldSource }[]): { availability: Availability; source: FieldSource } | null {
  const read = values.map((v) => ({ a: availabilityFromSchema(v.value), source: v.source })).filter((x): x is { a: Availability; source: FieldSource } => !!x.a);
  if (!read.length) return null;
  // In stock when any of the product's offers is; otherwise the first offer's word.
  const inStock = read.find((x) => x.a === 'in_stock' || x.a === 'limited');
  const pick = inStock ?? read[0];
  return { availability: pick.a, source: pick.source };
}

const contradicts = (a: Availability, b: Availability) =>
  (a === 'out_of_stock') !== (b === 'out_of_stock') && a !== 'unknown' && b !== 'unknown' && a !== 'preorder' && b !== 'preorder';

export function decideAvailability(inp: StockInputs): StockDecision {
  const d: StockDecision = { availability: 'unknown', source: null, notes: [], rejected: [] };
  if (inp.recipe) {
    d.availability = inp.recipe.availability;
    d.source = 'recipe';
    return d;
  }
  const s = structuredAvailability(inp.structured);
  // The buy button's own label ("Sold out") outranks any other visible phrase.
  const v = inp.button?.strong ? inp.button : inp.visible;
  if (s && v && contradicts(s.availability, v.availability) && v.strong && v.distance <= OVERRIDE_REACH) {
    d.availability = v.availability;
    d.source = 'visible';
    d.notes.push(`structured data says ${s.availability} but the page says "${v.phrase}" near the buy box; trusted the page`);
    d.rejected.push({ field: 'availability', value: s.availability, source: s.source, reason: `contradicted by the page ("${v.phrase}")` });
    return d;
  }
  // "Nur noch 3 Stück", "Only 2 left" near the buy box refines an in-stock offer; it does not contradict it.
  if (s?.availability === 'in_stock' && v?.availability === 'limited' && v.distance <= OVERRIDE_REACH) {
    d.availability = 'limited';
    d.source = 'visible';
    d.notes.push(`structured data says in stock and the page says "${v.phrase}": low stock`);
    return d;
  }
  if (s) {
    d.availability = s.availability;
    d.source = s.source;
    if (v && contradicts(s.availability, v.availability)) {
      const why = v.strong ? 'too far from the buy box to overrule structured data' : 'not in an element marked as stock information, so it does not overrule structured data';
      d.rejected.push({ field: 'availability', value: v.phrase, source: 'visible', reason: why });
    }
    return d;
  }
  const pick = v ?? inp.button ?? null;
  if (pick) {
    d.availability = pick.availability;
    d.source = 'visible';
    if (!v) d.notes.push(`availability inferred from the ${pick.phrase}`);
  }
  return d;
}
