// The fields besides the price: title, identifiers, brand, image, canonical URL, availability,
// reviews, promotions and the effective price. Each takes the first source that has it in the
// order recipe → structured data of the main product (and the same product in other formats) →
// meta tags → the visible page, and records that source.
import type { Extraction, FieldSource, Promotion } from '../../store/model.ts';
import { currencyFromContext } from '../parse/currency.ts';
import type { PriceContext } from '../parse/price.ts';
import { effectivePrice, parsePromotion, parsePromotions } from '../parse/promotions.ts';
import type { PageLayout } from './anchors.ts';
import type { OfferFacts, ProductFacts } from './facts.ts';
import { bylineBrand, cleanBrand, formSku, labelledValues, normalizeGtin, urlItemId } from './identifiers.ts';
import type { PageMeta } from './meta.ts';
import { alreadyInPrice, appliesToAnyBuyer, promotionTexts } from './promos.ts';
import type { RecipeReading } from './recipe.ts';
import { visibleReviews } from './reviews.ts';
import { buyButtonStock, decideAvailability, visibleStock } from './stock.ts';
import { absoluteUrl, plainText } from './text.ts';
import type { ExtractOptions } from './index.ts';

export interface Gathered {
  opts: ExtractOptions;
  layout: PageLayout;
  meta: PageMeta;
  main: ProductFacts | null;
  others: ProductFacts[];
  metaProd: ProductFacts | null;
  offer: OfferFacts | null;
  offerFromUrl: boolean;
  offerSource: FieldSource | null;
  recipe: RecipeReading | null;
  ctx: PriceContext;
  title: { recipe: string | null; structured: string | null; h1: string | null; og: string | null; doc: string | null };
}

type Pick = { value: string; source: FieldSource } | null;

/** The page's canonical URL (link rel=canonical, else og:url), absolute. */
function canonicalOf(g: Gathered): string | null {
  return absoluteUrl(g.meta.canonical ?? g.meta.values.get('og:url'), g.opts.url);
}

function firstOf(...options: [string | null | undefined, FieldSource][]): Pick {
  for (const [value, source] of options) {
    const v = value?.trim();
    if (v) return { value: v, source };
  }
  return null;
}

function set<K extends 'title' | 'sku' | 'brand' | 'image' | 'canonicalUrl'>(out: Extraction, field: K, pick: Pick): void {
  if (!pick) return;
  out[field] = pick.value;
  out.sources[field] = pick.source;
}

export function finishFields(out: Extraction, g: Gathered): void {
  const { main, others, metaProd, recipe, layout } = g;
  const offerSrc: FieldSource = g.offerSource ?? main?.source ?? 'meta';
  const sameProducts = [main, ...others].filter((p): p is ProductFacts => !!p);
  const fromProducts = (f: (p: ProductFacts) => string | null): [string | null, FieldSource][] => sameProducts.map((p) => [f(p), p.source]);

  set(out, 'title', firstOf([g.title.recipe, 'recipe'], ...fromProducts((p) => plainText(p.name)), [g.title.h1, 'visible'], [g.title.og, 'meta'], [g.title.doc, 'meta']));

  const labelled = labelledValues(layout);
  // The offer the page shows (a variant named in the URL) identifies the product more exactly than its group.
  const variantSku = g.offerFromUrl ? g.offer?.sku : null;
  set(out, 'sku', firstOf([recipe?.sku, 'recipe'], [variantSku, offerSrc], ...fromProducts((p) => p.sku), [g.offer?.sku, offerSrc], [metaProd?.sku, 'meta'], [formSku(layout, layout.scan.inputs), 'visible'], [labelled.sku, 'visible'], [urlItemId(canonicalOf(g)), 'meta']));
  set(out, 'brand', firstOf([recipe?.brand, 'recipe'], ...fromProducts((p) => plainText(p.brand)), [plainText(metaProd?.brand), 'meta'], [labelled.brand ? cleanBrand(labelled.brand) : null, 'visible'], [bylineBrand(layout), 'visible']));
  const image = firstOf(...fromProducts((p) => p.image), [metaProd?.image, 'meta']);
  set(out, 'image', image && absoluteUrl(image.value, g.opts.url) ? { value: absoluteUrl(image.value, g.opts.url)!, source: image.source } : null);
  const canonical = canonicalOf(g);
  set(out, 'canonicalUrl', canonical ? { value: canonical, source: 'meta' } : null);

  const variantGtin = g.offerFromUrl ? g.offer?.gtin : null;
  const gtins = firstOfValid(out, [[recipe?.gtin, 'recipe'], [variantGtin, offerSrc], ...fromProducts((p) => p.gtin), [g.offer?.gtin, offerSrc], [metaProd?.gtin, 'meta'], [labelled.gtin, 'visible']]);
  if (gtins) {
    out.gtin = gtins.value;
    out.sources.gtin = gtins.source;
  }

  if (out.price) out.sources.currency = out.sources.price;

  const stock = decideAvailability({
    recipe: recipe?.availability ?? null,
    structured: [
      ...(g.offer?.availability ? [{ value: g.offer.availability, source: offerSrc }] : []),
      ...sameProducts.flatMap((p) => p.offers.concat(p.variants.flatMap((v) => v.offers)).filter((o) => o.availability).map((o) => ({ value: o.availability!, source: p.source }))),
      ...(metaProd?.offers.filter((o) => o.availability).map((o) => ({ value: o.availability!, source: 'meta' as FieldSource })) ?? []),
    ],
    visible: visibleStock(layout),
    button: buyButtonStock(layout),
  });
  out.availability = stock.availability;
  if (stock.source) out.sources.availability = stock.source;
  out.notes.push(...stock.notes);
  // A page that offers the product at a price and says nothing about stock sells it: shops state
  // a stock-out (a word, a disabled button, schema.org OutOfStock), rarely that they have stock.
  if (out.availability === 'unknown' && out.price && out.sources.price) {
    out.availability = 'in_stock';
    out.sources.availability = out.sources.price;
    out.notes.push('no stock statement on the page: offered at a price, so read as in stock');
  }
  out.rejected.push(...stock.rejected);

  reviews(out, g, sameProducts);
  promotions(out, g);
}

