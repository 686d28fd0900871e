// `rivalwatch migrate --to postgres` on an embedded store filled by crawling the demo shops through
// the real pipeline: the copy has identical counts and checksums, the source file is untouched,
// a second run changes nothing, and a listing Postgres has crawled since is left alone.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateConfig, type LoadedConfig } from '../../server/config.ts';
import { register as migrateCommand } from '../../server/commands/migrate.ts';
import { createContext } from '../../server/context.ts';
import { demoConfig } from '../../server/demo-run.ts';
import { SIM_TIME_HEADER, startDemoShops, type DemoShops } from '../../server/demo/index.ts';
import { runCompetitor, syncConfigListings } from '../../server/pipeline.ts';
import { LowdbStore } from '../../store/lowdb.ts';
import { listingChecksum, type MigrationReport } from '../../store/postgres/migrate.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';
import { cny, ok } from './helpers.ts';

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`Postgres migration tests skipped: ${skip}`);

const DAYS = ['2024-05-06T09:00:00.000Z', '2024-05-07T09:00:00.000Z', '2024-05-08T09:00:00.000Z'];

/** Runs `rivalwatch migrate …` through its command module; returns the JSON report and the exit code. */
async function migrate(args: string[]): Promise<{ report: MigrationReport; exitCode: number }> {
  const program = new Command('rivalwatch').option('-c, --config <path>').exitOverride();
  migrateCommand(program, createContext(program));
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'rivalwatch', 'migrate', '--to', 'postgres', ...args, '--json']);
    return { report: JSON.parse(printed.join('\n')) as MigrationReport, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe.skipIf(skip !== null)(`migrate --to postgres${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pgServer = server as ThrowawayPostgres;
  let shops: DemoShops;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    shops = await startDemoShops({ port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'rw-migrate-'));
    file = join(dir, 'store.json');
    const demo = demoConfig(shops, 0, new Date(DAYS[0]));
    // HTTP only: the client-rendered shop is then recorded as "no price", a failure the copy must keep too.
    const config = validateConfig({ ...demo, competitors: demo.competitors.map((c) => ({ ...c, renderMode: 'http' })) }, 'demo');
    const loaded: LoadedConfig = { file: join(dir, 'rivalwatch.config.yaml'), dir, config };
    const store = await LowdbStore.open(file);
    await syncConfigListings(loaded.config, store, DAYS[0]);
    for (const at of DAYS) {
      shops.setTime(at);
      for (const competitor of config.competitors) {
        await runCompetitor(config, store, competitor, { now: () => at, extraHeaders: { [SIM_TIME_HEADER]: at }, politeness: { delayMs: 0 } });
      }
    }
    await store.putDocument('alert-outbox', 'a1', { rule: 'undercut', amount: cny(100), channels: ['webhook'] }, DAYS[2]);
    await store.putDocument('digest', '2024-W19', { week: '2024-W19', index: 98.5 }, DAYS[2]);
    await store.close();
  }, 240_000);

  afterAll(async () => {
    await shops?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await pgServer.stop();
  });

  it('copies the demo store with identical counts and checksums, never touching the source, and can run again', async () => {
    const url = await pgServer.createDatabase('rw_migrate');
    const before = await sha256(file);
    const { report, exitCode } = await migrate(['--from', file, '--url', url]);
    expect(exitCode).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.mismatches).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.listings.source).toBeGreaterThan(150);
    expect(report.listings.target).toBe(report.listings.source);
    expect(report.changePoints.source).toBeGreaterThan(report.listings.source);
    expect(report.changePoints.target).toBe(report.changePoints.source);
    expect(report.failureSpans.source).toBeGreaterThan(0);
    expect(report.failureSpans.target).toBe(report.failureSpans.source);
    expect(report.runs).toEqual({ source: 21, target: 21 });
    expect(report.documents.kinds).toMatchObject({ 'alert-outbox': { source: 1, target: 1 }, digest: { source: 1, target: 1 } });
    expect(await sha256(file)).toBe(before);

    // The copy reads back as the same data through the Store interface.
    const source = await LowdbStore.open(file, { readOnly: true });
    const target = await PostgresStore.open(url);
    const listings = await source.listListings();
    expect(await target.listListings()).toEqual(listings);
    const ids = listings.map((l) => l.id);
    expect(await target.getHistories(ids)).toEqual(await source.getHistories(ids));
    expect(await target.listRuns()).toEqual(await source.listRuns());
    expect(await target.listDocuments('alert-outbox')).toEqual(await source.listDocuments('alert-outbox'));

    const count = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM change_points) + (SELECT count(*) FROM failure_spans) AS n');
      await client.end();
      return Number(rows[0].n);
    };
    const rowsBefore = await count();
    const again = await migrate(['--from', file, '--url', url]);
    expect(again.report).toMatchObject({ ok: true, changePoints: report.changePoints, failureSpans: report.failureSpans, runs: report.runs });
    expect(await count()).toBe(rowsBefore);

    // A listing crawled in Postgres after the first copy is newer there: a re-run leaves it alone.
    const crawled = listings[0];
    const later = '2024-05-09T09:00:00.000Z';
    await target.recordObservation(ok(crawled.id, later, { price: cny(4242) }));
    const third = await migrate(['--from', file, '--url', url]);
    expect(third.report.ok).toBe(true);
    expect(third.report.newerInTarget.map((m) => m.listingId)).toEqual([crawled.id]);
    expect((await target.getHistory(crawled.id))?.lastCheckedAt).toBe(later);
    await Promise.all([source.close(), target.close()]);
    expect(await sha256(file)).toBe(before);
  }, 120_000);

  it('gives a different checksum for any difference in a listing or its history', async () => {
    const store = await LowdbStore.open(file, { readOnly: true });
    const listings = await store.listListings();
    const histories = await store.getHistories(listings.map((l) => l.id));
    const history = histories.find((h) => h.failures.length > 0)!;
    const listing = listings.find((l) => l.id === history.listingId)!;
    const priced = histories.find((h) => h.fields.price.length > 0)!;
    const pricedListing = listings.find((l) => l.id === priced.listingId)!;
    const base = listingChecksum(listing, history);
    expect(listingChecksum({ ...listing }, structuredClone(history))).toBe(base);
    // Times in another notation are the same instant.
    expect(listingChecksum({ ...listing, addedAt: listing.addedAt.replace('Z', '+00:00') }, history)).toBe(base);
    const moved = structuredClone(priced);
    moved.fields.price[0].lastSeenAt = '2030-01-01T00:00:00.000Z';
    expect(listingChecksum(pricedListing, moved)).not.toBe(listingChecksum(pricedListing, priced));
    expect(listingChecksum({ ...listing, sku: 'OTHER' }, history)).not.toBe(base);
    const fewer = structuredClone(history);
    fewer.failures = fewer.failures.slice(1);
    expect(listingChecksum(listing, fewer)).not.toBe(base);
    await store.close();
  });
});
