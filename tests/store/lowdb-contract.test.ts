import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../../store/lowdb.ts';
import type { Store } from '../../store/store.ts';
import { storeContract } from './contract.ts';

storeContract('lowdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rw-store-'));
  const path = join(dir, 'store.json');
  const opened: Store[] = [await LowdbStore.open(path)];
  return {
    store: opened[0],
    reopen: async () => {
      const store = await LowdbStore.open(path);
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
