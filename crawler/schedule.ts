// The daemon's clock: one node-cron task per competitor, a random delay before each run so
// competitors do not all start on the same second, never two runs of one competitor at once, and
// one catch-up run at start for a slot missed while the daemon was down.
import cron, { type Logger, type ParsedFields, type ScheduledTask } from 'node-cron';
import { DateTime } from 'luxon';

export interface ScheduledJob {
  competitor: string;
  /** node-cron expression, 5 fields or 6 with seconds first. */
  cron: string;
  /** IANA zone the expression is read in; the system zone when absent. */
  timeZone?: string;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  /** Crawls one competitor; `scheduledAt` is the cron slot the run is for. */
  run: (competitor: string, scheduledAt: Date) => Promise<void>;
  /** When the competitor was last crawled (null: never), to detect a missed slot at start. */
  lastRunAt: (competitor: string) => Promise<Date | null> | Date | null;
  /** Largest random delay before a run, in ms (default 60 000; tests pass 0). */
  jitterMs?: number;
  /** Clock used to find the slot missed before start (default: real time). */
  now?: () => Date;
  onError?: (competitor: string, err: unknown) => void;
  /** Where skipped ticks and catch-up runs are reported (default: console.warn). */
  log?: (message: string) => void;
}

export interface Scheduler {
  /** Starts the cron tasks; a competitor whose last run is older than its previous slot runs once now. */
  start(): Promise<void>;
  /** Stops scheduling, drops runs still waiting out their jitter, waits for runs in flight to finish. */
  stop(): Promise<void>;
  /** Competitors whose run is executing now. */
  running(): string[];
  /** Next slot of each competitor by the real clock node-cron fires on; empty once stopped. */
  nextRuns(): { competitor: string; at: Date }[];
}

// Slots that exist at most once in a few years ("0 0 29 2 1") still fit in this window.
const LOOKBACK_DAYS = 366 * 8;

/**
 * The latest slot of `task` at or before `at`. node-cron only walks forward, so this walks back
 * day by day in the task's zone: a candidate built from the expression's own seconds, minutes and
 * hours fails node-cron's `match` only when the day does, so each day costs one `match` call and
 * the day/month/weekday rules (L, W, #, AND of day-of-month and day-of-week) stay node-cron's.
 */
export function previousOccurrence(task: Pick<ScheduledTask, 'match'>, fields: ParsedFields, at: Date, timeZone?: string): Date | null {
  const zone = timeZone ?? 'system';
  const desc = (xs: number[]) => [...xs].sort((a, b) => b - a);
  const hours = desc(fields.hour);
  const minutes = desc(fields.minute);
  const seconds = desc(fields.second);
  const local = DateTime.fromJSDate(at, { zone });
  const limit = local.hour * 3600 + local.minute * 60 + local.second;
  let day = local.startOf('day');
  days: for (let i = 0; i < LOOKBACK_DAYS; i++, day = day.minus({ days: 1 })) {
    for (const hour of hours) {
      for (const minute of minutes) {
        for (const second of seconds) {
          if (i === 0 && hour * 3600 + minute * 60 + second > limit) continue;
          const candidate = day.set({ hour, minute, second, millisecond: 0 });
          // A local time skipped by a DST change does not exist; luxon shifts it, so try the next one.
          if (candidate.hour !== hour || candidate.minute !== minute) continue;
          const date = candidate.toJSDate();
          if (date.getTime() > at.getTime()) continue;
          if (task.match(date)) return date;
          continue days;
        }
      }
    }
  }
  return null;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const jitterMax = opts.jitterMs ?? 60_000;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((message: string) => console.warn(`[rivalwatch schedule] ${message}`));
  const onError = opts.onError ?? ((competitor: string, err: unknown) => log(`the run of ${competitor} failed: ${err instanceof Error ? err.message : String(err)}`));
  const cronLogger: Logger = {
    info: () => {},
    debug: () => {},
    warn: (message) => log(`node-cron: ${message}`),
    error: (message) => log(`node-cron: ${message instanceof Error ? message.message : message}`),
  };

  /** Runs per competitor from trigger to finish, jitter included: the overlap guard. */
  const inFlight = new Map<string, Promise<void>>();
  const executing = new Set<string>();
  const jitterWaits = new Set<{ timer: NodeJS.Timeout; resolve: (go: boolean) => void }>();
  let started = false;
  let stopped = false;

  const tasks = opts.jobs.map((job) => ({
    job,
    fields: cron.parse(job.cron),
    task: cron.createTask(job.cron, (ctx) => trigger(job.competitor, ctx.date, 'scheduled'), {
      timezone: job.timeZone,
      name: `rivalwatch:${job.competitor}:${job.cron}`,
      logger: cronLogger,
    }),
  }));

  function waitJitter(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          jitterWaits.delete(wait);
          resolve(true);
        }, ms),
        resolve,
      };
      jitterWaits.add(wait);
    });
  }

  function trigger(competitor: string, scheduledAt: Date, why: 'scheduled' | 'catch-up'): void {
    if (stopped) return;
    if (inFlight.has(competitor)) {
      log(`skipped the ${why} run of ${competitor} for ${scheduledAt.toISOString()}: its previous run is still in progress`);
      return;
    }
    const run = (async () => {
      if (!(await waitJitter(Math.floor(Math.random() * jitterMax))) || stopped) return;
      executing.add(competitor);
      try {
        await opts.run(competitor, scheduledAt);
      } catch (err) {
        onError(competitor, err);
      } finally {
        executing.delete(competitor);
      }
    })();
    inFlight.set(competitor, run);
    void run.finally(() => inFlight.delete(competitor));
  }

  return {
    async start() {
      if (started || stopped) return;
      started = true;
      const at = now();
      for (const { job, fields, task } of tasks) {
        try {
          const last = await opts.lastRunAt(job.competitor);
          const slot = previousOccurrence(task, fields, at, job.timeZone);
          if (slot && (last === null || last.getTime() < slot.getTime())) {
            log(`${job.competitor} missed its run for ${slot.toISOString()} (last run ${last ? last.toISOString() : 'never'}): running it once now`);
            trigger(job.competitor, slot, 'catch-up');
          }
        } catch (err) {
          onError(job.competitor, err);
        }
      }
      if (stopped) return;
      for (const { task } of tasks) await task.start();
    },
    async stop() {
      stopped = true;
      for (const { task } of tasks) await task.destroy();
      for (const wait of jitterWaits) {
        clearTimeout(wait.timer);
        wait.resolve(false);
      }
      jitterWaits.clear();
      await Promise.allSettled([...inFlight.values()]);
    },
    running: () => [...executing],
    nextRuns() {
      if (stopped) return [];
      return tasks.map(({ job, task }) => ({ competitor: job.competitor, at: task.getNextRuns(1)[0] }));
    },
  };
}
