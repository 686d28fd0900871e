// Politeness against a real local server: robots.txt, concurrency, delays, retries and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, productPage, startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { crawl, extractionOf, failureOf } from './helpers.ts';

let server: FixtureServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/robots.txt', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(['User-agent: *', 'Disallow: /private/', '', 'User-agent: RivalWatch', 'Disallow: /private/', 'Disallow: /no-monitors/', 'Allow: /'].join('\n'));
  });
  for (let i = 0; i < 8; i++) {
    server.route(`/p/${i}`, async (req, res) => {
      await sleep(80);
      html(productPage(`Product ${i}`, `${10 + i}.00`))(req, res);
    });
  }
  server.route('/private/secret', html(productPage('Secret', '1.00')));
  server.route('/no-monitors/x', html(productPage('X', '1.00')));
  server.route('/always-429', html('<h1>Too many requests</h1>', 429));
  let flaky = 0;
  server.route('/retry-after', (req, res) => {
    flaky++;
    if (flaky === 1) html('<h1>Slow down</h1>', 429, { 'retry-after': '1' })(req, res);
    else html(productPage('Patient', '5.00'))(req, res);
  });
  server.route('/maintenance', html('<h1>Back tomorrow</h1>', 503, { 'retry-after': '86400' }));
});

afterAll(async () => {
  await server.close();
});

describe('robots.txt', () => {
  it('refuses a disallowed URL with the rule in the reason, never requests it, and reads robots.txt once per run', async () => {
    const before = server.hitsOf('/robots.txt').length;
    const { observations, run } = await crawl([`${server.url}/private/secret`, `${server.url}/no-monitors/x`, `${server.url}/p/0`]);
    expect(failureOf(observations[0])).toMatchObject({ kind: 'robots', httpStatus: null });
    expect(observations[0].via).toBeNull();
    expect(failureOf(observations[0]).reason).toBe(`robots.txt at ${server.url}/robots.txt disallows /private/ for RivalWatch (line 5); RivalWatch does not crawl it`);
    // The group for RivalWatch applies to RivalWatch, not just the "*" group.
    expect(failureOf(observations[1]).reason).toContain('disallows /no-monitors/ for RivalWatch');
    expect(observations[2].ok).toBe(true);
    expect(server.hitsOf('/private/secret')).toHaveLength(0);
    expect(server.hitsOf('/no-monitors/x')).toHaveLength(0);
    expect(server.hitsOf('/robots.txt').length - before).toBe(1);
    expect(server.hitsOf('/robots.txt').at(-1)!.headers['user-agent']).toMatch(/^RivalWatch\//);
    expect(run.failuresByKind).toEqual({ robots: 2 });
  });

  it('crawls a disallowed URL when respectRobotsTxt is off', async () => {
    const [obs] = (await crawl([`${server.url}/private/secret`], { politeness: { respectRobotsTxt: false } })).observations;
    expect(obs.ok).toBe(true);
  });
});

describe('pace', () => {
  it('never has more than maxConcurrency requests in flight to one host', async () => {
    const fresh = await startFixtureServer();
    try {
      for (let i = 0; i < 8; i++) {
        fresh.route(`/p/${i}`, async (req, res) => {
          await sleep(100);
          html(productPage(`P${i}`, '1.00'))(req, res);
        });
      }
      const { observations } = await crawl(
        Array.from({ length: 8 }, (_, i) => `${fresh.url}/p/${i}`),
        { politeness: { maxConcurrency: 2, respectRobotsTxt: false } },
      );
      expect(observations.every((o) => o.ok)).toBe(true);
      expect(fresh.maxInFlight()).toBeLessThanOrEqual(2);
      expect(fresh.maxInFlight()).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('spaces request starts to one host by delayMs', async () => {
    const fresh = await startFixtureServer();
    try {
      for (let i = 0; i < 5; i++) fresh.route(`/p/${i}`, html(productPage(`P${i}`, '1.00')));
      await crawl(
        Array.from({ length: 5 }, (_, i) => `${fresh.url}/p/${i}`),
        { politeness: { maxConcurrency: 2, delayMs: 250, respectRobotsTxt: false } },
      );
      const arrivals = fresh.hits.map((h) => h.at);
      expect(arrivals).toHaveLength(5);
      const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
      // Loose: the pause is a floor (timer granularity aside), never a target to hit exactly.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('retries', () => {
  it('retries a 429 maxRetries times, then records blocked; the server sees exactly 1 + maxRetries requests', async () => {
    const [obs] = (await crawl([`${server.url}/always-429`], { politeness: { maxRetries: 3 } })).observations;
    const failure = failureOf(obs);
    expect(failure).toMatchObject({ kind: 'blocked', httpStatus: 429 });
    expect(failure.reason).toContain('429 Too Many Requests');
    expect(failure.reason).toContain('4 attempts');
    expect(server.hitsOf('/always-429')).toHaveLength(4);
  });

  it('waits out a Retry-After before the next attempt', async () => {
    const [obs] = (await crawl([`${server.url}/retry-after`])).observations;
    expect(extractionOf(obs).price).toEqual({ amountMinor: 500, currency: 'CNY' });
    const [first, second] = server.hitsOf('/retry-after');
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
  });

  it('does not sit out a Retry-After longer than the crawl waits, and says so', async () => {
    const [obs] = (await crawl([`${server.url}/maintenance`], { maxRetryAfterMs: 5_000 })).observations;
    const failure = failureOf(obs);
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 503 });
    expect(failure.reason).toContain('wait 86400 s');
    expect(server.hitsOf('/maintenance')).toHaveLength(1);
  });
});

describe('stopping', () => {
  it('requests no new page after the signal aborts, and records the pages in flight', async () => {
    const abort = new AbortController();
    const urls = Array.from({ length: 8 }, (_, i) => `${server.url}/p/${i}`);
    const before = server.hits.length;
    const result = await crawl(urls, {
      signal: abort.signal,
      politeness: { maxConcurrency: 1, delayMs: 150 },
      onObservation: () => abort.abort(),
    });
    const requested = server.hits.slice(before).filter((h) => h.path.startsWith('/p/')).length;
    expect(result.observations.length).toBeGreaterThanOrEqual(1);
    expect(result.observations.length).toBeLessThan(urls.length);
    expect(result.observations.every((o) => o.ok)).toBe(true);
    expect(requested).toBe(result.observations.length);
    expect(result.run.listings).toBe(8);
  });
});
