// What a demo page shows (truth()) against what extract() read from it, field by field, for the
// demo-shop extraction test and for anyone diagnosing a shop by hand. Pure: no I/O.
import type { DemoProductState, DemoShopInfo } from '../../server/demo/index.ts';
import type { Extraction } from '../../store/model.ts';

export const COMPARED = [
  'title',
  'price',
  'listPrice',
  'effectivePrice',
  'availability',
  'rating',
  'reviewCount',
  'positiveRate',
  'sku',
  'promotions',
] as const;
export type ComparedField = (typeof COMPARED)[number];

export interface Mismatch {
  field: ComparedField;
  expected: string;
  got: string;
}

const money = (minor: number | null, currency: string) => (minor === null ? '(none)' : `${(minor / 100).toFixed(2)} ${currency}`);
const got = (m: { amountMinor: number; currency: string } | null) => (m ? `${(m.amountMinor / 100).toFixed(2)} ${m.currency}` : '(none)');
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Every field where the extraction differs from what the page shows. Promotions are compared as
 * texts: each text the page shows must be covered by an extracted promotion (a page's one text
 * may be read as several, "满200减20/满400减50" as one), and no extracted promotion may come from
 * text that is not a promotion (announcement bars, review counts, price labels).
 */
export function compareWithTruth(x: Extraction, t: DemoProductState, shop: Pick<DemoShopInfo, 'currency'>): Mismatch[] {
  const out: Mismatch[] = [];
  const check = (field: ComparedField, expected: string, actual: string) => {
    if (expected !== actual) out.push({ field, expected, got: actual });
  };
  // The extractor drops markup from structured-data names on purpose (JSON-LD names carry <b>
  // tags), so a title whose text is tag text ("<script>…</script>", shown escaped) reads either as
  // the page shows it or without the tags and the script.
  const title = x.title === null ? '(none)' : norm(x.title);
  const stripped = norm(t.title.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  check('title', title === norm(t.title) ? title : stripped, title);
  check('price', money(t.priceMinor, shop.currency), got(x.price));
  check('listPrice', money(t.listPriceMinor, shop.currency), got(x.listPrice));
  check('effectivePrice', money(t.effectivePriceMinor, shop.currency), got(x.effectivePrice));
  check('availability', t.availability, x.availability);
  check('rating', `${t.rating}/${t.ratingScale}`, x.rating === null ? '(none)' : `${x.rating}/${x.ratingScale}`);
  check('reviewCount', String(t.reviewCount), String(x.reviewCount ?? '(none)'));
  if (t.positiveRate !== null) check('positiveRate', String(t.positiveRate), String(x.positiveRate ?? '(none)'));
  check('sku', t.sku, x.sku ?? '(none)');
  const shown = t.promotions.map(norm);
  const read = x.promotions.map((p) => norm(p.text));
  const missing = shown.filter((s) => !read.some((r) => r === s || s.includes(r)));
  const extra = read.filter((r) => !shown.some((s) => s === r || s.includes(r)));
  if (missing.length || extra.length) out.push({ field: 'promotions', expected: t.promotions.join(' | ') || '(none)', got: x.promotions.map((p) => `${p.type}:${p.text}`).join(' | ') || '(none)' });
  return out;
}
