// Delivery through real receivers: every webhook format (with each platform's signing), email over
// SMTP, a webhook that is down for a while, and quiet hours turned into one summary.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAlertsConfig, type AlertsConfig } from '../../insights/alerts/config.ts';
import { createDispatcher } from '../../insights/alerts/dispatcher.ts';
import { enqueueAlerts, listAlerts, toAlert } from '../../insights/alerts/outbox.ts';
import type { AlertEvent } from '../../insights/alerts/types.ts';
import type { Money } from '../../store/model.ts';
import { startSmtpReceiver, startWebhookReceiver, tempStore, type SmtpReceiver, type WebhookReceiver } from './receivers.ts';

const cny = (major: number): Money => ({ amountMinor: major * 100, currency: 'CNY' });
const money = (major: number) => ({ type: 'money' as const, money: cny(major) });

function event(n: number, severity: 'warning' | 'critical' = 'warning', owner = 'pricing'): AlertEvent {
  return {
    eventKey: `undercut|L${n}|undercut|ep1|${severity}`,
    ruleId: 'undercut',
    ruleKind: 'undercut',
    severity,
    owner,
    condition: 'undercut',
    at: '2024-06-01T12:00:00.000Z',
    subject: { listingId: `L${n}`, url: `http://shop.test/item/${n}?a=1&b=2`, competitor: 'Acme', sku: `SKU-${n}`, productName: 'Widget <b>Pro</b> [x](http://evil)', title: null },
    facts: { old: money(1299), new: money(1099), ourPrice: cny(1199), gap: { amount: cny(100), percent: (100 / 1199) * 100 } },
  };
}

let hook: WebhookReceiver;
let smtp: SmtpReceiver;
let ctx: Awaited<ReturnType<typeof tempStore>>;
let clock: Date;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await hook.close();
  await smtp.close();
});
beforeEach(async () => {
  ctx = await tempStore();
  hook.received.length = 0;
  hook.rejected = 0;
  hook.mode = 'ok';
  smtp.messages.length = 0;
  clock = new Date('2024-06-01T04:00:00Z'); // 12:00 in Shanghai
});
afterEach(async () => {
  await ctx.cleanup();
});

function configWith(channels: unknown[], owner: Record<string, unknown> = {}): AlertsConfig {
  return parseAlertsConfig(
    {
      channels,
      owners: [{ name: 'pricing', language: 'en', timeZone: 'Asia/Shanghai', channels: channels.map((c) => (c as { name: string }).name), ...owner }],
      rules: [{ id: 'undercut', kind: 'undercut', owner: 'pricing', warning: { percent: 1 } }],
    },
    'test.yaml',
  );
}

async function enqueue(config: AlertsConfig, events: AlertEvent[]) {
  await enqueueAlerts(ctx.store, events.map((e) => toAlert(e, config, clock.toISOString())), clock.toISOString());
  await ctx.store.flush();
}

describe('webhook formats', () => {
  it('sends each platform its documented body and signature', async () => {
    const secret = 'SEC-test-secret';
    hook.answers.set('/feishu', '{"code":0,"msg":"success"}');
    hook.answers.set('/dingtalk', '{"errcode":0,"errmsg":"ok"}');
    hook.answers.set('/wecom', '{"errcode":0,"errmsg":"ok"}');
    const config = configWith([
      { name: 'slack', type: 'webhook', format: 'slack', url: `${hook.url}/slack` },
      { name: 'feishu', type: 'webhook', format: 'feishu', url: `${hook.url}/feishu`, secret },
      { name: 'dingtalk', type: 'webhook', format: 'dingtalk', url: `${hook.url}/dingtalk?access_token=abc`, secret },
      { name: 'wecom', type: 'webhook', format: 'wecom', url: `${hook.url}/wecom?key=k` },
      { name: 'json', type: 'webhook', format: 'json', url: `${hook.url}/json`, secret: 'env:RW_TEST_JSON_SECRET' },
    ]);
    process.env.RW_TEST_JSON_SECRET = secret;
    await enqueue(config, [event(1)]);
    const dispatcher = createDispatcher({ store: ctx.store, alerts: config, now: () => clock });
    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 5, retrying: 0 });
    const by = Object.fromEntries(hook.received.map((r) => [r.path, r]));
    expect(Object.keys(by).sort()).toEqual(['/dingtalk', '/feishu', '/json', '/slack', '/wecom']);

    const slack = by['/slack'].body;
    expect(slack.blocks[0].text.text).toContain('Widget &lt;b&gt;Pro&lt;/b&gt;');
    expect(slack.blocks[0].text.text).toContain('<http://shop.test/item/1?a=1&amp;b=2|Open page>');

    const feishu = by['/feishu'].body;
    expect(feishu.msg_type).toBe('post');
    const expected = createHmac('sha256', `${feishu.timestamp}\n${secret}`).update('').digest('base64');
    expect(feishu.sign).toBe(expected);
    expect(feishu.content.post.en_us.content[0][1]).toEqual({ tag: 'a', text: 'Open page', href: 'http://shop.test/item/1?a=1&b=2' });

    const ding = by['/dingtalk'];
    const ts = ding.query.get('timestamp') as string;
    expect(ding.query.get('access_token')).toBe('abc');
    expect(ding.query.get('sign')).toBe(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.text).toContain('\\[x\\]\\(http://evil\\)');
    expect(ding.body.markdown.text).not.toContain('<b>');

    expect(by['/wecom'].body.markdown.content).toContain('[Open page](http://shop.test/item/1?a=1&b=2)');

    const json = by['/json'];
    expect(json.headers['x-rivalwatch-signature']).toBe(`sha256=${createHmac('sha256', secret).update(json.raw).digest('hex')}`);
    expect(json.body).toMatchObject({ type: 'rivalwatch.alert', alerts: [{ ruleId: 'undercut', severity: 'warning', subject: { sku: 'SKU-1' } }] });
    expect(json.headers['idempotency-key']).toBe(json.body.idempotencyKey);

    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 0 });
    expect(hook.received).toHaveLength(5);
    const [alert] = await listAlerts(ctx.store);
    expect(Object.values(alert.delivery).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
    dispatcher.close();
  });

  it('treats a platform error code as a failed delivery and retries it', async () => {
    hook.answers.set('/dingtalk', '{"errcode":310000,"errmsg":"sign not match"}');
    const config = configWith([{ name: 'dingtalk', type: 'webhook', format: 'dingtalk', url: `${hook.url}/dingtalk` }]);
    await enqueue(config, [event(1)]);
    const dispatcher = createDispatcher({ store: ctx.store, alerts: config, now: () => clock, random: () => 0.5 });
    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 0, retrying: 1 });
    const [alert] = await listAlerts(ctx.store);
    expect(alert.delivery.dingtalk).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('sign not match') });
    dispatcher.close();
  });
});

