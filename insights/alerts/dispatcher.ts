// The Dispatcher works through the outbox: each (alert, channel) is sent with retries, exponential
// backoff and jitter, its attempts and next attempt persisted. A delivery is marked 'sending' and
// flushed before the network call and 'delivered' after, so a restart never resends what was
// delivered; a crash in mid-call resends with the same idempotency key (at-least-once is the best a
// network allows; receivers can drop the repeat by that key). Alerts in an owner's quiet hours are
// held and sent as one summary per channel when the hours end.
import type { Store } from '../../store/store.ts';
import type { AlertsConfig, Channel } from './config.ts';
import { createEmailSender, sendWebhook } from './channels/send.ts';
import { single, summary, type Notification } from './channels/notification.ts';
import { OUTBOX, type OutboxEntry } from './outbox.ts';
import { quietUntil } from './quiet.ts';
import { DOC, type Alert, type Delivery } from './types.ts';
import { createHash } from 'node:crypto';

export interface DispatcherOptions {
  store: Store;
  alerts: AlertsConfig;
  now?: () => Date;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
  onWarning?: (message: string) => void;
}

export interface DispatchReport {
  delivered: number;
  retrying: number;
  held: number;
  failed: number;
}

export interface Dispatcher {
  /** One pass over the outbox: sends what is due, holds what is quiet, schedules retries. */
  dispatch(): Promise<DispatchReport>;
  /** Dispatches every `intervalMs` (never two passes at once) until stopped. */
  start(intervalMs?: number): { stop(): Promise<void> };
  /** Closes SMTP connections. */
  close(): void;
}

interface Job {
  alert: Alert;
  channel: Channel;
  notification: Notification;
  /** Alerts whose delivery on this channel this job settles (one, or a summary's). */
  members: Alert[];
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { store, alerts: config } = opts;
  const clock = () => (opts.now ? opts.now() : new Date());
  const random = opts.random ?? Math.random;
  const email = createEmailSender();
  const channels = new Map(config.channels.map((c) => [c.name, c]));
  const owners = new Map(config.owners.map((o) => [o.name, o]));

  function backoffMs(attempts: number): number {
    const base = config.delivery.baseDelaySeconds * 1000 * 2 ** Math.max(0, attempts - 1);
    const capped = Math.min(base, config.delivery.maxDelayMinutes * 60_000);
    return Math.round(capped * (0.5 + random() / 2));
  }

  async function send(channel: Channel, n: Notification, now: Date): Promise<void> {
    if (channel.type === 'webhook') return sendWebhook(channel, n, now);
    if (channel.type === 'email') return email.send(channel, n);
  }

  /** Writes the alerts whose delivery state changed since `seen`; true when anything was written. */
  async function saveChanged(alerts: Alert[], seen: Map<string, string>, at: string): Promise<boolean> {
    let wrote = false;
    for (const alert of alerts) {
      const now = JSON.stringify(alert.delivery);
      if (seen.get(alert.id) === now) continue;
      // Only the delivery state is ours: an acknowledgement made while we were sending stays.
      const fresh = (await store.getDocument<Alert>(DOC.alert, alert.id))?.doc ?? alert;
      await store.putDocument(DOC.alert, alert.id, { ...fresh, delivery: alert.delivery }, at);
      seen.set(alert.id, now);
      wrote = true;
    }
    return wrote;
  }

