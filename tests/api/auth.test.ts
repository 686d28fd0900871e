import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, config, type Fixture } from './fixtures.ts';
import { startTestApi, type TestApi } from './client.ts';
import { bearerMatches } from '../../server/api/auth.ts';
import { ensureToken, extensionSetupInstructions, rotateToken, pairingLink, readToken } from '../../server/api/token.ts';

let fx: Fixture;
let t: TestApi;
let current: string;

beforeAll(async () => {
  fx = await buildFixture();
  current = await ensureToken(fx.store);
  t = await startTestApi(fx.store, config, { token: () => current });
});
afterAll(async () => {
  await t?.api.close();
  await fx?.cleanup();
});

describe('API authentication', () => {
  it('serves /api/health without a token', async () => {
    const res = await t.call('/api/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  it('refuses a request without the Authorization header, saying what to send', async () => {
    const res = await t.call('/api/products', { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.error.message).toMatch(/Authorization header is missing/);
  });

  it('refuses a wrong token and a malformed header', async () => {
    expect((await t.call('/api/products', { token: `${current}x` })).status).toBe(401);
    expect((await t.call('/api/products', { token: null, headers: { authorization: current } })).status).toBe(401);
    expect((await t.call('/api/openapi.json', { token: 'nope' })).status).toBe(401);
  });

  it('accepts the current token, and after a rotation refuses the old one', async () => {
    expect((await t.call('/api/products', { token: current })).status).toBe(200);
    const old = current;
    current = await rotateToken(fx.store);
    expect(current).not.toBe(old);
    expect(await readToken(fx.store)).toBe(current);
    const refused = await t.call('/api/products', { token: old });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/wrong or was rotated/);
    expect((await t.call('/api/products', { token: current })).status).toBe(200);
  });

  it('makes 32-byte base64url tokens that survive reopening the store', async () => {
    expect(current).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await ensureToken(fx.store)).toBe(current);
  });

  it('compares tokens by digest: same length or not, only the exact token matches', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abd', 'abc')).toBe(false);
    expect(bearerMatches('Bearer ab', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
  });

  it('builds a pairing link the options page can parse', () => {
    const link = new URL(pairingLink('http://127.0.0.1:4477/', 'tok_en-1'));
    expect(link.protocol).toBe('rivalwatch:');
    expect(link.searchParams.get('server')).toBe('http://127.0.0.1:4477');
    expect(link.searchParams.get('token')).toBe('tok_en-1');
    const lines = extensionSetupInstructions('http://127.0.0.1:4477', 'tok_en-1').join('\n');
    expect(lines).toContain('extension/build/chrome-mv3-prod');
    expect(lines).toContain('rivalwatch://pair?server=http%3A%2F%2F127.0.0.1%3A4477&token=tok_en-1');
  });
});

describe('API CORS', () => {
  it('answers an extension origin with CORS headers, preflight included', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const res = await t.call('/api/products', { token: current, headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const pre = await fetch(`${t.api.url}/api/listings`, {
      method: 'OPTIONS',
      headers: { origin: 'moz-extension://6f1c2a3b-0000-4000-8000-123456789abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('moz-extension://6f1c2a3b-0000-4000-8000-123456789abc');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('refuses web pages, even with the right token', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:9999', 'null']) {
      const res = await t.call('/api/products', { token: current, headers: { origin } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden-origin');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
