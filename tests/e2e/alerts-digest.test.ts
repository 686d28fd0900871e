// The extension's alerts and digest end to end: the toolbar badge, desktop notifications for new
// alerts written by a real crawl, the popup's unread list with "mark read", and the digest page,
// all against the API over a store filled by the real pipeline from the demo shops.
/// <reference types="chrome" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../insights/alerts/outbox.ts';
import type { Alert } from '../../insights/alerts/types.ts';
import type { Digest } from '../../insights/digest/types.ts';
import type { Money } from '../../store/model.ts';
import { END, ensureExtensionBuilt, launchWithExtension, pairingFor, panel, ROOT, setOptions, startWorld, type ExtensionBrowser, type World } from './harness.ts';

let world: World;
let browser: ExtensionBrowser;
const SHOTS = join(ROOT, 'docs', 'screenshots');

const numberEn = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const num = (x: number | null) => (x === null ? '–' : numberEn.format(x));
const money = (m: Money) => new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(m.amountMinor / 100);
/** The message as the popup and the notification show it: the severity is shown apart. */
const shown = (a: Alert, lang: 'en' | 'zh-CN') => a.messages[lang].replace(/^(\[[A-Z]+\]|【[^】]+】)\s*/, '');

async function unreadInStore(): Promise<Alert[]> {
  return listAlerts(world.store, { unread: true });
}

async function inWorker<T>(fn: () => Promise<T>): Promise<T> {
  return (await browser.worker()).evaluate(fn);
}

const badge = () => inWorker(() => chrome.action.getBadgeText({}));
const notifications = () => inWorker(async () => Object.keys(await chrome.notifications.getAll()).sort());

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${world.api.url}${path}`, { headers: { authorization: `Bearer ${world.token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 760 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.locator('[data-testid=rw-alerts]').waitFor({ timeout: 15_000 });
  return popup;
}

