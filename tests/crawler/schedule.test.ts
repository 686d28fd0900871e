import { afterEach, describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { createScheduler, previousOccurrence, type Scheduler } from '../../crawler/schedule.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function prev(expr: string, at: string, timeZone?: string): string | null {
  const task = cron.createTask(expr, () => {}, { timezone: timeZone });
  try {
    return previousOccurrence(task, cron.parse(expr), new Date(at), timeZone)?.toISOString() ?? null;
  } finally {
    task.destroy();
  }
}

describe('previousOccurrence', () => {
  it('finds the latest slot at or before a time, in the job time zone', () => {
    expect(prev('0 */6 * * *', '2024-01-01T13:00:00Z', 'UTC')).toBe('2024-01-01T12:00:00.000Z');
    expect(prev('0 */6 * * *', '2024-01-01T12:00:00Z', 'UTC')).toBe('2024-01-01T12:00:00.000Z');
    expect(prev('0 */6 * * *', '2024-01-01T03:00:00Z', 'UTC')).toBe('2024-01-01T00:00:00.000Z');
    // 09:00 in Shanghai is 01:00 UTC.
    expect(prev('0 9 * * *', '2024-03-10T00:30:00Z', 'Asia/Shanghai')).toBe('2024-03-09T01:00:00.000Z');
    // Weekly on Monday 08:00; 2024-01-03 is a Wednesday.
    expect(prev('0 8 * * 1', '2024-01-03T10:00:00Z', 'UTC')).toBe('2024-01-01T08:00:00.000Z');
    // node-cron ANDs day-of-month and day-of-week: the 13th that is a Friday.
    expect(prev('0 0 13 * 5', '2024-12-01T00:00:00Z', 'UTC')).toBe('2024-09-13T00:00:00.000Z');
    expect(prev('*/10 * * * * *', '2024-01-01T00:00:25Z', 'UTC')).toBe('2024-01-01T00:00:20.000Z');
  });

  it('skips a local time that a DST change removes', () => {
    // 2024-03-31 02:30 does not exist in Berlin; the slot before 03:30 local is the day before.
    expect(prev('30 2 * * *', '2024-03-31T01:45:00Z', 'Europe/Berlin')).toBe('2024-03-30T01:30:00.000Z');
  });
});

describe('createScheduler', () => {
  let scheduler: Scheduler | null = null;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = null;
  });

  it('runs a slot missed while down exactly once at start, and nothing for a competitor that ran since', async () => {
    const runs: { competitor: string; at: string }[] = [];
    const logs: string[] = [];
    const last: Record<string, Date | null> = {
      stale: new Date('2024-01-01T05:00:00Z'),
      fresh: new Date('2024-01-01T12:30:00Z'),
      never: null,
    };
    scheduler = createScheduler({
      jobs: Object.keys(last).map((competitor) => ({ competitor, cron: '0 */6 * * *', timeZone: 'UTC' })),
      run: async (competitor, scheduledAt) => {
        runs.push({ competitor, at: scheduledAt.toISOString() });
      },
      lastRunAt: (c) => last[c],
      jitterMs: 0,
      now: () => new Date('2024-01-01T13:00:00Z'),
      log: (m) => logs.push(m),
    });
    await scheduler.start();
    await scheduler.start();
    await sleep(50);
    expect(runs.sort((a, b) => a.competitor.localeCompare(b.competitor))).toEqual([
      { competitor: 'never', at: '2024-01-01T12:00:00.000Z' },
      { competitor: 'stale', at: '2024-01-01T12:00:00.000Z' },
    ]);
    expect(logs.some((l) => l.includes('stale missed its run for 2024-01-01T12:00:00.000Z'))).toBe(true);
    expect(scheduler.nextRuns().map((n) => n.competitor).sort()).toEqual(['fresh', 'never', 'stale']);
  });

  it('never runs one competitor twice at once; a slow run skips ticks while others keep running', async () => {
    const active = new Map<string, number>();
    const maxActive = new Map<string, number>();
    const count = new Map<string, number>();
    const logs: string[] = [];
    scheduler = createScheduler({
      jobs: [
        { competitor: 'slow', cron: '* * * * * *' },
        { competitor: 'fast', cron: '* * * * * *' },
      ],
      run: async (competitor) => {
        active.set(competitor, (active.get(competitor) ?? 0) + 1);
        maxActive.set(competitor, Math.max(maxActive.get(competitor) ?? 0, active.get(competitor)!));
        count.set(competitor, (count.get(competitor) ?? 0) + 1);
        await sleep(competitor === 'slow' ? 2500 : 50);
        active.set(competitor, active.get(competitor)! - 1);
      },
      lastRunAt: () => new Date(),
      jitterMs: 0,
      log: (m) => logs.push(m),
    });
    await scheduler.start();
    await sleep(3600);
    expect(maxActive.get('slow')).toBe(1);
    expect(count.get('slow')).toBeLessThanOrEqual(2);
    expect(count.get('fast')).toBeGreaterThanOrEqual(2);
    expect(logs.some((l) => l.startsWith('skipped the scheduled run of slow'))).toBe(true);
    expect(logs.some((l) => l.includes('run of fast'))).toBe(false);
  });

  it('stop() waits for the run in flight and starts no more', async () => {
    let finished = false;
    let started = 0;
    scheduler = createScheduler({
      jobs: [{ competitor: 'acme', cron: '* * * * * *' }],
      run: async () => {
        started++;
        await sleep(400);
        finished = true;
      },
      lastRunAt: () => null,
      jitterMs: 0,
      log: () => {},
    });
    await scheduler.start();
    await sleep(20);
    expect(scheduler.running()).toEqual(['acme']);
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(scheduler.running()).toEqual([]);
    const startedAtStop = started;
    await sleep(1200);
    expect(started).toBe(startedAtStop);
    expect(scheduler.nextRuns()).toEqual([]);
  });

  it('drops a run still waiting out its jitter when stopped', async () => {
    let started = 0;
    scheduler = createScheduler({
      jobs: [{ competitor: 'acme', cron: '0 0 1 1 *' }],
      run: async () => {
        started++;
      },
      lastRunAt: () => null,
      jitterMs: 60_000,
      log: () => {},
    });
    await scheduler.start();
    const t0 = Date.now();
    await scheduler.stop();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(started).toBe(0);
  });

  it('reports a failing run to onError and keeps scheduling', async () => {
    const errors: string[] = [];
    scheduler = createScheduler({
      jobs: [{ competitor: 'acme', cron: '* * * * * *' }],
      run: async () => {
        throw new Error('store is read-only');
      },
      lastRunAt: () => null,
      jitterMs: 0,
      onError: (c, err) => errors.push(`${c}: ${(err as Error).message}`),
      log: () => {},
    });
    await scheduler.start();
    await sleep(1300);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('acme: store is read-only');
  });
});
