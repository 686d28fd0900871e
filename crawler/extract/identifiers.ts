// Product identifiers and brand from the visible page when structured data has none: the shop's
// own SKU in the add-to-cart form (hidden inputs named sku / ASIN / product id), and label/value
// pairs in specification tables and lists ("Brand | HP", "Marke: Lenovo", "EAN: 4006…"), which
// read the same in every shop that prints them. GTINs are checked by their check digit.
import type { Element } from './dom.ts';
import type { PageLayout } from './anchors.ts';

const SKU_INPUT = /^(?:asin|sku|product[-_]?sku|variant[-_]?sku|item[-_]?sku|productsku|skuid|sku[-_]?id|sku[-_]?code|article[-_]?number|artikelnummer)$/i;
const LABELS: Record<'brand' | 'sku' | 'gtin', RegExp> = {
  brand: /^(?:brand|brand name|marke|marque|marca|merk|märke|mærke|merkki|marka|značka|márka|бренд|品牌|牌子|ブランド|브랜드|manufacturer|hersteller|fabricant|fabricante|produttore)$/i,
  sku: /^(?:sku|asin|item (?:no|number|#)|item model number|article (?:no|number)|art\.?[-\s]?nr\.?|artikelnummer|artikel-?nr\.?|référence|réf\.?|referencia|ref\.?|codice articolo|numer katalogowy|kod produktu|商品编号|商品編號|货号|貨號|型号|型號|商品番号|品番|型番|상품번호|모델명|part number|part no\.?|mfr\.? part (?:no|number|#)|model (?:no\.?|number|#)|product code|produktnummer|herstellernummer|modellnummer|référence fabricant|código|numer produktu|mpn)$/i,
  gtin: /^(?:ean|ean-?13|gtin|gtin-?13|upc|isbn|isbn-?13|ean\/upc|ean \/ upc|ean code|ean-code|barcode|条形码|條碼|jan|jan ?コード)$/i,
};
const INLINE_LABEL = /^([^:：]{2,30})\s*[:：]\s*(.{1,80})$/;
/** "SKU RW-100", "Item # 500112", "Art.-Nr. 12345": a label and one code with a digit, no colon. */
const LABEL_THEN_CODE = /^(\p{L}[\p{L}.\- ]{1,28}?)\s*#?\s+((?=[\w./-]*\d)[A-Za-z0-9][\w./-]{1,39})$/u;
const MAX_BLOCKS = 20000;

function clean(s: string): string {
  return s.replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();
}

function nextElement(el: Element): Element | null {
  let n = el.next;
  while (n && n.type !== 'tag') n = n.next;
  return (n as Element | null) ?? null;
}

/** The value printed beside a label element: its next sibling, or the next cell of its row/term. */
function valueBeside(label: Element, texts: Map<Element, string>): string | null {
  for (let el: Element | null = label, i = 0; el && i < 3; el = el.parent as Element | null, i++) {
    const next = nextElement(el);
    if (next) {
      const t = texts.get(next);
      return t ? clean(t) : null;
    }
  }
  return null;
}

export interface LabelledValues {
  brand: string | null;
  sku: string | null;
  gtin: string | null;
}

/** Label/value pairs in the main product's area (outside carousels, footers, navigation), the nearest to the title and buy button first. */
export function labelledValues(layout: PageLayout): LabelledValues {
  const out: LabelledValues = { brand: null, sku: null, gtin: null };
  const dist: Record<keyof LabelledValues, number> = { brand: Infinity, sku: Infinity, gtin: Infinity };
  const texts = layout.scan.texts;
  const blocks = layout.scan.textBlocks;
  for (let i = 0; i < blocks.length && i < MAX_BLOCKS; i++) {
    const el = blocks[i];
    const raw = texts.get(el);
    if (!raw || raw.length > 100) continue;
    const text = clean(raw);
    let label = text.replace(/\s*[:：]$/, '');
    let value: string | null = null;
    const inline = INLINE_LABEL.exec(text) ?? LABEL_THEN_CODE.exec(text);
    if (inline) {
      label = inline[1].trim();
      value = clean(inline[2]);
    }
    for (const field of ['brand', 'sku', 'gtin'] as const) {
      if (!LABELS[field].test(label) || layout.zoneOf(el)) continue;
      const d = layout.distance(el);
      if (d >= dist[field]) continue;
      const v = value ?? valueBeside(el, texts);
      if (v && v.length <= 60 && !LABELS[field].test(v)) {
        out[field] = v;
        dist[field] = d;
      }
    }
  }
  return out;
}

function formOf(el: Element | null): Element | null {
  for (let p = el; p && p.type === 'tag'; p = p.parent as Element | null) if (p.name === 'form') return p;
  return null;
}

/** The SKU an add-to-cart form carries in a hidden input: the buy button's own form first, then the nearest. */
export function formSku(layout: PageLayout, inputs: Element[]): string | null {
  const buyForm = formOf(layout.anchors.buy);
  let best: string | null = null;
  let bestDist = Infinity;
  for (const el of inputs) {
    const a = el.attribs;
    if (!SKU_INPUT.test(a.name ?? '') && !SKU_INPUT.test(a.id ?? '')) continue;
    const v = a.value?.trim();
    if (!v || v.length > 64 || /\s/.test(v)) continue;
    const d = buyForm && formOf(el) === buyForm ? -1 : layout.distance(el);
    if (d < bestDist) {
      best = v;
      bestDist = d;
    }
  }
  return best;
}

function checkDigitOk(digits: string): boolean {
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    const n = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? n * 3 : n;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

function isbn10Ok(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = s[i];
    const v = c === 'X' || c === 'x' ? 10 : Number(c);
    if (Number.isNaN(v) || (v === 10 && i !== 9)) return false;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

/** A GTIN as digits when its length and check digit are right; otherwise the reason it is not one. */
export function normalizeGtin(raw: string): { gtin: string } | { reason: string } {
  const s = raw.replace(/^(?:gtin|ean|upc|isbn)(?:-?\d+)?\s*[:：]?\s*/i, '').replace(/[\s-]/g, '');
  if (/^\d{9}[\dXx]$/.test(s)) return isbn10Ok(s) ? { gtin: s.toUpperCase() } : { reason: 'ISBN-10 check digit does not match' };
  if (!/^\d+$/.test(s)) return { reason: 'not all digits' };
  if (![8, 12, 13, 14].includes(s.length)) return { reason: `${s.length} digits is no GTIN length (8, 12, 13, 14)` };
  return checkDigitOk(s) ? { gtin: s } : { reason: 'check digit does not match' };
}

const BRAND_NOISE: RegExp[] = [
  /^(?:visit the|visiter la boutique|visita lo store di|visita la tienda de|besuche den|bezoek de|odwiedź sklep|zobacz sklep)\s+/i,
  /[-\s](?:store|shop|boutique|tienda)$/i,
  /\s+store$/i,
  /^(?:brand|marke|marque|marca|merk|by|von|de|par|di|品牌)\s*[:：]\s*/i,
  /^(?:by|von|par|di|de)\s+/i,
];

/** A brand as printed in a byline ("Visit the Lenovo Store", "Marke: HP") reduced to the name. */
export function cleanBrand(text: string): string | null {
  let s = clean(text);
  for (let i = 0; i < 2; i++) for (const re of BRAND_NOISE) s = s.replace(re, '').trim();
  return s && s.length <= 60 ? s : null;
}

/** A brand from a byline-like element near the title (class/id brand, byline, manufacturer). */
export function bylineBrand(layout: PageLayout): string | null {
  if (!layout.anchors.title) return null;
  for (const { el, distance } of layout.nearBlocks()) {
    const a = el.attribs;
    if (distance > 8 || !/brand|byline|manufacturer|(?:^|[-_\s])(?:marke|marque|vendor)(?:$|[-_\s])/i.test(`${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''}`)) continue;
    const text = layout.scan.texts.get(el);
    const brand = text ? cleanBrand(text) : null;
    if (brand) return brand;
  }
  return null;
}

/** Query keys that carry a marketplace's item id (Taobao ?id=, eBay ?item=, shops' ?skuId=). */
const ID_QUERY = /^(?:id|item_?id|itemid|sku_?id|skuid|product_?id|productid|pid|goods_?id|item)$/i;

/**
 * The item id a marketplace writes into its product URLs, as the last resort for the SKU when no
 * structured data, form or label names one: Amazon's /dp/ASIN, an item id in the query, or a
 * path segment that is a long number ("/item/1005004.html", "/ip/kettle/123456789").
 */
export function urlItemId(url: string | null): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const asin = /\/(?:dp|gp\/product|gp\/aw\/d)\/([A-Z0-9]{10})(?:[/?]|$)/.exec(u.pathname);
  if (asin) return asin[1];
  for (const [k, v] of u.searchParams) if (ID_QUERY.test(k) && /^[A-Za-z0-9_-]{4,40}$/.test(v) && /\d/.test(v)) return v;
  const segments = u.pathname.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const m = /^(\d{6,20})(?:\.(?:html?|p|aspx))?$/.exec(segments[i]);
    if (m) return m[1];
  }
  return null;
}
