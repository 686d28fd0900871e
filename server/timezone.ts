// The one check for a time zone written in a config file (shop, alert owners, digest), so every
// section accepts the same zones and says the same thing when one is wrong.
import { z } from 'zod';

/** True when Intl knows `tz` as a time zone, i.e. formatting in it will not throw later. */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as "Asia/Shanghai" (or "UTC"). */
export const timeZoneSchema = z.string().refine(isTimeZone, 'an IANA time zone such as "Asia/Shanghai"');
