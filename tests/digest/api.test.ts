// The digest routes inside the real API (token, error handling) and the `rivalwatch digest`
// command on a store written by the fixture.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../server/api/index.ts';
import { createContext } from '../../server/context.ts';
import { register } from '../../server/commands/digest.ts';
import { digestRoutes } from '../../insights/digest/routes.ts';
import type { Digest } from '../../insights/digest/types.ts';
import { createFixture, type Fixture } from './fixture.ts';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

let fx: Fixture;
let app: FastifyInstance;
const NOW = new Date('2026-11-24T08:00:00Z');
const auth = { authorization: 'Bearer test-token' };

beforeAll(async () => {
  fx = await createFixture({ languages: ['zh-CN', 'en'] });
  app = await createApi({
    store: fx.store,
    config: fx.loaded.config,
    token: () => 'test-token',
    now: () => NOW,
    extraRoutes: [digestRoutes({ store: fx.store, config: fx.loaded, now: () => NOW })],
  });
});
afterAll(async () => {
  await app?.close();
  await fx?.cleanup();
});

describe('GET /api/digests', () => {
  it('needs the token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/digests' })).statusCode).toBe(401);
  });

  it('builds and archives a complete week on demand, in every format and language', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/digests/2026-W47', headers: auth });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['x-rivalwatch-digest-archived']).toBe('true');
    const digest = json.json<Digest>();
    expect(digest.period.week).toBe('2026-W47');
    expect((await fx.store.getDocument('digest', '2026-W47'))?.doc).toEqual(digest);

    const html = await app.inject({ method: 'GET', url: '/api/digests/2026-W47?format=html', headers: auth });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    // The first configured language is the default.
    expect(html.body).toContain('<h1 style="font-size:22px;margin:2px 0 4px;color:#1f2933">竞品周报</h1>');
    const md = await app.inject({ method: 'GET', url: '/api/digests/2026-W47?format=md&lang=en', headers: auth });
    expect(md.body).toMatch(/^# Weekly competitor digest/);
    const csv = await app.inject({ method: 'GET', url: '/api/digests/last?format=csv', headers: auth });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('# table: undercuts');
  });

  it('lists the weeks, newest first, marking archived and current ones', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/digests?limit=60', headers: auth });
    const body = res.json<{ lastComplete: string; timeZone: string; weeks: { week: string; archived: boolean; current: boolean; campaigns: string[] }[] }>();
    expect(body).toMatchObject({ lastComplete: '2026-W47', timeZone: 'Asia/Shanghai' });
    expect(body.weeks[0]).toMatchObject({ week: '2026-W48', current: true, archived: false });
    expect(body.weeks[1]).toMatchObject({ week: '2026-W47', current: false, archived: true });
    expect(body.weeks.find((w) => w.week === '2026-W46')?.campaigns).toEqual(['double11']);
    // Back to the week of the first listing (1 Nov 2025), no further.
    expect(body.weeks.at(-1)?.week).toBe('2025-W44');
  });

  it('a running week is served but not archived; bad and future weeks are refused with a reason', async () => {
    const running = await app.inject({ method: 'GET', url: '/api/digests/2026-W48', headers: auth });
    expect(running.statusCode).toBe(200);
    expect(running.headers['x-rivalwatch-digest-partial']).toBe('true');
    expect(running.headers['x-rivalwatch-digest-archived']).toBe('false');
    const future = await app.inject({ method: 'GET', url: '/api/digests/2026-W50', headers: auth });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toMatch(/2026-W50 has not started yet/);
    const bad = await app.inject({ method: 'GET', url: '/api/digests/2026-W61', headers: auth });
    expect(bad.statusCode).toBe(400);
    const badFormat = await app.inject({ method: 'GET', url: '/api/digests/2026-W47?format=pdf', headers: auth });
    expect(badFormat.statusCode).toBe(400);
  });
});

describe('rivalwatch digest', () => {
  it('writes a chosen week and format to a file or a directory, reading the store without its lock', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rw-digest-out-'));
    try {
      const configFile = join(fx.dir, 'cli.config.yaml');
      writeFileSync(configFile, stringify({ ...fx.loaded.config, digest: { languages: ['en'] } }));
      const run = async (...args: string[]) => {
        const program = new Command('rivalwatch').option('-c, --config <path>').exitOverride();
        register(program, createContext(program));
        await program.parseAsync(['node', 'rivalwatch', '--config', configFile, 'digest', ...args]);
      };
      await run('--week', '2026-W47', '--out', join(out, 'w47.json'));
      const digest = JSON.parse(readFileSync(join(out, 'w47.json'), 'utf8')) as Digest;
      expect(digest.period.week).toBe('2026-W47');
      await run('--at', '2026-11-24T08:00:00Z', '--format', 'html', '--lang', 'zh-CN', '--out', out);
      expect(readdirSync(out).sort()).toEqual(['rivalwatch-digest-2026-W47.zh-CN.html', 'w47.json']);
      expect(readFileSync(join(out, 'rivalwatch-digest-2026-W47.zh-CN.html'), 'utf8')).toContain('竞品周报');
      await expect(run('--week', 'W47')).rejects.toThrow(/"W47" is not a week/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
