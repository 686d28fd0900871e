// The store contract, run against PostgreSQL: one throwaway server for the file, a fresh database
// per test. Skipped, with the reason, where PostgreSQL is not installed.
import { afterAll, describe, it } from 'vitest';
import { PostgresStore } from '../../store/postgres/store.ts';
import type { Store } from '../../store/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

const server = await startThrowawayPostgres();

if ('skipped' in server) {
  console.warn(`Postgres store contract skipped: ${server.skipped}`);
  describe('Store contract: postgres', () => {
    it.skip(`skipped: ${server.skipped}`, () => undefined);
  });
} else {
  const pg: ThrowawayPostgres = server;
  afterAll(() => pg.stop());

  storeContract('postgres', async () => {
    const url = await pg.createDatabase('rw_contract');
    const opened: Store[] = [await PostgresStore.open(url)];
    return {
      store: opened[0],
      reopen: async () => {
        const store = await PostgresStore.open(url);
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
}