  async function dispatch(): Promise<DispatchReport> {
    const now = clock();
    const at = now.toISOString();
    const report: DispatchReport = { delivered: 0, retrying: 0, held: 0, failed: 0 };
    const queued = await store.listDocuments<OutboxEntry>(OUTBOX);
    const alerts: Alert[] = [];
    const batches: { id: string; alerts: Alert[] }[] = [];
    for (const q of queued) {
      const batch = { id: q.id, alerts: [] as Alert[] };
      for (const id of q.doc.alertIds) {
        const record = await store.getDocument<Alert>(DOC.alert, id);
        if (record) batch.alerts.push(record.doc);
      }
      batches.push(batch);
      alerts.push(...batch.alerts);
    }
    // A pass with nothing due writes nothing: the daemon runs one every few seconds.
    const seen = new Map(alerts.map((a) => [a.id, JSON.stringify(a.delivery)]));

    const jobs: Job[] = [];
    const summaries = new Map<string, Alert[]>();
    for (const alert of alerts) {
      const owner = owners.get(alert.owner);
      for (const name of alert.channels) {
        const d = alert.delivery[name];
        if (!d || d.status === 'delivered' || d.status === 'failed' || Date.parse(d.nextAttemptAt) > now.getTime()) continue;
        const channel = channels.get(name);
        if (!channel) {
          alert.delivery[name] = { ...d, status: 'failed', lastError: `channel "${name}" is no longer in the config` };
          report.failed++;
          continue;
        }
        if (channel.type === 'extension') {
          // The extension reads its feed from the API: the alert is delivered by being stored.
          alert.delivery[name] = { ...d, status: 'delivered', deliveredAt: at };
          report.delivered++;
          continue;
        }
        if (d.status === 'held') {
          if (d.heldUntil !== null && Date.parse(d.heldUntil) > now.getTime()) continue;
          const key = `${alert.owner}|${name}`;
          summaries.set(key, [...(summaries.get(key) ?? []), alert]);
          continue;
        }
        const until = quietUntil(owner, now, alert.severity);
        if (until) {
          alert.delivery[name] = { ...d, status: 'held', heldUntil: until.toISOString(), nextAttemptAt: until.toISOString() };
          report.held++;
          continue;
        }
        jobs.push({ alert, channel, members: [alert], notification: single(alert, alert.language, d.idempotencyKey) });
      }
    }
    for (const [key, members] of summaries) {
      const [ownerName, name] = key.split('|');
      const channel = channels.get(name) as Channel;
      const language = owners.get(ownerName)?.language ?? members[0].language;
      const summaryId = createHash('sha256').update(`${name}|${members.map((m) => m.id).sort().join(',')}`).digest('hex').slice(0, 12);
      jobs.push({ alert: members[0], channel, members, notification: summary(members, language, `rivalwatch-summary-${summaryId}`) });
      for (const m of members) m.delivery[name] = { ...m.delivery[name], summaryId };
    }

    // Durable before the network: every delivery about to be attempted is 'sending' on disk.
    for (const job of jobs) {
      for (const m of job.members) {
        const d = m.delivery[job.channel.name];
        m.delivery[job.channel.name] = { ...d, status: 'sending', attempts: d.attempts + 1 };
      }
    }
    if (await saveChanged(alerts, seen, at)) await store.flush();

    for (const job of jobs) {
      let error: string | null = null;
      try {
        await send(job.channel, job.notification, now);
      } catch (err) {
        error = (err as Error).message;
      }
      for (const m of job.members) {
        const name = job.channel.name;
        const d = m.delivery[name];
        m.delivery[name] = settle(d, m, error, now, job.notification.kind === 'summary');
        const status = m.delivery[name].status;
        if (status === 'delivered') report.delivered++;
        else if (status === 'failed') report.failed++;
        else report.retrying++;
      }
      if (error) opts.onWarning?.(error);
    }

    let wrote = await saveChanged(alerts, seen, at);
    const settled = (a: Alert) => a.channels.every((c) => ['delivered', 'failed'].includes(a.delivery[c]?.status ?? 'failed'));
    for (const batch of batches) if (batch.alerts.every(settled)) wrote = (await store.deleteDocument(OUTBOX, batch.id)) || wrote;
    if (wrote) await store.flush();
    return report;
  }

  function settle(d: Delivery, alert: Alert, error: string | null, now: Date, inSummary: boolean): Delivery {
    if (error === null) return { ...d, status: 'delivered', deliveredAt: now.toISOString(), lastError: null };
    const giveUp = now.getTime() - Date.parse(alert.createdAt) >= config.delivery.giveUpAfterHours * 3_600_000;
    if (giveUp) return { ...d, status: 'failed', lastError: error };
    // A failed summary stays held (due now), so it is retried as a summary, not split into many.
    const next = new Date(now.getTime() + backoffMs(d.attempts)).toISOString();
    return { ...d, status: inSummary ? 'held' : 'pending', lastError: error, nextAttemptAt: next, summaryId: inSummary ? d.summaryId : null };
  }

  return {
    dispatch,
    start(intervalMs = 15_000) {
      let running: Promise<unknown> = Promise.resolve();
      let stopped = false;
      const tick = () => {
        running = running.then(() => (stopped ? undefined : dispatch().catch((err: Error) => opts.onWarning?.(`alert dispatch failed: ${err.message}`))));
      };
      tick();
      const timer = setInterval(tick, intervalMs);
      return {
        async stop() {
          stopped = true;
          clearInterval(timer);
          await running;
        },
      };
    },
    close: () => email.close(),
  };
}

