// How old a listing's data is, judged against its competitor's crawl schedule.
import { createTask } from 'node-cron';
import type { FailureKind, ListingHistory } from '../../../store/model.ts';

const DAY_MS = 86_400_000;

export interface Freshness {
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  /** Time since the last successful crawl, in milliseconds; null when never crawled successfully. */
  ageMs: number | null;
  /** The longest gap between two scheduled crawls; null when no schedule is known. */
  expectedIntervalMs: number | null;
  /** Stale once the data is older than two scheduled intervals (24 hours without a schedule). */
  stale: boolean;
  staleAfterMs: number;
  consecutiveFailures: number;
  lastFailure: { kind: FailureKind; reason: string; at: string } | null;
}

const intervals = new Map<string, number | null>();

/** The longest gap between consecutive runs of a cron schedule (a day for "0 9 * * *"). */
export function scheduleIntervalMs(schedule: string): number | null {
  if (intervals.has(schedule)) return intervals.get(schedule) ?? null;
  let result: number | null = null;
  try {
    // A stopped task is only used to enumerate run times; it never fires and is destroyed at once.
    const task = createTask(schedule, () => undefined);
    const runs = task.getNextRuns(12).map((d) => d.getTime());
    void task.destroy();
    for (let i = 1; i < runs.length; i++) result = Math.max(result ?? 0, runs[i] - runs[i - 1]);
  } catch {
    result = null;
  }
  intervals.set(schedule, result);
  return result;
}

export function freshness(history: ListingHistory | null, schedule: string | null, now: Date): Freshness {
  const expectedIntervalMs = schedule ? scheduleIntervalMs(schedule) : null;
  const staleAfterMs = expectedIntervalMs ? 2 * expectedIntervalMs : DAY_MS;
  const lastOkAt = history?.lastOkAt ?? null;
  const ageMs = lastOkAt ? Math.max(0, now.getTime() - Date.parse(lastOkAt)) : null;
  const failure = history && history.consecutiveFailures > 0 ? history.failures[history.failures.length - 1] : undefined;
  return {
    lastCheckedAt: history?.lastCheckedAt ?? null,
    lastOkAt,
    ageMs,
    expectedIntervalMs,
    stale: ageMs === null || ageMs > staleAfterMs,
    staleAfterMs,
    consecutiveFailures: history?.consecutiveFailures ?? 0,
    lastFailure: failure ? { kind: failure.kind, reason: failure.reason, at: failure.lastAt } : null,
  };
}
