// Why a page could not be read, as a value with a sentence a person can act on. Pure: status codes,
// error codes and page text in, `CrawlFailure` out. The stages throw `FetchFailure` so Crawlee's
// retry loop sees it; whether it is retried is decided here, once.
import type { CrawlFailure, FailureKind } from '../../store/model.ts';

export interface RetryPolicy {
  retryable: boolean;
  /** Server-requested wait before the next attempt (Retry-After), in ms. */
  retryAfterMs?: number | null;
}

/** A page that could not be read; thrown inside a crawler stage, recorded as an Observation. */
export class FetchFailure extends Error {
  constructor(
    readonly failure: CrawlFailure,
    readonly policy: RetryPolicy = { retryable: false },
  ) {
    super(`${failure.kind}: ${failure.reason}`);
    this.name = 'FetchFailure';
  }
}

export function failure(kind: FailureKind, reason: string, httpStatus: number | null = null): CrawlFailure {
  return { kind, reason, httpStatus };
}

/** Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * The failure an HTTP status means, or null for a status that carries a page to read (2xx).
 * 404/410 mean the listing is gone and are never retried; 429, 403 and 5xx are retried with backoff.
 */
export function statusFailure(status: number, host: string, retryAfter: string | null, nowMs: number): FetchFailure | null {
  if (status >= 200 && status < 300) return null;
  const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  if (status === 404 || status === 410) {
    return new FetchFailure(failure('gone', `the page answers HTTP ${status} ${status === 404 ? 'Not Found' : 'Gone'}: the listing was removed or moved; update or remove it`, status));
  }
  if (status === 429) {
    return new FetchFailure(
      failure('blocked', `${host} answers HTTP 429 Too Many Requests: the site is rate-limiting RivalWatch; raise politeness.delayMs or lower maxConcurrency for this competitor`, status),
      { retryable: true, retryAfterMs },
    );
  }
  if (status === 403) {
    return new FetchFailure(failure('blocked', `${host} answers HTTP 403 Forbidden: the site refuses RivalWatch (bot protection or a region block)`, status), { retryable: true, retryAfterMs });
  }
  if (status === 401 || status === 407) {
    return new FetchFailure(failure('blocked', `${host} answers HTTP ${status}: the page asks for a login, which RivalWatch does not do`, status));
  }
  if (status >= 500) {
    return new FetchFailure(failure('http', `${host} answers HTTP ${status} (server error)`, status), { retryable: status !== 501 && status !== 505, retryAfterMs });
  }
  if (status >= 300 && status < 400) {
    return new FetchFailure(failure('http', `${host} answers HTTP ${status} without a usable redirect target`, status));
  }
  return new FetchFailure(failure('http', `${host} answers HTTP ${status}, which RivalWatch cannot read a price from`, status));
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/** A failure for a response that is not an HTML page (PDF, image, JSON…); null when it is HTML. */
export function contentTypeFailure(contentType: string | null | undefined, status: number): FetchFailure | null {
  // A missing Content-Type is read as HTML: small shops' servers omit it, and the extractor copes.
  if (!contentType || HTML_TYPES.test(contentType.trim())) return null;
  const type = contentType.split(';')[0].trim();
  return new FetchFailure(failure('http', `the URL serves ${type}, not an HTML product page; point the listing at the product page`, status));
}

function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** `bytes` is the declared Content-Length, or null when the download passed the limit. */
export function bodyTooLarge(bytes: number | null, limit: number, status: number | null): FetchFailure {
  const size = bytes === null ? 'grew past' : `is ${formatBytes(bytes)}, over`;
  return new FetchFailure(failure('http', `the page ${size} the ${formatBytes(limit)} limit: it is not a product page, or raise maxBodyBytes`, status));
}

// Markers of a bot check, read only when a page gave no price: a product page that merely loads a
// captcha script for its newsletter form still has a price and is never called blocked.
const CHALLENGE_TEXT: [RegExp, string][] = [
  [/verify (?:that )?you(?: are|'re) (?:a )?human/i, '"verify you are human"'],
  [/are you a (?:ro)?bot\b/i, '"are you a robot"'],
  [/not a robot/i, '"not a robot"'],
  [/unusual traffic/i, '"unusual traffic"'],
  [/checking (?:if the site connection is secure|your browser)/i, 'a browser check'],
  [/\b(?:re|h)?captcha\b/i, 'a captcha'],
  [/滑动验证|拖动滑块|安全验证|人机验证|验证码|请完成验证|访问验证/, 'a Chinese verification prompt (验证)'],
];
const CHALLENGE_WIDGETS = /class=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile|geetest|nc_wrapper|captcha)\b|id=["'](?:captcha|nc_1_wrapper|px-captcha)["']|<iframe[^>]+src=["'][^"']*(?:captcha|challenges\.cloudflare\.com)/i;
const LOGIN_TEXT = /\b(?:please |you must )?(?:log|sign) ?in (?:to (?:continue|view|see))|login required|请登录|登录后(?:查看|可见|继续)|扫码登录/i;
const LOGIN_PATH = /\/(?:login|signin|sign-in|log-in|passport|auth|account\/login)\b/i;

/** Visible text of a page, roughly: scripts, styles and tags removed; for marker matching only. */
function visibleText(html: string): string {
  return html
    .slice(0, 500_000)
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Why a price-less page looks like a bot check or a login wall, or null when it does not. */
export function blockedPageReason(html: string, finalUrl: string): string | null {
  const path = new URL(finalUrl).pathname;
  if (LOGIN_PATH.test(path)) return `the site sent RivalWatch to a login page (${finalUrl}) instead of the product`;
  const text = visibleText(html);
  for (const [pattern, label] of CHALLENGE_TEXT) {
    if (pattern.test(text)) return `the site shows a bot check (${label}) instead of the product page`;
  }
  if (CHALLENGE_WIDGETS.test(html.slice(0, 500_000))) return 'the site shows a captcha widget instead of the product page';
  if (LOGIN_TEXT.test(text)) return 'the page asks to log in before it shows the product';
  return null;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  EPROTO: 'TLS/protocol error',
  ERR_CONNECTION_REFUSED: 'connection refused',
  ERR_CONNECTION_RESET: 'connection reset',
  ERR_CONNECTION_CLOSED: 'connection closed',
  ERR_EMPTY_RESPONSE: 'empty response',
  ERR_NAME_NOT_RESOLVED: 'host name not found (DNS)',
  ERR_ADDRESS_UNREACHABLE: 'host unreachable',
  ERR_INTERNET_DISCONNECTED: 'no network',
};

/** The error and the errors it wraps (got and undici keep the original as `cause`). */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** A FetchFailure thrown by us, possibly wrapped by the HTTP client it passed through. */
export function fetchFailureIn(err: unknown): FetchFailure | null {
  return (causeChain(err).find((e) => e instanceof FetchFailure) as FetchFailure | undefined) ?? null;
}

/** The error code inside an error from got, undici, Node or Chromium ("net::ERR_…"), if any. */
function errorCode(err: unknown): string | null {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown }).code;
    // got's catch-all code says nothing; the wrapped error may say more.
    if (typeof code === 'string' && code && code !== 'ERR_GOT_REQUEST_ERROR') return code;
  }
  const message = err instanceof Error ? err.message : String(err);
  const m = /net::(ERR_[A-Z_]+)/.exec(message) ?? /\b(E(?:CONN[A-Z]+|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|PIPE|PROTO|TIMEDOUT)|ERR_[A-Z_]+|(?:CERT|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO)_[A-Z_]+)\b/.exec(message);
  return m ? m[1] : null;
}

function isTimeout(err: unknown, code: string | null): boolean {
  if (code === 'ETIMEDOUT' || code === 'ERR_TIMED_OUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return true;
  const name = (err as { name?: unknown })?.name;
  const message = err instanceof Error ? err.message : String(err);
  return name === 'TimeoutError' || /timed? ?out|timeout/i.test(message);
}

/** A thrown error (network, timeout, TLS) as a failure naming the host and the error code. */
export function errorFailure(err: unknown, url: string, timeoutMs: number): CrawlFailure {
  const ours = fetchFailureIn(err);
  if (ours) return ours.failure;
  const host = new URL(url).host;
  const code = errorCode(err);
  if (isTimeout(err, code)) return failure('timeout', `${host} did not deliver the page within ${timeoutMs} ms`);
  if (code && NETWORK_CODES[code]) return failure('network', `could not reach ${host}: ${NETWORK_CODES[code]} (${code})`);
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return failure('network', `could not reach ${host} securely: TLS certificate problem (${code})`);
  if (code === 'ERR_TOO_MANY_REDIRECTS' || /redirect/i.test(err instanceof Error ? err.message : '')) {
    return failure('http', `${host} redirects in a loop or too many times`);
  }
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
  return failure('network', `could not fetch the page from ${host}: ${code ? `${code}: ` : ''}${message}`);
}

