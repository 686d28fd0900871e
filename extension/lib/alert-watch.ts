// The background's watch on the alerts feed: polls GET /api/alerts?unread=1 every minute (and
// whenever the popup opens), keeps the toolbar badge at the unread count, raises a desktop
// notification for each new alert, and opens the product page when one is clicked.
import { badgeFor, BADGE_COLORS, noticeFor, planNotices, type SeenAlerts } from './alert-notices.ts';
import type { AlertFeed } from './api-types.ts';
import type { ApiClient } from './client.ts';
import { translator } from './i18n.ts';
import { httpUrl, type Reply } from './protocol.ts';
import type { Settings } from './settings.ts';

const ALARM = 'rivalwatch.alerts';
const SEEN_KEY = 'rivalwatch.alertsSeen';
/** Notification id → the product page it opens; kept in storage because the worker is short-lived. */
const TARGETS_KEY = 'rivalwatch.noticeTargets';
const NOTICE_PREFIX = 'rw-alert:';
const SUMMARY_ID = 'rw-alerts-more';
const FEED_LIMIT = 100;
const MAX_TARGETS = 50;

export interface AlertWatch {
  /** Fetches the unread feed now, updates the badge and notifies new alerts. */
  refresh(): Promise<Reply<AlertFeed>>;
  ack(ids: string[] | 'all'): Promise<Reply<{ acked: number; unread: number }>>;
}

function iconUrl(): string {
  const [largest] = Object.entries(chrome.runtime.getManifest().icons ?? {}).sort(([a], [b]) => Number(b) - Number(a));
  return chrome.runtime.getURL(largest ? largest[1] : 'icon.png');
}

async function setBadge(text: string, color: string, title: string): Promise<void> {
  await Promise.all([chrome.action.setBadgeText({ text }), chrome.action.setBadgeBackgroundColor({ color }), chrome.action.setTitle({ title })]);
}

async function rememberTargets(added: Record<string, string>): Promise<void> {
  const stored = ((await chrome.storage.local.get(TARGETS_KEY))[TARGETS_KEY] ?? {}) as Record<string, string>;
  const merged = Object.entries({ ...stored, ...added }).slice(-MAX_TARGETS);
  await chrome.storage.local.set({ [TARGETS_KEY]: Object.fromEntries(merged) });
}

export function createAlertWatch(client: ApiClient, settings: () => Promise<Settings>): AlertWatch {
  let inFlight: Promise<Reply<AlertFeed>> | null = null;

  async function notify(feed: AlertFeed, s: Settings): Promise<void> {
    const stored = (await chrome.storage.local.get(SEEN_KEY))[SEEN_KEY] as SeenAlerts | undefined;
    const plan = planNotices(feed.alerts, stored ?? null, s.serverUrl);
    const targets: Record<string, string> = {};
    for (const alert of plan.notify) {
      const id = `${NOTICE_PREFIX}${alert.id}`;
      const { title, message } = noticeFor(alert, s.language);
      const url = httpUrl(alert.url);
      if (url) targets[id] = url;
      await chrome.notifications.create(id, { type: 'basic', iconUrl: iconUrl(), title, message, priority: alert.severity === 'critical' ? 2 : 0 });
    }
    if (plan.more > 0) {
      const t = translator(s.language);
      await chrome.notifications.create(SUMMARY_ID, { type: 'basic', iconUrl: iconUrl(), title: t('appName'), message: t('moreAlerts', { n: plan.more }) });
    }
    if (Object.keys(targets).length) await rememberTargets(targets);
    await chrome.storage.local.set({ [SEEN_KEY]: plan.seen });
  }

  async function poll(): Promise<Reply<AlertFeed>> {
    const s = await settings();
    const t = translator(s.language);
    const reply = await client.request<AlertFeed>('GET', `/api/alerts?unread=1&limit=${FEED_LIMIT}`);
    if (!reply.ok) {
      if (reply.failure.kind === 'not-configured') await setBadge('', BADGE_COLORS.offline, t('badgeNotPaired'));
      else await setBadge('!', BADGE_COLORS.offline, `${t('appName')}: ${t('notConnected')}`);
      return reply;
    }
    const badge = badgeFor(reply.data.unread, reply.data.alerts);
    await setBadge(badge.text, badge.color, reply.data.unread ? t('badgeUnread', { n: reply.data.unread }) : t('appName'));
    await notify(reply.data, s);
    return reply;
  }

  const refresh = () => {
    // One fetch at a time: the alarm and an opening popup must not notify the same alert twice.
    inFlight ??= poll().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void refresh();
  });
  chrome.notifications.onClicked.addListener((id) => {
    void (async () => {
      const targets = ((await chrome.storage.local.get(TARGETS_KEY))[TARGETS_KEY] ?? {}) as Record<string, string>;
      const url = targets[id];
      // The overlay on that page shows the price history behind the alert.
      if (url) await chrome.tabs.create({ url });
      await chrome.notifications.clear(id);
    })();
  });
  // Alarms survive the worker going idle; creating it again only moves its first run.
  void chrome.alarms.get(ALARM).then((existing) => {
    if (!existing) void chrome.alarms.create(ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  });

  return {
    refresh,
    async ack(ids) {
      const reply = await client.request<{ acked: number }>('POST', '/api/alerts/ack', ids === 'all' ? { all: true } : { ids });
      if (!reply.ok) return reply;
      // A read alert's notification has nothing left to say.
      const shown = Object.keys(await chrome.notifications.getAll());
      const done = ids === 'all' ? shown.filter((id) => id.startsWith(NOTICE_PREFIX)) : ids.map((id) => `${NOTICE_PREFIX}${id}`).filter((id) => shown.includes(id));
      await Promise.all(done.map((id) => chrome.notifications.clear(id)));
      const feed = await refresh();
      return feed.ok ? { ok: true, data: { acked: reply.data.acked, unread: feed.data.unread } } : feed;
    },
  };
}
