// The campaign calendar: weeks that overlap a platform campaign (618, 双11 …) are labelled so a
// reader does not take a campaign's prices for a trend. Dates are local calendar dates of the shop.
import { DateTime } from 'luxon';
import type { Campaign } from './config.ts';

/** Ids of the built-in campaigns; renderers translate them, custom campaigns show their own name. */
export const BUILT_IN_CAMPAIGNS = ['618', 'double11', 'double12', 'black-friday', 'cyber-monday'] as const;

interface DatedCampaign {
  name: string;
  first: string;
  last: string;
}

/** Black Friday: the day after the fourth Thursday of November. */
function blackFriday(year: number): DateTime {
  const nov1 = DateTime.fromObject({ year, month: 11, day: 1 }, { zone: 'UTC' });
  const firstThursday = nov1.plus({ days: (4 - nov1.weekday + 7) % 7 });
  return firstThursday.plus({ days: 22 });
}

const builtInCache = new Map<number, DatedCampaign[]>();

function builtIns(year: number): DatedCampaign[] {
  let cached = builtInCache.get(year);
  if (!cached) {
    cached = datedBuiltIns(year);
    builtInCache.set(year, cached);
  }
  return cached;
}

function datedBuiltIns(year: number): DatedCampaign[] {
  const bf = blackFriday(year);
  const y = String(year);
  return [
    { name: '618', first: `${y}-06-01`, last: `${y}-06-18` },
    { name: 'double11', first: `${y}-11-01`, last: `${y}-11-11` },
    { name: 'double12', first: `${y}-12-01`, last: `${y}-12-12` },
    { name: 'black-friday', first: bf.toISODate()!, last: bf.toISODate()! },
    { name: 'cyber-monday', first: bf.plus({ days: 3 }).toISODate()!, last: bf.plus({ days: 3 }).toISODate()! },
  ];
}

function configured(year: number, c: Campaign): DatedCampaign[] {
  if (c.from.length === 10) return [{ name: c.name, first: c.from, last: c.to }];
  const y = String(year);
  // "12-25" to "01-05" spans the new year.
  if (c.to < c.from) return [
    { name: c.name, first: `${year - 1}-${c.from}`, last: `${y}-${c.to}` },
    { name: c.name, first: `${y}-${c.from}`, last: `${year + 1}-${c.to}` },
  ];
  return [{ name: c.name, first: `${y}-${c.from}`, last: `${y}-${c.to}` }];
}

/** Names of the campaigns overlapping the local dates `firstDay`..`lastDay` (inclusive), in calendar order. */
export function campaignsBetween(firstDay: string, lastDay: string, extra: readonly Campaign[], builtIn = true): string[] {
  const years = new Set([Number(firstDay.slice(0, 4)), Number(lastDay.slice(0, 4))]);
  const dated: DatedCampaign[] = [];
  for (const year of years) {
    if (builtIn) dated.push(...builtIns(year));
    for (const c of extra) dated.push(...configured(year, c));
  }
  const hits = dated.filter((c) => c.first <= lastDay && c.last >= firstDay).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return [...new Set(hits.map((c) => c.name))];
}

/** Campaigns running on the local date of an instant. */
export function campaignsOn(ms: number, timeZone: string, extra: readonly Campaign[], builtIn = true): string[] {
  const day = DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
  return campaignsBetween(day, day, extra, builtIn);
}
