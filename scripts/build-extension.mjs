#!/usr/bin/env node
// Builds the browser extension (Chrome MV3 and Firefox MV3) with Plasmo when a build is missing or
// older than the extension's sources, and says where the builds are. Used by `rivalwatch demo`
// and the end-to-end tests. Node's standard library only, so it runs before anything else loads.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = join(ROOT, 'extension');

/** Where `plasmo build` writes each target, and the flags that select it. */
export const TARGETS = {
  chrome: { dir: join(EXTENSION_DIR, 'build', 'chrome-mv3-prod'), args: [] },
  firefox: { dir: join(EXTENSION_DIR, 'build', 'firefox-mv3-prod'), args: ['--target=firefox-mv3'] },
};

/** Generated or installed folders: a change there is not a change of the extension's sources. */
const NOT_SOURCES = new Set(['node_modules', 'build', '.plasmo', '.build.lock']);

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the target's manifest exists and is newer than every source file. */
export function isFresh(target) {
  const manifest = join(TARGETS[target].dir, 'manifest.json');
  return existsSync(manifest) && statSync(manifest).mtimeMs >= newestSourceMtime(EXTENSION_DIR);
}

// Builds share extension/.plasmo: two at once (two test files, a test and the demo) corrupt it.
// Within a process they queue here; across processes a lock directory serialises them.
let queue = Promise.resolve();
const LOCK_DIR = join(EXTENSION_DIR, '.build.lock');
const LOCK_STALE_MS = 10 * 60_000;

async function withBuildLock(work) {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A build killed half-way leaves its lock behind; no build takes ten minutes.
      const held = statSync(LOCK_DIR, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() - started > 2 * LOCK_STALE_MS) throw new Error(`another extension build holds ${LOCK_DIR}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function plasmoBuild(args, quiet) {
  // No token or server baked into the build: an operator pairs through the options page.
  const env = { ...process.env };
  delete env.PLASMO_PUBLIC_RW_SERVER;
  delete env.PLASMO_PUBLIC_RW_TOKEN;
  return new Promise((done, fail) => {
    const child = spawn('npx', ['plasmo', 'build', ...args], { cwd: EXTENSION_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d) => {
      output += d;
      if (!quiet) process.stderr.write(d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`npx plasmo build ${args.join(' ')} failed in ${EXTENSION_DIR} (exit ${code}):\n${output}`))));
  });
}

async function buildTarget(target, { quiet, force }) {
  const { dir, args } = TARGETS[target];
  if (!force && isFresh(target)) return dir;
  await withBuildLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (!force && isFresh(target)) return;
    if (!quiet) console.error(`[extension] building ${target} (npx plasmo build ${args.join(' ')})…`);
    await plasmoBuild(args, quiet);
  });
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`npx plasmo build ${args.join(' ')} wrote no ${join(dir, 'manifest.json')}`);
  return dir;
}

/**
 * Builds the Chrome and Firefox extensions unless their builds are newer than every source file.
 * Resolves to the unpacked build folders (absolute paths). `force` rebuilds regardless.
 */
export function buildExtension({ quiet = false, force = false, targets = ['chrome', 'firefox'] } = {}) {
  const run = queue.then(async () => {
    const out = {};
    for (const target of targets) out[target] = await buildTarget(target, { quiet, force });
    return out;
  });
  queue = run.catch(() => {});
  return run;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  buildExtension({ quiet: process.argv.includes('--quiet'), force }).then(
    (builds) => {
      console.log(`Chrome:  ${relative(process.cwd(), builds.chrome) || '.'}  (chrome://extensions → Developer mode → Load unpacked)`);
      console.log(`Firefox: ${relative(process.cwd(), builds.firefox) || '.'}/manifest.json  (about:debugging → Load Temporary Add-on)`);
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
