// Sending last week's digest on its schedule, once per week even across restarts. What went out
// is recorded per channel in a "digest-sent" document (id = the week) right after each channel,
// so a restart never sends a channel twice, and a channel that failed is tried again on the next
// call while that week is still the last complete one.
import cron from 'node-cron';
import type { Store } from '../../store/store.ts';
import type { LoadedConfig } from '../../server/config.ts';
import { digestSettings } from './config.ts';
import { getDigest } from './build.ts';
import { deliveriesOf } from './deliver.ts';
import { lastCompleteWeek, weekBounds } from './week.ts';

export const SENT_KIND = 'digest-sent';

export type ChannelState = { sentAt: string } | { error: string; attempts: number; lastAttemptAt: string };

export interface SentRecord {
  week: string;
  channels: Record<string, ChannelState>;
}

export interface SendOutcome {
  week: string;
  status: 'disabled' | 'not-due' | 'already-sent' | 'sent' | 'failed';
  /** When the schedule made this week's digest due (null: not yet). */
  dueAt: string | null;
  results: { channel: string; ok: boolean; error?: string }[];
}

/** The first minute at or after `fromMs` (and before `untilMs`) that the cron schedule fires in `timeZone`. */
export function firstRunBetween(schedule: string, timeZone: string, fromMs: number, untilMs: number): number | null {
  const task = cron.createTask(schedule, () => undefined, { timezone: timeZone });
  try {
    for (let ms = Math.ceil(fromMs / 60_000) * 60_000; ms <= untilMs; ms += 60_000) if (task.match(new Date(ms))) return ms;
    return null;
  } finally {
    void task.destroy();
  }
}

/**
 * Sends the digest of the last complete week if the schedule has made it due and a channel has
 * not had it yet. Builds (and archives) the digest on the way. Safe to call as often as wanted:
 * the daemon calls it on the schedule and every hour, and once at start to catch up.
 */
export async function maybeSendLastWeek(store: Store, loaded: LoadedConfig, now: Date = new Date()): Promise<SendOutcome> {
  const settings = digestSettings(loaded);
  const week = lastCompleteWeek(now.getTime(), settings.timeZone, settings.weekStart);
  if (!settings.enabled) return { week, status: 'disabled', dueAt: null, results: [] };
  const { endMs } = weekBounds(week, settings.timeZone, settings.weekStart);
  // The last complete week ended less than a week ago: at most 10,080 minutes to look at.
  const dueMs = firstRunBetween(settings.schedule, settings.timeZone, endMs, now.getTime());
  if (dueMs === null) return { week, status: 'not-due', dueAt: null, results: [] };
  const dueAt = new Date(dueMs).toISOString();

  const existing = await store.getDocument<SentRecord>(SENT_KIND, week);
  const record: SentRecord = existing?.doc ?? { week, channels: {} };
  const pending = deliveriesOf(settings).filter((d) => !('sentAt' in (record.channels[d.channel] ?? {})));
  if (existing && pending.length === 0) return { week, status: 'already-sent', dueAt, results: [] };

  const { digest } = await getDigest(store, loaded, week, now, { archive: true });
  const results: SendOutcome['results'] = [];
  for (const d of pending) {
    const at = now.toISOString();
    try {
      await d.send(digest, now);
      record.channels[d.channel] = { sentAt: at };
      results.push({ channel: d.channel, ok: true });
    } catch (err) {
      const before = record.channels[d.channel];
      const attempts = before && 'attempts' in before ? before.attempts + 1 : 1;
      const error = (err as Error).message;
      record.channels[d.channel] = { error, attempts, lastAttemptAt: at };
      results.push({ channel: d.channel, ok: false, error });
    }
    // Written after each channel, so a restart repeats at most the one channel in flight (whose
    // Message-ID / idempotency key lets the receiver drop the repeat).
    await store.putDocument(SENT_KIND, week, record, at);
    await store.flush();
  }
  if (pending.length === 0) {
    // No recipients: the digest is archived for the API, and the week is marked done.
    await store.putDocument(SENT_KIND, week, record, now.toISOString());
    await store.flush();
  }
  return { week, status: results.every((r) => r.ok) ? 'sent' : 'failed', dueAt, results };
}

export interface DigestScheduler {
  /** Runs a check now (also what the schedule does). */
  runNow(): Promise<SendOutcome>;
  stop(): Promise<void>;
}

/**
 * Runs `maybeSendLastWeek` on the digest schedule, every hour (retries, catch-up after downtime)
 * and once at start. Calls never overlap.
 */
export function scheduleDigest(
  store: Store,
  loaded: LoadedConfig,
  hooks: { onOutcome?: (o: SendOutcome) => void; onError?: (err: Error) => void; now?: () => Date } = {},
): DigestScheduler {
  const settings = digestSettings(loaded);
  let running: Promise<SendOutcome> | null = null;
  const runNow = (): Promise<SendOutcome> => {
    running ??= maybeSendLastWeek(store, loaded, hooks.now?.() ?? new Date())
      .then((o) => {
        hooks.onOutcome?.(o);
        return o;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    runNow().catch((err: Error) => hooks.onError?.(err));
  };
  const tasks = [
    cron.schedule(settings.schedule, tick, { timezone: settings.timeZone, name: 'digest' }),
    cron.schedule('17 * * * *', tick, { timezone: settings.timeZone, name: 'digest-retry' }),
  ];
  tick();
  return {
    runNow,
    async stop() {
      for (const t of tasks) await t.destroy();
      await running?.catch(() => undefined);
    },
  };
}
