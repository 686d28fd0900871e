// The reads behind each route: load from the store, hand to the pure functions in compute/.
// Handlers stay thin; these stay free of HTTP except for the errors they raise.
import type { Listing, ListingHistory } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import { emptyHistory } from '../../store/changepoints.ts';
import { competitorForUrl, type Config } from '../config.ts';
import { ApiError } from './errors.ts';
import { compareProduct, type Comparison, type OurPrice } from './compute/comparison.ts';
import { checkDiscount, type DiscountCheck } from './compute/discount.ts';
import { freshness, type Freshness } from './compute/freshness.ts';
import { historySeries, type HistorySeries } from './compute/history.ts';
import { listingStatistics, type ListingStatistics } from './compute/statistics.ts';
import { weeklySummary, type WeeklySummary } from './compute/weekly.ts';
import { lookupPage, requestUrl, type PageLookup } from './lookup.ts';
import { addListingOnce } from '../track.ts';

const NO_PRICE: OurPrice = { price: null, source: null, listingId: null };

export interface QueryDeps {
  store: Store;
  config: Config;
  now: () => Date;
}

export async function listingOrThrow(store: Store, id: string): Promise<Listing> {
  const listing = await store.getListing(id);
  if (!listing) throw new ApiError(404, 'not-found', `no listing with id "${id}"; look a page up with GET /api/lookup?url=...`);
  return listing;
}

function productOrThrow(config: Config, sku: string, status: 404 | 422) {
  const product = config.products.find((p) => p.sku === sku);
  if (!product) throw new ApiError(status, 'unknown-sku', `"${sku}" is not one of our products; add it under products in the configuration`);
  return product;
}

/** A listing's full history; an empty one when it was never crawled, so the numbers read "unknown". */
async function historyOf(store: Store, listingId: string): Promise<ListingHistory> {
  const [history] = await store.getHistories([listingId]);
  return history ?? emptyHistory(listingId);
}

export async function comparisonFor(deps: QueryDeps, sku: string): Promise<{ comparison: Comparison; histories: ListingHistory[] }> {
  const product = productOrThrow(deps.config, sku, 404);
  const listings = await deps.store.listListings({ sku });
  const histories = await deps.store.getHistories(listings.map((l) => l.id));
  return { comparison: compareProduct(deps.config, product, listings, histories, deps.now().toISOString()), histories };
}

export async function historyFor(deps: QueryDeps, id: string, days: number): Promise<HistorySeries> {
  const listing = await listingOrThrow(deps.store, id);
  const known = deps.config.products.some((p) => p.sku === listing.sku);
  const { comparison, histories } = known ? await comparisonFor(deps, listing.sku) : { comparison: null, histories: [] };
  const own = comparison?.ours.listingId ? (histories.find((h) => h.listingId === comparison.ours.listingId) ?? null) : null;
  const ours = comparison?.ours ?? NO_PRICE;
  return historySeries(await historyOf(deps.store, id), days, deps.now(), ours, own);
}

export async function statisticsFor(deps: QueryDeps, id: string): Promise<ListingStatistics> {
  await listingOrThrow(deps.store, id);
  return listingStatistics(await historyOf(deps.store, id), deps.now());
}

export async function discountFor(deps: QueryDeps, id: string): Promise<DiscountCheck> {
  await listingOrThrow(deps.store, id);
  return checkDiscount(await historyOf(deps.store, id), deps.now());
}

export async function weeklyFor(deps: QueryDeps, id: string): Promise<WeeklySummary> {
  await listingOrThrow(deps.store, id);
  return weeklySummary(await historyOf(deps.store, id), deps.now());
}

function scheduleOf(config: Config, listing: Listing): string | null {
  return config.competitors.find((c) => c.name === listing.competitor)?.schedule ?? null;
}

export async function freshnessFor(deps: QueryDeps, id: string): Promise<Freshness> {
  const listing = await listingOrThrow(deps.store, id);
  const [history] = await deps.store.getHistories([id]);
  return freshness(history ?? null, scheduleOf(deps.config, listing), deps.now());
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

/** Everything the overlay shows for one page, in one round trip, from one clock reading. */
export async function overlayFor(deps: QueryDeps, input: { url: string; canonical?: string | null }, days: number): Promise<OverlayData> {
  const now = deps.now();
  const lookup = await lookupPage(deps.store, deps.config, input);
  const listing = lookup.listing;
  const empty = { lookup, comparison: null, history: null, statistics: null, discount: null, weekly: null, freshness: null };
  if (!listing) return empty;
  const product = deps.config.products.find((p) => p.sku === listing.sku);
  const listings = product ? await deps.store.listListings({ sku: listing.sku }) : [listing];
  const histories = await deps.store.getHistories([...new Set([listing.id, ...listings.map((l) => l.id)])]);
  const history = histories.find((h) => h.listingId === listing.id) ?? emptyHistory(listing.id);
  const comparison = product ? compareProduct(deps.config, product, listings, histories, now.toISOString()) : null;
  const own = comparison?.ours.listingId ? (histories.find((h) => h.listingId === comparison.ours.listingId) ?? null) : null;
  return {
    lookup,
    comparison,
    history: historySeries(history, days, now, comparison?.ours ?? NO_PRICE, own),
    statistics: listingStatistics(history, now),
    discount: checkDiscount(history, now),
    weekly: weeklySummary(history, now),
    freshness: freshness(history, scheduleOf(deps.config, listing), now),
  };
}

/**
 * Adds a competitor page from the extension. Only pages on a configured competitor's domains are
 * accepted (the crawler would not know its politeness rules otherwise), and only for our SKUs.
 */
export async function addListing(deps: QueryDeps, body: { url: string; sku: string; label?: string }): Promise<{ created: boolean; listing: Listing }> {
  const url = requestUrl(body.url, 'url');
  const competitor = competitorForUrl(deps.config, url);
  if (!competitor) {
    const domains = deps.config.competitors.flatMap((c) => c.domains);
    const known = domains.length ? `configured competitor domains: ${domains.join(', ')}` : 'no competitors are configured yet';
    throw new ApiError(403, 'not-a-competitor', `${new URL(url).host} is not a configured competitor domain (${known}); add it under competitors in the configuration first`);
  }
  productOrThrow(deps.config, body.sku, 422);
  const result = await addListingOnce(deps.store, { url, competitor: competitor.name, sku: body.sku, label: body.label ?? null }, deps.now().toISOString());
  if (result.created) await deps.store.flush();
  return result;
}
