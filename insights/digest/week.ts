// Weeks in the shop's time zone. A week is named by its ISO week ("2026-W47"); with the default
// weekStart 1 it is exactly that ISO week (Monday 00:00 to the next Monday 00:00, local time).
// With another weekStart the week starts on that weekday just before the ISO week's Monday
// (weekStart 7: the Sunday before) and keeps the ISO week's name.
import { DateTime } from 'luxon';

export interface WeekBounds {
  week: string;
  startMs: number;
  endMs: number;
  /** Local calendar dates of the first and last day. */
  firstDay: string;
  lastDay: string;
}

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

/** Parses "2026-W47"; null when the text is not a week of that year. */
export function parseWeekId(id: string): { year: number; week: number } | null {
  const m = WEEK_ID.exec(id.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function weeksInYear(year: number): number {
  return DateTime.fromObject({ year: year, month: 12, day: 28 }, { zone: 'UTC' }).weekNumber;
}

function weekId(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Days from the week's first day to the ISO Monday of its name. */
function shiftDays(weekStart: number): number {
  return (8 - weekStart) % 7;
}

/** Bounds of a week; throws with the expected shape when `id` is not a week. */
export function weekBounds(id: string, timeZone: string, weekStart = 1): WeekBounds {
  const parsed = parseWeekId(id);
  if (!parsed) throw new RangeError(`"${id}" is not a week: expected an ISO week such as 2026-W47`);
  const monday = DateTime.fromObject({ weekYear: parsed.year, weekNumber: parsed.week, weekday: 1 }, { zone: timeZone }).startOf('day');
  const start = monday.minus({ days: shiftDays(weekStart) }).startOf('day');
  const end = start.plus({ weeks: 1 }).startOf('day');
  return {
    week: weekId(parsed.year, parsed.week),
    startMs: start.toMillis(),
    endMs: end.toMillis(),
    firstDay: start.toISODate()!,
    lastDay: end.minus({ days: 1 }).toISODate()!,
  };
}

/** The week an instant falls in. */
export function weekOf(ms: number, timeZone: string, weekStart = 1): string {
  const local = DateTime.fromMillis(ms, { zone: timeZone }).startOf('day').plus({ days: shiftDays(weekStart) });
  return weekId(local.weekYear, local.weekNumber);
}

/** The week `n` weeks after `id` (negative: before). */
export function addWeeks(id: string, n: number): string {
  const parsed = parseWeekId(id);
  if (!parsed) throw new RangeError(`"${id}" is not a week: expected an ISO week such as 2026-W47`);
  const monday = DateTime.fromObject({ weekYear: parsed.year, weekNumber: parsed.week, weekday: 1 }, { zone: 'UTC' }).plus({ weeks: n });
  return weekId(monday.weekYear, monday.weekNumber);
}

/** The same week a year earlier (同比): same week number, or week 52 when that year has no week 53. */
export function yearAgoWeek(id: string): string {
  const parsed = parseWeekId(id);
  if (!parsed) throw new RangeError(`"${id}" is not a week: expected an ISO week such as 2026-W47`);
  return weekId(parsed.year - 1, Math.min(parsed.week, weeksInYear(parsed.year - 1)));
}

/** The last week that has ended at `nowMs`: the one before the week `now` falls in. */
export function lastCompleteWeek(nowMs: number, timeZone: string, weekStart = 1): string {
  return addWeeks(weekOf(nowMs, timeZone, weekStart), -1);
}
