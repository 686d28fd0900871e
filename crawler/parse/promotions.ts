// Promotions as structured data (满减, 折扣, coupons, flash sales, bundles, gifts, free shipping,
// pre-sale, member and group-buy prices, points) and the effective price one unit costs.
export { effectivePrice } from './promotions/effective.ts';
export { looksLikePromotion, parsePromotion, type PromotionContext } from './promotions/parse.ts';
export { parsePromotions } from './promotions/split.ts';
export { typeFromWords } from './promotions/patterns.ts';
