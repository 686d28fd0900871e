// What the HTTP and browser stages share: Crawlee settings (in-memory storage, quiet logs, fixed
// concurrency, retries with backoff and Retry-After), and turning a fetched page into an outcome.
import { Configuration, Log, LogLevel, type Request } from '@crawlee/http';
import { extract } from '../extract/index.ts';
import type { Recipe } from '../recipe.ts';
import type { CrawlFailure, Extraction, FetchMode, Listing, Observation } from '../../store/model.ts';
import { FetchFailure, blockedPageReason, errorFailure, fetchFailureIn } from './failure.ts';
import { StoppedError, type HostGate } from './gate.ts';

export type CrawlLogLevel = 'off' | 'error' | 'warning' | 'info' | 'debug';

export interface StageTarget {
  listing: Listing;
  recipe?: Recipe;
  currency?: string | null;
}

export interface StageSettings {
  maxConcurrency: number;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string;
  extraHeaders: Record<string, string>;
  now: () => string;
  gate: HostGate;
  /** Pause between two request starts to `host`: the politeness delay or robots.txt's Crawl-delay. */
  intervalFor: (host: string) => number;
  /** First retry waits this long, doubling per retry. */
  retryBackoffMs: number;
  /** Longest Retry-After honoured by waiting; a longer one ends the retries for this run. */
  maxRetryAfterMs: number;
  maxBodyBytes: number;
  logLevel: CrawlLogLevel;
  signal: AbortSignal;
}

/** A stage's verdict on one listing: an observation, or "the HTML had no price, render it". */
export type PageOutcome = { kind: 'observation'; observation: Observation } | { kind: 'render'; note: string };

export type OutcomeSink = (index: number, outcome: PageOutcome) => void;

const LOG_LEVELS: Record<CrawlLogLevel, LogLevel> = {
  off: LogLevel.OFF,
  error: LogLevel.ERROR,
  warning: LogLevel.WARNING,
  info: LogLevel.INFO,
  debug: LogLevel.DEBUG,
};

/** Crawlee keeps its queue and statistics in memory only; the crawler never writes to disk. */
export function crawleeConfiguration(): Configuration {
  return new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    // System snapshots spawn `ps`; with concurrency pinned (min = max) they steer nothing.
    systemInfoIntervalMillis: 60_000,
  });
}

interface RequestData {
  index: number;
  notBefore?: number;
  retryAfterMs?: number;
  [key: string]: unknown;
}

export function requestsFor(targets: { index: number; target: StageTarget }[]) {
  return targets.map(({ index, target }) => ({ url: target.listing.url, uniqueKey: `${index}:${target.listing.id}`, userData: { index } satisfies RequestData }));
}

function dataOf(request: Request): RequestData {
  return request.userData as RequestData;
}

export function indexOf(request: Request): number {
  return dataOf(request).index;
}

/** Throws a failure, marking it final first when it must not be retried (Crawlee checks `noRetry`). */
export function raise(request: Request, err: FetchFailure): never {
  if (!err.policy.retryable) request.noRetry = true;
  throw err;
}

/** Waits for this request's turn at its host: politeness delay, retry backoff, Retry-After. */
export async function waitTurn(request: Request, s: StageSettings): Promise<void> {
  const host = new URL(request.url).host;
  try {
    await s.gate.turn(host, s.intervalFor(host), dataOf(request).notBefore ?? 0, s.signal);
  } catch (err) {
    if (err instanceof StoppedError) request.noRetry = true;
    throw err;
  }
}

