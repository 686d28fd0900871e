// URL normalization: one competitor page has one identity however it was linked. Tracking
// parameters and fragments go; host case, default ports and trailing slashes are unified.

const TRACKING_PARAMS = new Set([
  'gclid', 'gclsrc', 'dclid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref', 'ref_', 'referrer', 'tag', 'affid', 'aff_id', 'affiliate', 'clickid', 'irclickid', 'ranmid', 'raneaid', 'ransiteid',
  'spm', 'scm', 'pvid', 'algo_pvid', 'algo_expid', 'trackinfo', 'abbucket', 'ns', 'ali_refid', 'ali_trackid', 'pdp_npi',
  'sr', 'qid', 'psc', 'keywords', 'crid', 'sprefix', 'th', 'smid', 'pf_rd_r', 'pf_rd_p', 'pf_rd_m', 'pf_rd_s', 'pf_rd_t', 'pf_rd_i', 'pd_rd_r', 'pd_rd_w', 'pd_rd_wg', 'pd_rd_i', 'content-id',
  '_ga', '_gl', '_hsenc', '_hsmi', 'hsctatracking', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', 'rb_clickid', 's_cid', 'cmpid', 'cm_mmc', 'icid', 'srsltid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'trk_', 'stm_'];

export class InvalidUrlError extends Error {
  constructor(input: string, why: string) {
    super(`"${input}" is not a product page URL: ${why}`);
    this.name = 'InvalidUrlError';
  }
}

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/** Returns the canonical form of a product URL; throws InvalidUrlError for non-http(s) input. */
export function normalizeUrl(input: string): string {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidUrlError(raw, 'it does not parse as an absolute URL (did you forget https://?)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(raw, `only http and https are crawled, not ${url.protocol.replace(':', '')}`);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTracking(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** The registrable host used to match a URL to a competitor's configured domains. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

/** True when `host` is `domain` or one of its subdomains (www.jd.com matches jd.com). */
export function hostMatchesDomain(host: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  const h = host.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

const MOBILE_PREFIXES = /^(?:m|mobile|touch|wap|h5|www)\./;

/** URL variants that identify the same page: mobile/desktop hosts (m.jd.com ↔ www.jd.com ↔ jd.com). */
export function urlVariants(input: string): string[] {
  const normalized = normalizeUrl(input);
  const url = new URL(normalized);
  const bare = url.hostname.replace(MOBILE_PREFIXES, '');
  const hosts = new Set([url.hostname, bare, `www.${bare}`, `m.${bare}`]);
  return [...hosts].map((h) => {
    const v = new URL(normalized);
    v.hostname = h;
    return v.toString();
  });
}
