// One crawl run of one competitor's listings: robots.txt first, then HTTP, then Chromium for the
// pages whose price only appears once scripts run. Every listing ends as exactly one Observation
// (a reading or a failure with its reason), handed to the caller as it finishes.
import type { CrawlRun, FailureKind, FetchMode, Listing, Observation } from '../store/model.ts';
import type { Recipe } from './recipe.ts';
import { launchBrowser, type SharedBrowser } from './browser.ts';
import { runBrowserStage } from './fetch/browser-stage.ts';
import { hostGate } from './fetch/gate.ts';
import { runHttpStage } from './fetch/http-stage.ts';
import { RobotsPolicy } from './fetch/robots.ts';
import { failureObservation, type CrawlLogLevel, type PageOutcome, type StageSettings } from './fetch/stage.ts';

export const DEFAULT_USER_AGENT = 'RivalWatch/0.1 (+https://github.com/rivalwatch/rivalwatch; competitor price monitor)';

export interface CrawlTarget {
  listing: Listing;
  recipe?: Recipe;
  currency?: string | null;
}

export interface CrawlOptions {
  competitor: string;
  /** 'auto': HTTP first, Chromium for a page whose HTML has no price; remembered per site. */
  renderMode: 'http' | 'browser' | 'auto';
  politeness: { maxConcurrency: number; delayMs: number; timeoutMs: number; maxRetries: number; respectRobotsTxt: boolean };
  userAgent?: string;
  /** ISO time stamped on observations (simulated in the demo); default real time. */
  now?: () => string;
  /** Sent with every request, robots.txt included. */
  extraHeaders?: Record<string, string>;
  /** For 'auto': the mode that worked last time; 'browser' skips the HTTP attempt. */
  rememberedMode?: FetchMode | null;
  /** Called once per listing as it finishes, one call at a time; a rejection stops the crawl. */
  onObservation?: (obs: Observation) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Abort: no new page is requested; pages in flight finish and are recorded. */
  signal?: AbortSignal;
  /** A running Chromium to render with (left open); otherwise one is launched if needed and closed. */
  browser?: SharedBrowser;
  /** First retry waits this long, doubling per retry (default 1000 ms). */
  retryBackoffMs?: number;
  /**
   * Longest Retry-After a crawl waits for, pausing the host meanwhile (default 30 000 ms). A longer
   * one ends the retries of that page at once, recorded with the wait the server asked for.
   */
  maxRetryAfterMs?: number;
  /** Larger pages fail as 'http' (default 15 MiB). */
  maxBodyBytes?: number;
  /** Crawlee's log level (default 'off'). */
  logLevel?: CrawlLogLevel;
}

export interface CrawlRunResult {
  /** One per listing, in the order of `targets` (fewer when the crawl was stopped). */
  observations: Observation[];
  run: Omit<CrawlRun, 'id'>;
  /** For 'auto': the mode to remember for this site; null when this run taught nothing. */
  learnedMode: FetchMode | null;
}

/** Robots.txt may slow RivalWatch down, but a Crawl-delay above this is capped. */
const MAX_CRAWL_DELAY_MS = 60_000;

