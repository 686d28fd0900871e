// How a worker crawls one job's listing: robots.txt from a per-worker cache (one read per origin,
// not one per page), then the crawler on that single page, stamped with the run's scheduled time.
import { launchBrowser, type SharedBrowser } from '../../crawler/browser.ts';
import { crawlListings, DEFAULT_USER_AGENT } from '../../crawler/crawl.ts';
import { RobotsPolicy } from '../../crawler/fetch/robots.ts';
import { failureObservation } from '../../crawler/fetch/stage.ts';
import type { FetchMode, Listing, Observation } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import type { CrawlJob } from './jobs.ts';

/** robots.txt is read again after this long (RFC 9309 allows caching up to a day). */
const ROBOTS_TTL_MS = 10 * 60_000;
/** A site's remembered render mode (written by in-process crawls) is looked up again after this long. */
const MODE_TTL_MS = 60_000;
/** robots.txt may slow RivalWatch down, but a Crawl-delay above this is capped (as crawl.ts does). */
const MAX_CRAWL_DELAY_MS = 60_000;
const SITE_MODE = 'site-mode';

export class JobCrawler {
  private robots: { policy: RobotsPolicy; until: number } | null = null;
  private browser: Promise<SharedBrowser> | null = null;
  private readonly modes = new Map<string, { mode: FetchMode | null; until: number }>();

  constructor(private readonly store: Store) {}

  /**
   * Crawls each job's listing once, one page at a time (the caller holds one host slot), and hands
   * every observation (a reading or a failure with its reason) to `record` as it is made. Jobs of
   * one run of one competitor share a crawler call: its setup costs more than a page.
   * `slowDown` is called when robots.txt asks for a longer Crawl-delay than the config.
   */
  async crawl(
    items: { job: CrawlJob; listing: Listing }[],
    slowDown: (crawlDelayMs: number) => Promise<void>,
    record: (item: { job: CrawlJob; listing: Listing }, observation: Observation) => Promise<void>,
  ): Promise<void> {
    const allowed: typeof items = [];
    for (const item of items) {
      const { job, listing } = item;
      if (!job.politeness.respectRobotsTxt) {
        allowed.push(item);
        continue;
      }
      const verdict = await this.robotsPolicy(job).check(listing.url);
      if (!verdict.allowed) {
        await record(item, failureObservation(listing, job.scheduledAt, null, verdict.failure));
        continue;
      }
      if (verdict.crawlDelayMs && verdict.crawlDelayMs > job.politeness.delayMs) await slowDown(Math.min(verdict.crawlDelayMs, MAX_CRAWL_DELAY_MS));
      allowed.push(item);
    }
    const groups = new Map<string, typeof items>();
    for (const item of allowed) {
      const j = item.job;
      const key = JSON.stringify([j.runId, j.scheduledAt, j.renderMode, j.politeness, j.recipe ?? null, j.currency, j.extraHeaders ?? null]);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const group of groups.values()) await this.crawlGroup(group, record);
  }

  private async crawlGroup(
    items: { job: CrawlJob; listing: Listing }[],
    record: (item: { job: CrawlJob; listing: Listing }, observation: Observation) => Promise<void>,
  ): Promise<void> {
    const { job } = items[0];
    const remembered = job.renderMode === 'auto' ? await this.rememberedMode(job.competitor) : null;
    // Chromium is shared by the worker's jobs once a page needed it; until then 'auto' stays on HTTP.
    const wantsBrowser = job.renderMode === 'browser' || remembered === 'browser' || (job.renderMode === 'auto' && this.browser !== null);
    const browser = wantsBrowser ? await this.sharedBrowser() : undefined;
    const byListing = new Map(items.map((item) => [item.listing.id, item]));
    const recorded = new Set<string>();
    await crawlListings(
      items.map(({ listing }) => ({ listing, recipe: job.recipe, currency: job.currency })),
      {
        competitor: job.competitor,
        renderMode: job.renderMode,
        // One page at a time on the caller's host slot, paced by the shared limiter; robots.txt was checked above.
        politeness: { ...job.politeness, maxConcurrency: 1, delayMs: 0, respectRobotsTxt: false },
        now: () => job.scheduledAt,
        extraHeaders: job.extraHeaders,
        rememberedMode: remembered,
        browser,
        onObservation: async (observation) => {
          recorded.add(observation.listingId);
          if (observation.via === 'browser' && !this.browser) void this.sharedBrowser().catch(() => undefined);
          await record(byListing.get(observation.listingId)!, observation);
        },
      },
    );
    const missing = items.filter((i) => !recorded.has(i.listing.id));
    if (missing.length) throw new Error(`the crawler returned no observation for ${missing.map((i) => i.listing.url).join(', ')}`);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    await browser?.then((b) => b.close()).catch(() => undefined);
  }

  private robotsPolicy(job: CrawlJob): RobotsPolicy {
    if (!this.robots || this.robots.until < Date.now()) {
      this.robots = {
        policy: new RobotsPolicy({ userAgent: DEFAULT_USER_AGENT, headers: job.extraHeaders, timeoutMs: job.politeness.timeoutMs }),
        until: Date.now() + ROBOTS_TTL_MS,
      };
    }
    return this.robots.policy;
  }

  private async rememberedMode(competitor: string): Promise<FetchMode | null> {
    const cached = this.modes.get(competitor);
    if (cached && cached.until > Date.now()) return cached.mode;
    const doc = await this.store.getDocument<{ mode: FetchMode }>(SITE_MODE, competitor);
    const mode = doc?.doc.mode ?? null;
    this.modes.set(competitor, { mode, until: Date.now() + MODE_TTL_MS });
    return mode;
  }

  private sharedBrowser(): Promise<SharedBrowser> {
    if (!this.browser) {
      const launching = launchBrowser();
      // A failed launch is tried again by the next job that needs it.
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }
}
