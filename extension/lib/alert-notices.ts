// What the toolbar shows for the unread alerts, and which alerts deserve a desktop notification:
// pure decisions, so the background worker only carries them out.
import type { AlertView } from './api-types.ts';
import { translator } from './i18n.ts';
import type { Language } from './settings.ts';

/** Alerts already notified (or present when the extension was paired), per server. */
export interface SeenAlerts {
  server: string;
  ids: string[];
}

/** One poll never raises more notifications than this; the rest are counted in a summary. */
export const MAX_NOTICES = 4;
const MAX_SEEN = 500;

export interface NoticePlan {
  notify: AlertView[];
  /** New alerts beyond MAX_NOTICES, announced together. */
  more: number;
  seen: SeenAlerts;
}

/**
 * The alerts to notify: those in the unread feed not seen before. The first feed from a server
 * is the baseline: pairing with a server full of old alerts shows them on the badge and in the
 * popup, not as a burst of notifications.
 */
export function planNotices(feed: AlertView[], seen: SeenAlerts | null, server: string): NoticePlan {
  const current = feed.map((a) => a.id);
  if (!seen || seen.server !== server) return { notify: [], more: 0, seen: { server, ids: current.slice(0, MAX_SEEN) } };
  const known = new Set(seen.ids);
  const fresh = feed.filter((a) => !known.has(a.id));
  // Ids in the feed come first, so trimming only forgets alerts that are no longer unread.
  const inFeed = new Set(current);
  const ids = [...current, ...seen.ids.filter((id) => !inFeed.has(id))].slice(0, MAX_SEEN);
  return { notify: fresh.slice(0, MAX_NOTICES), more: Math.max(0, fresh.length - MAX_NOTICES), seen: { server, ids } };
}

export interface Badge {
  text: string;
  color: string;
}

export const BADGE_COLORS = { critical: '#d92d20', warning: '#dc6803', offline: '#667085' } as const;

/** The unread count on the toolbar icon: red when one of them is critical. */
export function badgeFor(unread: number, feed: AlertView[]): Badge {
  if (unread <= 0) return { text: '', color: BADGE_COLORS.warning };
  return { text: unread > 99 ? '99+' : String(unread), color: feed.some((a) => a.severity === 'critical') ? BADGE_COLORS.critical : BADGE_COLORS.warning };
}

/** The message without its "[WARNING]" / "【警告】" tag: the UI shows the severity on its own. */
export function alertText(alert: AlertView, language: Language): string {
  const message = alert.messages[language] ?? alert.messages.en ?? '';
  return message.replace(/^\s*(?:\[[A-Z]+\]|【[^】]{1,8}】)\s*/, '');
}

export function noticeFor(alert: AlertView, language: Language): { title: string; message: string } {
  const t = translator(language);
  return { title: `${t(`severity.${alert.severity}`)} · ${alert.competitor}`, message: alertText(alert, language) };
}
