// The extension end to end: built with Plasmo, loaded into Chromium, paired through its options
// page, on demo-shop pages crawled through the real pipeline at simulated times.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statistics } from '../../store/stats.ts';
import { latest } from '../../store/changepoints.ts';
import { normalizeUrl } from '../../crawler/url.ts';
import type { Money } from '../../store/model.ts';
import { ourPrice } from '../../server/config.ts';
import { buildExtension } from '../../scripts/build-extension.mjs';
import {
  END,
  ensureExtensionBuilt,
  HOSTILE,
  launchWithExtension,
  NIMBUS,
  NIMBUS_TRACKED,
  NORTHWIND,
  pairingFor,
  panel,
  ROOT,
  setOptions,
  startWorld,
  UNTRACKED,
  type ExtensionBrowser,
  type World,
} from './harness.ts';

let world: World;
let browser: ExtensionBrowser;
let page: Page;
const dialogs: string[] = [];

const usd = (m: Money | null | undefined, locale = 'en') =>
  m ? new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(m.amountMinor / 100) : '—';

async function listingFor(url: string) {
  const listing = await world.store.findListingByUrl(normalizeUrl(url));
  if (!listing) throw new Error(`no listing for ${url}`);
  const history = await world.store.getHistory(listing.id);
  if (!history) throw new Error(`no history for ${url}`);
  return { listing, history };
}

