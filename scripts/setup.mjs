#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies when package-lock.json changed since
// the last install, and Debian's Chromium when it is missing (as root; otherwise says how).
// Uses only Node's standard library because it runs before node_modules exists. Idempotent.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (msg) => { if (!quiet) console.error(`[setup] ${msg}`); };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[setup] '${cmd} ${args.join(' ')}' failed with exit code ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.rivalwatch-setup');
const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (want !== have) {
  // Said even in --quiet mode: the first run of a fresh clone waits a minute here.
  console.error('[setup] installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, want);
}

export const CHROMIUM = process.env.RIVALWATCH_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.error('[setup] installing Debian\'s chromium (needed for pages rendered by JavaScript)…');
    run('apt-get', ['update', '-qq'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`[setup] Chromium not found at ${CHROMIUM}. Install it with 'sudo apt-get install chromium' ` +
      '(or set RIVALWATCH_CHROMIUM to a Chromium binary); pages that need a browser will fail until then.');
  }
}
