// Simulated calendar of the demo shops. Each shop lives in a fixed UTC offset (no daylight saving,
// to keep the schedule easy to state) and its schedule runs on whole local days, counted as days
// since 1970-01-01 in that offset. Campaign dates are computed from the calendar, so they recur
// every year (双11, Black Friday) or every month (weekend sales, dumps).

export const DAY_MS = 86_400_000;

export interface DayParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  date: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** Parses a Date or ISO string; throws with the offending input when it is not a time. */
export function toDate(at: Date | string): Date {
  const d = at instanceof Date ? new Date(at.getTime()) : new Date(at);
  if (Number.isNaN(d.getTime())) throw new Error(`"${String(at)}" is not a valid time (expected an ISO-8601 string such as 2026-11-11T08:00:00Z)`);
  return d;
}

/** The shop-local day number of an instant. */
export function localDay(at: Date, utcOffsetMinutes: number): number {
  return Math.floor((at.getTime() + utcOffsetMinutes * 60_000) / DAY_MS);
}

export function dayParts(day: number): DayParts {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() };
}

export function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
}

/** "2026-11-11" for a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which local day `day` ends (next local midnight), as an ISO string. */
export function endOfLocalDayIso(day: number, utcOffsetMinutes: number): string {
  return new Date((day + 1) * DAY_MS - utcOffsetMinutes * 60_000).toISOString();
}

/** Black Friday: the day after the fourth Thursday of November. */
export function blackFriday(year: number): number {
  const nov1 = dayOf(year, 11, 1);
  const firstThursday = nov1 + ((4 - dayParts(nov1).weekday + 7) % 7);
  return firstThursday + 21 + 1;
}

/** The Saturday of the first weekend (Saturday + Sunday) that falls wholly in the month. */
export function firstSaturday(year: number, month: number): number {
  const first = dayOf(year, month, 1);
  return first + ((6 - dayParts(first).weekday + 7) % 7);
}

/** The Saturday of the last weekend that falls wholly in the month. */
export function lastFullWeekendSaturday(year: number, month: number): number {
  const nextMonthFirst = month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1);
  const lastDay = nextMonthFirst - 1;
  const lastSunday = lastDay - dayParts(lastDay).weekday;
  return lastSunday - 1;
}

/** True when `day` lies in [from, to] (inclusive). */
export function within(day: number, from: number, to: number): boolean {
  return day >= from && day <= to;
}
