// The one way the rest of RivalWatch opens a store: embedded lowdb by default, Postgres at scale.
import { LowdbStore } from './lowdb.ts';
import { StoreError, type Store } from './store.ts';

export type StoreSpec = { kind: 'lowdb'; path: string } | { kind: 'postgres'; url: string };

export async function openStore(spec: StoreSpec, opts: { readOnly?: boolean } = {}): Promise<Store> {
  if (spec.kind === 'lowdb') return LowdbStore.open(spec.path, opts);
  throw new StoreError(
    'The Postgres store is not built yet: use the embedded store (--store <file.json>) for now.',
    'unavailable',
  );
}

export { StoreError } from './store.ts';
export type { Store } from './store.ts';
export type * from './model.ts';
export { LowdbStore, type LowdbStoreOptions } from './lowdb.ts';
export { applyObservation, clipHistory, emptyHistory, latest, valueAt, TRACKED_FIELDS } from './changepoints.ts';
export { statistics, statisticsWindows, STAT_WINDOW_DAYS, type PriceField, type PriceStatistics } from './stats.ts';
