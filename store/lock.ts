// One process owns a store file. proper-lockfile holds `<store>.lock` and keeps refreshing it, so
// the lock of a killed process goes stale and is taken over instead of locking users out forever.
// A small sidecar file names the owner so the "locked" message can say which process to stop.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { StoreError } from './store.ts';

export const DEFAULT_LOCK_STALE_MS = 10_000;

export interface StoreLock {
  /** Set when the lock was lost (the event loop stalled past the stale time, or the lock was removed). */
  readonly compromised: Error | null;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
}

function ownerPath(storePath: string): string {
  return join(dirname(storePath), `.${basename(storePath)}.owner`);
}

async function readOwner(storePath: string): Promise<Owner | null> {
  try {
    return JSON.parse(await readFile(ownerPath(storePath), 'utf8')) as Owner;
  } catch {
    // The owner note is informative only; a missing or half-written one just shortens the message.
    return null;
  }
}

function describeOwner(owner: Owner | null): string {
  if (owner === null) return 'Another RivalWatch process';
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `Another RivalWatch process (pid ${owner.pid}${where}, since ${owner.since})`;
}

/**
 * Takes the lock on `storePath` (a canonical absolute path) or fails with StoreError('locked')
 * saying who holds it and what to do.
 */
export async function acquireStoreLock(storePath: string, staleMs = DEFAULT_LOCK_STALE_MS): Promise<StoreLock> {
  const state: { compromised: Error | null } = { compromised: null };
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(storePath, {
      realpath: false,
      stale: staleMs,
      // The default handler throws from a timer and kills the process; the store refuses to
      // write instead, and says why.
      onCompromised: (err) => {
        state.compromised = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      const owner = await readOwner(storePath);
      const staleSeconds = Math.ceil(Math.max(staleMs, 2000) / 1000);
      throw new StoreError(
        `${describeOwner(owner)} is using ${storePath}. Stop it, or use another store file with the config's store.path (or --config). ` +
          `If no such process is running, its lock (${storePath}.lock) frees itself within ${staleSeconds} s.`,
        'locked',
      );
    }
    throw new StoreError(`Cannot lock ${storePath}: ${(err as Error).message}. Check that its folder is writable.`, 'unreadable');
  }
  const owner: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  await writeFile(ownerPath(storePath), JSON.stringify(owner));
  return {
    get compromised() {
      return state.compromised;
    },
    async release() {
      // A lost lock may belong to another process by now: leave its lock and owner note alone.
      if (state.compromised !== null) return;
      await rm(ownerPath(storePath), { force: true });
      await releaseLock();
    },
  };
}
