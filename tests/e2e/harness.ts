// End-to-end world for the extension: the built extension in Debian's Chromium, the demo shops
// plus a small SPA shop, a lowdb store filled by the real crawl pipeline at several simulated
// times, and the API over it. Shared by tests/e2e and bench/overlay.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { startDemoShops, ourCatalogue, type DemoShops } from '../../server/demo/index.ts';
import { validateConfig, type Config } from '../../server/config.ts';
import { runCompetitor, syncConfigListings } from '../../server/pipeline.ts';
import { startApi, type RunningApi } from '../../server/api/index.ts';
import { ensureToken, pairingLink } from '../../server/api/token.ts';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import { startSpaShop, SPA_PRODUCTS, type SpaShop } from './spa-shop.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, 'extension');
export const BUILD_DIR = join(EXTENSION_DIR, 'build', 'chrome-mv3-prod');
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

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'build', '.plasmo'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the Chrome extension unless build/ is newer than every source file. Returns its folder. */
export async function ensureExtensionBuilt(): Promise<string> {
  const manifest = join(BUILD_DIR, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestMtime(EXTENSION_DIR)) return BUILD_DIR;
  await plasmoBuild([]);
  if (!existsSync(manifest)) throw new Error(`plasmo build wrote no ${manifest}`);
  return BUILD_DIR;
}

/** Runs `npx plasmo build` in extension/ (one at a time: builds share extension/.plasmo). */
export async function plasmoBuild(args: string[]): Promise<void> {
  // The honest path for tests is pairing through the options page: no token baked into the build.
  const env = { ...process.env };
  delete env.PLASMO_PUBLIC_RW_SERVER;
  delete env.PLASMO_PUBLIC_RW_TOKEN;
  await new Promise<void>((done, fail) => {
    const child = spawn('npx', ['plasmo', 'build', ...args], { cwd: EXTENSION_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`plasmo build ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

export interface World {
  shops: DemoShops;
  spa: SpaShop;
  config: Config;
  store: Store;
  api: RunningApi;
  token: string;
  close(): Promise<void>;
}

export function worldConfig(shops: DemoShops, spa: SpaShop): Config {
  const northwind = shops.shops.find((s) => s.id === NORTHWIND);
  if (!northwind) throw new Error('the demo shops have no northwind');
  return validateConfig(
    {
      shop: { name: 'RivalWatch Test Co.', currency: 'USD' },
      products: ourCatalogue.map((p) => ({ sku: p.sku, name: p.name, price: (p.priceMinor / 100).toFixed(2), category: p.category, tags: p.tags })),
      competitors: [
        {
          name: northwind.name,
          domains: northwind.domains,
          schedule: '0 */6 * * *',
          renderMode: 'http',
          politeness: { maxConcurrency: 2, delayMs: 0, timeoutMs: 20_000, maxRetries: 1, respectRobotsTxt: true },
          currency: 'USD',
        },
        {
          name: 'SPA Shop',
          domains: [spa.domain],
          schedule: '0 */6 * * *',
          renderMode: 'http',
          politeness: { maxConcurrency: 2, delayMs: 0, timeoutMs: 20_000, maxRetries: 1, respectRobotsTxt: true },
          currency: 'USD',
        },
      ],
      listings: [
        ...TRACKED.map((id) => ({ url: shops.productUrl(NORTHWIND, id), sku: shops.truth(NORTHWIND, id, END).sku, competitor: northwind.name })),
        ...SPA_PRODUCTS.map((p) => ({ url: spa.productUrl(p.id), sku: p.sku, competitor: 'SPA Shop' })),
      ],
    },
    'e2e configuration',
  );
}

/** Starts the shops, crawls them through the real pipeline at simulated times, and serves the API. */
export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-e2e-'));
  const shops = await startDemoShops({ rateLimit: false });
  const spa = await startSpaShop();
  const config = worldConfig(shops, spa);
  const store = await openStore({ kind: 'lowdb', path: join(dir, 'store.json') });
  const times = CRAWL_DAYS_AGO.map((d) => new Date(END.getTime() - d * DAY));
  await syncConfigListings(config, store, times[0].toISOString());
  for (const at of times) {
    const iso = at.toISOString();
    shops.setTime(at);
    for (const competitor of config.competitors) {
      await runCompetitor(config, store, competitor, { now: () => iso, extraHeaders: { 'X-RivalWatch-Sim-Time': iso }, politeness: { delayMs: 0 } });
    }
  }
  // The browser sees the pages as they are at the last crawl.
  shops.setTime(END);
  const token = await ensureToken(store);
  const api = await startApi({ store, config, token: () => token, now: () => END, port: 0 });
  return {
    shops,
    spa,
    config,
    store,
    api,
    token,
    async close() {
      await api.close();
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
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
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
