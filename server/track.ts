// Adding listings without duplicates: shared by the CLI, the config sync and the API.
import { normalizeUrl, urlVariants } from '../crawler/url.ts';
import type { Store } from '../store/store.ts';
import type { Listing, NewListing } from '../store/model.ts';

/**
 * Adds a listing unless the same page is already tracked, also under its mobile/desktop host
 * (m.shop.com, www.shop.com, shop.com), so one page is never tracked twice.
 */
export async function addListingOnce(store: Store, listing: NewListing, at: string): Promise<{ listing: Listing; created: boolean }> {
  for (const variant of urlVariants(listing.url)) {
    const existing = await store.findListingByUrl(variant);
    if (existing) return { listing: existing, created: false };
  }
  return store.addListing({ ...listing, url: normalizeUrl(listing.url) }, at);
}

