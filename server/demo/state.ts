// Ground truth: what a shop's product page shows at a simulated instant. The server renders from
// exactly this value and tests compare extraction against it, so page and truth cannot drift.
import { dayOf, dayParts, localDay } from './calendar.ts';
import { lowStock, randomlyOutOfStock, regularPrice, reviewsOn } from './dynamics.ts';
import type { BaseState, DemoProduct, Offer, ShopDefinition, ShownPromotion } from './shop.ts';
import type { DemoAvailability, DemoProductState } from './types.ts';

function parseLocalDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayOf(y, m, d);
}

export function isDumpDay(day: number): boolean {
  const { date } = dayParts(day);
  return date === 12 || date === 13;
}

export function isGone(product: DemoProduct, day: number): boolean {
  return product.special.goneFrom !== undefined && day >= parseLocalDate(product.special.goneFrom);
}

function availabilityOn(product: DemoProduct, day: number): { availability: DemoAvailability; stockLeft: number | null } {
  const s = product.special;
  if (s.preorderUntil && day < parseLocalDate(s.preorderUntil)) return { availability: 'preorder', stockLeft: null };
  const { date } = dayParts(day);
  const monthlyOut = s.monthlyStockOut && date >= s.monthlyStockOut[0] && date <= s.monthlyStockOut[1];
  if (monthlyOut || randomlyOutOfStock(product.walk.key, day)) return { availability: 'out_of_stock', stockLeft: null };
  const left = lowStock(product.walk.key, day);
  return left === null ? { availability: 'in_stock', stockLeft: null } : { availability: 'limited', stockLeft: left };
}

export function baseState(product: DemoProduct, day: number): BaseState {
  return {
    day,
    regularMinor: regularPrice(product.walk, day),
    dump: product.special.dump === true && isDumpDay(day),
    ...availabilityOn(product, day),
    reviews: reviewsOn(product.reviews, day),
  };
}

/** Price minus the reductions one unit qualifies for (see DemoProductState.effectivePriceMinor). */
export function effectivePrice(priceMinor: number, promotions: ShownPromotion[]): number {
  let off = 0;
  for (const p of promotions) {
    const e = p.effect;
    if (!e) continue;
    if (e.kind === 'tiers') {
      const reached = e.tiers.filter(([threshold]) => priceMinor >= threshold).map(([, amount]) => amount);
      off += reached.length ? Math.max(...reached) : 0;
    } else if (e.kind === 'percent') {
      off += Math.round((priceMinor * e.percent) / 100);
    } else if (priceMinor >= e.minSpendMinor) {
      off += e.amountMinor;
    }
  }
  return Math.max(0, priceMinor - off);
}

export interface ComputedPage {
  day: number;
  offer: Offer;
  state: DemoProductState;
}

export function computePage(shop: ShopDefinition, product: DemoProduct, at: Date, rateLimit = true): ComputedPage {
  const day = localDay(at, shop.utcOffsetMinutes);
  const base = baseState(product, day);
  const offer = shop.offer(product, base);
  const gone = isGone(product, day);
  const s = product.special;
  const blocking = s.blocking ?? (rateLimit && shop.firstRequest429?.(product, day) ? 'first-request-429' : 'none');
  const httpStatus = gone ? (s.goneStatus ?? 404) : blocking === 'always-429' ? 429 : 200;
  const state: DemoProductState = {
    productId: product.id,
    sku: product.sku,
    title: product.title,
    priceMinor: offer.priceMinor,
    listPriceMinor: offer.listPriceMinor,
    currency: shop.currency,
    promotions: offer.promotions.map((p) => p.text),
    promotionDetails: offer.promotions.map((p) => ({ text: p.text, endsAt: p.endsAt })),
    effectivePriceMinor: effectivePrice(offer.priceMinor, offer.promotions),
    availability: offer.availability,
    stockLeft: offer.stockLeft,
    rating: base.reviews.rating,
    ratingScale: shop.ratingScale,
    reviewCount: shop.shownReviewCount ? shop.shownReviewCount(base.reviews.reviewCount) : base.reviews.reviewCount,
    positiveRate: base.reviews.positiveRate,
    gone,
    httpStatus,
    blocking,
    robotsDisallowed: s.robotsDisallowed === true,
  };
  return { day, offer, state };
}