beforeAll(async () => {
  // The crawl at END is left to the tests: its alerts are the "new" ones.
  const [dir, w] = await Promise.all([ensureExtensionBuilt(), startWorld({ skipLastCrawl: true })]);
  world = w;
  browser = await launchWithExtension(dir);
  expect((await setOptions(browser, { pairing: pairingFor(world), language: 'en' })).connected).toBe(true);
  mkdirSync(SHOTS, { recursive: true });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('toolbar badge and notifications', () => {
  it('shows the store’s unread alerts on the badge once paired, without a burst of notifications', async () => {
    const unread = await unreadInStore();
    expect(unread.length).toBeGreaterThan(3);
    await expect.poll(badge, { timeout: 15_000 }).toBe(String(unread.length));
    // Alerts that were there before pairing are on the badge and in the popup, not notified.
    expect(await notifications()).toEqual([]);
    // The worker polls every minute.
    expect(await inWorker(async () => (await chrome.alarms.get('rivalwatch.alerts'))?.periodInMinutes)).toBe(1);
  });

  it('notifies each alert a new crawl writes, and a click opens its product page with the overlay', async () => {
    const before = (await unreadInStore()).length;
    const added = await world.crawl(END);
    expect(added.length).toBeGreaterThan(0);
    // What the minute alarm does, now rather than within the minute.
    await inWorker(async () => (chrome.alarms.onAlarm as unknown as { dispatch(a: Partial<chrome.alarms.Alarm>): void }).dispatch({ name: 'rivalwatch.alerts', scheduledTime: Date.now(), periodInMinutes: 1 }));
    const ids = added.map((a) => `rw-alert:${a.id}`).sort();
    await expect.poll(notifications, { timeout: 15_000 }).toEqual(ids);
    expect(await badge()).toBe(String(before + added.length));

    const alert = added[0];
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await (await browser.worker()).evaluate((id) => (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(id), `rw-alert:${alert.id}`);
    const page = await opened;
    try {
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe(alert.subject.url);
      await panel(page).locator('[data-testid=rw-crawled-price]').waitFor({ timeout: 15_000 });
      expect(await panel(page).locator('[data-testid=rw-product]').textContent()).toContain(alert.subject.sku);
      await expect.poll(notifications).toEqual(ids.filter((id) => id !== `rw-alert:${alert.id}`));
    } finally {
      await page.close();
    }
  });
});

describe('popup', () => {
  it('shows the connection and searches our products', async () => {
    const popup = await openPopup();
    try {
      expect(await popup.locator('[data-testid=rw-status]').textContent()).toContain(`Connected to ${world.api.url}`);
      // Nothing is listed before a search: the popup leads with the alerts.
      expect(await popup.locator('[data-testid=rw-sku-results] [data-sku]').count()).toBe(0);
      await popup.locator('[data-testid=rw-sku-search]').fill('kettle');
      await expect.poll(() => popup.locator('[data-testid=rw-sku-results] [data-sku]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sku')))).toEqual(['RW-KET-310']);
    } finally {
      await popup.close();
    }
  });

  it('lists the unread alerts in the UI language with severity, time and a link (screenshots in docs/screenshots)', async () => {
    const unread = await unreadInStore();
    for (const [language, file] of [
      ['zh-CN', 'popup-zh.png'],
      ['en', 'popup-en.png'],
    ] as const) {
      await setOptions(browser, { language });
      const popup = await openPopup();
      try {
        const items = popup.locator('[data-testid=rw-alert]');
        expect(await popup.locator('[data-testid=rw-unread-count]').textContent()).toBe(String(unread.length));
        expect(await items.count()).toBe(unread.length);
        expect(await items.locator('[data-testid=rw-alert-text]').allTextContents()).toEqual(unread.map((a) => shown(a, language)));
        expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))).toEqual(unread.map((a) => a.severity));
        expect(await items.locator('[data-testid=rw-alert-link]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href))).toEqual(unread.map((a) => a.subject.url));
        await popup.locator('.rw-popup').screenshot({ path: join(SHOTS, file) });
      } finally {
        await popup.close();
      }
    }
  });

  it('marks one alert read, then all, and the badge follows', async () => {
    const unread = await unreadInStore();
    const popup = await openPopup();
    try {
      const first = popup.locator('[data-testid=rw-alert]').first();
      const id = await first.getAttribute('data-alert-id');
      expect(id).toBe(unread[0].id);
      await first.locator('[data-testid=rw-ack]').click();
      await expect.poll(() => popup.locator('[data-testid=rw-alert]').count()).toBe(unread.length - 1);
      expect(await badge()).toBe(String(unread.length - 1));
      expect((await unreadInStore()).map((a) => a.id)).toEqual(unread.slice(1).map((a) => a.id));

      await popup.locator('[data-testid=rw-ack-all]').click();
      await expect.poll(() => popup.locator('[data-testid=rw-alert]').count()).toBe(0);
      expect(await popup.locator('[data-testid=rw-alerts]').textContent()).toContain('No unread alerts');
      expect(await badge()).toBe('');
      expect(await unreadInStore()).toEqual([]);
      // Notifications of alerts marked read are gone too.
      expect(await notifications()).toEqual([]);
    } finally {
      await popup.close();
    }
  });

  it('has a background that refuses malformed acknowledgements', async () => {
    const popup = await openPopup();
    try {
      const replies = await popup.evaluate(async () => {
        const send = (m: unknown) => chrome.runtime.sendMessage(m);
        return [await send({ type: 'ack', ids: ['../../api/listings'] }), await send({ type: 'ack', ids: [] }), await send({ type: 'digest', week: '../alerts' })];
      });
      for (const r of replies) expect(r).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'bad-message' } });
    } finally {
      await popup.close();
    }
  });
});

