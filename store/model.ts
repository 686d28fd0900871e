// The data model every part of RivalWatch speaks: listings, observations, change points.
// Money is always integer minor units plus an ISO 4217 code; times are UTC ISO-8601 strings.

/** An exact amount of money: `{ amountMinor: 129900, currency: "CNY" }` is ¥1,299.00. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export type Availability = 'in_stock' | 'out_of_stock' | 'preorder' | 'limited' | 'unknown';

export type PromotionType =
  | 'threshold' // 满减: spend X, get Y off (tiers, 每满 repeat)
  | 'percent' // 折扣: 8折, -20%, 20% off
  | 'amount_off' // "Save $10", 立减20
  | 'coupon' // 优惠券, clip coupon, codes
  | 'flash_sale' // 限时折扣 / 秒杀, with end time where shown
  | 'bundle' // 第二件半价, buy one get one, 套餐
  | 'gift' // 赠品
  | 'free_shipping' // 包邮, free shipping over $35
  | 'presale' // 预售 with deposit
  | 'member_price' // 会员价
  | 'group_buy' // 拼团
  | 'points' // 积分
  | 'other'; // unknown promotion text: kept, never dropped

export interface PromotionTier {
  threshold: Money;
  amount: Money;
}

/** A promotion as structured data, so an effective price can be computed from it. */
export interface Promotion {
  type: PromotionType;
  /** The text as the page shows it (plain text, never HTML). */
  text: string;
  /** Spend threshold (满300 → 300) or minimum quantity expressed as money where relevant. */
  threshold?: Money | null;
  /** Amount off (减50), or the fixed price for member / group-buy / pre-sale prices. */
  amount?: Money | null;
  /** Percent off: 8折 → 20, "-20%" → 20. */
  percent?: number | null;
  /** 每满: the reduction repeats per threshold. */
  repeat?: boolean;
  tiers?: PromotionTier[];
  /** Bundle: which item the discount applies to (第二件半价 → 2), or quantity needed. */
  quantity?: number | null;
  /** Coupon code when shown. */
  code?: string | null;
  /** UTC ISO time the promotion ends, when the page says so. */
  endsAt?: string | null;
}

/** Where a field's value was read from. */
export type FieldSource =
  | 'json-ld'
  | 'microdata'
  | 'rdfa'
  | 'meta'
  | 'state-json'
  | 'recipe'
  | 'visible'
  | 'layout'
  | 'derived';

export type ExtractedField =
  | 'title'
  | 'price'
  | 'listPrice'
  | 'effectivePrice'
  | 'currency'
  | 'promotions'
  | 'availability'
  | 'rating'
  | 'reviewCount'
  | 'positiveRate'
  | 'sku'
  | 'gtin'
  | 'brand'
  | 'image'
  | 'canonicalUrl';

/** A value the extractor considered and did not take, with the reason, for `inspect`. */
export interface RejectedCandidate {
  field: ExtractedField;
  value: string;
  source: FieldSource;
  reason: string;
}

/** Everything read off one product page. Pure data: produced by `extract()`, no I/O. */
export interface Extraction {
  title: string | null;
  price: Money | null;
  /** Variant price range when the page shows one ("¥99-199", AggregateOffer); `price` is its low end. */
  priceRange: { low: Money; high: Money } | null;
  /** Struck-through list / original price. */
  listPrice: Money | null;
  /** What a buyer of one unit pays after the promotions that apply to one unit. */
  effectivePrice: Money | null;
  promotions: Promotion[];
  availability: Availability;
  rating: number | null;
  /** The scale `rating` is on: 5 for 4.8/5, 100 for 96/100. */
  ratingScale: number | null;
  reviewCount: number | null;
  /** 好评率 as a fraction 0..1 where shown. */
  positiveRate: number | null;
  sku: string | null;
  gtin: string | null;
  brand: string | null;
  image: string | null;
  canonicalUrl: string | null;
  sources: Partial<Record<ExtractedField, FieldSource>>;
  rejected: RejectedCandidate[];
  /** Human-readable notes: contradictions found, fields that could not be told. */
  notes: string[];
}

