// The shape every demo shop module fills in: its products (static facts), its campaigns (how a
// local day turns a product's base state into the offer the page shows) and its markup. The
// schedule common to all shops (price walk, stock, reviews, dumps) lives in state.ts.
import { ourProduct, DEMO_FX } from './catalogue.ts';
import { rand, randInt, randRange } from './prng.ts';
import { shelfPrice, type PriceStyle } from './money.ts';
import type { ReviewSpec, Reviews, WalkSpec } from './dynamics.ts';
import type { DemoAvailability, DemoProductState } from './types.ts';
import type { Recipe } from '../../crawler/recipe.ts';

/** What is special about one product; every field is documented in the shop's product list. */
export interface ProductSpecial {
  /** The title carries HTML tag text the page must escape. */
  hostile?: boolean;
  /** The product lives under a path robots.txt disallows. */
  robotsDisallowed?: boolean;
  /** Flaky shop: how its requests are refused. */
  blocking?: 'captcha' | 'always-429';
  /** From this shop-local date (YYYY-MM-DD) on the page answers `goneStatus`. */
  goneFrom?: string;
  goneStatus?: 404 | 410;
  /** Deep price drop (−60 %) on the 12th and 13th of every month. */
  dump?: boolean;
  /** Rating drop and negative-review spike from the 8th of every odd month. */
  incident?: boolean;
  /** Out of stock on these days of every month (inclusive). */
  monthlyStockOut?: [number, number];
  /** Pre-order before this shop-local date (YYYY-MM-DD), in stock from it. */
  preorderUntil?: string;
  /** Net weight in ounces, for unit prices ("$1.33/oz"). */
  unitOz?: number;
}

export interface DemoProduct {
  id: string;
  sku: string;
  title: string;
  /** Path after the shop prefix, e.g. "products/aero-wireless-earbuds" or "item.htm?id=6801". */
  path: string;
  basePriceMinor: number;
  /** A permanent compare-at / RRP price the shop shows struck through when above the price. */
  msrpMinor: number | null;
  walk: WalkSpec;
  reviews: ReviewSpec;
  special: ProductSpecial;
}

/** A promotion's effect on what one unit costs at checkout (absent: informational or already in the price). */
export type PromoEffect =
  | { kind: 'tiers'; tiers: [thresholdMinor: number, offMinor: number][] }
  | { kind: 'percent'; percent: number }
  | { kind: 'amount'; amountMinor: number; minSpendMinor: number };

export interface ShownPromotion {
  text: string;
  endsAt: string | null;
  effect?: PromoEffect;
}

/** The product's state before the shop's campaigns: the same rules for every shop. */
export interface BaseState {
  day: number;
  regularMinor: number;
  /** A dump day: the shop shows about 40 % of the regular price. */
  dump: boolean;
  availability: DemoAvailability;
  stockLeft: number | null;
  reviews: Reviews;
}

/** What the page shows for price and promotions on one day. */
export interface Offer {
  priceMinor: number;
  listPriceMinor: number | null;
  promotions: ShownPromotion[];
  availability: DemoAvailability;
  stockLeft: number | null;
}

export interface RelatedItem {
  product: DemoProduct;
  state: DemoProductState;
  url: string;
}

