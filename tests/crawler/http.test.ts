// The HTTP stage against a real local server: what each kind of response becomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { html, productPage, startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { crawl, extractionOf, failureOf, SIM_TIME } from './helpers.ts';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/robots.txt', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('User-agent: *\nDisallow: /private/\n');
  });
  server.route('/item/1', html(productPage('青花瓷茶具套装', '1299.00')));
  server.route('/old/1', (_req, res) => {
    res.writeHead(301, { location: '/item/1' });
    res.end();
  });
  server.route('/gone', html('<h1>Not here</h1>', 404));
  server.route('/gone-410', html('<h1>Removed</h1>', 410));
  server.route('/error', html('<h1>Oops</h1>', 500));
  server.route('/captcha', html('<html><head><title>安全验证</title></head><body><p>Please verify you are human</p><div class="g-recaptcha" data-sitekey="x"></div></body></html>'));
  server.route('/login', html('<html><body><form><input type="password"></form></body></html>'));
  server.route('/wall', (_req, res) => {
    res.writeHead(302, { location: '/login?next=/wall' });
    res.end();
  });
  server.route('/newsletter-captcha', html(productPage('Teapot', '88.00', 'CNY', '<script src="https://www.google.com/recaptcha/api.js"></script><p>Sign up, we check you are not a robot</p>')));
  server.route('/no-price', html('<html><head><title>Teapot</title></head><body><h1>Teapot</h1><p>A lovely teapot.</p></body></html>'));
  server.route('/sold-out', html('<html><head><title>Teapot</title><script type="application/ld+json">{"@type":"Product","name":"Teapot","offers":{"@type":"Offer","availability":"https://schema.org/OutOfStock"}}</script></head><body><h1>Teapot</h1><p>Sold out</p></body></html>'));
  server.route('/manual.pdf', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end('%PDF-1.4');
  });
  server.route('/huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    res.end('x'.repeat(200_000));
  });
  server.route('/huge-declared', (_req, res) => {
    const body = `<html><body>${'y'.repeat(200_000)}</body></html>`;
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });
  server.route('/slow', (_req, res) => {
    const timer = setTimeout(() => html(productPage('Slow', '1.00'))(_req, res), 3_000);
    res.on('close', () => clearTimeout(timer));
  });
  server.route('/gbk', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
    // "价格" and "¥" in GBK around a JSON-LD price, so a wrong decoding would show.
    res.end(Buffer.concat([Buffer.from('<html><head><title>'), Buffer.from([0xbc, 0xdb, 0xb8, 0xf1]), Buffer.from('</title><script type="application/ld+json">{"@type":"Product","name":"T","offers":{"price":"66.00","priceCurrency":"CNY"}}</script></head><body></body></html>')]));
  });
});

afterAll(async () => {
  await server.close();
});

