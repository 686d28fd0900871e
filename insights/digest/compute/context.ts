// What every part of the digest computation shares: the weeks compared, the competitor listings
// with their histories, our products and our price at any time. Built once per digest.
import type { Availability, Listing, Money } from '../../../store/model.ts';
import { emptyHistory } from '../../../store/changepoints.ts';
import { isoMillis } from '../../../store/times.ts';
import { minorDigits } from '../../../crawler/parse/money.ts';
import { campaignsBetween, campaignsOn } from '../campaigns.ts';
import type { ListingRef, WeekPeriod } from '../types.ts';
import { ListingSeries } from '../series.ts';
import { addWeeks, weekBounds, yearAgoWeek, type WeekBounds } from '../week.ts';
import { DEFAULT_OPTIONS, type DigestInput, type DigestOptions, type ProductInfo } from './input.ts';

export interface Entry {
  /** Position in `DigestContext.entries`. */
  index: number;
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

/** Every entry's end-of-week prices in the digest currency, by position in `entries`: minor units, NaN where unknown or not live. */
export interface WeekPrices {
  effective: Float64Array;
  price: Float64Array;
  /** 1 where the listing was live and out of stock. */
  outOfStock: Uint8Array;
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
  /** The same entries in the order the store gave the listings (see `perEntry`). */
  private readonly stored: Entry[];
  readonly products = new Map<string, ProductInfo>();
  private readonly own = new Map<string, { series: ListingSeries; yearSeries: ListingSeries | null }[]>();
  private readonly campaignCache = new Map<number, string[]>();
  private readonly weeks = new Map<string, Week>();
  private readonly offsets = new Map<number, Week>();
  private readonly prices = new Map<Week, WeekPrices>();
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
    const stored: Entry[] = [];
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
      stored.push({
        index: -1,
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
    this.stored = stored;
    this.entries = [...stored].sort((a, b) => (a.listing.id < b.listing.id ? -1 : a.listing.id > b.listing.id ? 1 : 0));
    this.entries.forEach((e, i) => (e.index = i));
    // Each listing's state at the end of every compared week, worked out now, one listing at a
    // time in the store's order: asked week by week across thousands of listings, the same
    // questions jump around memory and cost several times more.
    const compared = new Set([...this.trend, this.W, this.P, this.Y]);
    for (const e of stored) for (const w of compared) this.endOf(e, w);
    for (const w of compared) this.weekPrices(w);
  }

  /**
   * `f` of every entry, in `entries` order, worked out in the order the store gave the listings.
   * Histories are read fastest in the order they were loaded (they stay in the CPU cache);
   * sections that ask each listing many questions get the answers this way, then go through
   * them in id order as before.
   */
  perEntry<T>(f: (e: Entry) => T): T[] {
    const out = new Array<T>(this.entries.length);
    for (const e of this.stored) out[e.index] = f(e);
    return out;
  }

  /** End-of-week prices of every entry in arrays, for the sections that add up thousands of them. */
  weekPrices(w: Week): WeekPrices {
    let p = this.prices.get(w);
    if (!p) {
      const n = this.entries.length;
      p = { effective: new Float64Array(n).fill(NaN), price: new Float64Array(n).fill(NaN), outOfStock: new Uint8Array(n) };
      for (const e of this.stored) {
        const end = this.endOf(e, w);
        if (!end) continue;
        p.effective[e.index] = end.effective?.amountMinor ?? NaN;
        p.price[e.index] = end.price?.amountMinor ?? NaN;
        p.outOfStock[e.index] = end.availability === 'out_of_stock' ? 1 : 0;
      }
      this.prices.set(w, p);
    }
    return p;
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
