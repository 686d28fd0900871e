// The weekly digest as data: every figure the HTML, Markdown and CSV show, with the evidence ids
// that recommended actions link to. It is plain JSON (archived in the store, served by the API),
// so renderers in any language can be rebuilt from it without the store.
import type { Availability, Money, PromotionType } from '../../store/model.ts';

export const DIGEST_FORMAT = 'rivalwatch-digest';
export const DIGEST_VERSION = 1;

/** One week in the shop's time zone: `start` inclusive, `end` exclusive, both UTC ISO. */
export interface WeekPeriod {
  week: string;
  start: string;
  end: string;
  /** Local calendar dates of the first and last day, e.g. "2026-11-16" and "2026-11-22". */
  firstDay: string;
  lastDay: string;
  /** Campaigns whose dates overlap the week (a campaign week is not a trend). */
  campaigns: string[];
}

/** Who a figure is about: one competitor listing and the product of ours it is matched with. */
export interface ListingRef {
  listingId: string;
  competitor: string;
  sku: string;
  /** Our product name (from the config), or the SKU when the product is not configured. */
  product: string;
  url: string;
  /** Scraped page title: plain text, escaped by every renderer. */
  title: string | null;
}

/** A price index: 100 × our effective price / the competitors', median over matched SKUs. */
export interface IndexFigure {
  /** > 100: we are dearer; < 100: cheaper. One decimal. Null when no SKU could be matched. */
  index: number | null;
  previous: number | null;
  yearAgo: number | null;
  /** index − previous, in index points, from the rounded figures. */
  change: number | null;
  yearOverYear: number | null;
  matchedSkus: number;
  /** Index of each of the last `trendWeeks` weeks, oldest first, ending with this week. */
  trend: (number | null)[];
}

export interface CompetitorIndex extends IndexFigure {
  competitor: string;
}

export interface PriceMove {
  id: string;
  ref: ListingRef;
  /** Price in effect when the week started, and when it ended. */
  from: Money;
  to: Money;
  /** (to − from) / from × 100, one decimal. */
  changePct: number;
  /** Price change points inside the week (a price that went down and back counts 2, net 0). */
  changes: number;
  /** Our price at the end of the week, when we have one in the digest currency. */
  ours: Money | null;
}

export interface CompetitorPrices {
  competitor: string;
  /** Listings with a price read this week, in the digest currency. */
  priced: number;
  average: Money | null;
  previousAverage: Money | null;
  yearAgoAverage: Money | null;
  minimum: { price: Money; listingId: string } | null;
  previousMinimum: Money | null;
  /** Mean of each listing's own change: a like-for-like move, immune to assortment changes. */
  likeForLikePct: number | null;
  likeForLikeYearPct: number | null;
  changed: number;
  drops: number;
  rises: number;
  /** Average price of each of the last `trendWeeks` weeks (minor units), oldest first. */
  trend: (number | null)[];
}

export interface PromotionEvent {
  id: string;
  ref: ListingRef;
  type: PromotionType;
  text: string;
  /** Percent off one unit where the promotion says so (满300减50 → 16.7); null for gifts, shipping… */
  depthPct: number | null;
  /** When the change point showing it (started) or no longer showing it (ended) was recorded. */
  at: string;
  endsAt: string | null;
  /** Campaigns running when it started or ended. */
  campaigns: string[];
}

export interface PromotionTypeSummary {
  type: PromotionType;
  started: number;
  ended: number;
  running: number;
  /** Mean and max depth of the running promotions of this type with a known depth. */
  averageDepthPct: number | null;
  maxDepthPct: number | null;
}

export interface CompetitorPromotions {
  competitor: string;
  started: number;
  ended: number;
  running: number;
  previousStarted: number;
}

/** A "was" price above the lowest price of the 30 days before the discount (EU Omnibus rule). */
export interface DiscountClaim {
  id: string;
  ref: ListingRef;
  /** The struck-through price and the selling price while the claim was shown this week. */
  wasPrice: Money;
  price: Money;
  claimedPct: number;
  /** Lowest price in the 30 days before the claim started. */
  low30: Money;
  /** Discount against the 30-day low (negative: the "sale" price is above it). */
  realPct: number;
  claimSince: string;
  /** Days of price history inside the 30-day window (less than 30: the low may be higher). */
  daysCovered: number;
}

export interface Undercut {
  id: string;
  ref: ListingRef;
  /** Their effective price in the digest currency (converted at the configured rate when needed). */
  theirs: Money;
  /** The same as the page shows it, in its own currency. */
  theirsListed: Money;
  ours: Money;
  gap: Money;
  gapPct: number;
  /** Since when their effective price has been continuously below ours. */
  since: string;
  /** `since` is the first reading we have: the undercut may be older. */
  sinceFirstReading: boolean;
  newThisWeek: boolean;
}

export interface CompetitorUndercuts {
  competitor: string;
  skus: number;
  averageGapPct: number;
  maxGapPct: number;
  /** The earliest `since` of its undercuts, and whether that is the first reading we have. */
  since: string;
  sinceFirstReading: boolean;
  newThisWeek: number;
}

