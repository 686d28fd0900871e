// The outbox: an alert is written (and flushed) before anything is sent. Document kind 'alert'
// keeps the alert with its delivery state per channel; kind 'alert-outbox' holds one entry per
// batch of new alerts, dropped once every alert in it is settled, so the dispatcher never scans
// the whole alert history.
import { createHash } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { AlertsConfig } from './config.ts';
import { channelsOf } from './config.ts';
import { renderMessages } from './messages.ts';
import { DOC, type Alert, type AlertEvent, type Delivery } from './types.ts';

export const OUTBOX = 'alert-outbox';

/** A short id derived from the event key, so the same event can never become two alerts. */
export function alertId(eventKey: string): string {
  return createHash('sha256').update(eventKey).digest('hex').slice(0, 12);
}

export function idempotencyKey(alertId: string, channel: string): string {
  return `rivalwatch-${alertId}-${channel}`;
}

/** The alert as the outbox keeps it: messages in both languages, every channel pending. */
export function toAlert(event: AlertEvent, config: AlertsConfig, createdAt: string): Alert {
  const rule = config.rules.find((r) => r.id === event.ruleId);
  const owner = config.owners.find((o) => o.name === event.owner);
  const id = alertId(event.eventKey);
  const channels = rule ? channelsOf(config, rule) : (owner?.channels ?? []);
  const delivery: Record<string, Delivery> = {};
  for (const c of channels) {
    delivery[c] = {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: createdAt,
      lastError: null,
      deliveredAt: null,
      heldUntil: null,
      summaryId: null,
      idempotencyKey: idempotencyKey(id, c),
    };
  }
  return {
    ...event,
    id,
    createdAt,
    language: owner?.language ?? 'en',
    messages: renderMessages(event, owner?.timeZone ?? 'UTC'),
    channels,
    delivery,
    ackedAt: null,
  };
}

/** An outbox entry: alerts written together that still have deliveries to settle. */
export interface OutboxEntry {
  alertIds: string[];
}

/** Writes alerts not already in the store and queues them; the caller flushes. Returns the new ones. */
export async function enqueueAlerts(store: Store, alerts: Alert[], at: string): Promise<Alert[]> {
  const added: Alert[] = [];
  for (const alert of alerts) {
    if (await store.getDocument(DOC.alert, alert.id)) continue;
    await store.putDocument(DOC.alert, alert.id, alert, at);
    added.push(alert);
  }
  const queued = added.filter((a) => a.channels.length > 0).map((a) => a.id);
  if (queued.length > 0) await store.putDocument<OutboxEntry>(OUTBOX, `${at}|${queued[0]}`, { alertIds: queued }, at);
  return added;
}

export interface AlertQuery {
  /** Only alerts not yet acknowledged. */
  unread?: boolean;
  /** Only alerts routed to one of these channels. */
  channels?: readonly string[];
  limit?: number;
}

/** Alerts newest first. */
export async function listAlerts(store: Store, query: AlertQuery = {}): Promise<Alert[]> {
  const records = await store.listDocuments<Alert>(DOC.alert);
  const wanted = query.channels ? new Set(query.channels) : null;
  const alerts = records
    .map((r) => r.doc)
    .filter((a) => (!query.unread || a.ackedAt === null) && (!wanted || a.channels.some((c) => wanted.has(c))))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return query.limit === undefined ? alerts : alerts.slice(0, query.limit);
}

/** Acknowledges alerts by id (or every unread one); returns those that changed. Flushes. */
export async function ackAlerts(store: Store, ids: readonly string[] | 'all', at: string): Promise<Alert[]> {
  const targets = ids === 'all' ? await listAlerts(store, { unread: true }) : [];
  if (ids !== 'all') {
    for (const id of ids) {
      const record = await store.getDocument<Alert>(DOC.alert, id);
      if (record) targets.push(record.doc);
    }
  }
  const changed: Alert[] = [];
  for (const alert of targets) {
    if (alert.ackedAt !== null) continue;
    const acked = { ...alert, ackedAt: at };
    await store.putDocument(DOC.alert, alert.id, acked, at);
    changed.push(acked);
  }
  if (changed.length > 0) await store.flush();
  return changed;
}