describe('HTTP crawl', () => {
  it('reads a product page: price from the extraction, time from opts.now, status and mode recorded', async () => {
    const result = await crawl([`${server.url}/item/1`], { renderMode: 'auto', extraHeaders: { 'X-RivalWatch-Sim-Time': SIM_TIME } });
    const [obs] = result.observations;
    expect(obs).toMatchObject({ ok: true, via: 'http', httpStatus: 200, at: SIM_TIME, url: `${server.url}/item/1` });
    expect(extractionOf(obs).price).toEqual({ amountMinor: 129900, currency: 'CNY' });
    expect(result.learnedMode).toBe('http');
    expect(result.run).toMatchObject({ competitor: 'acme', at: SIM_TIME, listings: 1, ok: 1, failed: 0, failuresByKind: {} });
    const hit = server.hitsOf('/item/1').at(-1)!;
    expect(hit.headers['user-agent']).toMatch(/^RivalWatch\/\S+ \(\+https?:\/\/\S+; competitor price monitor\)$/);
    expect(hit.headers['x-rivalwatch-sim-time']).toBe(SIM_TIME);
    expect(hit.headers['sec-ch-ua']).toBeUndefined();
  });

  it('follows redirects and keeps the listing URL, noting the final one', async () => {
    const [obs] = (await crawl([`${server.url}/old/1`])).observations;
    expect(obs.url).toBe(`${server.url}/old/1`);
    expect(extractionOf(obs).notes).toContain(`redirected to ${server.url}/item/1`);
  });

  it('decodes a GBK page from its bytes', async () => {
    const [obs] = (await crawl([`${server.url}/gbk`])).observations;
    expect(extractionOf(obs).price).toEqual({ amountMinor: 6600, currency: 'CNY' });
  });

  it('records 404 and 410 as gone without retrying', async () => {
    const before = server.hitsOf('/gone').length;
    const { observations, run } = await crawl([`${server.url}/gone`, `${server.url}/gone-410`]);
    expect(failureOf(observations[0])).toMatchObject({ kind: 'gone', httpStatus: 404 });
    expect(failureOf(observations[1])).toMatchObject({ kind: 'gone', httpStatus: 410 });
    expect(observations[0].via).toBe('http');
    expect(server.hitsOf('/gone').length - before).toBe(1);
    expect(run.failuresByKind).toEqual({ gone: 2 });
  });

  it('records a 500 as an http failure after maxRetries retries', async () => {
    const before = server.hitsOf('/error').length;
    const [obs] = (await crawl([`${server.url}/error`], { politeness: { maxRetries: 2 } })).observations;
    const failure = failureOf(obs);
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 500 });
    expect(failure.reason).toContain(server.host);
    expect(failure.reason).toContain('3 attempts');
    expect(server.hitsOf('/error').length - before).toBe(3);
  });

  it('detects a captcha page as blocked, without retrying', async () => {
    const before = server.hitsOf('/captcha').length;
    const [obs] = (await crawl([`${server.url}/captcha`])).observations;
    expect(failureOf(obs).kind).toBe('blocked');
    expect(failureOf(obs).reason).toMatch(/bot check/);
    expect(server.hitsOf('/captcha').length - before).toBe(1);
  });

  it('detects a redirect to a login page as blocked', async () => {
    const [obs] = (await crawl([`${server.url}/wall`])).observations;
    expect(failureOf(obs)).toMatchObject({ kind: 'blocked' });
    expect(failureOf(obs).reason).toContain('login page');
  });

  it('does not call a priced page blocked because it loads a captcha script', async () => {
    const [obs] = (await crawl([`${server.url}/newsletter-captcha`])).observations;
    expect(extractionOf(obs).price).toEqual({ amountMinor: 8800, currency: 'CNY' });
  });

  it('records a readable page without a price as no-price, naming what was tried', async () => {
    const [obs] = (await crawl([`${server.url}/no-price`])).observations;
    const failure = failureOf(obs);
    expect(failure.kind).toBe('no-price');
    expect(failure.reason).toMatch(/^no price found in the HTML: .*structured data.*visible price.*add a recipe/);
    expect(failure.httpStatus).toBe(200);
  });

  it('records a sold-out page without a price as a reading, not a failure', async () => {
    const [obs] = (await crawl([`${server.url}/sold-out`])).observations;
    expect(extractionOf(obs)).toMatchObject({ price: null, availability: 'out_of_stock' });
  });

  it('refuses content that is not HTML', async () => {
    const [obs] = (await crawl([`${server.url}/manual.pdf`])).observations;
    expect(failureOf(obs)).toMatchObject({ kind: 'http', httpStatus: 200 });
    expect(failureOf(obs).reason).toContain('application/pdf');
  });

  it('cuts a body over the size limit, with or without Content-Length', async () => {
    const { observations } = await crawl([`${server.url}/huge`, `${server.url}/huge-declared`], { maxBodyBytes: 50_000 });
    for (const obs of observations) {
      expect(failureOf(obs).kind).toBe('http');
      expect(failureOf(obs).reason).toMatch(/^the page (is 196 KB, over|grew past) the 49 KB limit/);
    }
  });

  it('records a page slower than timeoutMs as a timeout', async () => {
    const [obs] = (await crawl([`${server.url}/slow`], { politeness: { timeoutMs: 400, maxRetries: 0 } })).observations;
    expect(failureOf(obs)).toMatchObject({ kind: 'timeout' });
    expect(failureOf(obs).reason).toBe(`${server.host} did not deliver the page within 400 ms`);
  });

  it('records a refused connection as a network failure naming host and error code, after retries', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const [direct] = (await crawl([`http://127.0.0.1:${port}/item`], { politeness: { respectRobotsTxt: false, maxRetries: 1 } })).observations;
    expect(failureOf(direct)).toMatchObject({ kind: 'network' });
    expect(failureOf(direct).reason).toContain(`127.0.0.1:${port}`);
    expect(failureOf(direct).reason).toContain('ECONNREFUSED');
    expect(failureOf(direct).reason).toContain('2 attempts');
    // With robots.txt on, the robots.txt request is the one refused, and nothing is crawled.
    const [viaRobots] = (await crawl([`http://127.0.0.1:${port}/item`])).observations;
    expect(failureOf(viaRobots).kind).toBe('network');
    expect(failureOf(viaRobots).reason).toMatch(/robots\.txt could not be read.*ECONNREFUSED/);
  });

  it('hands each observation to onObservation as it finishes and reports progress', async () => {
    const seen: string[] = [];
    const progress: string[] = [];
    const result = await crawl([`${server.url}/item/1`, `${server.url}/gone`, `${server.url}/private/x`], {
      onObservation: async (obs) => {
        seen.push(obs.ok ? 'ok' : obs.failure.kind);
      },
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(seen.sort()).toEqual(['gone', 'ok', 'robots']);
    expect(progress.at(-1)).toBe('3/3');
    expect(result.observations.map((o) => (o.ok ? 'ok' : o.failure.kind))).toEqual(['ok', 'gone', 'robots']);
  });

  it('stops the crawl when onObservation fails, and reports that error', async () => {
    await expect(
      crawl([`${server.url}/item/1`, `${server.url}/gone`], {
        onObservation: () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
  });
});
