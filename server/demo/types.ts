// Public types of the demo shops (re-exported by ./index.ts).
import type { Recipe } from '../../crawler/recipe.ts';

export type DemoAvailability = 'in_stock' | 'out_of_stock' | 'preorder' | 'limited';

/**
 * How the flaky shop treats a product's requests:
 * - `none`: always served;
 * - `captcha`: always HTTP 200 with a "verify you are human" form and no price;
 * - `always-429`: always HTTP 429 with `Retry-After`;
 * - `first-request-429`: on this product-day the first request in each simulated hour (UTC) gets
 *   429 with `Retry-After: 1`; the retry is served (tests a crawler's retry path).
 */
export type DemoBlocking = 'none' | 'captcha' | 'always-429' | 'first-request-429';

export interface DemoPromotionShown {
  /** The text exactly as the page shows it (whitespace collapsed). */
  text: string;
  /** UTC ISO end time when the page shows one (flash sales, lightning deals). */
  endsAt: string | null;
}

export interface DemoProductState {
  productId: string;
  /** OUR matching SKU (see catalogue.ts); pages show it as the model / part number. */
  sku: string;
  /** Plain text; hostile titles keep their tag text here (the page escapes it). */
  title: string;
  priceMinor: number;
  /** Struck-through price when the page shows one, else null. */
  listPriceMinor: number | null;
  currency: string;
  /** Raw texts of the product's promotion elements, in page order. */
  promotions: string[];
  promotionDetails: DemoPromotionShown[];
  /**
   * What a buyer of one unit pays: the price minus the threshold reductions (满减, best tier
   * reached by one unit), threshold coupons and percent coupons/codes that one unit qualifies for.
   * Badges that describe a discount already in the price ("Save $10", "-15%") are not subtracted.
   */
  effectivePriceMinor: number;
  availability: DemoAvailability;
  /** Units left when the page says "only N left", else null. */
  stockLeft: number | null;
  rating: number;
  ratingScale: number;
  /** As the page shows it: the Chinese shop rounds counts ≥ 10,000 down to 0.1万 ("2.3万+"). */
  reviewCount: number;
  /** 好评率 as a fraction 0..1 where the page shows it (Chinese shop), else null. */
  positiveRate: number | null;
  /** The product page answers 404/410 at this time. */
  gone: boolean;
  /** The HTTP status a (successful, non-first-429) request gets: 200, 404, 410 or 429. */
  httpStatus: number;
  blocking: DemoBlocking;
  /** robots.txt disallows this product's path. */
  robotsDisallowed: boolean;
}

export interface DemoShopInfo {
  id: string;
  name: string;
  /** How the page carries its data: json-ld, microdata, visible, csr, state-json, opengraph, rdfa-flaky. */
  kind: string;
  currency: string;
  /** BCP 47 language of the pages (en-US, en-GB, zh-CN, de-DE). */
  lang: string;
  /** The shop's fixed UTC offset; its schedule runs on local days. */
  utcOffsetMinutes: number;
  /** Base URL of this shop: server url + urlPrefix without the trailing slash. */
  origin: string;
  /** Path prefix that identifies the shop on the shared host, e.g. "/shop/northwind/". */
  urlPrefix: string;
  /** Config `domains` entries ("host:port/path-prefix") that pick this shop out on the shared host. */
  domains: string[];
  /** Absolute URLs of every product page, including blocked, robots-disallowed and gone ones. */
  productUrls: string[];
  productIds: string[];
  needsBrowser: boolean;
  needsRecipe: boolean;
  /** Suggested CSS selector recipe for the config (the shape of crawler/recipe.ts). */
  recipe?: Recipe;
  /** Absolute path prefixes robots.txt disallows for this shop. */
  robotsDisallow: string[];
  /** One paragraph for people: what the shop imitates and what is special about it. */
  description: string;
}

export interface DemoShopsOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Clock for the simulated time; default: a settable clock starting at the real time. setTime() overrides it. */
  now?: () => Date;
  /** Artificial delay before every response, for benchmarks. Default 0. */
  latencyMs?: number;
  /** When false, the flaky shop never answers first requests with 429 (captcha and always-429 products stay). Default true. */
  rateLimit?: boolean;
}

export interface DemoShops {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  shops: DemoShopInfo[];
  /** The simulated time the shops render prices for (requests may override it with X-RivalWatch-Sim-Time). */
  setTime(at: Date | string): void;
  /** The simulated time a request without the header gets. */
  time(): Date;
  close(): Promise<void>;
  /** Ground truth for tests: what a product page shows at a given time. Throws for unknown ids. */
  truth(shopId: string, productId: string, at: Date | string): DemoProductState;
  /** Absolute URL of a product page. Throws for unknown ids. */
  productUrl(shopId: string, productId: string): string;
}
