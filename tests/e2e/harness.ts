// End-to-end world for the extension: the built extension in Debian's Chromium, the demo shops
// plus a small SPA shop, a lowdb store filled by the real crawl pipeline at several simulated
// times, and the API over it. Shared by tests/e2e and bench/overlay.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright';
import { startDemoShops, ourCatalogue, type DemoShops } from '../../server/demo/index.ts';
import { validateConfig, type Config, type LoadedConfig } from '../../server/config.ts';
import { runCompetitor, syncConfigListings } from '../../server/pipeline.ts';
import { startApi, type RunningApi } from '../../server/api/index.ts';
import { ensureToken, pairingLink } from '../../server/api/token.ts';
import { createInsights, type Insights } from '../../server/insights.ts';
import { launchBrowser } from '../../crawler/browser.ts';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import type { Alert } from '../../insights/alerts/types.ts';
import { buildExtension } from '../../scripts/build-extension.mjs';
import { startSpaShop, SPA_PRODUCTS, type SpaShop } from './spa-shop.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, 'extension');
export const CHROMIUM = process.env.RIVALWATCH_CHROMIUM || '/usr/bin/chromium';

/** The simulated "now" of the world: the last crawl, the shops' clock and the API's clock. */
export const END = new Date('2026-05-20T09:00:00.000Z');
const DAY = 86_400_000;
/** Crawl times: a sparse history over five weeks, the last one at END. */
export const CRAWL_DAYS_AGO = [35, 28, 21, 14, 10, 7, 4, 2, 1, 0];

/** Northwind products the world tracks. */
export const TRACKED = ['aero-wireless-earbuds', 'studio-anc-headphones', 'stride-smartwatch'];
/** Left untracked for "Track this product"; the second has HTML tag text in its title. */
export const UNTRACKED = 'pulse-bluetooth-speaker';
export const HOSTILE = 'aero-buds-night-edition';
export const NORTHWIND = 'northwind';
/** Nimbus renders its product pages in the browser: the crawler needs Chromium to read them. */
export const NIMBUS = 'nimbus';
export const NIMBUS_TRACKED = ['NB1001', 'NB1021'];

/** Builds the Chrome extension unless its build is newer than every source file. Returns its folder. */
export async function ensureExtensionBuilt(): Promise<string> {
  const { chrome } = await buildExtension({ quiet: true, targets: ['chrome'] });
  return chrome;
}

export interface World {
  shops: DemoShops;
  spa: SpaShop;
  loaded: LoadedConfig;
  config: Config;
  store: Store;
  insights: Insights;
  api: RunningApi;
  token: string;
  /** Crawls every competitor at `at` (the shops render for that time) and evaluates alerts; returns the new alerts. */
  crawl(at: Date): Promise<Alert[]>;
  close(): Promise<void>;
}

const POLITENESS = { maxConcurrency: 2, delayMs: 0, timeoutMs: 20_000, maxRetries: 1, respectRobotsTxt: true };

export function worldConfig(shops: DemoShops, spa: SpaShop): Config {
  const shop = (id: string) => {
    const found = shops.shops.find((s) => s.id === id);
    if (!found) throw new Error(`the demo shops have no ${id}`);
    return found;
  };
  const northwind = shop(NORTHWIND);
  const nimbus = shop(NIMBUS);
  return validateConfig(
    {
      shop: { name: 'RivalWatch Test Co.', currency: 'USD' },
      products: ourCatalogue.map((p) => ({ sku: p.sku, name: p.name, price: (p.priceMinor / 100).toFixed(2), category: p.category, tags: p.tags })),
      competitors: [
        { name: northwind.name, domains: northwind.domains, schedule: '0 */6 * * *', renderMode: 'http', politeness: POLITENESS, currency: 'USD' },
        { name: 'SPA Shop', domains: [spa.domain], schedule: '0 */6 * * *', renderMode: 'http', politeness: POLITENESS, currency: 'USD' },
        { name: nimbus.name, domains: nimbus.domains, schedule: '0 */6 * * *', renderMode: 'browser', politeness: POLITENESS, currency: 'USD' },
      ],
      listings: [
        ...TRACKED.map((id) => ({ url: shops.productUrl(NORTHWIND, id), sku: shops.truth(NORTHWIND, id, END).sku, competitor: northwind.name })),
        ...SPA_PRODUCTS.map((p) => ({ url: spa.productUrl(p.id), sku: p.sku, competitor: 'SPA Shop' })),
        ...NIMBUS_TRACKED.map((id) => ({ url: shops.productUrl(NIMBUS, id), sku: shops.truth(NIMBUS, id, END).sku, competitor: nimbus.name })),
      ],
    },
    'e2e configuration',
  );
}