export async function crawlListings(targets: CrawlTarget[], opts: CrawlOptions): Promise<CrawlRunResult> {
  const now = opts.now ?? (() => new Date().toISOString());
  const startedAt = new Date().toISOString();
  const at = now();
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const extraHeaders = opts.extraHeaders ?? {};
  const { politeness } = opts;
  const internal = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, internal.signal]) : internal.signal;

  const results = new Map<number, Observation>();
  let writes: Promise<void> = Promise.resolve();
  let writeError: { err: unknown } | null = null;
  // Crawlee's own SIGINT handler can end a stage with pages still in flight; their late results are dropped.
  let finished = false;
  const record = (index: number, obs: Observation) => {
    if (finished || results.has(index)) return;
    results.set(index, obs);
    opts.onProgress?.(results.size, targets.length);
    if (!opts.onObservation) return;
    writes = writes.then(async () => {
      if (writeError) return;
      try {
        await opts.onObservation!(obs);
      } catch (err) {
        writeError = { err };
        internal.abort();
      }
    });
  };

  const crawlDelays = new Map<string, number>();
  const settings: StageSettings = {
    maxConcurrency: politeness.maxConcurrency,
    timeoutMs: politeness.timeoutMs,
    maxRetries: politeness.maxRetries,
    userAgent,
    extraHeaders,
    now,
    gate: hostGate,
    intervalFor: (host) => Math.max(politeness.delayMs, crawlDelays.get(host) ?? 0),
    retryBackoffMs: opts.retryBackoffMs ?? 1000,
    maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
    maxBodyBytes: opts.maxBodyBytes ?? 15 * 1024 * 1024,
    logLevel: opts.logLevel ?? 'off',
    signal,
  };

  const robots = politeness.respectRobotsTxt ? new RobotsPolicy({ userAgent, headers: extraHeaders, timeoutMs: politeness.timeoutMs }) : null;
  const allowed = await checkRobots(targets, robots, crawlDelays, signal, (i, obs) => record(i, { ...obs, at: now() }));

  const startInBrowser = opts.renderMode === 'browser' || (opts.renderMode === 'auto' && opts.rememberedMode === 'browser');
  const toRender: typeof allowed = [];
  const sink = (index: number, outcome: PageOutcome) => {
    if (outcome.kind === 'observation') record(index, outcome.observation);
    else toRender.push({ index, target: targets[index] });
  };

  let ownBrowser: SharedBrowser | null = null;
  try {
    if (!startInBrowser) await runHttpStage(allowed, settings, { mayRender: opts.renderMode === 'auto' }, sink);
    const browserItems = startInBrowser ? allowed : toRender.filter((i) => !results.has(i.index));
    if (browserItems.length && !signal.aborted) {
      let browser = opts.browser ?? null;
      if (!browser) {
        try {
          browser = ownBrowser = await launchBrowser();
        } catch (err) {
          // In auto mode the HTML was read and had no price: that stays the finding, with the reason rendering failed.
          if (startInBrowser) throw err;
          for (const { index, target } of browserItems) {
            record(index, failureObservation(target.listing, now(), 'http', { kind: 'no-price', reason: `no price in the HTML, and the page could not be rendered: ${(err as Error).message}`, httpStatus: null }));
          }
        }
      }
      if (browser) await runBrowserStage(browserItems, settings, { browser, afterHttp: !startInBrowser }, sink);
    }
  } finally {
    finished = true;
    await ownBrowser?.close();
    await writes;
  }
  if (writeError) throw (writeError as { err: unknown }).err;

  const observations = [...results.entries()].sort(([a], [b]) => a - b).map(([, obs]) => obs);
  return {
    observations,
    run: summarize(opts.competitor, startedAt, at, targets.length, observations),
    learnedMode: opts.renderMode === 'auto' ? learnMode(observations, startInBrowser) : null,
  };
}

async function checkRobots(
  targets: CrawlTarget[],
  robots: RobotsPolicy | null,
  crawlDelays: Map<string, number>,
  signal: AbortSignal,
  refuse: (index: number, obs: Observation) => void,
): Promise<{ index: number; target: CrawlTarget }[]> {
  const allowed: { index: number; target: CrawlTarget }[] = [];
  for (const [index, target] of targets.entries()) {
    if (signal.aborted) break;
    if (!robots) {
      allowed.push({ index, target });
      continue;
    }
    const verdict = await robots.check(target.listing.url);
    if (!verdict.allowed) {
      refuse(index, failureObservation(target.listing, '', null, verdict.failure));
      continue;
    }
    if (verdict.crawlDelayMs) crawlDelays.set(new URL(target.listing.url).host, Math.min(verdict.crawlDelayMs, MAX_CRAWL_DELAY_MS));
    allowed.push({ index, target });
  }
  return allowed;
}

/**
 * What to remember for the site: 'browser' when more pages needed Chromium than were read over
 * HTTP (the HTTP attempt is then mostly wasted), 'http' when HTTP did most of the work.
 */
function learnMode(observations: Observation[], startedInBrowser: boolean): FetchMode | null {
  const byHttp = observations.filter((o) => o.ok && o.via === 'http').length;
  const byBrowser = observations.filter((o) => o.ok && o.via === 'browser').length;
  if (startedInBrowser) return byBrowser > 0 ? 'browser' : null;
  if (byBrowser > byHttp) return 'browser';
  return byHttp > 0 ? 'http' : null;
}

function summarize(competitor: string, startedAt: string, at: string, listings: number, observations: Observation[]): Omit<CrawlRun, 'id'> {
  const failuresByKind: Partial<Record<FailureKind, number>> = {};
  let ok = 0;
  for (const o of observations) {
    if (o.ok) ok++;
    else failuresByKind[o.failure.kind] = (failuresByKind[o.failure.kind] ?? 0) + 1;
  }
  return { competitor, startedAt, finishedAt: new Date().toISOString(), at, listings, ok, failed: observations.length - ok, failuresByKind };
}
