// Quiet hours per owner, in the owner's time zone (luxon handles DST): alerts in the window are
// held and go out as one summary when it ends; critical ones may bypass it.
import { DateTime } from 'luxon';
import type { Owner, Severity } from './config.ts';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** When the owner's quiet hours end if `now` is inside them, else null. */
export function quietUntil(owner: Owner | undefined, now: Date, severity: Severity): Date | null {
  const quiet = owner?.quietHours;
  if (!quiet || (severity === 'critical' && quiet.criticalBypass)) return null;
  const local = DateTime.fromJSDate(now).setZone(owner.timeZone);
  const m = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside || start === end) return null;
  let until = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}
