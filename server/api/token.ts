// The API token: one random secret per installation, kept in the store beside the data it guards,
// so every process that opens the store (daemon, CLI) agrees on it without another file.
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.ts';

export const TOKEN_KIND = 'settings';
export const TOKEN_ID = 'api-token';

interface TokenDoc {
  token: string;
  createdAt: string;
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The current token without creating one (read-only stores), or null when none was made yet. */
export async function readToken(store: Store): Promise<string | null> {
  const record = await store.getDocument<TokenDoc>(TOKEN_KIND, TOKEN_ID);
  return record?.doc.token ?? null;
}

/** The current token, created (32 random bytes, base64url) and stored on first use. */
export async function ensureToken(store: Store, now: () => Date = () => new Date()): Promise<string> {
  const existing = await readToken(store);
  if (existing) return existing;
  return writeToken(store, now());
}

/** Replaces the token: every extension paired with the old one must pair again. */
export async function rotateToken(store: Store, now: () => Date = () => new Date()): Promise<string> {
  return writeToken(store, now());
}

async function writeToken(store: Store, at: Date): Promise<string> {
  const token = newToken();
  const iso = at.toISOString();
  await store.putDocument<TokenDoc>(TOKEN_KIND, TOKEN_ID, { token, createdAt: iso }, iso);
  await store.flush();
  return token;
}

/**
 * The link an operator pastes into the extension's options page. A custom scheme keeps it from
 * being opened (and logged) by a browser by accident; the options page parses it.
 */
export function pairingLink(serverUrl: string, token: string): string {
  const params = new URLSearchParams({ server: serverUrl.replace(/\/+$/, ''), token });
  return `rivalwatch://pair?${params.toString()}`;
}

/** The welcome lines `rivalwatch start` and `rivalwatch token` print: where the API is and how to pair. */
export function pairingInstructions(serverUrl: string, token: string): string[] {
  return [
    `API:     ${serverUrl.replace(/\/+$/, '')}/api (OpenAPI at /api/openapi.json)`,
    `Token:   ${token}`,
    `Pairing: ${pairingLink(serverUrl, token)}`,
    'In the browser extension, open Options and paste the pairing link (or the server URL and token).',
  ];
}

/** Where `npx plasmo build` (run in extension/) writes the unpacked extensions. */
export const EXTENSION_BUILDS = { chrome: 'extension/build/chrome-mv3-prod', firefox: 'extension/build/firefox-mv3-prod' } as const;

/** Everything an operator needs to see the overlay: build, load unpacked, pair. For `start` and `demo`. */
export function extensionSetupInstructions(serverUrl: string, token: string, builds?: { chrome: string; firefox: string } | null): string[] {
  const chrome = builds?.chrome ?? EXTENSION_BUILDS.chrome;
  const firefox = builds?.firefox ?? EXTENSION_BUILDS.firefox;
  return [
    'Browser extension:',
    builds
      ? '  1. Built:     the unpacked builds are ready (rebuild with: node scripts/build-extension.mjs --force)'
      : '  1. Build it:  node scripts/build-extension.mjs   (or: cd extension && npx plasmo build)',
    `  2. Load it:   Chrome → chrome://extensions → Developer mode → "Load unpacked" → ${chrome}`,
    `                Firefox → about:debugging → "Load Temporary Add-on" → ${firefox}/manifest.json`,
    '  3. Pair it:   open the extension\'s Options and paste this pairing link:',
    `                ${pairingLink(serverUrl, token)}`,
  ];
}