describe('a webhook that is down for a while', () => {
  it('receives every alert exactly once after it recovers', async () => {
    const config = configWith([{ name: 'hook', type: 'webhook', format: 'json', url: `${hook.url}/json` }]);
    await enqueue(config, [event(1), event(2), event(3, 'critical')]);
    const dispatcher = createDispatcher({ store: ctx.store, alerts: config, now: () => clock, random: () => 0 });
    await hook.down();
    for (let i = 0; i < 3; i++) {
      const report = await dispatcher.dispatch();
      if (i === 0) expect(report).toMatchObject({ delivered: 0, retrying: 3 });
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    await hook.up();
    hook.mode = '503';
    await dispatcher.dispatch();
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(hook.rejected).toBeGreaterThan(0);
    const failing = await listAlerts(ctx.store);
    expect(failing.every((a) => a.delivery.hook.status === 'pending' && a.delivery.hook.attempts >= 2)).toBe(true);
    expect(failing[0].delivery.hook.lastError).toMatch(/503|unreachable/);

    hook.mode = 'ok';
    for (let i = 0; i < 4; i++) {
      await dispatcher.dispatch();
      clock = new Date(clock.getTime() + 60 * 60_000);
    }
    const keys = hook.received.map((r) => r.body.alerts[0].subject.listingId).sort();
    expect(keys).toEqual(['L1', 'L2', 'L3']);
    const ids = new Set(hook.received.map((r) => r.headers['idempotency-key']));
    expect(ids.size).toBe(3);
    const done = await listAlerts(ctx.store);
    expect(done.map((a) => a.delivery.hook.status)).toEqual(['delivered', 'delivered', 'delivered']);
    dispatcher.close();
  });
});

describe('email', () => {
  it('sends a plain-text and an HTML part, with scraped text escaped', async () => {
    const config = configWith([
      { name: 'mail', type: 'email', smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, from: 'rivalwatch@shop.test', to: ['pricing@shop.test'] },
    ]);
    await enqueue(config, [event(1)]);
    const dispatcher = createDispatcher({ store: ctx.store, alerts: config, now: () => clock });
    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 1 });
    dispatcher.close();
    expect(smtp.messages).toHaveLength(1);
    const [m] = smtp.messages;
    expect(m.to).toEqual(['pricing@shop.test']);
    expect(m.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(m.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(m.raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(m.raw).toMatch(/Message-ID: <rivalwatch-[0-9a-f]{12}-mail@rivalwatch>/);
    const unfolded = m.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain('Widget &lt;b&gt;Pro&lt;/b&gt;');
    expect(unfolded).not.toContain('<b>Pro</b></span>');
    expect(m.raw).toMatch(/Subject: =\?UTF-8\?Q\?=5BWARNING=5D_Acme_undercuts_us_on_SKU-1/);
  });
});

describe('quiet hours', () => {
  it('holds warnings during the owner\'s quiet hours, lets critical through, and sends one summary when they end', async () => {
    const config = configWith([{ name: 'hook', type: 'webhook', format: 'json', url: `${hook.url}/json` }], {
      language: 'zh-CN',
      quietHours: { start: '22:00', end: '08:00' },
    });
    clock = new Date('2024-06-01T15:30:00Z'); // 23:30 in Shanghai
    await enqueue(config, [event(1), event(2), event(3, 'critical')]);
    const dispatcher = createDispatcher({ store: ctx.store, alerts: config, now: () => clock });
    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 1, held: 2 });
    expect(hook.received.map((r) => r.body.type)).toEqual(['rivalwatch.alert']);
    expect(hook.received[0].body.title).toMatch(/^【严重】/);

    clock = new Date('2024-06-01T23:00:00Z'); // 07:00: still quiet
    await dispatcher.dispatch();
    expect(hook.received).toHaveLength(1);

    clock = new Date('2024-06-02T00:01:00Z'); // 08:01
    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 2 });
    expect(hook.received).toHaveLength(2);
    const digest = hook.received[1].body;
    expect(digest.type).toBe('rivalwatch.summary');
    expect(digest.title).toBe('RivalWatch：免打扰时段内共 2 条告警');
    expect(digest.alerts.map((a: { subject: { listingId: string } }) => a.subject.listingId).sort()).toEqual(['L1', 'L2']);
    await dispatcher.dispatch();
    expect(hook.received).toHaveLength(2);
    dispatcher.close();
  });
});