describe('digest page', () => {
  it('is opened from the popup, lists the weeks and renders a week with the numbers of the digest JSON and product links (screenshots in docs/screenshots)', async () => {
    const list = await api<{ lastComplete: string; weeks: { week: string }[] }>('/api/digests');
    const popup = await openPopup();
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await popup.locator('[data-testid=rw-open-digest]').click();
    const page = await opened;
    await popup.close();
    try {
      expect(page.url()).toBe(`chrome-extension://${browser.extensionId}/tabs/digest.html`);
      await page.setViewportSize({ width: 1280, height: 1000 });
      const digestEl = page.locator('[data-testid=rw-digest]');
      await digestEl.waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid=rw-weeks] [data-week]').evaluateAll((els) => els.map((e) => e.getAttribute('data-week')))).toEqual(list.weeks.map((w) => w.week));
      // Without a week in the URL it opens the last complete week.
      expect(await digestEl.getAttribute('data-week')).toBe(list.lastComplete);

      // Another week: from the list, by its link.
      const week = list.weeks.find((w) => w.week !== list.lastComplete && w.week < list.lastComplete)!.week;
      await page.locator(`[data-testid=rw-weeks] [data-week="${week}"]`).click();
      await expect.poll(() => digestEl.getAttribute('data-week')).toBe(week);
      await page.locator(`[data-testid=rw-weeks] [data-week="${list.lastComplete}"]`).click();
      await expect.poll(() => digestEl.getAttribute('data-week')).toBe(list.lastComplete);

      const d = await api<Digest>(`/api/digests/${list.lastComplete}?format=json`);
      expect(d.summary.hasData).toBe(true);
      const kpi = (id: string) => page.locator(`[data-testid=rw-kpi-${id}] [data-testid=rw-kpi-value]`).textContent();
      expect(await kpi('index')).toBe(num(d.priceIndex.overall.index));
      expect(await kpi('read')).toBe(`${d.summary.read}/${d.summary.listings}`);
      expect(await kpi('undercuts')).toBe(String(new Set(d.undercuts.items.map((u) => u.ref.sku)).size));
      expect(await kpi('promotions')).toBe(`${d.promotions.started.length} / ${d.promotions.ended.length}`);
      expect(await kpi('stock-outs')).toBe(String(d.stock.wentOut.length));
      expect(await page.locator('[data-testid=rw-index] [data-testid=rw-index-value]').allTextContents()).toEqual(
        [d.priceIndex.overall, ...d.priceIndex.byCompetitor].map((f) => num(f.index)),
      );
      expect(await page.locator('[data-testid=rw-action]').count()).toBe(d.actions.length);

      // Every table has one row per item of the JSON, with its money and a link to the product page.
      const moves = [...d.prices.drops, ...d.prices.rises];
      expect(moves.length).toBeGreaterThan(0);
      for (const [testId, items] of [
        ['rw-drops', d.prices.drops],
        ['rw-rises', d.prices.rises],
        ['rw-promotions-started', d.promotions.started],
        ['rw-promotions-ended', d.promotions.ended],
        ['rw-undercuts', d.undercuts.items],
        ['rw-stock-out', d.stock.wentOut],
        ['rw-reviews', d.reviews.changes],
      ] as const) {
        const table = page.locator(`[data-testid=${testId}]`);
        expect(await table.getAttribute('data-rows'), testId).toBe(String(items.length));
        if (items.length === 0) continue;
        const rows = table.locator('tbody tr');
        expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), testId).toEqual(items.slice(0, 10).map((i) => i.id));
        expect(await rows.locator('[data-testid=rw-product-link]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href)), testId).toEqual(
          items.slice(0, 10).map((i) => i.ref.url),
        );
      }
      const drop = moves[0];
      const row = page.locator(`tr[data-id="${drop.id}"]`);
      expect(await row.locator('td').allTextContents()).toEqual(
        expect.arrayContaining([money(drop.from), money(drop.to), `${drop.changePct > 0 ? '+' : '−'}${num(Math.abs(drop.changePct))}%`]),
      );
      // Scraped text is text: the page holds no element the digest did not make.
      expect(await digestEl.locator('script, iframe, img').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'extension-digest-en.png'), fullPage: true });

      await setOptions(browser, { language: 'zh-CN' });
      await page.reload();
      await digestEl.waitFor({ timeout: 20_000 });
      expect(await page.locator('h1').textContent()).toBe('竞品周报');
      expect(await kpi('index')).toBe(num(d.priceIndex.overall.index));
      await page.screenshot({ path: join(SHOTS, 'extension-digest-zh.png') });
    } finally {
      await page.close();
      await setOptions(browser, { language: 'en' });
    }
  });
});
