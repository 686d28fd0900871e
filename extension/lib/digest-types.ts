// The weekly digest as GET /api/digests and GET /api/digests/:week?format=json serve it: the
// extension's own copy of the fields its digest page shows (it knows only the API, not the server).
import type { Availability, Money } from './api-types.ts';

export interface DigestWeekItem {
  week: string;
  firstDay: string;
  lastDay: string;
  campaigns: string[];
  archived: boolean;
  generatedAt: string | null;
  /** The week that has not ended yet: its digest holds the figures so far. */
  current: boolean;
}

export interface DigestList {
  timeZone: string;
  lastComplete: string;
  weeks: DigestWeekItem[];
}

export interface WeekPeriod {
  week: string;
  firstDay: string;
  lastDay: string;
  campaigns: string[];
}

/** Who a figure is about. `title` is scraped text: always rendered as text. */
export interface ListingRef {
  listingId: string;
  competitor: string;
  sku: string;
  product: string;
  url: string;
  title: string | null;
}

export interface IndexFigure {
  index: number | null;
  previous: number | null;
  yearAgo: number | null;
  change: number | null;
  yearOverYear: number | null;
  matchedSkus: number;
  trend: (number | null)[];
}

export interface CompetitorIndex extends IndexFigure {
  competitor: string;
}

export interface PriceMove {
  id: string;
  ref: ListingRef;
  from: Money;
  to: Money;
  changePct: number;
  changes: number;
  ours: Money | null;
}

export interface PromotionEvent {
  id: string;
  ref: ListingRef;
  type: string;
  text: string;
  depthPct: number | null;
  at: string;
  endsAt: string | null;
  campaigns: string[];
}

export interface DiscountClaim {
  id: string;
  ref: ListingRef;
  wasPrice: Money;
  price: Money;
  claimedPct: number;
  low30: Money;
  realPct: number;
  claimSince: string;
}

export interface Undercut {
  id: string;
  ref: ListingRef;
  theirs: Money;
  theirsListed: Money;
  ours: Money;
  gap: Money;
  gapPct: number;
  since: string;
  sinceFirstReading: boolean;
  newThisWeek: boolean;
}

export interface StockEvent {
  id: string;
  ref: ListingRef;
  at: string;
  availability: Availability;
  ours: Availability | null;
}

export interface ReviewChange {
  id: string;
  ref: ListingRef;
  rating: number | null;
  previousRating: number | null;
  ratingChange: number | null;
  reviewCount: number | null;
  newReviews: number | null;
  positiveRate: number | null;
  newNegative: number | null;
  spike: boolean;
}

export interface CompetitorReviews {
  competitor: string;
  ratingDrops: number;
}

export interface NotRead {
  id: string;
  ref: ListingRef;
  reason: 'failed' | 'no-crawl' | 'paused' | 'never-read';
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
  withFailures: number;
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

export interface Action {
  id: string;
  kind: ActionKind;
  competitor: string | null;
  params: Record<string, string | number | null | Money>;
  products: string[];
  /** Ids of the rows (moves, promotions, undercuts…) that back the action. */
  evidence: string[];
}

export type NoteKey = 'no-data' | 'no-year-ago' | 'campaign-week' | 'previous-campaign-week' | 'partial-week' | 'other-currency';

export interface Digest {
  shop: string;
  currency: string;
  timeZone: string;
  generatedAt: string;
  partial: boolean;
  period: WeekPeriod;
  previous: WeekPeriod;
  yearAgo: WeekPeriod & { available: boolean };
  trendWeeks: string[];
  trendCampaigns: string[][];
  summary: { competitors: string[]; listings: number; read: number; skus: number; matchedSkus: number; hasData: boolean };
  priceIndex: { overall: IndexFigure; byCompetitor: CompetitorIndex[] };
  prices: { drops: PriceMove[]; rises: PriceMove[] };
  promotions: { started: PromotionEvent[]; ended: PromotionEvent[]; running: PromotionEvent[] };
  discounts: { checked: number; unverifiable: number; misleading: DiscountClaim[] };
  undercuts: { items: Undercut[] };
  stock: { wentOut: StockEvent[]; returned: StockEvent[]; out: StockEvent[] };
  reviews: { changes: ReviewChange[]; byCompetitor: CompetitorReviews[] };
  dataQuality: { coverage: Coverage[]; notRead: NotRead[] };
  actions: Action[];
  notes: { key: NoteKey; params: Record<string, string | number> }[];
}
