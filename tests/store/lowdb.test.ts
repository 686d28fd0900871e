// What only the file store has to prove: durable atomic writes, one owner process, refusal of
// damaged files, read-only snapshots. Other processes are real child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../store/index.ts';
import { LowdbStore } from '../../store/lowdb.ts';
import { StoreError } from '../../store/store.ts';
import { cny, hour, ok } from './helpers.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'store-child.ts');
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(mode: string, path: string, lockStaleMs?: number): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, path, ...(lockStaleMs ? [String(lockStaleMs)] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => out,
    exited,
    waitFor: (text) =>
      vi.waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`child exited early: ${out}${err}`);
          if (!out.includes(text)) throw new Error(`waiting for "${text}" from the child: ${out}${err}`);
        },
        { timeout: 30_000, interval: 20 },
      ),
  };
}

async function openError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    (s) => s,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

let dir: string;
let path: string;
const toClose: LowdbStore[] = [];

async function open(opts?: Parameters<typeof LowdbStore.open>[1]): Promise<LowdbStore> {
  const store = await LowdbStore.open(path, opts);
  toClose.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-lowdb-'));
  path = join(dir, 'data', 'store.json');
});
afterEach(async () => {
  for (const store of toClose.splice(0)) await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('lowdb store file', () => {
  it('creates a missing store with its folders, with a format version', async () => {
    const store = await open();
    expect(store.location).toBe(path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      format: 'rivalwatch-store',
      version: 1,
      listings: [],
      histories: {},
      runs: [],
      documents: {},
    });
  });

  it('batches writes: records stay in memory until flushed or the write delay passes', async () => {
    const store = await open({ writeDelayMs: 60_000 });
    const before = await readFile(path, 'utf8');
    const { listing } = await store.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    for (let i = 1; i <= 100; i++) await store.recordObservation(ok(listing.id, hour(i), { price: cny(1000 + i) }));
    expect(await readFile(path, 'utf8')).toBe(before);
    await store.flush();
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written.histories[listing.id].fields.price).toHaveLength(100);
    await store.close();

    const soon = await open({ writeDelayMs: 10 });
    await soon.putDocument('outbox', 'a', { n: 1 }, hour(1));
    await vi.waitFor(async () => expect(JSON.parse(await readFile(path, 'utf8')).documents.outbox.a.doc).toEqual({ n: 1 }));
  });

  it('grows with changes, not with crawls', async () => {
    const store = await open();
    const { listing } = await store.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    await store.recordObservations([ok(listing.id, hour(1)), ok(listing.id, hour(2))]);
    await store.flush();
    const afterTwo = (await stat(path)).size;
    await store.recordObservations(Array.from({ length: 200 }, (_, i) => ok(listing.id, hour(3 + i))));
    await store.flush();
    expect((await stat(path)).size).toBe(afterTwo);
    await store.recordObservation(ok(listing.id, hour(300), { price: cny(1) }));
    await store.flush();
    expect((await stat(path)).size).toBeGreaterThan(afterTwo);
  });

  it('reports a failed write, keeps the file intact and writes the changes on the next flush', async () => {
    const store = await open();
    await store.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    await store.flush();
    const before = await readFile(path, 'utf8');
    // A folder where the temp file goes makes the next write fail, even for root.
    const temp = join(dirname(path), '.store.json.tmp');
    await mkdir(temp);
    await store.addListing({ url: 'https://shop.test/2', competitor: 'acme', sku: 'S' }, hour(0));
    const error = await openError(store.flush());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(before);
    await rm(temp, { recursive: true });
    await store.flush();
    expect(JSON.parse(await readFile(path, 'utf8')).listings).toHaveLength(2);
  });

  it('keeps the previous version as .bak', async () => {
    const store = await open();
    await store.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    await store.flush();
    const first = await readFile(path, 'utf8');
    await store.addListing({ url: 'https://shop.test/2', competitor: 'acme', sku: 'S' }, hour(0));
    await store.flush();
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(first);
    expect(JSON.parse(await readFile(path, 'utf8')).listings).toHaveLength(2);
  });
});

describe('crash safety', () => {
  it('leaves the previous file intact when the process dies in the middle of a write', async () => {
    const child = startChild('crash-on-rename', path);
    expect((await child.exited).signal).toBe('SIGKILL');
    expect(child.output()).toContain('dying');
    expect(child.output()).not.toContain('survived');
    // The new version was complete in the temp file; the store file is the last flushed one.
    const temp = JSON.parse(await readFile(join(dirname(path), '.store.json.tmp'), 'utf8'));
    expect(temp.listings).toHaveLength(2);
    const snapshot = await open({ readOnly: true });
    expect((await snapshot.listListings()).map((l) => l.url)).toEqual(['https://shop.test/child/1']);
    const [listing] = await snapshot.listListings();
    expect((await snapshot.getHistory(listing.id))?.lastCheckedAt).toBe(hour(1));
  });

  it('always leaves a valid file when killed at an arbitrary moment of a write loop', async () => {
    const child = startChild('write-loop', path);
    await child.waitFor('ready');
    await vi.waitFor(async () => expect((await stat(path)).size).toBeGreaterThan(20_000), { timeout: 30_000, interval: 10 });
    child.process.kill('SIGKILL');
    await child.exited;
    const snapshot = await open({ readOnly: true });
    const listings = await snapshot.listListings();
    expect(listings.length).toBeGreaterThan(2);
    const histories = await snapshot.getHistories(listings.map((l) => l.id));
    expect(histories.every((h) => h.fields.price.every((p) => Number.isInteger(p.value?.amountMinor)))).toBe(true);
  });

  it('writes what a process recorded when it ends without closing the store, without waiting for the delay', async () => {
    const child = startChild('no-close', path);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).toContain('done');
    const snapshot = await open({ readOnly: true });
    expect((await snapshot.listListings()).map((l) => l.url)).toEqual(['https://shop.test/child/forgotten']);
  });
});

