import { crawlListings, type CrawlOptions, type CrawlRunResult } from '../../crawler/crawl.ts';
import type { Listing, Observation } from '../../store/model.ts';

let next = 0;

export function listing(url: string): Listing {
  next++;
  return { id: `listing-${next}`, url, competitor: 'acme', sku: `SKU-${next}`, status: 'active', addedAt: '2024-01-01T00:00:00.000Z' };
}

export const SIM_TIME = '2024-05-01T08:00:00.000Z';

type Options = Omit<Partial<CrawlOptions>, 'politeness'> & { politeness?: Partial<CrawlOptions['politeness']> };

/** Crawls `urls` with test-sized politeness: no delay, short backoff, small timeout. */
export function crawl(urls: string[], opts: Options = {}): Promise<CrawlRunResult> {
  const { politeness, ...rest } = opts;
  return crawlListings(
    urls.map((url) => ({ listing: listing(url) })),
    {
      competitor: 'acme',
      renderMode: 'http',
      retryBackoffMs: 20,
      now: () => SIM_TIME,
      ...rest,
      politeness: { maxConcurrency: 2, delayMs: 0, timeoutMs: 5_000, maxRetries: 2, respectRobotsTxt: true, ...politeness },
    },
  );
}

export function failureOf(obs: Observation | undefined) {
  if (!obs || obs.ok) throw new Error(`expected a failure, got ${JSON.stringify(obs)}`);
  return obs.failure;
}

export function extractionOf(obs: Observation | undefined) {
  if (!obs || !obs.ok) throw new Error(`expected a reading, got ${JSON.stringify(obs)}`);
  return obs.extraction;
}
