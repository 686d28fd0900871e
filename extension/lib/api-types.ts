// The shapes the RivalWatch API answers with (see GET /api/openapi.json). The extension knows
// only the API, so it keeps its own copy of the types rather than importing server code.

export interface Money {
  amountMinor: number;
  currency: string;
}

export type Availability = 'in_stock' | 'out_of_stock' | 'preorder' | 'limited' | 'unknown';

export interface Promotion {
  type: string;
  text: string;
  threshold?: Money | null;
  amount?: Money | null;
  percent?: number | null;
  endsAt?: string | null;
}

export interface Difference {
  amountMinor: number;
  currency: string;
  percent: number | null;
}

export interface ChangePoint<T> {
  at: string;
  value: T;
  lastSeenAt: string;
}

export interface Listing {
  id: string;
  url: string;
  competitor: string;
  sku: string;
  status: 'active' | 'gone' | 'paused';
  label?: string | null;
  own?: boolean;
}

export interface PageLookup {
  url: string;
  tracked: boolean;
  listing: Listing | null;
  competitor: string | null;
  onCompetitorDomain: boolean;
  product: { sku: string; name: string } | null;
  canTrack: boolean;
}

export interface Offer {
  listingId: string;
  competitor: string;
  url: string;
  title: string | null;
  status: Listing['status'];
  price: Money | null;
  listPrice: Money | null;
  effectivePrice: Money | null;
  promotions: Promotion[];
  availability: Availability;
  rating: number | null;
  ratingScale: number | null;
  reviewCount: number | null;
  lastCheckedAt: string | null;
  /** Their buyer price in our currency (configured exchange rates), null when no rate applies. */
  convertedPrice: Money | null;
  difference: Difference | null;
  effectiveDifference: Difference | null;
}

export interface Comparison {
  sku: string;
  name: string;
  ours: { price: Money | null; source: 'config' | 'own-listing' | null; listingId: string | null };
  offers: Offer[];
  cheapest: { listingId: string; competitor: string; price: Money; convertedPrice: Money; difference: Difference | null } | null;
}

export interface PromotionPeriod {
  promotion: Promotion;
  from: string;
  to: string | null;
}

export interface HistorySeries {
  listingId: string;
  days: number;
  from: string;
  to: string;
  price: ChangePoint<Money | null>[];
  listPrice: ChangePoint<Money | null>[];
  effectivePrice: ChangePoint<Money | null>[];
  availability: ChangePoint<Availability>[];
  rating: ChangePoint<number | null>[];
  reviewCount: ChangePoint<number | null>[];
  promotionPeriods: PromotionPeriod[];
  ours: ChangePoint<Money | null>[];
}

export interface WindowStatistics {
  days: number;
  lowest: Money | null;
  highest: Money | null;
  average: Money | null;
  outOfStockShare: number | null;
}

export interface ListingStatistics {
  price: { current: Money | null; lowestEver: Money | null; windows: WindowStatistics[] };
  effectivePrice: { current: Money | null; lowestEver: Money | null; windows: WindowStatistics[] };
}

export interface DiscountCheck {
  verdict: 'no-discount' | 'genuine' | 'inflated' | 'unknown';
  claim: { kind: 'list-price' | 'promotion'; wasPrice: Money; price: Money; startedAt: string; claimedPercent: number | null } | null;
  reference: { from: string; to: string; lowest: Money | null; complete: boolean } | null;
  realPercent: number | null;
  reason: string;
}

export interface WeeklySummary {
  price: { now: Money | null; weekAgo: Money | null; change: Difference | null };
  effectivePrice: { now: Money | null; weekAgo: Money | null; change: Difference | null };
  promotions: { started: PromotionPeriod[]; ended: PromotionPeriod[]; active: number };
  stock: { now: Availability; weekAgo: Availability; outOfStockShareThisWeek: number | null; outOfStockShareLastWeek: number | null };
  rating: { now: number | null; weekAgo: number | null; delta: number | null; scale: number | null };
  reviews: { now: number | null; weekAgo: number | null; gainedThisWeek: number | null; gainedLastWeek: number | null };
}

export interface Freshness {
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  ageMs: number | null;
  stale: boolean;
  staleAfterMs: number;
  consecutiveFailures: number;
  lastFailure: { kind: string; reason: string; at: string } | null;
}

export interface OverlayData {
  lookup: PageLookup;
  comparison: Comparison | null;
  history: HistorySeries | null;
  statistics: ListingStatistics | null;
  discount: DiscountCheck | null;
  weekly: WeeklySummary | null;
  freshness: Freshness | null;
}

export interface CatalogueEntry {
  sku: string;
  name: string;
  category: string | null;
  tags: string[];
  price: Money | null;
}

export interface AddListingResult {
  created: boolean;
  listing: Listing;
}

export type Severity = 'warning' | 'critical';

/** An alert as GET /api/alerts serves it; only the fields the extension uses. */
export interface AlertView {
  id: string;
  /** When the change happened (the crawl that saw it). */
  at: string;
  severity: Severity;
  ruleKind: string;
  /** The one-line message in each language, without the link. */
  messages: Record<'en' | 'zh-CN', string>;
  listingId: string;
  /** The competitor's product page. */
  url: string;
  competitor: string;
  sku: string;
  productName: string | null;
  acked: boolean;
}

export interface AlertFeed {
  /** Unread alerts in all, beyond the ones listed. */
  unread: number;
  alerts: AlertView[];
}
