// The pages worth asking the API about (GET /api/scope): checked here, in the browser, so URLs
// outside the competitors' domains and the tracked hosts are never sent anywhere.
import type { OverlayData } from './api-types.ts';

export interface Scope {
  domains: string[];
  listingHosts: string[];
}

const MOBILE_PREFIX = /^(?:m|mobile|touch|wap|h5|www)\./;

function matchesDomain(url: URL, entry: string): boolean {
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(entry.trim());
  if (!m) return false;
  const host = m[1].toLowerCase();
  const hostOk = url.hostname === host || url.hostname.endsWith(`.${host}`);
  return hostOk && (m[2] === undefined || url.port === m[2]) && url.pathname.startsWith(m[3] ?? '/');
}

export function inScope(href: string, scope: Scope): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const host = `${url.hostname.replace(MOBILE_PREFIX, '')}${url.port ? `:${url.port}` : ''}`;
  return scope.listingHosts.includes(host) || scope.domains.some((d) => matchesDomain(url, d));
}

/** The answer for a page outside the scope: not tracked, not trackable, nothing to show. */
export function outOfScope(url: string): OverlayData {
  return {
    lookup: { url, tracked: false, listing: null, competitor: null, onCompetitorDomain: false, product: null, canTrack: false },
    comparison: null,
    history: null,
    statistics: null,
    discount: null,
    weekly: null,
    freshness: null,
  };
}