export interface WorldOptions {
  /** Leave the crawl at END to the test (`world.crawl(END)`), so its alerts arrive while the extension watches. */
  skipLastCrawl?: boolean;
}

/**
 * Starts the shops, crawls them through the real pipeline at simulated times (Nimbus through
 * Chromium), evaluates alerts after each crawl as the daemon does, and serves the API with the
 * alerts and digest routes.
 */
export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-e2e-'));
  const shops = await startDemoShops({ rateLimit: false });
  const spa = await startSpaShop();
  const config = worldConfig(shops, spa);
  const loaded: LoadedConfig = { file: join(dir, 'rivalwatch.config.yaml'), dir, config };
  const store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  const days = opts.skipLastCrawl ? CRAWL_DAYS_AGO.filter((d) => d !== 0) : CRAWL_DAYS_AGO;
  const times = days.map((d) => new Date(END.getTime() - d * DAY));
  let simNow = times[0];
  const insights = createInsights({ loaded, store, now: () => simNow, log: () => {} });
  await syncConfigListings(config, store, times[0].toISOString());

  async function crawl(at: Date, browser?: Awaited<ReturnType<typeof launchBrowser>>): Promise<Alert[]> {
    const iso = at.toISOString();
    simNow = at;
    shops.setTime(at);
    const results = [];
    for (const competitor of config.competitors) {
      const run = await runCompetitor(config, store, competitor, { now: () => iso, extraHeaders: { 'X-RivalWatch-Sim-Time': iso }, politeness: { delayMs: 0 }, browser });
      results.push(...run.results);
    }
    const report = await insights.engine.process(results, { flush: true });
    // The browser sees the pages as they are at the last crawl.
    shops.setTime(END);
    return report.alerts;
  }

  const browser = await launchBrowser();
  try {
    for (const at of times) await crawl(at, browser);
  } finally {
    await browser.close();
  }
  const token = await ensureToken(store);
  const api = await startApi({ store, config, token: () => token, now: () => END, port: 0, extraRoutes: insights.routes });
  return {
    shops,
    spa,
    loaded,
    config,
    store,
    insights,
    api,
    token,
    crawl: (at) => crawl(at),
    async close() {
      await api.close();
      insights.dispatcher.close();
      await store.close();
      await spa.close();
      await shops.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker (badge, notifications, alarms live there). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Chromium (headless) with the built extension loaded; its id read from the background worker's URL. */
export async function launchWithExtension(extensionDir: string): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 1000 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    // An idle MV3 worker is stopped and started again by the browser: always ask for the live one.
    async worker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return live ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface OptionsInput {
  /** Pasted into the pairing field (the way an operator pairs). */
  pairing?: string;
  serverUrl?: string;
  token?: string;
  language?: 'en' | 'zh-CN';
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
}

/** Fills and saves the extension's options page, as an operator would; returns the connection status shown. */
export async function setOptions(browser: ExtensionBrowser, input: OptionsInput): Promise<{ connected: boolean; text: string }> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.locator('#rw-server').waitFor();
    if (input.pairing !== undefined) await page.fill('#rw-pairing', input.pairing);
    if (input.serverUrl !== undefined) await page.fill('#rw-server', input.serverUrl);
    if (input.token !== undefined) await page.fill('#rw-token', input.token);
    if (input.language) await page.selectOption('#rw-language', input.language);
    if (input.position) await page.selectOption('#rw-position', input.position);
    await page.click('[data-testid=rw-save]');
    const status = page.locator('[data-testid=rw-options-status]');
    await status.waitFor({ timeout: 15_000 });
    return { connected: (await status.getAttribute('data-connected')) === 'true', text: (await status.textContent()) ?? '' };
  } finally {
    await page.close();
  }
}

export function pairingFor(world: World): string {
  return pairingLink(world.api.url, world.token);
}

/** The overlay panel inside Plasmo's shadow root (Playwright's CSS engine pierces open shadow roots). */
export function panel(page: Page) {
  return page.locator('[data-testid=rw-panel]');
}