beforeAll(async () => {
  const [dir, w] = await Promise.all([ensureExtensionBuilt(), startWorld()]);
  world = w;
  browser = await launchWithExtension(dir);
  const status = await setOptions(browser, { pairing: pairingFor(world), language: 'en', position: 'bottom-right' });
  expect(status.connected).toBe(true);
  page = await browser.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('overlay on a tracked product page', () => {
  it('shows this page price, the crawled price, our price, the difference and the statistics from the store', async () => {
    const url = world.shops.productUrl(NORTHWIND, 'aero-wireless-earbuds');
    const { history, listing } = await listingFor(url);
    await page.goto(url);
    await expect.poll(() => panel(page).locator('[data-testid=rw-crawled-price]').count(), { timeout: 15_000 }).toBe(1);
    const text = (id: string) => panel(page).locator(`[data-testid=${id}]`).textContent();

    const crawled = latest(history).values.price;
    const truth = world.shops.truth(NORTHWIND, 'aero-wireless-earbuds', END);
    expect(crawled).toEqual({ amountMinor: truth.priceMinor, currency: 'USD' });
    expect(await text('rw-page-price')).toBe(usd(crawled));
    expect(await text('rw-crawled-price')).toBe(usd(crawled));

    const product = world.config.products.find((p) => p.sku === listing.sku)!;
    const ours = ourPrice(world.config, product)!;
    expect(await text('rw-our-price')).toBe(usd(ours));
    const diff = (crawled as Money).amountMinor - ours.amountMinor;
    const percent = `${Math.abs(Math.round((diff / ours.amountMinor) * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
    const phrase = diff < 0 ? 'cheaper than us' : 'dearer than us';
    expect(await text('rw-difference')).toBe(`${usd({ amountMinor: Math.abs(diff), currency: 'USD' })} (${percent}) ${phrase}`);

    const s90 = statistics(history, 'price', END.toISOString(), 90);
    expect(await text('rw-stat-lowest')).toBe(usd(s90.lowest));
    expect(await text('rw-stat-average')).toBe(usd(s90.average));
    expect(await text('rw-stat-highest')).toBe(usd(s90.highest));
    expect(await text('rw-freshness')).toMatch(/^Checked \d+ min ago/);

    // The page gets numbers, never the token: not in its DOM, not in the panel's shadow root.
    const html = await page.evaluate(() => document.documentElement.outerHTML + (document.querySelector('plasmo-csui')?.shadowRoot?.innerHTML ?? ''));
    expect(html).toContain('rw-crawled-price');
    expect(html).not.toContain(world.token);
  });

  it('has a background that refuses malformed requests and never hands out the token', async () => {
    const ext = await browser.context.newPage();
    try {
      await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const replies = await ext.evaluate(async () => {
        // Runs in the options page, an extension page where `chrome.runtime` exists.
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
        const send = (m: unknown) => runtime.sendMessage(m);
        return {
          script: await send({ type: 'overlay', url: 'javascript:alert(1)', days: 90 }),
          days: await send({ type: 'overlay', url: 'https://example.com/', days: 7 }),
          unknown: await send({ type: 'token' }),
          settings: await send({ type: 'ui-settings' }),
          elsewhere: await send({ type: 'overlay', url: 'https://unrelated.example/item/1', canonical: null, days: 90 }),
        };
      });
      for (const refused of [replies.script, replies.days, replies.unknown]) {
        expect(refused).toMatchObject({ ok: false, failure: { kind: 'refused', status: 400, code: 'bad-message' } });
      }
      expect(replies.settings).toEqual({ ok: true, data: { language: 'en', position: 'bottom-right', configured: true } });
      // Outside the competitors' domains the background answers by itself: nothing to show.
      expect(replies.elsewhere).toMatchObject({ ok: true, data: { lookup: { tracked: false, canTrack: false, competitor: null }, comparison: null } });
    } finally {
      await ext.close();
    }
  });
});

describe('overlay details', () => {
  it('switches the history window and shows that window’s statistics', async () => {
    const url = world.shops.productUrl(NORTHWIND, 'stride-smartwatch');
    const { history } = await listingFor(url);
    await page.goto(url);
    const p = panel(page);
    await p.locator('[data-testid=rw-chart]').waitFor({ timeout: 15_000 });
    await p.locator('[data-testid=rw-days-30]').click();
    const s30 = statistics(history, 'price', END.toISOString(), 30);
    await expect.poll(() => p.locator('[data-testid=rw-stat-average]').textContent()).toBe(usd(s30.average));
    expect(await p.locator('[data-testid=rw-stat-lowest]').textContent()).toBe(usd(s30.lowest));
    expect(await p.locator('[data-testid=rw-stat-lowest-ever]').textContent()).toBe(usd(statistics(history, 'price', END.toISOString(), 365).lowestEver));
    // The chart draws their price and ours.
    expect(await p.locator('[data-testid=rw-line-theirs]').getAttribute('d')).toMatch(/^M/);
    expect(await p.locator('[data-testid=rw-line-ours]').getAttribute('d')).toMatch(/^M/);
  });

  it('renders a title with HTML in it as text: no element, no script, no dialog', async () => {
    const url = world.shops.productUrl(NORTHWIND, HOSTILE);
    const truth = world.shops.truth(NORTHWIND, HOSTILE, END);
    await page.goto(url);
    // Untracked, so the panel shows the title as the page's structured data gives it, tags and all.
    const title = panel(page).locator('[data-testid=rw-read-title]');
    await title.waitFor({ timeout: 15_000 });
    expect(await title.textContent()).toBe(truth.title);
    expect(await title.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await panel(page).locator('img, script').count()).toBe(0);
    expect(await panel(page).isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it('collapses to its header and expands again', async () => {
    await page.goto(world.shops.productUrl(NORTHWIND, 'studio-anc-headphones'));
    const p = panel(page);
    await p.locator('[data-testid=rw-crawled-price]').waitFor({ timeout: 15_000 });
    await p.locator('[data-testid=rw-toggle]').click();
    await expect.poll(() => p.locator('[data-testid=rw-crawled-price]').count()).toBe(0);
    await p.locator('[data-testid=rw-toggle]').click();
    await expect.poll(() => p.locator('[data-testid=rw-crawled-price]').count()).toBe(1);
  });
});

describe('track this product', () => {
  it('shows what the page says now and adds the listing for the SKU picked from our catalogue', async () => {
    const url = world.shops.productUrl(NORTHWIND, UNTRACKED);
    const truth = world.shops.truth(NORTHWIND, UNTRACKED, END);
    expect(await world.store.findListingByUrl(normalizeUrl(url))).toBeNull();
    await page.goto(url);
    const p = panel(page);
    await p.locator('[data-testid=rw-track]').waitFor({ timeout: 15_000 });
    expect(await p.locator('[data-testid=rw-read-title]').textContent()).toBe(truth.title);
    expect(await p.locator('[data-testid=rw-read-price]').textContent()).toBe(usd({ amountMinor: truth.priceMinor, currency: 'USD' }));

    await p.locator('[data-testid=rw-sku-search]').fill(truth.sku);
    await p.locator(`button[data-sku="${truth.sku}"]`).click();
    await p.locator('[data-testid=rw-track-button]').click();

    // Tracked now: the panel turns into the tracked view, waiting for the first crawl.
    await expect.poll(() => p.locator('[data-testid=rw-freshness]').textContent(), { timeout: 15_000 }).toMatch(/Not crawled yet/);
    const listing = await world.store.findListingByUrl(normalizeUrl(url));
    expect(listing).toMatchObject({ sku: truth.sku, competitor: 'Northwind', status: 'active' });
  });
});

describe('a shop rendered in the browser', () => {
  it('shows Nimbus numbers crawled through Chromium, and the price the page renders after load', async () => {
    const id = NIMBUS_TRACKED[0];
    const url = world.shops.productUrl(NIMBUS, id);
    const { history, listing } = await listingFor(url);
    const crawled = latest(history).values.price;
    const truth = world.shops.truth(NIMBUS, id, END);
    // The crawler could only read this price by running the page's script in a browser.
    expect(crawled).toEqual({ amountMinor: truth.priceMinor, currency: 'USD' });
    // A slow product API, as storefronts have: the shell is idle long before the app renders the price.
    const slowApi = '**/shop/nimbus/api/products/**';
    await page.route(slowApi, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    try {
      await page.goto(url);
      const p = panel(page);
      await expect.poll(() => p.locator('[data-testid=rw-crawled-price]').textContent(), { timeout: 15_000 }).toBe(usd(crawled));
      // The overlay reads the page's price once the app has rendered it.
      await expect.poll(() => p.locator('[data-testid=rw-page-price]').textContent(), { timeout: 15_000 }).toBe(usd(crawled));
      expect(await page.getAttribute('html', 'data-rendered')).toBe('true');
    } finally {
      await page.unroute(slowApi);
    }
    const p = panel(page);
    expect(await p.locator('[data-testid=rw-product]').textContent()).toContain(listing.sku);
    const s90 = statistics(history, 'price', END.toISOString(), 90);
    expect(await p.locator('[data-testid=rw-stat-lowest]').textContent()).toBe(usd(s90.lowest));
  });
});

describe('single-page-app navigation', () => {
  it('follows a pushState navigation to the next product without a page load', async () => {
    const [kettle, fryer] = ['kettle', 'fryer'].map((id) => world.spa.productUrl(id));
    await page.goto(kettle);
    const p = panel(page);
    await expect.poll(() => p.locator('[data-testid=rw-product]').textContent(), { timeout: 15_000 }).toContain('RW-KET-310');
    expect(await p.locator('[data-testid=rw-page-price]').textContent()).toBe('$59.00');
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.click('#next');
    expect(page.url()).toBe(fryer);
    await expect.poll(() => p.locator('[data-testid=rw-product]').textContent(), { timeout: 15_000 }).toContain('RW-AF-320');
    expect(await p.locator('[data-testid=rw-page-price]').textContent()).toBe('$79.00');
    expect(await p.locator('[data-testid=rw-crawled-price]').textContent()).toBe('$79.00');
    expect(loads).toEqual([]);
    await page.goBack();
    await expect.poll(() => p.locator('[data-testid=rw-product]').textContent(), { timeout: 15_000 }).toContain('RW-KET-310');
  });
});

describe('connection problems', () => {
  it('says "not connected" on a product page when the token is wrong, and recovers after pairing again', async () => {
    const status = await setOptions(browser, { serverUrl: world.api.url, token: `${world.token.slice(0, -4)}AAAA` });
    expect(status.connected).toBe(false);
    expect(status.text).toMatch(/refused the token/);
    const url = world.shops.productUrl(NORTHWIND, 'aero-wireless-earbuds');
    await page.goto(url);
    const state = panel(page).locator('[data-testid=rw-not-connected]');
    await state.waitFor({ timeout: 15_000 });
    expect(await state.getAttribute('data-kind')).toBe('unauthorized');
    expect(await state.textContent()).toMatch(/Not connected.*refused the token.*Pair again/);
    expect(await panel(page).locator('[data-testid=rw-crawled-price]').count()).toBe(0);

    expect((await setOptions(browser, { pairing: pairingFor(world) })).connected).toBe(true);
    await page.reload();
    await panel(page).locator('[data-testid=rw-crawled-price]').waitFor({ timeout: 15_000 });
  });
});

describe('languages', () => {
  it('renders the overlay in English and Simplified Chinese (screenshots in docs/screenshots)', async () => {
    const shots = join(ROOT, 'docs', 'screenshots');
    mkdirSync(shots, { recursive: true });
    const url = world.shops.productUrl(NORTHWIND, 'aero-wireless-earbuds');
    for (const [language, heading, file] of [
      ['en', 'Our price', 'overlay-en.png'],
      ['zh-CN', '我方价格', 'overlay-zh.png'],
    ] as const) {
      await setOptions(browser, { language });
      await page.goto(url);
      const p = panel(page);
      await p.locator('[data-testid=rw-chart]').waitFor({ timeout: 15_000 });
      expect(await p.textContent()).toContain(heading);
      await p.screenshot({ path: join(shots, file) });
    }
    expect(await panel(page).locator('[data-testid=rw-our-price]').textContent()).toMatch(/^US\$/);
  });
});

describe('Firefox build', () => {
  it('builds an MV3 add-on with background scripts and a Gecko id', async () => {
    const { firefox } = await buildExtension({ quiet: true, targets: ['firefox'] });
    const manifest = JSON.parse(readFileSync(join(firefox, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.browser_specific_settings.gecko.id).toBe('rivalwatch@rivalwatch.dev');
    expect(manifest.content_scripts[0].matches).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*', 'http://*/*']);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications']);
  }, 180_000);
});
