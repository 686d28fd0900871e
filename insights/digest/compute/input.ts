// What the digest is computed from: listings with their histories, our products, the options.
import type { Listing, ListingHistory, Money } from '../../../store/model.ts';
import type { Campaign, Thresholds } from '../config.ts';
import { thresholdsSchema } from '../config.ts';

/** One of our products as the digest needs it. */
export interface ProductInfo {
  sku: string;
  name: string;
  /** Our configured price; null when it comes from crawling our own product page (an `own` listing). */
  ourPrice: Money | null;
  category: string | null;
  tags: string[];
}

export interface DigestOptions {
  weekStart: number;
  trendWeeks: number;
  topN: number;
  maxActions: number;
  thresholds: Thresholds;
  campaigns: Campaign[];
  builtInCampaigns: boolean;
}

export interface DigestInput {
  /** ISO week in the shop's time zone, "2026-W47". */
  week: string;
  timeZone: string;
  shop: string;
  /** The digest currency (the shop's): prices in other currencies are listed, not compared. */
  currency: string;
  /** Every listing, own pages (`own: true`) included; each listing's history in `histories`. */
  listings: Listing[];
  histories: ListingHistory[];
  /**
   * The same listings' histories clipped to the year-ago week, when `histories` do not reach back
   * that far (the store is then read twice, narrowly, instead of once for a whole year).
   */
  yearAgoHistories?: ListingHistory[];
  products: ProductInfo[];
  competitors: string[];
  /**
   * Units of a currency per one unit of the digest currency (the config's `exchangeRates`):
   * prices in those currencies are converted and compared; without a rate they are not.
   */
  exchangeRates?: Record<string, number>;
  generatedAt: string;
  options?: Partial<DigestOptions>;
}

export const DEFAULT_OPTIONS: DigestOptions = {
  weekStart: 1,
  trendWeeks: 12,
  topN: 10,
  maxActions: 8,
  thresholds: thresholdsSchema.parse({}),
  campaigns: [],
  builtInCampaigns: true,
};
