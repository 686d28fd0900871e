// The browser stage: Crawlee's BasicCrawler schedules and retries, each page opens in a fresh
// incognito context of one shared Chromium. PlaywrightCrawler is not used because its BrowserPool
// owns the browsers: it launches (and relaunches, and retires) its own, routes them through a local
// proxy and keeps a profile on disk, while a crawl must render with one Chromium it can share across
// runs and close when its owner says so.
import { BasicCrawler } from '@crawlee/http';
import type { Route } from 'playwright';
import type { SharedBrowser } from '../browser.ts';
import { annotateLayout } from '../extract/layout.ts';
import { bodyTooLarge, contentTypeFailure, statusFailure } from './failure.ts';
import {
  commonCrawlerOptions,
  crawleeConfiguration,
  indexOf,
  judgePage,
  raise,
  requestsFor,
  waitTurn,
  type OutcomeSink,
  type StageSettings,
  type StageTarget,
} from './stage.ts';

// Prices are text: pictures, video and fonts are not fetched, which spares the shop and us.
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font']);
/** Longest wait for late requests (prices fetched by script after `load`), within the page timeout. */
const SETTLE_MS = 5_000;

export async function runBrowserStage(
  items: { index: number; target: StageTarget }[],
  s: StageSettings,
  opts: { browser: SharedBrowser; afterHttp: boolean },
  sink: OutcomeSink,
): Promise<void> {
  if (items.length === 0 || s.signal.aborted) return;
  const targets = new Map(items.map((i) => [i.index, i.target]));
  const crawler = new BasicCrawler(
    {
      ...commonCrawlerOptions(s, 'browser', targets, sink),
      requestHandler: async ({ request }) => {
        await waitTurn(request, s);
        const deadline = Date.now() + s.timeoutMs;
        const context = await opts.browser.browser.newContext({ userAgent: s.userAgent, extraHTTPHeaders: s.extraHeaders, serviceWorkers: 'block', acceptDownloads: false });
        try {
          const page = await context.newPage();
          await page.route('**/*', (route: Route) => (SKIPPED_RESOURCES.has(route.request().resourceType()) ? route.abort() : route.continue()));
          // The document must arrive in time; a slow ad or tracker holding back `load` must not fail the page.
          const response = await page.goto(request.url, { waitUntil: 'domcontentloaded', timeout: s.timeoutMs });
          const status = response?.status() ?? 200;
          const headers = response ? await response.allHeaders() : {};
          const finalUrl = page.url();
          const statusProblem = statusFailure(status, new URL(finalUrl).host, headers['retry-after'] ?? null, Date.now());
          if (statusProblem) raise(request, statusProblem);
          const wrongType = contentTypeFailure(headers['content-type'], status);
          if (wrongType) raise(request, wrongType);
          const length = Number(headers['content-length'] ?? NaN);
          if (length > s.maxBodyBytes) raise(request, bodyTooLarge(length, s.maxBodyBytes, status));
          const load = deadline - Date.now();
          if (load > 0) await page.waitForLoadState('load', { timeout: load }).catch(() => {});
          const settle = Math.min(SETTLE_MS, deadline - Date.now());
          if (settle > 0) await page.waitForLoadState('networkidle', { timeout: settle }).catch(() => {});
          await page.evaluate(annotateLayout);
          const html = await page.content();
          const index = indexOf(request);
          sink(index, judgePage({ index, target: targets.get(index)!, mode: 'browser', status, finalUrl, html, mayRender: false, afterHttp: opts.afterHttp }, request, s.now()));
        } finally {
          await context.close().catch(() => {});
        }
      },
    },
    crawleeConfiguration(),
  );
  const stop = () => crawler.stop('RivalWatch crawl stopped');
  s.signal.addEventListener('abort', stop, { once: true });
  try {
    await crawler.run(requestsFor(items));
  } finally {
    s.signal.removeEventListener('abort', stop);
  }
}
