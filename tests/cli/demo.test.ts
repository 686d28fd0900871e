// `rivalwatch demo --once` as a new user runs it: every demo listing gets history, the
// JavaScript-rendered shop through the browser, the recipe-only shop through its recipe, and the
// flaky shop's captcha/429 pages recorded as `blocked`, never as a price.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { runCli, tempDir } from './helpers.ts';
import { LowdbStore } from '../../store/lowdb.ts';
import type { ListingHistory, Listing } from '../../store/model.ts';

describe('rivalwatch demo --once', () => {
  let t: ReturnType<typeof tempDir>;
  let listings: Listing[];
  let histories: Map<string, ListingHistory>;
  let stdout: string;

  beforeAll(async () => {
    t = tempDir('rw-demo-');
    const r = await runCli(['demo', '--once', '--weeks', '1', '--shops-port', '0', '--api-port', '0', '--dir', join(t.dir, 'demo')], { cwd: t.dir, timeoutMs: 900_000 });
    stdout = r.stdout;
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const store = await LowdbStore.open(join(t.dir, 'demo', 'store.json'), { readOnly: true });
    listings = await store.listListings();
    histories = new Map((await store.getHistories(listings.map((l) => l.id))).map((h) => [h.listingId, h]));
    await store.close();
  }, 900_000);
  afterAll(() => t.cleanup());

  it('tracks every demo shop and checks every listing', () => {
    const competitors = new Set(listings.map((l) => l.competitor));
    expect(competitors.size).toBe(7);
    for (const l of listings) expect(histories.get(l.id)?.lastCheckedAt, l.url).toBeTruthy();
  });

  it('records price history for every readable listing', () => {
    const readable = listings.filter((l) => histories.get(l.id)!.lastOkAt);
    expect(readable.length).toBeGreaterThan(listings.length * 0.8);
    for (const l of readable) expect(histories.get(l.id)!.fields.availability.length, l.url).toBeGreaterThan(0);
  });

  it('reads the JavaScript-rendered shop through the browser', () => {
    const nimbus = listings.filter((l) => l.url.includes('/shop/nimbus/'));
    expect(nimbus.length).toBeGreaterThan(10);
    for (const l of nimbus) {
      const h = histories.get(l.id)!;
      expect(h.via, l.url).toBe('browser');
      expect(h.fields.price.at(-1)?.value, l.url).not.toBeNull();
    }
  });

  it('reads the recipe-only shop through its recipe', () => {
    const barn = listings.filter((l) => l.url.includes('/shop/gadgetbarn/'));
    expect(barn.length).toBeGreaterThan(10);
    for (const l of barn) {
      const h = histories.get(l.id)!;
      expect(h.sources.price, l.url).toBe('recipe');
      expect(h.fields.price.at(-1)?.value, l.url).not.toBeNull();
    }
  });

  it('records the flaky shop\'s captcha and 429 pages as blocked, with no price', () => {
    const blocked = listings.filter((l) => histories.get(l.id)!.failures.some((f) => f.kind === 'blocked'));
    expect(blocked.length).toBeGreaterThanOrEqual(3);
    for (const l of blocked) {
      expect(l.url).toContain('/shop/megamart/');
      const h = histories.get(l.id)!;
      if (!h.lastOkAt) expect(h.fields.price, l.url).toHaveLength(0);
    }
  });

  it('records robots.txt refusals and gone pages as such', () => {
    const kinds = new Set([...histories.values()].flatMap((h) => h.failures.map((f) => f.kind)));
    expect(kinds).toContain('robots');
    expect(listings.some((l) => l.status === 'gone')).toBe(true);
  });

  it('prints where to look next and writes the digest', () => {
    expect(stdout).toMatch(/change points/);
    const digest = /Digest:\s+(\S+\.html)/.exec(stdout)?.[1];
    expect(digest && existsSync(digest)).toBe(true);
  });
});
