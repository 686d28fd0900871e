// Messages between the extension's pages/content script and the background worker, which alone
// holds the token and talks to the API. Everything a content script sends is checked here:
// a compromised or confused page must not be able to make the background do anything else.
import type { AddListingResult, AlertFeed, CatalogueEntry, OverlayData } from './api-types.ts';
import type { Digest, DigestList } from './digest-types.ts';
import type { Settings } from './settings.ts';

export const HISTORY_DAYS = [30, 90, 365] as const;
export type HistoryDays = (typeof HISTORY_DAYS)[number];

export type Request =
  | { type: 'overlay'; url: string; canonical: string | null; days: HistoryDays }
  | { type: 'search'; q: string }
  | { type: 'track'; url: string; sku: string; label: string | null }
  | { type: 'ui-settings' }
  | { type: 'status' }
  | { type: 'alerts' }
  | { type: 'ack'; ids: string[] | 'all' }
  | { type: 'digests' }
  | { type: 'digest'; week: string }
  | { type: 'open-options' };

/** Why a request could not be answered, in terms the UI turns into a clear state. */
export type Failure =
  | { kind: 'not-configured' }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'refused'; status: number; code: string; message: string };

export type Reply<T> = { ok: true; data: T } | { ok: false; failure: Failure };

/** What the UI of a content script may know about the settings: never the token. */
export type UiSettings = Pick<Settings, 'language' | 'position'> & { configured: boolean };

export interface Status {
  configured: boolean;
  serverUrl: string | null;
  connected: boolean;
  failure: Failure | null;
}

export interface Responses {
  overlay: OverlayData;
  search: CatalogueEntry[];
  track: AddListingResult;
  'ui-settings': UiSettings;
  status: Status;
  /** Unread alerts, fetched afresh (the badge is updated with them). */
  alerts: AlertFeed;
  /** The unread count after acknowledging. */
  ack: { acked: number; unread: number };
  digests: DigestList;
  digest: Digest;
  'open-options': null;
}

const MAX_URL = 4096;
const MAX_ACK = 1000;
const ALERT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WEEK = /^\d{4}-W\d{2}$/;

/** `value` as a normalised http(s) URL, or null: pages are opened and linked only when they are web pages. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function shortText(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

/** The request if `raw` is a well-formed one, else null (the background answers with an error). */
export function parseRequest(raw: unknown): Request | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'overlay': {
      const url = httpUrl(m.url);
      const canonical = m.canonical == null ? null : httpUrl(m.canonical);
      const days = HISTORY_DAYS.find((d) => d === m.days);
      if (!url || days === undefined || (m.canonical != null && !canonical)) return null;
      return { type: 'overlay', url, canonical, days };
    }
    case 'search': {
      const q = shortText(m.q, 200);
      return q === null ? null : { type: 'search', q };
    }
    case 'track': {
      const url = httpUrl(m.url);
      const sku = shortText(m.sku, 200);
      const label = m.label == null ? null : shortText(m.label, 500);
      if (!url || !sku || (m.label != null && label === null)) return null;
      return { type: 'track', url, sku, label };
    }
    case 'ack': {
      if (m.ids === 'all') return { type: 'ack', ids: 'all' };
      if (!Array.isArray(m.ids) || m.ids.length === 0 || m.ids.length > MAX_ACK) return null;
      const ids = m.ids.filter((id): id is string => typeof id === 'string' && ALERT_ID.test(id));
      return ids.length === m.ids.length ? { type: 'ack', ids } : null;
    }
    case 'digest':
      return typeof m.week === 'string' && WEEK.test(m.week) ? { type: 'digest', week: m.week } : null;
    case 'ui-settings':
    case 'status':
    case 'alerts':
    case 'digests':
    case 'open-options':
      return { type: m.type };
    default:
      return null;
  }
}

/** Sends a request to the background worker and waits for its reply. */
export async function ask<K extends Request['type']>(request: Extract<Request, { type: K }>): Promise<Reply<Responses[K]>> {
  try {
    const reply = (await chrome.runtime.sendMessage(request)) as Reply<Responses[K]> | undefined;
    return reply ?? { ok: false, failure: { kind: 'unreachable', message: 'the extension background did not answer' } };
  } catch (err) {
    return { ok: false, failure: { kind: 'unreachable', message: err instanceof Error ? err.message : String(err) } };
  }
}
