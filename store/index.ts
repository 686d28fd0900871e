// The one way the rest of RivalWatch opens a store: embedded lowdb by default, Postgres at scale.
import { LowdbStore } from './lowdb.ts';
import type { Store } from './store.ts';

export type StoreSpec = { kind: 'lowdb'; path: string } | { kind: 'postgres'; url: string };

export async function openStore(spec: StoreSpec, opts: { readOnly?: boolean } = {}): Promise<Store> {
  if (spec.kind === 'lowdb') return LowdbStore.open(spec.path, opts);
  // Loaded on demand: the embedded store's users never load the pg driver.
  const { PostgresStore } = await import('./postgres/store.ts');
  return PostgresStore.open(spec.url, opts);
}

export { StoreError } from './store.ts';
export type { Store } from './store.ts';
export type * from './model.ts';
export { LowdbStore, type LowdbStoreOptions } from './lowdb.ts';
export { applyObservation, clipHistory, emptyHistory, latest, valueAt, TRACKED_FIELDS } from './changepoints.ts';
export { statistics, statisticsWindows, STAT_WINDOW_DAYS, type PriceField, type PriceStatistics } from './stats.ts';
