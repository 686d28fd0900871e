// The behaviour every Store must show, written once and run against each implementation
// (lowdb now, Postgres later): `storeContract('lowdb', openFreshStore)`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listingIdFor } from '../../store/ids.ts';
import type { CrawlRun, Listing } from '../../store/model.ts';
import { statistics } from '../../store/stats.ts';
import { StoreError, type Store } from '../../store/store.ts';
import { blocked, cny, coupon, day, failed, gone, hour, manjian, ok, timeout } from './helpers.ts';

export interface StoreUnderTest {
  /** A fresh, empty store. */
  store: Store;
  /** Opens the same data again, as after a restart (the test closes the previous store first). */
  reopen: () => Promise<Store>;
  /** Closes every store opened through this handle and removes its data. */
  cleanup: () => Promise<void>;
}

const T0 = '2024-03-01T00:00:00.000Z';

function run(id: string, competitor: string, startedAt: string, ok = 10): CrawlRun {
  return { id, competitor, startedAt, finishedAt: null, at: startedAt, listings: ok + 1, ok, failed: 1, failuresByKind: { timeout: 1 } };
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/**
 * Tries to change something a store handed out. A frozen value refuses with a TypeError (test
 * files are ES modules, so strict); a caller's own copy takes the change. Either is fine: what
 * matters is what the store hands out next.
 */
function tryToRewrite(rewrite: () => unknown): void {
  try {
    rewrite();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
  }
}

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let handle: StoreUnderTest;
    let store: Store;
    let listing: Listing;

    beforeEach(async () => {
      handle = await open();
      store = handle.store;
      ({ listing } = await store.addListing({ url: 'https://shop.test/item/1', competitor: 'acme', sku: 'OUR-1' }, T0));
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    describe('listings', () => {
      it('adds a listing once per URL, with a short id derived from the URL', async () => {
        expect(listing).toMatchObject({ url: 'https://shop.test/item/1', competitor: 'acme', sku: 'OUR-1', status: 'active', addedAt: T0 });
        expect(listing.id).toBe(listingIdFor('https://shop.test/item/1'));
        expect(listing.id).toMatch(/^l_[0-9a-f]{10}$/);
        const again = await store.addListing({ url: 'https://shop.test/item/1', competitor: 'other', sku: 'X' }, hour(5));
        expect(again).toEqual({ listing, created: false });
        expect(await store.listListings()).toHaveLength(1);
      });

      it('finds listings by id and exact URL, and filters lists', async () => {
        const { listing: own } = await store.addListing({ url: 'https://our.test/p/1', competitor: 'us', sku: 'OUR-1', own: true, label: 'ours' }, T0);
        await store.addListing({ url: 'https://shop.test/item/2', competitor: 'acme', sku: 'OUR-2' }, T0);
        expect(await store.getListing(own.id)).toEqual(own);
        expect(own).toMatchObject({ own: true, label: 'ours' });
        expect(await store.findListingByUrl('https://our.test/p/1')).toEqual(own);
        expect(await store.findListingByUrl('https://our.test/p/1/')).toBeNull();
        expect(await store.getListing('l_missing')).toBeNull();
        expect((await store.listListings({ competitor: 'acme' })).map((l) => l.url)).toEqual(['https://shop.test/item/1', 'https://shop.test/item/2']);
        expect((await store.listListings({ sku: 'OUR-1' })).map((l) => l.id).sort()).toEqual([listing.id, own.id].sort());
        await store.updateListing(own.id, { status: 'paused' });
        expect((await store.listListings({ status: 'paused' })).map((l) => l.id)).toEqual([own.id]);
      });

      it('updates status, sku and label, and refuses unknown ids', async () => {
        const updated = await store.updateListing(listing.id, { sku: 'OUR-9', label: 'flagship' });
        expect(updated).toMatchObject({ id: listing.id, sku: 'OUR-9', label: 'flagship', url: listing.url });
        expect(await store.getListing(listing.id)).toEqual(updated);
        expect((await rejection(store.updateListing('l_missing', { status: 'paused' }))).code).toBe('not-found');
      });

      it('hands out copies: changing a returned listing changes nothing stored', async () => {
        const copy = (await store.getListing(listing.id)) as Listing;
        copy.sku = 'MUTATED';
        expect((await store.getListing(listing.id))?.sku).toBe('OUR-1');
      });
    });

    describe('observations as change points', () => {
      it('adds a point only when a value changes', async () => {
        expect((await store.recordObservation(ok(listing.id, hour(1)))).changed).toContain('price');
        expect((await store.recordObservation(ok(listing.id, hour(2)))).changed).toEqual([]);
        const result = await store.recordObservation(ok(listing.id, hour(3), { price: cny(9900) }));
        expect(result).toMatchObject({ ok: true, changed: ['price'], previous: { price: cny(12900) }, current: { price: cny(9900) } });
        expect((await store.recordObservation(ok(listing.id, hour(4), { price: cny(9900) }))).changed).toEqual([]);
        const history = await store.getHistory(listing.id);
        expect(history?.fields.price).toEqual([
          { at: hour(1), value: cny(12900), lastSeenAt: hour(2) },
          { at: hour(3), value: cny(9900), lastSeenAt: hour(4) },
        ]);
        expect(history?.fields.title).toHaveLength(1);
        expect(history).toMatchObject({ lastCheckedAt: hour(4), lastOkAt: hour(4), via: 'http', sku: 'T-500', consecutiveFailures: 0 });
      });

      it('compares promotions regardless of order', async () => {
        await store.recordObservation(ok(listing.id, hour(1), { promotions: [manjian, coupon] }));
        expect((await store.recordObservation(ok(listing.id, hour(2), { promotions: [coupon, manjian] }))).changed).toEqual([]);
        expect((await store.recordObservation(ok(listing.id, hour(3), { promotions: [coupon] }))).changed).toEqual(['promotions']);
        expect((await store.getHistory(listing.id))?.fields.promotions.map((p) => p.value.length)).toEqual([2, 1]);
      });

      it('collapses failures into spans and never records a price for them', async () => {
        await store.recordObservation(ok(listing.id, hour(1)));
        const result = await store.recordObservation(failed(listing.id, hour(2), timeout));
        expect(result).toMatchObject({ ok: false, changed: [], current: {}, failure: timeout });
        await store.recordObservations([failed(listing.id, hour(3), timeout), failed(listing.id, hour(4), blocked)]);
        const history = await store.getHistory(listing.id);
        expect(history?.failures.map((f) => [f.kind, f.count, f.firstAt, f.lastAt])).toEqual([
          ['timeout', 2, hour(2), hour(3)],
          ['blocked', 1, hour(4), hour(4)],
        ]);
        expect(history?.consecutiveFailures).toBe(3);
        expect(history?.fields.price).toEqual([{ at: hour(1), value: cny(12900), lastSeenAt: hour(1) }]);
        expect(history?.lastCheckedAt).toBe(hour(4));
        await store.recordObservation(ok(listing.id, hour(5)));
        expect((await store.getHistory(listing.id))?.consecutiveFailures).toBe(0);
      });

      it('marks a listing gone on a gone failure, and active again when the page answers', async () => {
        await store.recordObservation(ok(listing.id, hour(1)));
        await store.recordObservation(failed(listing.id, hour(2), gone));
        await store.recordObservation(failed(listing.id, hour(3), gone));
        expect(await store.getListing(listing.id)).toMatchObject({ status: 'gone', goneAt: hour(2) });
        await store.recordObservation(ok(listing.id, hour(4)));
        expect(await store.getListing(listing.id)).toMatchObject({ status: 'active', goneAt: null });
      });

      it('ignores replays of observations already recorded', async () => {
        const observations = [ok(listing.id, hour(1)), ok(listing.id, hour(2), { price: cny(9900) }), failed(listing.id, hour(3), timeout)];
        await store.recordObservations(observations);
        const before = await store.getHistory(listing.id);
        const replayed = await store.recordObservations(observations);
        expect(replayed.map((r) => r.changed)).toEqual([[], [], []]);
        expect(await store.recordObservation(ok(listing.id, hour(2), { price: cny(1) }))).toMatchObject({ changed: [] });
        expect(await store.recordObservation(failed(listing.id, hour(3), gone))).toMatchObject({ changed: [] });
        expect(await store.getHistory(listing.id)).toEqual(before);
        expect((await store.getListing(listing.id))?.status).toBe('active');
      });

      it('refuses observations for unknown listings or with invalid values, recording nothing of the batch', async () => {
        const unknown = await rejection(store.recordObservation(ok('l_missing', hour(1))));
        expect(unknown.code).toBe('not-found');
        const float = await rejection(store.recordObservations([ok(listing.id, hour(1)), ok(listing.id, hour(2), { price: { amountMinor: 129.9, currency: 'CNY' } })]));
        expect(float.code).toBe('invalid');
        expect(float.message).toMatch(/price\.amountMinor/);
        const noReason = await rejection(store.recordObservation(failed(listing.id, hour(1), { kind: 'http', reason: '' })));
        expect(noReason.code).toBe('invalid');
        expect((await store.getHistory(listing.id))?.lastCheckedAt).toBeNull();
      });

      it('gives an empty history for a listing never crawled and null for an unknown id', async () => {
        const history = await store.getHistory(listing.id);
        expect(history).toMatchObject({ listingId: listing.id, lastCheckedAt: null, failures: [], consecutiveFailures: 0 });
        expect(history?.fields.price).toEqual([]);
        expect(await store.getHistory('l_missing')).toBeNull();
      });

      it('clips histories to a range, keeping the point in effect at its start', async () => {
        const { listing: second } = await store.addListing({ url: 'https://shop.test/item/2', competitor: 'acme', sku: 'OUR-2' }, T0);
        await store.recordObservations([
          ok(listing.id, day(1), { price: cny(100) }),
          ok(listing.id, day(5), { price: cny(200) }),
          ok(listing.id, day(9), { price: cny(300) }),
          failed(listing.id, day(10), timeout),
          ok(second.id, day(2), { price: cny(50) }),
        ]);
        const clipped = await store.getHistory(listing.id, { from: day(6), to: day(9) });
        expect(clipped?.fields.price.map((p) => p.value?.amountMinor)).toEqual([200, 300]);
        expect(clipped?.failures).toEqual([]);
        const many = await store.getHistories([second.id, 'l_missing', listing.id], { from: day(10) });
        expect(many.map((h) => h.listingId)).toEqual([second.id, listing.id]);
        expect(many.map((h) => h.fields.price.map((p) => p.value?.amountMinor))).toEqual([[50], [300]]);
        expect(many[1].failures).toHaveLength(1);
      });

      it('hands out copies of histories', async () => {
        await store.recordObservation(ok(listing.id, hour(1)));
        const history = await store.getHistory(listing.id);
        history?.fields.price.push({ at: hour(2), value: cny(1), lastSeenAt: hour(2) });
        expect((await store.getHistory(listing.id))?.fields.price).toHaveLength(1);
      });

      it('hands out change points and failure spans no caller can rewrite, for the next read or the next recording', async () => {
        await store.recordObservations([
          ok(listing.id, hour(1), { promotions: [manjian] }),
          ok(listing.id, hour(2), { price: cny(9900), promotions: [manjian] }),
          failed(listing.id, hour(3), timeout),
        ]);
        const before = structuredClone(await store.getHistory(listing.id));
        // Whole, clipped and batched reads: a store may hand out its own objects on one path only.
        const reads = [await store.getHistory(listing.id), await store.getHistory(listing.id, { from: hour(2) }), ...(await store.getHistories([listing.id]))];
        for (const history of reads) {
          const price = history!.fields.price.at(-1)!;
          const promotions = history!.fields.promotions.at(-1)!;
          const failure = history!.failures.at(-1)!;
          tryToRewrite(() => (price.value!.amountMinor = 1));
          tryToRewrite(() => (price.at = hour(0)));
          tryToRewrite(() => (price.lastSeenAt = hour(99)));
          tryToRewrite(() => (promotions.value[0].text = 'rewritten'));
          tryToRewrite(() => promotions.value.push(coupon));
          tryToRewrite(() => (failure.count = 99));
        }
        expect(await store.getHistory(listing.id)).toEqual(before);
        // Recording compares with what was stored, not with what a caller did to a point it was given.
        const again = await store.recordObservation(ok(listing.id, hour(4), { price: cny(9900), promotions: [manjian] }));
        expect(again.changed).toEqual([]);
        const after = await store.getHistory(listing.id);
        expect(after?.fields.price.map((p) => [p.at, p.value?.amountMinor, p.lastSeenAt])).toEqual([
          [hour(1), 12900, hour(1)],
          [hour(2), 9900, hour(4)],
        ]);
        expect(after?.fields.promotions.map((p) => p.value)).toEqual([[manjian]]);
        expect(after?.failures).toEqual(before?.failures);
      });

      it('keeps what the statistics need', async () => {
        await store.recordObservations([
          ok(listing.id, day(0), { price: cny(10000) }),
          ok(listing.id, day(10), { price: cny(8000), effectivePrice: cny(7000) }),
          ok(listing.id, day(20), { price: cny(12000), effectivePrice: null, availability: 'out_of_stock' }),
        ]);
        const history = (await store.getHistory(listing.id))!;
        expect(statistics(history, 'price', day(30), 30)).toMatchObject({
          current: cny(12000),
          lowest: cny(8000),
          highest: cny(12000),
          average: cny(10000),
          outOfStockShare: 1 / 3,
        });
        expect(statistics(history, 'effectivePrice', day(30), 30).lowest).toEqual(cny(7000));
      });
    });

    describe('crawl runs', () => {
      it('records runs, updates them by id and lists the newest first', async () => {
        await store.recordRun(run('r1', 'acme', hour(1)));
        await store.recordRun(run('r2', 'zeta', hour(2)));
        await store.recordRun(run('r3', 'acme', hour(3)));
        await store.recordRun({ ...run('r1', 'acme', hour(1)), finishedAt: hour(1.5) });
        expect((await store.listRuns()).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
        expect((await store.listRuns({ competitor: 'acme' })).map((r) => r.id)).toEqual(['r3', 'r1']);
        expect((await store.listRuns({ limit: 1 })).map((r) => r.id)).toEqual(['r3']);
        expect((await store.listRuns({ competitor: 'acme' }))[1]).toEqual({ ...run('r1', 'acme', hour(1)), finishedAt: hour(1.5) });
      });
    });

    describe('documents', () => {
      it('puts, gets, lists (oldest first) and deletes documents per kind', async () => {
        await store.putDocument('outbox', 'a2', { alert: 'undercut', amount: cny(100) }, hour(2));
        await store.putDocument('outbox', 'a1', { alert: 'dumping' }, hour(1));
        await store.putDocument('digest', 'a1', { week: '2024-W09' }, hour(1));
        expect(await store.getDocument('outbox', 'a2')).toEqual({ kind: 'outbox', id: 'a2', doc: { alert: 'undercut', amount: cny(100) }, updatedAt: hour(2) });
        expect((await store.listDocuments('outbox')).map((d) => d.id)).toEqual(['a1', 'a2']);
        await store.putDocument('outbox', 'a1', { alert: 'dumping', sent: true }, hour(3));
        expect((await store.listDocuments('outbox')).map((d) => d.id)).toEqual(['a2', 'a1']);
        expect((await store.getDocument<{ sent: boolean }>('outbox', 'a1'))?.doc.sent).toBe(true);
        expect(await store.deleteDocument('outbox', 'a1')).toBe(true);
        expect(await store.deleteDocument('outbox', 'a1')).toBe(false);
        expect(await store.getDocument('outbox', 'a1')).toBeNull();
        expect(await store.getDocument('digest', 'a1')).not.toBeNull();
        expect(await store.listDocuments('nothing')).toEqual([]);
      });

      it('treats any kind and id as plain names', async () => {
        await store.putDocument('constructor', 'toString', { n: 1 }, hour(1));
        expect((await store.getDocument('constructor', 'toString'))?.doc).toEqual({ n: 1 });
        expect(await store.getDocument('outbox', 'constructor')).toBeNull();
        expect(await store.getDocument('hasOwnProperty', 'x')).toBeNull();
        expect(await store.listDocuments('toString')).toEqual([]);
        expect(await store.deleteDocument('outbox', 'valueOf')).toBe(false);
      });

      it('stores documents as JSON data', async () => {
        await store.putDocument('token', 't', { at: new Date(T0), skip: undefined, n: 1 }, hour(1));
        expect((await store.getDocument('token', 't'))?.doc).toEqual({ at: T0, n: 1 });
        expect((await rejection(store.putDocument('token', 'u', undefined, hour(1)))).code).toBe('invalid');
      });
    });

    describe('lifecycle', () => {
      it('keeps everything across flush, close and reopen', async () => {
        await store.recordObservations([ok(listing.id, hour(1)), ok(listing.id, hour(2), { price: cny(1) }), failed(listing.id, hour(3), gone)]);
        await store.recordRun(run('r1', 'acme', hour(1)));
        await store.putDocument('outbox', 'a1', { alert: 'undercut' }, hour(1));
        await store.flush();
        const listings = await store.listListings();
        const history = await store.getHistory(listing.id);
        await store.close();

        const reopened = await handle.reopen();
        expect(await reopened.listListings()).toEqual(listings);
        expect(await reopened.getHistory(listing.id)).toEqual(history);
        expect(await reopened.findListingByUrl(listing.url)).toMatchObject({ id: listing.id, status: 'gone' });
        expect(await reopened.listRuns()).toEqual([run('r1', 'acme', hour(1))]);
        expect((await reopened.getDocument('outbox', 'a1'))?.doc).toEqual({ alert: 'undercut' });
        expect((await reopened.recordObservation(ok(listing.id, hour(3)))).changed).toEqual([]);
        await reopened.close();
      });

      it('writes pending changes on close without an explicit flush', async () => {
        await store.recordObservation(ok(listing.id, hour(1)));
        await store.close();
        const reopened = await handle.reopen();
        expect((await reopened.getHistory(listing.id))?.lastCheckedAt).toBe(hour(1));
        await reopened.close();
      });

      it('refuses work once closed', async () => {
        await store.close();
        await store.close();
        expect((await rejection(store.listListings())).code).toBe('unavailable');
        expect((await rejection(store.recordObservation(ok(listing.id, hour(1))))).code).toBe('unavailable');
      });
    });
  });
}
