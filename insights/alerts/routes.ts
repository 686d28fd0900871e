// The alerts feed for the browser extension (popup unread list, toolbar badge, desktop
// notifications that open the product page) and the rules it shows, as a Fastify plugin the API
// registers behind its token check.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { Config } from '../../server/config.ts';
import { ApiError } from '../../server/api/errors.ts';
import type { AlertsConfig } from './config.ts';
import { ackAlerts, listAlerts } from './outbox.ts';
import { DOC, type Alert } from './types.ts';

export interface AlertRoutesDeps {
  store: Store;
  config: Config;
  alertsConfig: AlertsConfig;
  now?: () => Date;
}

/** An alert as the extension shows it: the message in the owner's language and the facts beside it. */
export function alertView(a: Alert) {
  return {
    id: a.id,
    at: a.at,
    createdAt: a.createdAt,
    severity: a.severity,
    ruleId: a.ruleId,
    ruleKind: a.ruleKind,
    condition: a.condition,
    owner: a.owner,
    language: a.language,
    message: a.messages[a.language],
    messages: a.messages,
    ...a.subject,
    old: a.facts.old ?? null,
    new: a.facts.new ?? null,
    ourPrice: a.facts.ourPrice ?? null,
    gap: a.facts.gap ?? null,
    acked: a.ackedAt !== null,
    ackedAt: a.ackedAt,
    delivery: Object.fromEntries(Object.entries(a.delivery).map(([c, d]) => [c, { status: d.status, attempts: d.attempts, lastError: d.lastError }])),
  };
}

/** What the extension may know about the setup: no URLs, secrets or addresses. */
export function rulesView(config: AlertsConfig) {
  return {
    rules: config.rules,
    owners: config.owners.map((o) => ({ name: o.name, language: o.language, timeZone: o.timeZone, quietHours: o.quietHours ?? null, channels: o.channels })),
    channels: config.channels.map((c) => ({ name: c.name, type: c.type, ...(c.type === 'webhook' ? { format: c.format } : {}) })),
    suspiciousMoveBound: config.suspiciousMoveBound,
  };
}

export function alertsRoutes(deps: AlertRoutesDeps): (app: FastifyInstance) => Promise<void> {
  const extensionChannels = deps.alertsConfig.channels.filter((c) => c.type === 'extension').map((c) => c.name);
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/alerts',
      {
        schema: {
          summary: 'The alerts feed: newest first, with the unread count for the toolbar badge',
          querystring: z.object({
            unread: z.enum(['0', '1', 'true', 'false']).optional(),
            all: z.enum(['0', '1', 'true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (req) => {
        const truthy = (v?: string) => v === '1' || v === 'true';
        // Alerts routed to an extension channel; every alert when none is configured (or ?all=1).
        const channels = truthy(req.query.all) || extensionChannels.length === 0 ? undefined : extensionChannels;
        const feed = await listAlerts(deps.store, { channels });
        const unread = feed.filter((a) => a.ackedAt === null);
        const shown = (truthy(req.query.unread) ? unread : feed).slice(0, req.query.limit);
        return { unread: unread.length, alerts: shown.map(alertView) };
      },
    );
    r.post(
      '/api/alerts/:id/ack',
      { schema: { summary: 'Acknowledge one alert (mark it read)', params: z.object({ id: z.string().min(1).max(64) }) } },
      async (req) => {
        const record = await deps.store.getDocument<Alert>(DOC.alert, req.params.id);
        if (!record) throw new ApiError(404, 'not-found', `no alert ${req.params.id}; list them with GET /api/alerts`);
        const [acked] = await ackAlerts(deps.store, [req.params.id], now());
        return { alert: alertView(acked ?? record.doc) };
      },
    );
    r.post(
      '/api/alerts/ack',
      {
        schema: {
          summary: 'Acknowledge several alerts, or all unread ones',
          body: z.union([z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(), z.object({ all: z.literal(true) }).strict()]),
        },
      },
      async (req) => {
        const acked = await ackAlerts(deps.store, 'all' in req.body ? 'all' : req.body.ids, now());
        return { acked: acked.length };
      },
    );
    r.get('/api/alerts/rules', { schema: { summary: 'Alert rules, owners and channel names (no URLs or secrets)' } }, async () => rulesView(deps.alertsConfig));
  };
}
