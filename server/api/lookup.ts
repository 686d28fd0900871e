// Which listing a page is: the URL as the browser shows it, or the canonical URL the page
// declares, normalized as the crawler does and tried with its mobile/desktop host variants.
import type { Listing } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import { InvalidUrlError, normalizeUrl, urlVariants } from '../../crawler/url.ts';
import { competitorForUrl, type Config } from '../config.ts';
import { ApiError } from './errors.ts';

export interface PageLookup {
  /** The page URL, normalized. */
  url: string;
  tracked: boolean;
  listing: Listing | null;
  /** The configured competitor whose domains cover this page (or the tracked listing's competitor). */
  competitor: string | null;
  /** True when the page's URL is on one of the configured competitor domains. */
  onCompetitorDomain: boolean;
  product: { sku: string; name: string } | null;
  /** True when the page is on a competitor's domain and not tracked yet: offer "Track this product". */
  canTrack: boolean;
}

/** Normalizes a URL from a request, turning a bad one into a 400 the caller can read. */
export function requestUrl(input: string, field: string): string {
  try {
    return normalizeUrl(input);
  } catch (err) {
    if (err instanceof InvalidUrlError) throw new ApiError(400, 'invalid-request', `${field}: ${err.message}`);
    throw err;
  }
}

/** Candidate URLs in order of trust: the page's own URL, then its canonical URL, each with host variants. */
export function candidateUrls(url: string, canonical?: string | null): string[] {
  const out: string[] = [];
  for (const input of [url, canonical]) {
    if (!input) continue;
    try {
      for (const v of urlVariants(input)) if (!out.includes(v)) out.push(v);
    } catch {
      // A canonical link that is not an http(s) URL is the page's mistake; the page URL still counts.
    }
  }
  return out;
}

export async function findListingForPage(store: Store, url: string, canonical?: string | null): Promise<Listing | null> {
  for (const candidate of candidateUrls(url, canonical)) {
    const listing = await store.findListingByUrl(candidate);
    if (listing) return listing;
  }
  return null;
}

export async function lookupPage(store: Store, config: Config, input: { url: string; canonical?: string | null }): Promise<PageLookup> {
  const url = requestUrl(input.url, 'url');
  const listing = await findListingForPage(store, url, input.canonical);
  const covering = competitorForUrl(config, url);
  const competitor = covering?.name ?? (listing && !listing.own ? listing.competitor : null);
  const product = listing ? config.products.find((p) => p.sku === listing.sku) : undefined;
  return {
    url,
    tracked: listing !== null,
    listing,
    competitor,
    onCompetitorDomain: covering !== null,
    product: product ? { sku: product.sku, name: product.name } : listing ? { sku: listing.sku, name: listing.sku } : null,
    canTrack: listing === null && covering !== null,
  };
}
