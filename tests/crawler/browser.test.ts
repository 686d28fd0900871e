// The browser stage with Debian's Chromium: auto mode's fallback and memory, and browser mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type SharedBrowser } from '../../crawler/browser.ts';
import { html, productPage, scriptPricedPage, startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { crawl, extractionOf, failureOf, SIM_TIME } from './helpers.ts';

let server: FixtureServer;
let browser: SharedBrowser;

/** Requests Chromium made for a page (it sends Sec-Fetch headers; the HTTP stage does not). */
const byBrowser = (path: string) => server.hitsOf(path).filter((h) => h.headers['sec-fetch-mode'] !== undefined);
const byHttp = (path: string) => server.hitsOf(path).filter((h) => h.headers['sec-fetch-mode'] === undefined);

beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/robots.txt', (_req, res) => {
    res.writeHead(404);
    res.end();
  });
  server.route('/js-item', html(scriptPricedPage('Script Teapot', '/api/js-item.json')));
  server.route('/api/js-item.json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: 'Script Teapot', price: '239.00', currency: 'CNY', symbol: '¥' }));
  });
  server.route('/static-item', html(productPage('Static Teapot', '99.00')));
  server.route('/never-priced', html('<html><head><title>Cup</title></head><body><h1>Cup</h1></body></html>'));
  server.route('/gone', html('<h1>Gone</h1>', 404));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server.close();
});

describe('auto mode', () => {
  it('falls back to Chromium for a page whose price is rendered by script, and learns "browser"', async () => {
    const result = await crawl([`${server.url}/js-item`], { renderMode: 'auto', browser });
    const [obs] = result.observations;
    expect(obs).toMatchObject({ ok: true, via: 'browser', httpStatus: 200, at: SIM_TIME });
    expect(extractionOf(obs).price).toEqual({ amountMinor: 23900, currency: 'CNY' });
    expect(extractionOf(obs).notes).toContain('rendered in Chromium: the HTML alone had no price');
    expect(result.learnedMode).toBe('browser');
    expect(byHttp('/js-item')).toHaveLength(1);
    expect(byBrowser('/js-item')).toHaveLength(1);
  });

  it('goes straight to Chromium for a site remembered as "browser"', async () => {
    const httpBefore = byHttp('/js-item').length;
    const result = await crawl([`${server.url}/js-item`], { renderMode: 'auto', rememberedMode: 'browser', browser });
    expect(extractionOf(result.observations[0]).price).toEqual({ amountMinor: 23900, currency: 'CNY' });
    expect(byHttp('/js-item').length).toBe(httpBefore);
    expect(result.learnedMode).toBe('browser');
  });

  it('keeps HTTP for pages that have their price in the HTML, and says what both tries found when neither has one', async () => {
    const result = await crawl([`${server.url}/static-item`, `${server.url}/never-priced`], { renderMode: 'auto', browser });
    expect(result.observations[0]).toMatchObject({ ok: true, via: 'http' });
    const failure = failureOf(result.observations[1]);
    expect(failure.kind).toBe('no-price');
    expect(failure.reason).toMatch(/^no price found in the HTML or after rendering in Chromium: /);
    expect(result.observations[1].via).toBe('browser');
    expect(result.learnedMode).toBe('http');
    expect(byBrowser('/static-item')).toHaveLength(0);
  });
});

describe('browser mode', () => {
  it('renders with Debian Chromium launched for the run, honest User-Agent and extra headers included', async () => {
    const result = await crawl([`${server.url}/static-item`, `${server.url}/gone`], {
      renderMode: 'browser',
      extraHeaders: { 'X-RivalWatch-Sim-Time': SIM_TIME },
    });
    expect(result.observations[0]).toMatchObject({ ok: true, via: 'browser', httpStatus: 200 });
    expect(extractionOf(result.observations[0]).price).toEqual({ amountMinor: 9900, currency: 'CNY' });
    expect(failureOf(result.observations[1])).toMatchObject({ kind: 'gone', httpStatus: 404 });
    expect(result.learnedMode).toBeNull();
    const hit = byBrowser('/static-item').at(-1)!;
    expect(hit.headers['user-agent']).toMatch(/^RivalWatch\//);
    expect(hit.headers['x-rivalwatch-sim-time']).toBe(SIM_TIME);
  });

  it('times a slow page out in the browser too', async () => {
    server.route('/browser-slow', (_req, res) => {
      const timer = setTimeout(() => html(productPage('Slow', '1.00'))(_req, res), 4_000);
      res.on('close', () => clearTimeout(timer));
    });
    const [obs] = (await crawl([`${server.url}/browser-slow`], { renderMode: 'browser', browser, politeness: { timeoutMs: 800, maxRetries: 0 } })).observations;
    expect(failureOf(obs)).toMatchObject({ kind: 'timeout' });
    expect(failureOf(obs).reason).toContain('within 800 ms');
  });
});