describe('one process owns the file', () => {
  it('refuses a second writer from another process, naming the file, the owner and what to do', async () => {
    const holder = startChild('hold', path);
    await holder.waitFor('ready');
    const error = await openError(LowdbStore.open(path));
    expect(error.code).toBe('locked');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`pid ${holder.process.pid}`);
    expect(error.message).toContain('store.path');

    const other = startChild('open', path);
    await other.exited;
    expect(other.output()).toMatch(/^locked: Another RivalWatch process \(pid \d+/);

    // Status and inspect read a snapshot while the daemon runs.
    const snapshot = await open({ readOnly: true });
    expect(await snapshot.listListings()).toHaveLength(1);

    holder.process.kill('SIGTERM');
    await holder.exited;
    const store = await open();
    expect(await store.listListings()).toHaveLength(1);
  });

  it('refuses a second open in the same process', async () => {
    await open();
    const error = await openError(LowdbStore.open(join(dir, 'data', '..', 'data', 'store.json')));
    expect(error.code).toBe('locked');
    expect(error.message).toContain('already open in this process');
  });

  it('takes over the lock of a process that was killed', async () => {
    const holder = startChild('hold', path, 2000);
    await holder.waitFor('ready');
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(`${path}.lock`)).toBe(true);
    const codes = new Set<string>();
    const store = await vi.waitFor(
      async () => {
        try {
          return await open({ lockStaleMs: 2000 });
        } catch (err) {
          codes.add((err as StoreError).code);
          throw err;
        }
      },
      { timeout: 20_000, interval: 250 },
    );
    expect([...codes].filter((c) => c !== 'locked')).toEqual([]);
    expect(await store.listListings()).toHaveLength(1);
  });

  it('stops writing once it lost its lock', async () => {
    const store = await open({ lockStaleMs: 2000 });
    await rm(`${path}.lock`, { recursive: true });
    await vi.waitFor(
      async () => {
        const error = await openError(store.putDocument('outbox', 'a', {}, hour(1)));
        expect(error.code).toBe('locked');
        expect(error.message).toMatch(/Lost the lock/);
      },
      { timeout: 20_000, interval: 250 },
    );
  });
});

describe('damaged or foreign files are refused, never overwritten', () => {
  async function refusal(content: string): Promise<StoreError> {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    const error = await openError(LowdbStore.open(path));
    expect(error.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(content);
    const readOnly = await openError(LowdbStore.open(path, { readOnly: true }));
    expect(readOnly.code).toBe(error.code);
    return error;
  }

  it('refuses truncated JSON and points to the intact backup', async () => {
    const store = await open();
    await store.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    await store.close();
    const good = await readFile(path, 'utf8');
    const error = await refusal(good.slice(0, good.length / 2));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).toContain(`cp ${path}.bak ${path}`);

    // The refused open let go of the file: following the advice works.
    await writeFile(path, await readFile(`${path}.bak`));
    const restored = await open();
    expect(await restored.listListings()).toEqual([]);
  });

  it('refuses an empty file and says how to start fresh when there is no backup', async () => {
    const error = await refusal('');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/file is empty/);
    expect(error.message).toContain(`mv ${path} ${path}.broken`);
  });

  it('refuses a file of the wrong shape, naming the bad field', async () => {
    const bad = { format: 'rivalwatch-store', version: 1, listings: [{ id: 1 }], histories: {}, runs: [], documents: {} };
    const error = await refusal(JSON.stringify(bad));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/listings\.0\.id/);
    expect((await refusal('{"listings": []}')).message).toMatch(/not a RivalWatch store/);
  });

  it('refuses a store written by a newer version', async () => {
    const error = await refusal(JSON.stringify({ format: 'rivalwatch-store', version: 99 }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/newer RivalWatch/);
  });

  it('reports a store path it cannot read', async () => {
    await mkdir(path, { recursive: true });
    const error = await openError(LowdbStore.open(path, { readOnly: true }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain(path);
  });
});

describe('read-only opens', () => {
  it('do not create a missing store', async () => {
    const error = await openError(openStore({ kind: 'lowdb', path }, { readOnly: true }));
    expect(error.code).toBe('not-found');
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('never write', async () => {
    const writer = await open();
    const { listing } = await writer.addListing({ url: 'https://shop.test/1', competitor: 'acme', sku: 'S' }, hour(0));
    await writer.close();
    const bytes = await readFile(path, 'utf8');
    const reader = await open({ readOnly: true });
    const refused = await openError(reader.recordObservation(ok(listing.id, hour(1))));
    expect(refused.code).toBe('invalid');
    expect(refused.message).toMatch(/read-only/);
    await reader.flush();
    await reader.close();
    expect(await readFile(path, 'utf8')).toBe(bytes);
  });
});

describe('openStore', () => {
  it('opens lowdb and says the Postgres store is not built yet', async () => {
    const store = await openStore({ kind: 'lowdb', path });
    toClose.push(store as LowdbStore);
    expect(store.location).toBe(path);
    const error = await openError(openStore({ kind: 'postgres', url: 'postgres://localhost/rw' }));
    expect(error.code).toBe('unavailable');
  });
});
