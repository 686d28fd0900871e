// What every part of the digest computation shares: the weeks compared, the competitor listings
// with their histories, our products and our price at any time. Built once per digest.
import type { Availability, Listing, ListingHistory, Money } from '../../../store/model.ts';
import { emptyHistory, isoMillis } from '../../../store/changepoints.ts';
import { minorDigits } from '../../../crawler/parse/money.ts';
import type { Campaign, Thresholds } from '../config.ts';
import { thresholdsSchema } from '../config.ts';
import { campaignsBetween, campaignsOn } from '../campaigns.ts';
import type { ListingRef, WeekPeriod } from '../types.ts';
import { ListingSeries } from '../series.ts';
import { addWeeks, weekBounds, yearAgoWeek, type WeekBounds } from '../week.ts';

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

export interface Entry {
  listing: Listing;
  series: ListingSeries;
  /** History of the year-ago week, when it was read separately. */
  yearSeries: ListingSeries | null;
  ref: ListingRef;
  product: ProductInfo | null;
  addedMs: number;
  goneMs: number | null;
  /** Whether it was read, by week slot (asked for every week of every trend). */
  reads: (boolean | undefined)[];
  /** Its readings at the end of each week it was live in (null: not live then), by week slot. */
  ends: (EndOfWeek | null | undefined)[];
}

/** What a listing showed at the end of a week, prices in the digest currency (null without a rate). */
export interface EndOfWeek {
  effective: Money | null;
  price: Money | null;
  availability: Availability;
}

export interface Week extends WeekBounds {
  /** The last instant of the week: the values "at the end of the week" are the ones held then. */
  closeMs: number;
  campaigns: string[];
  /** Numbers the weeks a digest looks at, so entries keep what they computed per week in arrays. */
  slot: number;
}

export class DigestContext {
  readonly options: DigestOptions;
  readonly W: Week;
  readonly P: Week;
  readonly Y: Week;
  readonly trend: Week[];
  /** Competitor listings, sorted by id so ties always break the same way. */
  readonly entries: Entry[];
  readonly products = new Map<string, ProductInfo>();
  private readonly own = new Map<string, { series: ListingSeries; yearSeries: ListingSeries | null }[]>();
  private readonly campaignCache = new Map<number, string[]>();
  private readonly weeks = new Map<string, Week>();
  private readonly offsets = new Map<number, Week>();
  private competitorNames: string[] | null = null;

  constructor(readonly input: DigestInput) {
    this.options = { ...DEFAULT_OPTIONS, ...input.options, thresholds: { ...DEFAULT_OPTIONS.thresholds, ...input.options?.thresholds } };
    this.W = this.week(input.week);
    this.P = this.weekOffset(-1);
    this.Y = this.week(yearAgoWeek(this.W.week));
    this.trend = Array.from({ length: this.options.trendWeeks }, (_, i) => this.weekOffset(i - this.options.trendWeeks + 1));
    for (const p of input.products) this.products.set(p.sku, p);
    const histories = new Map(input.histories.map((h) => [h.listingId, h]));
    const yearAgo = input.yearAgoHistories ? new Map(input.yearAgoHistories.map((h) => [h.listingId, h])) : null;
    const entries: Entry[] = [];
    for (const listing of input.listings) {
      const series = new ListingSeries(histories.get(listing.id) ?? emptyHistory(listing.id));
      const yearSeries = yearAgo ? new ListingSeries(yearAgo.get(listing.id) ?? emptyHistory(listing.id)) : null;
      if (listing.own) {
        const list = this.own.get(listing.sku) ?? [];
        list.push({ series, yearSeries });
        this.own.set(listing.sku, list);
        continue;
      }
      const product = this.products.get(listing.sku) ?? null;
      const title = series.points('title').at(-1)?.value ?? null;
      entries.push({
        listing,
        series,
        yearSeries,
        product,
        ref: { listingId: listing.id, competitor: listing.competitor, sku: listing.sku, product: product?.name ?? listing.sku, url: listing.url, title },
        addedMs: isoMillis(listing.addedAt),
        goneMs: listing.goneAt ? isoMillis(listing.goneAt) : null,
        reads: [],
        ends: [],
      });
    }
    // Each listing's state at the end of every compared week, worked out now, one listing at a
    // time in the store's order: asked week by week across thousands of listings, the same
    // questions jump around memory and cost several times more.
    const compared = new Set([...this.trend, this.W, this.P, this.Y]);
    for (const e of entries) for (const w of compared) this.endOf(e, w);
    this.entries = entries.sort((a, b) => (a.listing.id < b.listing.id ? -1 : a.listing.id > b.listing.id ? 1 : 0));
  }

  week(id: string): Week {
    let w = this.weeks.get(id);
    if (!w) {
      const b = weekBounds(id, this.input.timeZone, this.options.weekStart);
      w = { ...b, closeMs: b.endMs - 1, campaigns: campaignsBetween(b.firstDay, b.lastDay, this.options.campaigns, this.options.builtInCampaigns), slot: this.weeks.size };
      this.weeks.set(id, w);
    }
    return w;
  }

