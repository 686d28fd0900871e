// A throwaway PostgreSQL server for tests: its own data folder under the temp dir, listening only
// on 127.0.0.1 (and a unix socket inside that folder), fsync off, removed again by `stop()`.
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (Debian's
// package creates it). Without PostgreSQL binaries the caller gets `{ skipped: reason }`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the maintenance database, for CREATE DATABASE. */
  url: string;
  /** A new empty database on this server; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

export const POSTGRES_MISSING = 'PostgreSQL is not installed (apt-get install postgresql)';

/**
 * Where initdb and pg_ctl live: $RIVALWATCH_PG_BINDIR when set (only there: pointing it at an empty
 * folder runs the suite as if PostgreSQL were missing), else the newest /usr/lib/postgresql/N/bin,
 * else `pg_config --bindir`.
 */
export function findPostgresBinaries(): string | null {
  const candidates: string[] = [];
  const explicit = process.env.RIVALWATCH_PG_BINDIR;
  if (explicit) return existsSync(join(explicit, 'initdb')) && existsSync(join(explicit, 'pg_ctl')) ? explicit : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let databases = 0;

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | { skipped: string }> {
  const bin = findPostgresBinaries();
  if (!bin) return { skipped: POSTGRES_MISSING };
  const asRoot = userInfo().uid === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) return { skipped: 'PostgreSQL refuses to run as root and there is no `postgres` OS user to run it as (apt-get install postgresql creates one)' };
    owner = { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  // As root, every PostgreSQL program runs as the postgres user.
  const run = (program: string, args: string[]) => {
    const path = join(bin, program);
    return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' }) : execFileSync(path, args, { stdio: 'pipe' });
  };

  const dir = mkdtempSync(join(tmpdir(), 'rw-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=64MB',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new Error(`could not start a throwaway PostgreSQL from ${bin}: ${detail}`);
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async createDatabase(prefix = 'rw_test') {
      const name = `${prefix}_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
