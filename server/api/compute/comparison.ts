// Our price against every competitor's for one SKU: the numbers the overlay and pricing staff act on.
import type { Availability, Listing, ListingHistory, ListingStatus, Money, Promotion } from '../../../store/model.ts';
import { latest } from '../../../store/changepoints.ts';
import { ourPrice, type Config, type ProductConfig } from '../../config.ts';
import { buyerPrice, convert, difference, type Difference } from './money.ts';

export interface OurPrice {
  price: Money | null;
  /** Where our price comes from: the config's `price`, or the latest crawl of our own page. */
  source: 'config' | 'own-listing' | null;
  listingId: string | null;
}

export interface Offer {
  listingId: string;
  competitor: string;
  url: string;
  label: string | null;
  status: ListingStatus;
  title: string | null;
  price: Money | null;
  listPrice: Money | null;
  effectivePrice: Money | null;
  promotions: Promotion[];
  availability: Availability;
  rating: number | null;
  ratingScale: number | null;
  reviewCount: number | null;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  /** Their buyer price (effective, else selling) in our currency, through the configured exchange rates. */
  convertedPrice: Money | null;
  /** Their selling price against ours (converted when the currencies differ). */
  difference: Difference | null;
  /** What a buyer pays them (after promotions) against our price. */
  effectiveDifference: Difference | null;
}

export interface Comparison {
  sku: string;
  name: string;
  at: string;
  ours: OurPrice;
  offers: Offer[];
  /** The competitor a buyer of one unit pays least (in stock; compared in our currency), or null. */
  cheapest: { listingId: string; competitor: string; price: Money; convertedPrice: Money; difference: Difference | null } | null;
}

function historyById(histories: readonly ListingHistory[]): Map<string, ListingHistory> {
  return new Map(histories.map((h) => [h.listingId, h]));
}

/** Our price: the configured one, else the latest price crawled from our own page for the SKU. */
export function ourPriceFor(config: Config, product: ProductConfig, listings: readonly Listing[], histories: readonly ListingHistory[]): OurPrice {
  const configured = ourPrice(config, product);
  if (configured) return { price: configured, source: 'config', listingId: null };
  const byId = historyById(histories);
  const own = listings.find((l) => l.own && l.sku === product.sku && l.status !== 'gone');
  const history = own ? byId.get(own.id) : undefined;
  const price = history ? latest(history).values.price : null;
  return { price, source: own ? 'own-listing' : null, listingId: own?.id ?? null };
}

type Converter = (m: Money | null) => Money | null;

function offerOf(listing: Listing, history: ListingHistory | undefined, ours: Money | null, inOurs: Converter): Offer {
  const values = history ? latest(history).values : null;
  const price = values?.price ?? null;
  const effectivePrice = values?.effectivePrice ?? null;
  const convertedPrice = inOurs(buyerPrice(price, effectivePrice));
  return {
    listingId: listing.id,
    competitor: listing.competitor,
    url: listing.url,
    label: listing.label ?? null,
    status: listing.status,
    title: values?.title ?? null,
    price,
    listPrice: values?.listPrice ?? null,
    effectivePrice,
    promotions: values?.promotions ?? [],
    availability: values?.availability ?? 'unknown',
    rating: values?.rating ?? null,
    ratingScale: values?.ratingScale ?? null,
    reviewCount: values?.reviewCount ?? null,
    lastCheckedAt: history?.lastCheckedAt ?? null,
    lastOkAt: history?.lastOkAt ?? null,
    convertedPrice,
    difference: difference(inOurs(price), ours),
    effectiveDifference: difference(convertedPrice, ours),
  };
}

/**
 * The comparison for one of our products. `listings` are the listings of this SKU (ours and the
 * competitors'), `histories` theirs. Gone and out-of-stock offers are shown but never "cheapest":
 * a buyer cannot take them.
 */
export function compareProduct(
  config: Config,
  product: ProductConfig,
  listings: readonly Listing[],
  histories: readonly ListingHistory[],
  at: string,
): Comparison {
  const ours = ourPriceFor(config, product, listings, histories);
  const currency = ours.price?.currency ?? product.currency ?? config.shop.currency;
  const inOurs: Converter = (m) => convert(m, currency, config.shop.currency, config.exchangeRates);
  const byId = historyById(histories);
  const offers = listings
    .filter((l) => !l.own && l.sku === product.sku)
    .map((l) => offerOf(l, byId.get(l.id), ours.price, inOurs))
    .sort((a, b) => a.competitor.localeCompare(b.competitor) || a.url.localeCompare(b.url));
  let cheapest: Comparison['cheapest'] = null;
  for (const offer of offers) {
    const price = buyerPrice(offer.price, offer.effectivePrice);
    const converted = offer.convertedPrice;
    if (!price || !converted || offer.status === 'gone' || offer.availability === 'out_of_stock') continue;
    if (!cheapest || converted.amountMinor < cheapest.convertedPrice.amountMinor) {
      cheapest = { listingId: offer.listingId, competitor: offer.competitor, price, convertedPrice: converted, difference: difference(converted, ours.price) };
    }
  }
  return { sku: product.sku, name: product.name, at, ours, offers, cheapest };
}
