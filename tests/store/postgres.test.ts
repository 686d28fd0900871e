// What only the Postgres store has: migrations that race safely, read-only opens, many writers on
// one listing, money columns for SQL, and the analysts' views with figures worked out by hand.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../store/postgres/store.ts';
import { STORE_MIGRATIONS } from '../../store/postgres/schema.ts';
import { StoreError } from '../../store/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';
import { cny, failed, ok, timeout } from './helpers.ts';

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`Postgres store tests skipped: ${skip}`);
const pgServer = server as ThrowawayPostgres;
afterAll(async () => {
  if (!skip) await pgServer.stop();
});

const T0 = '2024-03-04T00:00:00.000Z'; // a Monday
const at = (day: number, hour = 9) => new Date(Date.parse(T0) + day * 86_400_000 + hour * 3_600_000).toISOString();

async function rows<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.skipIf(skip !== null)(`Postgres store${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('migrates a fresh database once, even when two processes open it at the same moment', async () => {
    const url = await pgServer.createDatabase();
    const stores = await Promise.all([PostgresStore.open(url), PostgresStore.open(url), PostgresStore.open(url)]);
    await Promise.all(stores.map((s) => s.close()));
    const applied = await rows<{ version: number }>(url, `SELECT version FROM schema_migrations WHERE set_name = 'store' ORDER BY version`);
    expect(applied.map((r) => r.version)).toEqual(STORE_MIGRATIONS.migrations.map((m) => m.version));
    const again = await PostgresStore.open(url);
    await again.close();
    expect(await rows(url, `SELECT * FROM schema_migrations`)).toHaveLength(applied.length);
  });

  it('refuses a read-only open of a database without RivalWatch tables, and writes through a read-only one', async () => {
    const url = await pgServer.createDatabase();
    expect((await rejection(PostgresStore.open(url, { readOnly: true }))).code).toBe('not-found');
    const writer = await PostgresStore.open(url);
    await writer.addListing({ url: 'https://shop.test/a', competitor: 'acme', sku: 'S1' }, T0);
    const reader = await PostgresStore.open(url, { readOnly: true });
    expect(await reader.listListings()).toHaveLength(1);
    expect((await rejection(reader.addListing({ url: 'https://shop.test/b', competitor: 'acme', sku: 'S1' }, T0))).code).toBe('invalid');
    await Promise.all([reader.close(), writer.close()]);
  });

  it('says which server it could not reach, without the password', async () => {
    const error = await rejection(PostgresStore.open('postgres://rw:secret@127.0.0.1:1/nowhere'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('secret');
  });

  it('records an observation once when many writers send it at the same moment', async () => {
    const url = await pgServer.createDatabase();
    const stores = await Promise.all([PostgresStore.open(url), PostgresStore.open(url), PostgresStore.open(url)]);
    const { listing } = await stores[0].addListing({ url: 'https://shop.test/a', competitor: 'acme', sku: 'S1' }, T0);
    const observations = [ok(listing.id, at(0)), failed(listing.id, at(1), timeout), ok(listing.id, at(2), { price: cny(9900) })];
    for (const observation of observations) {
      const outcomes = await Promise.all(stores.flatMap((s) => [s.record([observation]), s.record([observation])]));
      expect(outcomes.flat().filter((o) => !o.replay)).toHaveLength(1);
    }
    const history = await stores[1].getHistory(listing.id);
    expect(history?.fields.price).toEqual([
      { at: at(0), value: cny(12900), lastSeenAt: at(0) },
      { at: at(2), value: cny(9900), lastSeenAt: at(2) },
    ]);
    expect(history?.failures.map((f) => f.count)).toEqual([1]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('keeps money in integer minor units beside the JSON value, and never fails on a NUL in scraped text', async () => {
    const url = await pgServer.createDatabase();
    const store = await PostgresStore.open(url);
    const { listing } = await store.addListing({ url: 'https://shop.test/a', competitor: 'acme', sku: 'S1' }, T0);
    await store.recordObservation(ok(listing.id, at(0), { price: { amountMinor: 129900, currency: 'JPY' }, title: 'Kettle\u0000 1L' }));
    const money = await rows<{ field: string; amount_minor: string; currency: string }>(
      url,
      `SELECT field, amount_minor, currency FROM change_points WHERE amount_minor IS NOT NULL ORDER BY field`,
    );
    expect(money).toEqual([
      { field: 'listPrice', amount_minor: '15900', currency: 'CNY' },
      { field: 'price', amount_minor: '129900', currency: 'JPY' },
    ]);
    expect((await store.getHistory(listing.id))?.fields.title[0].value).toBe('Kettle\uFFFD 1L');
    await store.close();
  });

  it('gives analysts latest prices, daily prices and a weekly price index per competitor', async () => {
    const url = await pgServer.createDatabase();
    const store = await PostgresStore.open(url);
    const add = async (path: string, competitor: string, own = false) =>
      (await store.addListing({ url: `https://shop.test/${path}`, competitor, sku: 'S1', own }, T0)).listing.id;
    const a = await add('a', 'acme');
    const b = await add('b', 'acme');
    const ours = await add('ours', 'us', true);
    await store.recordObservations([
      // a: ¥100.00 from Monday, seen again Thursday; ¥120.00 from the next Monday, seen Tuesday.
      ok(a, at(0), { price: cny(10000) }),
      ok(a, at(3), { price: cny(10000) }),
      ok(a, at(7), { price: cny(12000), availability: 'out_of_stock' }),
      ok(a, at(8), { price: cny(12000), availability: 'out_of_stock' }),
      // b: ¥50.00 all along.
      ok(b, at(0), { price: cny(5000) }),
      ok(b, at(8), { price: cny(5000) }),
      ok(ours, at(0), { price: cny(1) }),
      ok(ours, at(8), { price: cny(99999) }),
    ]);
    await store.close();

    const latest = await rows(url, `SELECT listing_id, amount_minor, currency, amount::text, availability, price_since FROM rw_latest_prices WHERE listing_id = $1`, [a]);
    expect(latest).toEqual([{ listing_id: a, amount_minor: '12000', currency: 'CNY', amount: '120.00', availability: 'out_of_stock', price_since: new Date(at(7)) }]);

    const daily = await rows<{ day: string; close_minor: string; low_minor: string }>(
      url,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, close_minor, low_minor FROM rw_daily_prices WHERE listing_id = $1 ORDER BY day`,
      [a],
    );
    expect(daily.map((d) => [d.day.slice(8), Number(d.close_minor), Number(d.low_minor)])).toEqual([
      ['04', 10000, 10000],
      ['05', 10000, 10000],
      ['06', 10000, 10000],
      ['07', 10000, 10000],
      ['08', 10000, 10000],
      ['09', 10000, 10000],
      ['10', 10000, 10000],
      // Monday the 11th: ¥100 until 09:00, then ¥120.
      ['11', 12000, 10000],
      ['12', 12000, 12000],
    ]);

    const index = await rows<{ competitor: string; week_start: string; listings: string; matched: string; change_pct: string | null; index: string }>(
      url,
      `SELECT competitor, to_char(week_start, 'YYYY-MM-DD') AS week_start, listings, matched, change_pct::text, index::text
       FROM rw_weekly_price_index ORDER BY competitor, week_start`,
    );
    // Week of the 11th: a's average 12000 / 10000 = 1.2, b's 1.0; geometric mean √1.2 = 1.0954.
    expect(index).toEqual([
      { competitor: 'acme', week_start: '2024-03-04', listings: '2', matched: '0', change_pct: null, index: '100.00' },
      { competitor: 'acme', week_start: '2024-03-11', listings: '2', matched: '2', change_pct: '9.54', index: '109.54' },
    ]);
  });
});
