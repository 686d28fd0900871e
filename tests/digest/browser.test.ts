// The HTML digest in real Chromium: it renders at email width, asks for nothing but the document
// itself, and the screenshots the README shows are taken from it.
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../insights/digest/build.ts';
import { renderHtml } from '../../insights/digest/render/html.ts';
import type { Digest } from '../../insights/digest/types.ts';
import { createFixture, WEEK, type Fixture } from './fixture.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

let fx: Fixture;
let d: Digest;
let browser: Browser;
let server: Server;
let base: string;
const pages = new Map<string, string>();

beforeAll(async () => {
  fx = await createFixture();
  d = await buildDigest(fx.store, fx.loaded, WEEK, new Date('2026-11-23T03:00:00Z'));
  pages.set('/en.html', renderHtml(d, 'en'));
  pages.set('/zh.html', renderHtml(d, 'zh-CN'));
  server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await fx?.cleanup();
});

describe('the HTML digest in Chromium', () => {
  for (const [path, lang, shot] of [['/en.html', 'en', 'digest-en.png'], ['/zh.html', 'zh-CN', 'digest-zh.png']] as const) {
    it(`${lang}: renders at email width with no request but the document`, async () => {
      const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
      const requests: string[] = [];
      const outside: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        if (url === `${base}${path}`) return route.continue();
        outside.push(url);
        return route.abort();
      });
      const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(outside).toEqual([]);
      expect(requests).toEqual([`${base}${path}`]);

      const facts = await page.evaluate(() => {
        const card = document.querySelector('table[width="640"]') as HTMLElement;
        return {
          title: document.title,
          h1: document.querySelector('h1')?.textContent,
          cardWidth: card.getBoundingClientRect().width,
          svgs: [...document.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0).length,
          actions: document.querySelectorAll('ol > li').length,
          brokenAnchors: [...document.querySelectorAll('a[href^="#"]')].filter((a) => !document.getElementById(a.getAttribute('href')!.slice(1))).length,
          injected: document.querySelectorAll('b').length,
        };
      });
      expect(facts.h1).toBe(lang === 'en' ? 'Weekly competitor digest' : '竞品周报');
      expect(facts.title).toContain(WEEK);
      expect(facts.cardWidth).toBeLessThanOrEqual(642);
      expect(facts.svgs).toBeGreaterThan(5);
      expect(facts.actions).toBe(d.actions.length);
      expect(facts.brokenAnchors).toBe(0);
      // The scraped title "<b>E</b>" is shown as text, never as markup.
      expect(facts.injected).toBe(0);
      // An evidence link scrolls to its row.
      const first = page.locator('ol > li a').first();
      const target = (await first.getAttribute('href'))!.slice(1);
      await first.click();
      await expect.poll(() => page.evaluate((id) => Math.abs(document.getElementById(id)!.getBoundingClientRect().top) < 40, target)).toBe(true);

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, shot), fullPage: true });
      await page.close();
    });
  }
});
