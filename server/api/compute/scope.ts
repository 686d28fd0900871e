// Which pages the extension should ask about at all: the configured competitor domains and the
// hosts of tracked listings (our own pages included). The extension checks URLs against this
// locally, so the browsing history outside that scope never leaves the browser.
import type { Listing } from '../../../store/model.ts';
import type { Config } from '../../config.ts';

export interface Scope {
  /** Competitor domain entries as configured: "jd.com", "127.0.0.1:4000/shop/acme/". Subdomains match. */
  domains: string[];
  /** host[:port] of every tracked listing, without a leading www./m. */
  listingHosts: string[];
}

const MOBILE_PREFIX = /^(?:m|mobile|touch|wap|h5|www)\./;

export function scopeOf(config: Config, listings: readonly Listing[]): Scope {
  const hosts = new Set<string>();
  for (const l of listings) {
    const u = new URL(l.url);
    hosts.add(`${u.hostname.replace(MOBILE_PREFIX, '')}${u.port ? `:${u.port}` : ''}`);
  }
  return { domains: [...new Set(config.competitors.flatMap((c) => c.domains))].sort(), listingHosts: [...hosts].sort() };
}