/** Why a crawl of a listing did not produce a price. */
export type FailureKind =
  | 'network' // DNS, connection refused/reset
  | 'timeout'
  | 'http' // unexpected HTTP status (5xx and the like)
  | 'blocked' // captcha, login wall, 403/429 after retries
  | 'gone' // 404/410: the listing is marked gone
  | 'robots' // robots.txt disallows the URL
  | 'no-price'; // page read, no price found

export interface CrawlFailure {
  kind: FailureKind;
  /** A sentence a person can act on: "robots.txt disallows /item/". */
  reason: string;
  httpStatus?: number | null;
}

export type FetchMode = 'http' | 'browser';

/** One crawl of one listing: either what was read, or why nothing was. Never both. */
export type Observation =
  | {
      listingId: string;
      url: string;
      /** UTC ISO time of the crawl (simulated time in the demo). */
      at: string;
      via: FetchMode;
      ok: true;
      httpStatus: number | null;
      extraction: Extraction;
    }
  | {
      listingId: string;
      url: string;
      at: string;
      via: FetchMode | null;
      ok: false;
      httpStatus: number | null;
      failure: CrawlFailure;
    };

export type ListingStatus = 'active' | 'gone' | 'paused';

/** A competitor page we watch, tied to one of our SKUs. `id` is stable; `url` is normalized. */
export interface Listing {
  id: string;
  url: string;
  competitor: string;
  sku: string;
  status: ListingStatus;
  addedAt: string;
  goneAt?: string | null;
  /** Listings of our own product pages (crawled like any other) carry `own: true`. */
  own?: boolean;
  label?: string | null;
}

export interface NewListing {
  url: string;
  competitor: string;
  sku: string;
  own?: boolean;
  label?: string | null;
}

/** A value that held from `at` until the next point (or until `lastSeenAt`). */
export interface ChangePoint<T> {
  at: string;
  value: T;
  /** The last crawl that still saw this value. */
  lastSeenAt: string;
}

/** The fields tracked as change points for every listing. */
export interface TrackedValues {
  price: Money | null;
  listPrice: Money | null;
  effectivePrice: Money | null;
  promotions: Promotion[];
  availability: Availability;
  rating: number | null;
  ratingScale: number | null;
  reviewCount: number | null;
  positiveRate: number | null;
  title: string | null;
}

export type TrackedField = keyof TrackedValues;

/** Consecutive identical failures collapse into one span, so the store grows with changes only. */
export interface FailureSpan {
  kind: FailureKind;
  reason: string;
  httpStatus: number | null;
  firstAt: string;
  lastAt: string;
  count: number;
}

export interface ListingHistory {
  listingId: string;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  via: FetchMode | null;
  /** Where each field came from on the last successful crawl. */
  sources: Partial<Record<ExtractedField, FieldSource>>;
  sku: string | null;
  gtin: string | null;
  brand: string | null;
  fields: { [K in TrackedField]: ChangePoint<TrackedValues[K]>[] };
  failures: FailureSpan[];
  /** Failures since the last successful crawl (0 when the last crawl succeeded). */
  consecutiveFailures: number;
}

/** What recording one observation changed, for alerting and progress. */
export interface RecordResult {
  listingId: string;
  ok: boolean;
  /** Fields that got a new change point. */
  changed: TrackedField[];
  previous: Partial<TrackedValues>;
  current: Partial<TrackedValues>;
  failure?: CrawlFailure;
}

export interface CrawlRun {
  id: string;
  competitor: string;
  startedAt: string;
  finishedAt: string | null;
  /** Scheduled-for time (simulated time in the demo). */
  at: string;
  listings: number;
  ok: number;
  failed: number;
  failuresByKind: Partial<Record<FailureKind, number>>;
}

/** A generic document collection for the parts above the store (alerts outbox, digests, tokens). */
export interface DocumentRecord<T = unknown> {
  kind: string;
  id: string;
  doc: T;
  updatedAt: string;
}

export interface TimeRange {
  from?: string;
  to?: string;
}
