// The store file on disk: a lowdb adapter that validates what it reads and writes durably.
// lowdb's own adapter (steno) writes a temp file and renames it, but never fsyncs, so after a
// power loss the renamed file can be empty. This one fsyncs the temp file before the rename and
// the folder after it, and keeps the previous version as `<store>.bak`.
import { constants } from 'node:fs';
import { copyFile, link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreError } from './store.ts';
import { STORE_FORMAT, STORE_VERSION, StoreFileSchema, describeIssues, type StoreFile } from './schema.ts';

export function emptyStoreFile(): StoreFile {
  return { format: STORE_FORMAT, version: STORE_VERSION, listings: [], histories: {}, runs: [], documents: {} };
}

export function backupPath(storePath: string): string {
  return `${storePath}.bak`;
}

function tempPath(storePath: string): string {
  return join(dirname(storePath), `.${basename(storePath)}.tmp`);
}

type Parsed = { ok: true; data: StoreFile } | { ok: false; code: 'corrupt' | 'unreadable'; problem: string };

/** Parses and validates the text of a store file; never throws. */
export function parseStoreText(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const problem = text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(err as Error).message})`;
    return { ok: false, code: 'corrupt', problem };
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== STORE_FORMAT) {
    return { ok: false, code: 'corrupt', problem: `it is not a RivalWatch store (no "format": "${STORE_FORMAT}")` };
  }
  if (typeof head.version === 'number' && head.version > STORE_VERSION) {
    return {
      ok: false,
      code: 'unreadable',
      problem: `it was written by a newer RivalWatch (store format version ${head.version}; this version reads up to ${STORE_VERSION})`,
    };
  }
  const result = StoreFileSchema.safeParse(json);
  if (!result.success) return { ok: false, code: 'corrupt', problem: `its content is not valid: ${describeIssues(result.error)}` };
  return { ok: true, data: result.data };
}

async function describeBackup(storePath: string): Promise<string> {
  const bak = backupPath(storePath);
  let text: string;
  try {
    text = await readFile(bak, 'utf8');
  } catch {
    return `No backup copy (${bak}) exists; move the broken file away (mv ${storePath} ${storePath}.broken) to start with an empty store.`;
  }
  const parsed = parseStoreText(text);
  if (!parsed.ok) {
    return `The backup copy ${bak} is not usable either (${parsed.problem}); move the broken file away (mv ${storePath} ${storePath}.broken) to start with an empty store.`;
  }
  return (
    `The previous version is intact in ${bak} (${parsed.data.listings.length} listings): restore it with ` +
    `cp ${bak} ${storePath}, or move the broken file away (mv ${storePath} ${storePath}.broken) to start with an empty store.`
  );
}

/** Reads and validates a store file: null when it does not exist, StoreError when it cannot be used. */
export async function readStoreFile(storePath: string): Promise<StoreFile | null> {
  let text: string;
  try {
    text = await readFile(storePath, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return null;
    throw new StoreError(
      `Cannot read the store file ${storePath} (${e.code ?? e.message}). Check that it is a readable file, or use another one with the config's store.path (or --config).`,
      'unreadable',
    );
  }
  const parsed = parseStoreText(text);
  if (parsed.ok) return parsed.data;
  if (parsed.code === 'unreadable') {
    throw new StoreError(
      `Cannot use the store file ${storePath}: ${parsed.problem}. Upgrade RivalWatch, or use another store file with the config's store.path (or --config). The file was not changed.`,
      'unreadable',
    );
  }
  throw new StoreError(
    `The store file ${storePath} is damaged: ${parsed.problem}. RivalWatch did not change it. ${await describeBackup(storePath)}`,
    'corrupt',
  );
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems cannot fsync a folder; the rename is still atomic there.
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

/** Points `<store>.bak` at the current version. A hard link costs nothing; copy where links are refused. */
async function keepBackup(storePath: string): Promise<void> {
  const bakTemp = `${tempPath(storePath)}.bak`;
  await rm(bakTemp, { force: true });
  try {
    await link(storePath, bakTemp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(storePath, bakTemp);
  }
  await rename(bakTemp, backupPath(storePath));
}

/** Writes `text` to `storePath` so that a crash at any moment leaves either the old or the new file. */
export async function writeDurably(storePath: string, text: string): Promise<void> {
  const temp = tempPath(storePath);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await keepBackup(storePath);
  await rename(temp, storePath);
  await fsyncDir(dirname(storePath));
}

/** The lowdb adapter: validated reads, durable atomic writes. */
export class StoreFileAdapter implements Adapter<StoreFile> {
  constructor(readonly path: string) {}

  read(): Promise<StoreFile | null> {
    return readStoreFile(this.path);
  }

  write(data: StoreFile): Promise<void> {
    // Serialized before any await, so the file is a consistent snapshot of the data at this call.
    const text = JSON.stringify(data);
    return writeDurably(this.path, text);
  }
}