export interface PageContext {
  product: DemoProduct;
  state: DemoProductState;
  day: number;
  /** The simulated instant the page is rendered for. */
  at: Date;
  /** Absolute URL of this page. */
  url: string;
  /** Shop base URL without trailing slash, e.g. http://127.0.0.1:4000/shop/northwind. */
  shopUrl: string;
  related: RelatedItem[];
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ShopDefinition {
  id: string;
  name: string;
  kind: string;
  currency: string;
  lang: string;
  utcOffsetMinutes: number;
  style: PriceStyle;
  description: string;
  needsBrowser: boolean;
  needsRecipe: boolean;
  recipe?: Recipe;
  /** Disallowed path prefixes relative to the shop prefix ("private/"). */
  robotsDisallow: string[];
  ratingScale: number;
  products: DemoProduct[];
  formatPrice(minor: number): string;
  /** Campaigns and badges: turns the base state into the offer shown. */
  offer(product: DemoProduct, base: BaseState): Offer;
  /** The review count as the page shows it (the Chinese shop rounds to 0.1万). */
  shownReviewCount?(count: number): number;
  /** Flaky shop: whether this product-day answers the first request with 429. */
  firstRequest429?(product: DemoProduct, day: number): boolean;
  /** The product id a path (after the prefix, with the query) names, or null. */
  resolve(rest: string, url: URL): string | null;
  /** Routes other than product pages (APIs, scripts); null when the path is not one. */
  route?(rest: string, url: URL, ctx: RouteContext): RawResponse | null;
  render(page: PageContext): string;
  /** Flaky shop: the "verify you are human" page served with HTTP 200 instead of the product. */
  captchaPage?(shopUrl: string): string;
  /** The shop's 404 / 410 page body. */
  missingPage(status: 404 | 410, shopUrl: string, product: DemoProduct | null): string;
}

export interface RouteContext {
  at: Date;
  shopUrl: string;
  truth(productId: string): DemoProductState;
}

export interface ProductSpec {
  id: string;
  sku: string;
  title: string;
  path: string;
  /** Price relative to our catalogue price after currency conversion; default 1.02–1.12 by hash (below 1: an undercutter). */
  factor?: number;
  /** Force a compare-at / RRP price on (true) or off (false); default by hash (BuildOptions.msrpShare). */
  msrp?: boolean;
  /** Review count at the epoch and new reviews per day, instead of the shop's random ranges. */
  reviews?: [base: number, perDay: number];
  special?: ProductSpecial;
}

export interface BuildOptions {
  shopId: string;
  currency: string;
  style: PriceStyle;
  /** Review counts at the epoch and per day: [min, max] each. */
  reviews0: [number, number];
  reviewRate: [number, number];
  /** Shops that show 好评率 get a base positive rate. */
  positiveRate?: boolean;
  /** Share of products with a permanent compare-at / RRP price; default 0.4. */
  msrpShare?: number;
}

/** Turns a shop's compact product list into products with prices and review baselines. */
export function buildProducts(opts: BuildOptions, specs: ProductSpec[]): DemoProduct[] {
  return specs.map((s) => {
    const key = `${opts.shopId}|${s.id}`;
    const ours = ourProduct(s.sku);
    const factor = s.factor ?? randRange(1.02, 1.12, key, 'factor');
    const basePriceMinor = shelfPrice(Math.round(ours.priceMinor * DEMO_FX[opts.currency] * factor), opts.style);
    const hasMsrp = s.msrp ?? rand(key, 'msrp') < (opts.msrpShare ?? 0.4);
    return {
      id: s.id,
      sku: s.sku,
      title: s.title,
      path: s.path,
      basePriceMinor,
      msrpMinor: hasMsrp ? shelfPrice(Math.round(basePriceMinor * 1.25), opts.style) : null,
      // An undercutter's walk never climbs above 95 % of our price, so it undercuts us every day.
      walk: { key, basePriceMinor, style: opts.style, ...(factor < 1 ? { high: 0.95 / factor } : {}) },
      reviews: {
        key,
        rating0: Math.round(randRange(3.9, 4.75, key, 'rating') * 100) / 100,
        reviews0: s.reviews?.[0] ?? randInt(opts.reviews0[0], opts.reviews0[1], key, 'reviews0'),
        reviewRate: s.reviews?.[1] ?? randRange(opts.reviewRate[0], opts.reviewRate[1], key, 'rate'),
        positive0: opts.positiveRate ? randRange(0.95, 0.995, key, 'positive') : null,
        incident: s.special?.incident ?? false,
      },
      special: s.special ?? {},
    };
  });
}

/** Default resolver: the path after the prefix names the product, with or without a trailing slash. */
export function pathResolver(products: DemoProduct[]): (rest: string) => string | null {
  const byPath = new Map<string, string>();
  for (const p of products) byPath.set(p.path.replace(/\/$/, ''), p.id);
  return (rest) => byPath.get(rest.split('?')[0].replace(/\/$/, '')) ?? null;
}