/** Options every stage's crawler shares: concurrency, retries, backoff, failure recording. */
export function commonCrawlerOptions(s: StageSettings, mode: FetchMode, targets: Map<number, StageTarget>, sink: OutcomeSink) {
  // Pre-navigation waits (politeness, backoff, Retry-After) run inside Crawlee's handler timeout.
  const queueWaitMs = s.maxConcurrency * Math.max(...[...targets.values()].map((t) => s.intervalFor(new URL(t.listing.url).host)), 0);
  return {
    log: new Log({ level: LOG_LEVELS[s.logLevel], prefix: `RivalWatch ${mode}` }),
    // Pinned: politeness, not machine load, sets the pace; autoscaling would only ramp up slowly.
    minConcurrency: s.maxConcurrency,
    maxConcurrency: s.maxConcurrency,
    maxRequestRetries: s.maxRetries,
    // Crawlee turns connection errors into session errors, retried up to this many rotations.
    maxSessionRotations: s.maxRetries,
    // Sessions rotate identities to get past blocking; an honest monitor records the block instead.
    useSessionPool: false,
    requestHandlerTimeoutSecs: Math.ceil((s.timeoutMs + queueWaitMs + s.maxRetryAfterMs + 60_000 + 10_000) / 1000),
    errorHandler: async ({ request }: { request: Request }, error: Error) => {
      const data = dataOf(request);
      const retryAfterMs = fetchFailureIn(error)?.policy.retryAfterMs ?? null;
      if (retryAfterMs !== null && retryAfterMs > s.maxRetryAfterMs) {
        request.noRetry = true;
        data.retryAfterMs = retryAfterMs;
        return;
      }
      const backoff = Math.min(s.retryBackoffMs * 2 ** request.retryCount, 60_000);
      if (retryAfterMs !== null) s.gate.pause(new URL(request.url).host, Date.now() + retryAfterMs);
      data.notBefore = Date.now() + Math.max(backoff, retryAfterMs ?? 0);
    },
    failedRequestHandler: async ({ request }: { request: Request }, error: Error) => {
      if (error instanceof StoppedError) return;
      const f = errorFailure(error, request.url, s.timeoutMs);
      const attempts = request.retryCount + 1;
      const retryAfterMs = dataOf(request).retryAfterMs;
      const reason =
        retryAfterMs !== undefined
          ? `${f.reason}; it asks RivalWatch to wait ${Math.round(retryAfterMs / 1000)} s, longer than the ${Math.round(s.maxRetryAfterMs / 1000)} s a crawl waits, so the next scheduled crawl will try again`
          : attempts > 1
            ? `${f.reason} (${attempts} attempts)`
            : f.reason;
      sink(indexOf(request), { kind: 'observation', observation: failureObservation(targets.get(indexOf(request))!.listing, s.now(), mode, { ...f, reason }) });
    },
  };
}

export function failureObservation(listing: Listing, at: string, via: FetchMode | null, f: CrawlFailure): Observation {
  return { listingId: listing.id, url: listing.url, at, via, ok: false, httpStatus: f.httpStatus ?? null, failure: { kind: f.kind, reason: f.reason, httpStatus: f.httpStatus ?? null } };
}

function noPriceReason(extraction: Extraction, recipe: Recipe | undefined, how: string, renderable: boolean): string {
  const tried: string[] = [];
  if (recipe?.price) tried.push(`the recipe's price selector \`${recipe.price}\` gave no price`);
  tried.push('no structured data price (JSON-LD, microdata, meta tags)', 'no visible price near the title');
  const rejected = extraction.rejected.filter((r) => r.field === 'price');
  if (rejected.length) tried.push(`${rejected.length} price candidate(s) rejected, e.g. "${rejected[0].value.slice(0, 40)}": ${rejected[0].reason}`);
  const fix = recipe?.price ? 'check the recipe\'s price selector against the page' : 'add a recipe with a price selector for this site';
  return `no price found ${how}: ${tried.join('; ')}; ${fix}${renderable ? ' or set renderMode: browser' : ''}`;
}

export interface FetchedPage {
  index: number;
  target: StageTarget;
  mode: FetchMode;
  status: number;
  finalUrl: string;
  html: string;
  /** HTTP stage in auto mode: a page without a price goes to the browser instead of failing. */
  mayRender: boolean;
  /** Browser stage after the HTTP stage found no price in the HTML. */
  afterHttp: boolean;
}

/** Extraction and the verdict on a page that arrived: a price, out of stock, blocked, or no price. */
export function judgePage(p: FetchedPage, request: Request, now: string): PageOutcome {
  const { listing, recipe, currency } = p.target;
  const extraction = extract(p.html, { url: p.finalUrl, recipe, rendered: p.mode === 'browser', now, currency: currency ?? null });
  if (p.finalUrl !== listing.url) extraction.notes.push(`redirected to ${p.finalUrl}`);
  if (p.afterHttp) extraction.notes.push('rendered in Chromium: the HTML alone had no price');
  const ok = (): PageOutcome => ({ kind: 'observation', observation: { listingId: listing.id, url: listing.url, at: now, via: p.mode, ok: true, httpStatus: p.status, extraction } });
  // Out of stock with no price shown is a reading, not a failure: it feeds stock-out alerts.
  if (extraction.price || extraction.availability === 'out_of_stock') return ok();
  const blocked = blockedPageReason(p.html, p.finalUrl);
  if (blocked) raise(request, new FetchFailure({ kind: 'blocked', reason: blocked, httpStatus: p.status }));
  if (p.mayRender) return { kind: 'render', note: 'no price in the HTML' };
  const how = p.mode === 'http' ? 'in the HTML' : p.afterHttp ? 'in the HTML or after rendering in Chromium' : 'after rendering in Chromium';
  raise(request, new FetchFailure({ kind: 'no-price', reason: noPriceReason(extraction, recipe, how, p.mode === 'http'), httpStatus: p.status }));
}