export interface StockEvent {
  id: string;
  ref: ListingRef;
  /** When the change was recorded. */
  at: string;
  availability: Availability;
  /** Our own listing's availability for the SKU when we crawl it; null when unknown. */
  ours: Availability | null;
}

export interface ReviewChange {
  id: string;
  ref: ListingRef;
  /** Ratings normalised to a 5-point scale, two decimals. */
  rating: number | null;
  previousRating: number | null;
  ratingChange: number | null;
  reviewCount: number | null;
  newReviews: number | null;
  positiveRate: number | null;
  positiveRateChange: number | null;
  /** Negative reviews added this week, estimated from count × (1 − 好评率). */
  newNegative: number | null;
  /** Average rating the week's new reviews must have had, from the two averages and counts; null when the pages' rounding leaves it uncertain by more than half a star. */
  newReviewsRating: number | null;
  /** New negative reviews stand out even after allowing for the rounding of 好评率, and are 3× the previous 4 weeks' mean (or, without 好评率, the new reviews averaged 3★ or less). */
  spike: boolean;
}

export interface CompetitorReviews {
  competitor: string;
  rated: number;
  averageRating: number | null;
  previousAverageRating: number | null;
  newReviews: number;
  ratingDrops: number;
  spikes: number;
}

export type NotReadReason = 'failed' | 'no-crawl' | 'paused' | 'never-read';

export interface NotRead {
  id: string;
  ref: ListingRef;
  reason: NotReadReason;
  /** For `failed`: the kind and the reason of the latest failure this week, and the failed crawls. */
  failureKind: string | null;
  failureReason: string | null;
  failures: number;
  lastOkAt: string | null;
}

export interface Coverage {
  competitor: string;
  listings: number;
  read: number;
  notRead: number;
  /** Listings read this week that also had failed crawls. */
  withFailures: number;
}

export interface Segment {
  kind: 'category' | 'tag';
  name: string;
  skus: number;
  priceIndex: IndexFigure;
  byCompetitor: CompetitorIndex[];
  drops: number;
  rises: number;
  undercuts: number;
  promotionsStarted: number;
  stockOuts: number;
}

export type ActionKind =
  | 'undercut'
  | 'price-dump'
  | 'stock-opportunity'
  | 'counter-promotion'
  | 'priced-above'
  | 'misleading-discount'
  | 'competitor-reviews'
  | 'fix-crawling';

export type ActionParam = string | number | null | Money;

/** A recommended action: `params` fill the sentence in each language; `evidence` are item ids. */
export interface Action {
  id: string;
  kind: ActionKind;
  score: number;
  competitor: string | null;
  params: Record<string, ActionParam>;
  /** Our products concerned (names), for the sentence. */
  products: string[];
  evidence: string[];
}

export type NoteKey = 'no-data' | 'no-year-ago' | 'campaign-week' | 'previous-campaign-week' | 'partial-week' | 'other-currency';

export interface Note {
  key: NoteKey;
  params: Record<string, string | number>;
}

export interface Digest {
  format: typeof DIGEST_FORMAT;
  version: typeof DIGEST_VERSION;
  shop: string;
  currency: string;
  timeZone: string;
  generatedAt: string;
  /** True when the week had not ended at `generatedAt`: such a digest is never archived. */
  partial: boolean;
  period: WeekPeriod;
  previous: WeekPeriod;
  yearAgo: WeekPeriod & { available: boolean };
  /** The weeks of the trend sparklines, oldest first. */
  trendWeeks: string[];
  /** Campaigns of each trend week (same order): charts shade these weeks so a campaign is not read as a trend. */
  trendCampaigns: string[][];
  summary: {
    competitors: string[];
    listings: number;
    read: number;
    skus: number;
    matchedSkus: number;
    hasData: boolean;
  };
  priceIndex: { overall: IndexFigure; byCompetitor: CompetitorIndex[] };
  prices: { byCompetitor: CompetitorPrices[]; movements: PriceMove[]; drops: PriceMove[]; rises: PriceMove[] };
  promotions: {
    started: PromotionEvent[];
    ended: PromotionEvent[];
    running: PromotionEvent[];
    byType: PromotionTypeSummary[];
    byCompetitor: CompetitorPromotions[];
  };
  discounts: { checked: number; unverifiable: number; misleading: DiscountClaim[] };
  undercuts: { items: Undercut[]; byCompetitor: CompetitorUndercuts[] };
  stock: { wentOut: StockEvent[]; returned: StockEvent[]; out: StockEvent[] };
  reviews: { changes: ReviewChange[]; byCompetitor: CompetitorReviews[] };
  assortment: { added: ListingRef[]; gone: (ListingRef & { at: string })[]; previousAdded: number; previousGone: number };
  dataQuality: { coverage: Coverage[]; notRead: NotRead[]; otherCurrency: ListingRef[] };
  segments: Segment[];
  actions: Action[];
  notes: Note[];
}