function firstOfValid(out: Extraction, options: [string | null | undefined, FieldSource][]): Pick {
  for (const [raw, source] of options) {
    if (!raw?.trim()) continue;
    const n = normalizeGtin(raw);
    if ('gtin' in n) return { value: n.gtin, source };
    out.rejected.push({ field: 'gtin', value: raw.slice(0, 40), source, reason: `not a valid GTIN: ${n.reason}` });
  }
  return null;
}

function reviews(out: Extraction, g: Gathered, products: ProductFacts[]): void {
  const structured = products.find((p) => p.rating);
  if (g.recipe?.rating) {
    out.rating = g.recipe.rating.rating;
    out.ratingScale = g.recipe.rating.scale;
    out.sources.rating = 'recipe';
  } else if (structured?.rating) {
    const value = Number(structured.rating.value.replace(',', '.'));
    const best = structured.rating.best ? Number(structured.rating.best.replace(',', '.')) : 5;
    if (Number.isFinite(value) && value >= 0 && best > 0 && value <= best) {
      out.rating = Math.round(value * 100) / 100;
      out.ratingScale = best;
      out.sources.rating = structured.source;
    } else {
      out.rejected.push({ field: 'rating', value: structured.rating.value, source: structured.source, reason: `not a rating on a scale of ${best}` });
    }
  }
  const count = g.recipe?.reviewCount ?? (structured?.rating?.count ? Number(structured.rating.count.replace(/[^\d]/g, '')) : null);
  if (count !== null && Number.isFinite(count)) {
    out.reviewCount = count;
    out.sources.reviewCount = g.recipe?.reviewCount != null ? 'recipe' : structured!.source;
  }
  if (out.rating !== null && out.reviewCount !== null) return;
  const v = visibleReviews(g.layout);
  if (out.rating === null && v.rating) {
    out.rating = v.rating.rating;
    out.ratingScale = v.rating.scale;
    out.sources.rating = 'visible';
  }
  if (out.reviewCount === null && v.reviewCount !== null) {
    out.reviewCount = v.reviewCount;
    out.sources.reviewCount = 'visible';
  }
  if (v.positiveRate !== null) {
    out.positiveRate = v.positiveRate;
    out.sources.positiveRate = 'visible';
  }
}

const NEEDS_FIGURE = new Set<Promotion['type']>(['amount_off', 'percent', 'threshold']);

function hasFigure(p: Promotion): boolean {
  return !!(p.amount || p.percent || p.threshold || p.tiers?.length);
}

function promotions(out: Extraction, g: Gathered): void {
  const currency = out.price?.currency ?? g.ctx.currency ?? currencyFromContext(g.ctx);
  const exclude = new Set<string>();
  if (out.title) exclude.add(out.title.toLowerCase());
  let texts: string[];
  if (g.recipe?.promotions) texts = g.recipe.promotions;
  else {
    const found = promotionTexts(g.layout, exclude);
    // Text the shop did not mark as a promotion and the parser cannot read ("(1 offer)") is left out.
    texts = currency ? found.filter((t) => t.marked || parsePromotion(t.text, { currency, lang: g.meta.lang }).type !== 'other').map((t) => t.text) : found.map((t) => t.text);
  }
  if (texts.length && currency) {
    // A reduction without its figure ("Save", "% off" as a label) is a label, not a promotion.
    out.promotions = parsePromotions(texts, { currency, now: g.opts.now, lang: g.meta.lang }).filter((p) => !NEEDS_FIGURE.has(p.type) || hasFigure(p));
    if (out.promotions.length) out.sources.promotions = g.recipe?.promotions ? 'recipe' : 'visible';
  } else if (texts.length) {
    out.notes.push(`${texts.length} promotion text(s) seen but not parsed: the page's currency is unknown`);
  }
  if (out.price) {
    const applicable = out.promotions.filter((p) => appliesToAnyBuyer(p) && !alreadyInPrice(p, out.price!, out.listPrice));
    out.effectivePrice = effectivePrice(out.price, applicable);
    out.sources.effectivePrice = 'derived';
  }
}
