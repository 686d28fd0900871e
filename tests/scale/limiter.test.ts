// The shared per-host limiter on its own: slots counted across workers, the politeness delay
// between starts, a turn given back when no job came, and a dead worker's slot freed by expiry.
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../store/postgres/migrations.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { HostLimiter } from '../../server/queue/limiter.ts';
import { QUEUE_MIGRATIONS } from '../../server/queue/schema.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`host limiter tests skipped: ${skip}`);

const HOST = 'shop.test';
const BUSY_WAIT = 250;

describe.skipIf(skip !== null)(`host limiter${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pgServer = server as ThrowawayPostgres;
  afterAll(() => pgServer.stop());

  async function limiters(limits: { maxConcurrency: number; delayMs: number }, ttlMs = 60_000) {
    const store = await PostgresStore.open(await pgServer.createDatabase('rw_limiter'));
    await runMigrations(store.pool, QUEUE_MIGRATIONS);
    await HostLimiter.define(store.pool, HOST, 'rw-crawl.shop.test', limits);
    const worker = (id: string) => new HostLimiter(store.pool, id, ttlMs, BUSY_WAIT);
    return { store, a: worker('a'), b: worker('b'), c: worker('c') };
  }

  it('hands out at most max_concurrency slots per host, whichever workers ask', async () => {
    const { store, a, b, c } = await limiters({ maxConcurrency: 2, delayMs: 0 });
    const first = await a.acquire(HOST);
    const second = await b.acquire(HOST);
    expect(first.lease && second.lease).toBeTruthy();
    expect(await c.acquire(HOST)).toEqual({ lease: null, waitMs: BUSY_WAIT });
    expect(await a.acquire(HOST)).toEqual({ lease: null, waitMs: BUSY_WAIT });
    await a.release(first.lease!, true);
    expect((await c.acquire(HOST)).lease).not.toBeNull();
    expect((await a.acquire('unknown.test')).lease).toBeNull();
    await store.close();
  });

  it('spaces starts by the host delay, and gives the turn back when no job came with the slot', async () => {
    const { store, a, b } = await limiters({ maxConcurrency: 4, delayMs: 60_000 });
    const first = await a.acquire(HOST);
    expect(first.lease).not.toBeNull();
    const refused = await b.acquire(HOST);
    expect(refused.lease).toBeNull();
    expect(refused.lease === null && refused.waitMs > BUSY_WAIT && refused.waitMs <= 60_000).toBe(true);
    await a.release(first.lease!, false);
    expect((await b.acquire(HOST)).lease).not.toBeNull();
    await store.close();
  });

  it('frees the slot of a worker that stopped renewing it, and keeps a renewed one', async () => {
    const { store, a, b, c } = await limiters({ maxConcurrency: 2, delayMs: 0 }, 2000);
    const dead = await a.acquire(HOST);
    const alive = await b.acquire(HOST);
    expect((await c.acquire(HOST)).lease).toBeNull();
    // b renews every 250 ms for longer than the 2 s TTL; a never does.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 250));
      expect(await b.renew([alive.lease!])).toBe(1);
    }
    // a's slot lapsed; b's is still held, so exactly one slot is free again.
    expect(await a.renew([dead.lease!])).toBe(0);
    expect((await c.acquire(HOST)).lease).not.toBeNull();
    expect((await c.acquire(HOST)).lease).toBeNull();
    await store.close();
  });
});
