// Sending last week's digest once per week, across restarts: a real SMTP receiver and a local
// webhook server, the store closed and opened again between calls as a restarted daemon would.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import { maybeSendLastWeek, scheduleDigest, SENT_KIND, type SendOutcome, type SentRecord } from '../../insights/digest/send.ts';
import { archivedDigest } from '../../insights/digest/build.ts';
import { createFixture, type Fixture } from './fixture.ts';

interface Hook {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

let smtp: SMTPServer;
let hooks: Server;
let fx: Fixture;
const mails: string[] = [];
const received: Hook[] = [];
let dingFailuresLeft = 1;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString('utf8')));
    req.on('end', () => resolve(s));
  });
}

beforeAll(async () => {
  process.env.RW_TEST_DING_SECRET = 'SEC-test-secret';
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  hooks = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    if (url.pathname === '/ding' && dingFailuresLeft-- > 0) return void res.writeHead(500).end('down for maintenance');
    received.push({ path: url.pathname, query: url.searchParams, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const hookBase = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  fx = await createFixture({
    languages: ['en', 'zh-CN'],
    formats: ['html', 'md', 'csv'],
    email: { smtp: { host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }, from: 'digest@shop.example', to: ['analysts@shop.example'] },
    webhooks: [
      { url: `${hookBase}/json`, format: 'json' },
      { url: `${hookBase}/ding?access_token=abc`, format: 'dingtalk', secret: 'env:RW_TEST_DING_SECRET', language: 'zh-CN' },
    ],
  });
  await fx.store.close();
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await new Promise((resolve) => hooks?.close(resolve));
  await fx?.cleanup();
  delete process.env.RW_TEST_DING_SECRET;
});

/** One daemon life: open the store, call, close. */
async function daemonRun(nowIso: string) {
  const store: Store = await openStore({ kind: 'lowdb', path: join(fx.dir, 'store.json') });
  try {
    return await maybeSendLastWeek(store, fx.loaded, new Date(nowIso));
  } finally {
    await store.close();
  }
}

describe('weekly sending', () => {
  it('waits for the schedule (Monday 09:00 Shanghai)', async () => {
    const outcome = await daemonRun('2026-11-23T00:59:00Z');
    expect(outcome).toMatchObject({ week: '2026-W47', status: 'not-due' });
    expect(mails).toHaveLength(0);
    expect(received).toHaveLength(0);
  });

  it('sends by email in each language and to each webhook; a failed webhook is retried, nothing is sent twice', async () => {
    const first = await daemonRun('2026-11-23T01:30:00Z');
    expect(first.status).toBe('failed');
    expect(first.dueAt).toBe('2026-11-23T01:00:00.000Z');
    expect(first.results.map((r) => [r.channel, r.ok])).toEqual([
      ['email:en', true],
      ['email:zh-CN', true],
      [expect.stringMatching(/^webhook:0:127\.0\.0\.1:\d+$/), true],
      [expect.stringMatching(/^webhook:1:127\.0\.0\.1:\d+$/), false],
    ]);
    expect(first.results[3].error).toMatch(/HTTP 500/);
    expect(mails).toHaveLength(2);
    expect(received.map((h) => h.path)).toEqual(['/json']);

    // Restarted an hour later: only the failed webhook goes out.
    const second = await daemonRun('2026-11-23T02:17:00Z');
    expect(second.status).toBe('sent');
    expect(second.results.map((r) => r.ok)).toEqual([true]);
    expect(mails).toHaveLength(2);
    expect(received.map((h) => h.path)).toEqual(['/json', '/ding']);

    // And once more, later in the week: nothing left to send.
    const third = await daemonRun('2026-11-25T10:00:00Z');
    expect(third.status).toBe('already-sent');
    expect(mails).toHaveLength(2);
    expect(received).toHaveLength(2);

    const store = await openStore({ kind: 'lowdb', path: join(fx.dir, 'store.json') }, { readOnly: true });
    try {
      const record = (await store.getDocument<SentRecord>(SENT_KIND, '2026-W47'))!.doc;
      expect(Object.values(record.channels).every((c) => 'sentAt' in c)).toBe(true);
      const archived = await archivedDigest(store, '2026-W47');
      expect(archived?.period.week).toBe('2026-W47');
      expect(archived?.generatedAt).toBe('2026-11-23T01:30:00.000Z');
    } finally {
      await store.close();
    }
  });

  it('the emails carry the HTML digest, a text part and the attachments', () => {
    const en = mails.find((m) => /Message-ID: <digest-2026-W47-en@rivalwatch>/i.test(m))!;
    expect(en).toBeDefined();
    expect(en).toMatch(/To: analysts@shop\.example/);
    expect(en).toMatch(/Content-Type: text\/html/);
    expect(en).toMatch(/Content-Type: text\/plain/);
    expect(en).toMatch(/filename=rivalwatch-digest-2026-W47\.en\.md/);
    expect(en).toMatch(/filename=rivalwatch-digest-2026-W47\.en\.csv/);
    const zh = mails.find((m) => /Message-ID: <digest-2026-W47-zh-CN@rivalwatch>/i.test(m))!;
    // The subject (竞品周报 …) is MIME-encoded UTF-8.
    const subject = /Subject: =\?UTF-8\?B\?([^?]+)\?=/.exec(zh)![1];
    expect(Buffer.from(subject, 'base64').toString('utf8')).toMatch(/^竞品周报 · Test Shop/);
    expect(zh).toMatch(/filename=rivalwatch-digest-2026-W47\.zh-CN\.md/);
  });

  it('webhooks: the JSON digest, and a signed DingTalk markdown message in Chinese', () => {
    const json = received.find((h) => h.path === '/json')!.body;
    expect(json).toMatchObject({ type: 'rivalwatch.digest', week: '2026-W47', language: 'en' });
    expect((json.digest as { period: { week: string } }).period.week).toBe('2026-W47');
    const ding = received.find((h) => h.path === '/ding')!;
    const ts = ding.query.get('timestamp')!;
    const expected = createHmac('sha256', 'SEC-test-secret').update(`${ts}\nSEC-test-secret`).digest('base64');
    expect(ding.query.get('sign')).toBe(expected);
    expect(ding.query.get('access_token')).toBe('abc');
    expect(ding.body).toMatchObject({ msgtype: 'markdown' });
    expect((ding.body.markdown as { text: string }).text).toContain('竞品周报');
  });
});

describe('the scheduler the daemon runs', () => {
  it('checks at start, never overlaps, archives last week even with no recipients, and stops', async () => {
    const quiet = await createFixture();
    try {
      const outcomes: SendOutcome[] = [];
      const scheduler = scheduleDigest(quiet.store, quiet.loaded, { now: () => new Date('2026-11-23T02:00:00Z'), onOutcome: (o) => outcomes.push(o) });
      const first = await scheduler.runNow();
      expect(first).toMatchObject({ week: '2026-W47', status: 'sent', results: [] });
      expect(await scheduler.runNow()).toMatchObject({ status: 'already-sent' });
      expect(outcomes.map((o) => o.status)).toEqual(['sent', 'already-sent']);
      expect(await archivedDigest(quiet.store, '2026-W47')).not.toBeNull();
      await scheduler.stop();
    } finally {
      await quiet.cleanup();
    }
  });
});
