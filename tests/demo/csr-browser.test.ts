// Nimbus in a real browser: the script renders the price truth() expects for the simulated time
// the shell was served for, adds JSON-LD, and shows a hostile title as text without running it.
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops, type DemoShops } from '../../server/demo/index.ts';

let demo: DemoShops;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoShops();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const usd = (minor: number) => `$${(minor / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

describe('Nimbus rendered by Chromium', () => {
  it('renders the price, list price, promotions and JSON-LD for the clock time', async () => {
    const at = '2026-11-12T18:00:00Z';
    demo.setTime(at);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const id of ['NB1001', 'NB1005', 'NB1010']) {
        const t = demo.truth('nimbus', id, at);
        await page.goto(demo.productUrl('nimbus', id));
        await page.waitForSelector('html[data-rendered="true"]');
        expect(await page.textContent('h1.pdp-title')).toBe(t.title);
        expect(await page.textContent('.pdp-price-current')).toBe(usd(t.priceMinor));
        const compare = await page.$('.pdp-price-compare');
        expect(compare ? await compare.textContent() : null).toBe(t.listPriceMinor === null ? null : usd(t.listPriceMinor));
        expect(await page.$$eval('.pdp-promo', (els) => els.map((e) => e.textContent))).toEqual(t.promotions);
        const ld = JSON.parse((await page.textContent('head script[type="application/ld+json"]')) ?? '{}');
        expect(ld.offers.price).toBe((t.priceMinor / 100).toFixed(2));
        expect(await page.title()).toBe(`${t.title} | Nimbus`);
      }
    } finally {
      await context.close();
    }
  });

  it('forwards a per-request simulated time from the shell to its API call', async () => {
    demo.setTime('2026-09-01T12:00:00Z');
    const at = '2026-11-28T20:00:00Z';
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // Only the shell request carries the header; the API call must get its time from the shell.
      await page.route('**/shop/nimbus/product/*', (route) => route.continue({ headers: { ...route.request().headers(), 'x-rivalwatch-sim-time': at } }));
      const apiTimes: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/products/')) apiTimes.push(r.headers()['x-rivalwatch-sim-time']);
      });
      const id = demo.shops.find((s) => s.id === 'nimbus')?.productIds.find((p) => demo.truth('nimbus', p, at).promotions.includes('Cyber Week: 20% off'));
      expect(id).toBeDefined();
      await page.goto(demo.productUrl('nimbus', id ?? ''));
      await page.waitForSelector('html[data-rendered="true"]');
      expect(apiTimes).toEqual(['2026-11-28T20:00:00.000Z']);
      expect(await page.textContent('.pdp-price-current')).toBe(usd(demo.truth('nimbus', id ?? '', at).priceMinor));
    } finally {
      await context.close();
    }
  });

  it('shows the hostile title as text: no injected image, no script run', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      await page.goto(demo.productUrl('nimbus', 'NB1022'));
      await page.waitForSelector('html[data-rendered="true"]');
      const title = demo.truth('nimbus', 'NB1022', demo.time()).title;
      expect(await page.textContent('h1.pdp-title')).toBe(title);
      expect(await page.$$eval('#root img[onerror]', (els) => els.length)).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
