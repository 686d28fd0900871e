// The alerts feed over the real API server: unread list and badge count, ack, rules without secrets.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../server/api/index.ts';
import { ensureToken } from '../../server/api/token.ts';
import { validateConfig } from '../../server/config.ts';
import { parseAlertsConfig } from '../../insights/alerts/config.ts';
import { enqueueAlerts, toAlert } from '../../insights/alerts/outbox.ts';
import { alertsRoutes } from '../../insights/alerts/routes.ts';
import type { AlertEvent } from '../../insights/alerts/types.ts';
import { tempStore } from './receivers.ts';

let ctx: Awaited<ReturnType<typeof tempStore>>;
let api: RunningApi;
let token: string;

const alertsConfig = parseAlertsConfig(
  {
    channels: [
      { name: 'browser', type: 'extension' },
      { name: 'hook', type: 'webhook', format: 'dingtalk', url: 'http://127.0.0.1:9/robot?access_token=SECRET-TOKEN', secret: 'SECRET' },
    ],
    owners: [
      { name: 'pricing', language: 'zh-CN', timeZone: 'Asia/Shanghai', channels: ['browser', 'hook'] },
      { name: 'ops', channels: ['hook'] },
    ],
    rules: [
      { id: 'undercut', kind: 'undercut', owner: 'pricing', warning: { percent: 1 } },
      { id: 'blocked', kind: 'blocked', owner: 'ops', warning: { consecutive: 2 } },
    ],
  },
  'test.yaml',
);

function event(n: number, ruleId = 'undercut', owner = 'pricing'): AlertEvent {
  return {
    eventKey: `${ruleId}|L${n}|x|ep1|warning`,
    ruleId,
    ruleKind: ruleId === 'blocked' ? 'blocked' : 'undercut',
    severity: 'warning',
    owner,
    condition: 'x',
    at: `2024-06-0${n}T00:00:00.000Z`,
    subject: { listingId: `L${n}`, url: `http://shop.test/${n}`, competitor: 'Acme', sku: 'SKU-1', productName: 'Widget', title: null },
    facts: { new: { type: 'money', money: { amountMinor: 1000, currency: 'CNY' } }, ourPrice: { amountMinor: 1200, currency: 'CNY' } },
  };
}

beforeAll(async () => {
  ctx = await tempStore();
  const config = validateConfig({ shop: { name: 'Us', currency: 'CNY' } }, 'test.yaml');
  for (const [i, e] of [event(1), event(2), event(3, 'blocked', 'ops')].entries()) {
    await enqueueAlerts(ctx.store, [toAlert(e, alertsConfig, `2024-06-0${i + 1}T00:00:00.000Z`)], `2024-06-0${i + 1}T00:00:00.000Z`);
  }
  token = await ensureToken(ctx.store);
  api = await startApi({ store: ctx.store, config, token: () => token, extraRoutes: [alertsRoutes({ store: ctx.store, config, alertsConfig })] });
});
afterAll(async () => {
  await api.close();
  await ctx.cleanup();
});

async function call(path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}) {
  const res = await fetch(`${api.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.auth === false ? {} : { authorization: `Bearer ${token}` }), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

it('needs the token', async () => {
  expect((await call('/api/alerts', { auth: false })).status).toBe(401);
});

it('lists the extension feed newest first with the unread count, and acknowledges', async () => {
  const feed = await call('/api/alerts?unread=1');
  expect(feed.status).toBe(200);
  expect(feed.body.unread).toBe(2);
  expect(feed.body.alerts.map((a: { listingId: string }) => a.listingId)).toEqual(['L2', 'L1']);
  expect(feed.body.alerts[0]).toMatchObject({ severity: 'warning', language: 'zh-CN', url: 'http://shop.test/2', acked: false, delivery: { browser: { status: 'pending' } } });
  expect(feed.body.alerts[0].message).toMatch(/^【警告】竞品 Acme/);

  const acked = await call(`/api/alerts/${feed.body.alerts[0].id}/ack`, { method: 'POST' });
  expect(acked.body.alert.acked).toBe(true);
  expect((await call('/api/alerts?unread=1')).body.unread).toBe(1);
  expect((await call('/api/alerts/nope/ack', { method: 'POST' })).status).toBe(404);

  expect((await call('/api/alerts?all=1')).body.alerts).toHaveLength(3);
  expect((await call('/api/alerts/ack', { method: 'POST', body: { all: true } })).body).toEqual({ acked: 2 });
  expect((await call('/api/alerts?unread=1&all=1')).body.unread).toBe(0);
  expect((await call('/api/alerts/ack', { method: 'POST', body: { nothing: 1 } })).status).toBe(400);
});

it('shows rules, owners and channels without URLs or secrets', async () => {
  const { body } = await call('/api/alerts/rules');
  expect(body.rules.map((r: { id: string }) => r.id)).toEqual(['undercut', 'blocked']);
  expect(body.channels).toEqual([{ name: 'browser', type: 'extension' }, { name: 'hook', type: 'webhook', format: 'dingtalk' }]);
  expect(JSON.stringify(body)).not.toContain('SECRET');
});
