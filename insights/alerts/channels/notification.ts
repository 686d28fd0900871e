// What a channel sends: one alert, or a quiet-hours summary of several, already in the owner's
// language. Channel formats turn this into a Slack, Feishu, DingTalk, WeCom, JSON or email body.
import type { Language, Severity } from '../config.ts';
import { summaryTitle } from '../messages.ts';
import type { Alert } from '../types.ts';

export interface NotificationItem {
  alertId: string;
  severity: Severity;
  /** The one-liner, plain text (scraped parts included: escape for the target markup). */
  message: string;
  url: string;
}

export interface Notification {
  kind: 'alert' | 'summary';
  language: Language;
  title: string;
  items: NotificationItem[];
  /** The same on every retry of this delivery, so a receiver can drop a repeat. */
  idempotencyKey: string;
  alerts: Alert[];
}

function item(alert: Alert, language: Language): NotificationItem {
  return { alertId: alert.id, severity: alert.severity, message: alert.messages[language], url: alert.subject.url };
}

export function single(alert: Alert, language: Language, idempotencyKey: string): Notification {
  return { kind: 'alert', language, title: alert.messages[language], items: [item(alert, language)], idempotencyKey, alerts: [alert] };
}

export function summary(alerts: Alert[], language: Language, idempotencyKey: string): Notification {
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  return { kind: 'summary', language, title: summaryTitle(language, alerts.length, critical), items: alerts.map((a) => item(a, language)), idempotencyKey, alerts };
}

/** The full message as plain text: the one-liner and its link, one per line. */
export function plainText(n: Notification): string {
  const lines = n.items.map((i) => `${i.message} — ${i.url}`);
  return n.kind === 'alert' ? lines.join('\n') : [n.title, '', ...lines.map((l) => `• ${l}`)].join('\n');
}
