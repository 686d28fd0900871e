// Turns an Extraction into the flat JSON of the `inspect` contract: amounts in major units,
// ISO currency, null where unknown.
import { minorDigits } from '../crawler/parse/price.ts';
import type { Extraction, Money, Promotion } from '../store/model.ts';

export function toMajor(money: Money | null | undefined): number | null {
  if (!money) return null;
  const digits = minorDigits(money.currency);
  return Number((money.amountMinor / 10 ** digits).toFixed(digits));
}

function promotionToJson(p: Promotion) {
  return {
    type: p.type,
    text: p.text,
    threshold: toMajor(p.threshold),
    amount: toMajor(p.amount),
    percent: p.percent ?? null,
    repeat: p.repeat ?? false,
    tiers: p.tiers?.map((t) => ({ threshold: toMajor(t.threshold), amount: toMajor(t.amount) })) ?? null,
    quantity: p.quantity ?? null,
    code: p.code ?? null,
    endsAt: p.endsAt ?? null,
  };
}

export interface InspectRecord {
  url: string | null;
  title: string | null;
  price: number | null;
  currency: string | null;
  listPrice: number | null;
  effectivePrice: number | null;
  priceRange: { low: number | null; high: number | null } | null;
  promotions: ReturnType<typeof promotionToJson>[];
  availability: Extraction['availability'];
  rating: number | null;
  ratingScale: number | null;
  reviewCount: number | null;
  positiveRate: number | null;
  sku: string | null;
  gtin: string | null;
  brand: string | null;
  image: string | null;
  canonicalUrl: string | null;
  sources: Extraction['sources'];
  rejected: Extraction['rejected'];
  notes: string[];
  error: string | null;
}

export function toInspectRecord(url: string | null, e: Extraction): InspectRecord {
  return {
    url,
    title: e.title,
    price: toMajor(e.price),
    currency: e.price?.currency ?? e.listPrice?.currency ?? null,
    listPrice: toMajor(e.listPrice),
    effectivePrice: toMajor(e.effectivePrice),
    priceRange: e.priceRange ? { low: toMajor(e.priceRange.low), high: toMajor(e.priceRange.high) } : null,
    promotions: e.promotions.map(promotionToJson),
    availability: e.availability,
    rating: e.rating,
    ratingScale: e.ratingScale,
    reviewCount: e.reviewCount,
    positiveRate: e.positiveRate,
    sku: e.sku,
    gtin: e.gtin,
    brand: e.brand,
    image: e.image,
    canonicalUrl: e.canonicalUrl,
    sources: e.sources,
    rejected: e.rejected,
    notes: e.notes,
    error: null,
  };
}

/** The record for a page that could not be read: every field null, and why. */
export function errorRecord(url: string | null, error: string): InspectRecord {
  return {
    url,
    title: null,
    price: null,
    currency: null,
    listPrice: null,
    effectivePrice: null,
    priceRange: null,
    promotions: [],
    availability: 'unknown',
    rating: null,
    ratingScale: null,
    reviewCount: null,
    positiveRate: null,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: {},
    rejected: [],
    notes: [],
    error,
  };
}

/** Human-readable report of one extraction, with where each field came from and what was rejected. */
export function formatInspect(r: InspectRecord): string {
  const src = (f: keyof InspectRecord['sources']) => (r.sources[f] ? `  [${r.sources[f]}]` : '');
  const lines = [
    `URL           ${r.url ?? '-'}`,
    `Title         ${r.title ?? '-'}${src('title')}`,
    `Price         ${r.price ?? '-'} ${r.currency ?? ''}${src('price')}`,
    `List price    ${r.listPrice ?? '-'}${src('listPrice')}`,
    `Effective     ${r.effectivePrice ?? '-'}${src('effectivePrice')}`,
    `Availability  ${r.availability}${src('availability')}`,
    `Rating        ${r.rating ?? '-'}${r.ratingScale ? ` / ${r.ratingScale}` : ''}${src('rating')}`,
    `Reviews       ${r.reviewCount ?? '-'}${src('reviewCount')}${r.positiveRate !== null ? `  positive ${Math.round(r.positiveRate * 100)}%` : ''}`,
    `SKU / GTIN    ${r.sku ?? '-'} / ${r.gtin ?? '-'}${src('sku')}`,
    `Brand         ${r.brand ?? '-'}${src('brand')}`,
  ];
  if (r.promotions.length) {
    lines.push('Promotions');
    for (const p of r.promotions) lines.push(`  - ${p.type}: ${p.text}`);
  }
  if (r.rejected.length) {
    lines.push('Rejected candidates');
    for (const c of r.rejected.slice(0, 30)) lines.push(`  - ${c.field} ${JSON.stringify(c.value)} from ${c.source}: ${c.reason}`);
  }
  if (r.notes.length) {
    lines.push('Notes');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  if (r.error) lines.push(`Error         ${r.error}`);
  return lines.join('\n');
}