  /** The week `n` weeks after the digest's week (negative: before). */
  weekOffset(n: number): Week {
    let w = this.offsets.get(n);
    if (!w) {
      w = this.week(addWeeks(this.input.week, n));
      this.offsets.set(n, w);
    }
    return w;
  }

  get currency(): string {
    return this.input.currency;
  }

  competitors(): string[] {
    this.competitorNames ??= [...new Set([...this.input.competitors, ...this.entries.map((e) => e.listing.competitor)])].sort((a, b) => a.localeCompare(b));
    return this.competitorNames;
  }

  /** Tracked during the week: added before it ended and not gone before it started. */
  inScope(e: Entry, w: Week): boolean {
    return e.addedMs < w.endMs && (e.goneMs === null || e.goneMs >= w.startMs);
  }

  /** Expected to be read in the week: in scope and not gone before it ended. */
  expected(e: Entry, w: Week): boolean {
    return this.inScope(e, w) && (e.goneMs === null || e.goneMs >= w.endMs);
  }

  /** `m` in the digest currency at the configured rate, rounded to a minor unit; null without a rate. */
  inCurrency(m: Money | null): Money | null {
    if (!m || m.currency === this.currency) return m;
    const rate = this.input.exchangeRates?.[m.currency];
    if (!rate) return null;
    const major = m.amountMinor / 10 ** minorDigits(m.currency);
    return { amountMinor: Math.round((major / rate) * 10 ** minorDigits(this.currency)), currency: this.currency };
  }

  /** The history that covers week `w`: the year-ago slice for the year-ago week, when there is one. */
  seriesFor(e: { series: ListingSeries; yearSeries: ListingSeries | null }, w: Week): ListingSeries {
    return w.week === this.Y.week && e.yearSeries ? e.yearSeries : e.series;
  }

  read(e: Entry, w: Week): boolean {
    let r = e.reads[w.slot];
    if (r === undefined) {
      r = this.inScope(e, w) && this.seriesFor(e, w).readIn(w.startMs, w.endMs);
      e.reads[w.slot] = r;
    }
    return r;
  }

  /** Campaigns running at an instant (many events share a crawl time). */
  campaignsAt(ms: number): string[] {
    let c = this.campaignCache.get(ms);
    if (!c) {
      c = campaignsOn(ms, this.input.timeZone, this.options.campaigns, this.options.builtInCampaigns);
      this.campaignCache.set(ms, c);
    }
    return c;
  }

  /** Read during the week and still listed at its end: its end-of-week values count. */
  live(e: Entry, w: Week): boolean {
    return this.read(e, w) && (e.goneMs === null || e.goneMs > w.closeMs);
  }

  /**
   * Our price for a SKU at `ms` in the digest currency: the configured one, else our own page's
   * effective price (read from the history covering week `w` when given).
   */
  ourPriceAt(sku: string, ms: number, w?: Week): Money | null {
    const configured = this.products.get(sku)?.ourPrice ?? null;
    if (configured) return this.inCurrency(configured);
    for (const own of this.own.get(sku) ?? []) {
      const m = this.inCurrency((w ? this.seriesFor(own, w) : own.series).effectiveAt(ms));
      if (m) return m;
    }
    return null;
  }

  /** Start times of changes of our price for a SKU (none when it is configured, i.e. constant). */
  ourPriceChangeTimes(sku: string, ms: number): number[] {
    if (this.products.get(sku)?.ourPrice) return [];
    return (this.own.get(sku) ?? []).flatMap((o) => o.series.effectiveChangeTimes(ms));
  }

  ourAvailabilityAt(sku: string, ms: number): Availability | null {
    const own = this.own.get(sku);
    if (!own || own.length === 0) return null;
    const a = own[0].series.availabilityAt(ms);
    return a === 'unknown' ? null : a;
  }

  /** The week as it appears in the digest JSON. */
  period(w: Week): WeekPeriod {
    return {
      week: w.week,
      start: new Date(w.startMs).toISOString(),
      end: new Date(w.endMs).toISOString(),
      firstDay: w.firstDay,
      lastDay: w.lastDay,
      campaigns: w.campaigns,
    };
  }

  /**
   * A listing's readings at the end of a week when it was live then (read, still listed), else
   * null. Computed once per listing and week: the index, averages and trends ask for each many times.
   */
  endOf(e: Entry, w: Week): EndOfWeek | null {
    let end = e.ends[w.slot];
    if (end === undefined) {
      end = null;
      if (this.live(e, w)) {
        const s = this.seriesFor(e, w);
        end = { effective: this.inCurrency(s.effectiveAt(w.closeMs)), price: this.inCurrency(s.at('price', w.closeMs)), availability: s.availabilityAt(w.closeMs) };
      }
      e.ends[w.slot] = end;
    }
    return end;
  }

  /** Effective price in the digest currency of a listing at the end of a week, when it was read then and can be converted. */
  effectiveIfRead(e: Entry, w: Week): Money | null {
    return this.endOf(e, w)?.effective ?? null;
  }

  priceIfRead(e: Entry, w: Week): Money | null {
    return this.endOf(e, w)?.price ?? null;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
