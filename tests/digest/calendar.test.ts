// Weeks in the shop's time zone, the campaign calendar, the schedule and the config section.
import { describe, expect, it } from 'vitest';
import { addWeeks, lastCompleteWeek, parseWeekId, weekBounds, weekOf, yearAgoWeek } from '../../insights/digest/week.ts';
import { campaignsBetween } from '../../insights/digest/campaigns.ts';
import { firstRunBetween } from '../../insights/digest/send.ts';
import { digestSettings, parseDigestConfig } from '../../insights/digest/config.ts';
import { ConfigError } from '../../server/config.ts';
import { fixtureConfig } from './fixture.ts';

describe('weeks', () => {
  it('an ISO week is Monday 00:00 to Monday 00:00 in the shop time zone', () => {
    const b = weekBounds('2026-W47', 'Asia/Shanghai');
    expect(new Date(b.startMs).toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(new Date(b.endMs).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect([b.firstDay, b.lastDay]).toEqual(['2026-11-16', '2026-11-22']);
  });

  it('a week across a daylight-saving change is 167 hours long', () => {
    const b = weekBounds('2026-W10', 'America/New_York');
    expect(new Date(b.startMs).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(new Date(b.endMs).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('weeks starting on Sunday keep the ISO name of the week they lead into', () => {
    const b = weekBounds('2026-W47', 'UTC', 7);
    expect([b.firstDay, b.lastDay]).toEqual(['2026-11-15', '2026-11-21']);
    expect(weekOf(Date.parse('2026-11-15T10:00:00Z'), 'UTC', 7)).toBe('2026-W47');
    expect(weekOf(Date.parse('2026-11-15T10:00:00Z'), 'UTC', 1)).toBe('2026-W46');
  });

  it('neighbours, year-ago weeks and the last complete week', () => {
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(yearAgoWeek('2026-W47')).toBe('2025-W47');
    expect(yearAgoWeek('2026-W53')).toBe('2025-W52');
    // Sunday 23:30 in Shanghai is still inside W47; Monday 00:30 is not.
    expect(lastCompleteWeek(Date.parse('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-W46');
    expect(lastCompleteWeek(Date.parse('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-W47');
    expect(parseWeekId('2025-W53')).toBeNull();
    expect(parseWeekId('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(() => weekBounds('2026-47', 'UTC')).toThrow(/expected an ISO week such as 2026-W47/);
  });
});

describe('campaign calendar', () => {
  it('labels the weeks of 618, 双11, 双12, Black Friday and Cyber Monday, and configured campaigns', () => {
    expect(campaignsBetween('2026-06-15', '2026-06-21', [])).toEqual(['618']);
    expect(campaignsBetween('2026-06-22', '2026-06-28', [])).toEqual([]);
    expect(campaignsBetween('2026-11-09', '2026-11-15', [])).toEqual(['double11']);
    // Black Friday 2026 is 27 November, Cyber Monday 30 November.
    expect(campaignsBetween('2026-11-23', '2026-11-29', [])).toEqual(['black-friday']);
    expect(campaignsBetween('2026-11-30', '2026-12-06', [])).toEqual(['cyber-monday', 'double12']);
    const extra = [
      { name: 'Prime Day', from: '2026-07-08', to: '2026-07-11' },
      { name: 'New Year', from: '12-28', to: '01-03' },
    ];
    expect(campaignsBetween('2026-07-06', '2026-07-12', extra)).toEqual(['Prime Day']);
    expect(campaignsBetween('2025-07-06', '2025-07-12', extra)).toEqual([]);
    expect(campaignsBetween('2026-12-28', '2027-01-03', extra, false)).toEqual(['New Year']);
    expect(campaignsBetween('2027-01-01', '2027-01-02', extra, false)).toEqual(['New Year']);
  });
});

describe('schedule', () => {
  it('finds the first time the cron schedule fires after a week ends, in the digest time zone', () => {
    const end = Date.parse('2026-11-22T16:00:00Z');
    expect(new Date(firstRunBetween('0 9 * * 1', 'Asia/Shanghai', end, end + 7 * 86_400_000)!).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(firstRunBetween('0 9 * * 1', 'Asia/Shanghai', end, Date.parse('2026-11-23T00:59:00Z'))).toBeNull();
  });
});

describe('digest config', () => {
  it('fills defaults from the shop', () => {
    const s = digestSettings(fixtureConfig('/tmp'));
    expect(s).toMatchObject({ schedule: '0 9 * * 1', timeZone: 'Asia/Shanghai', weekStart: 1, languages: ['en'], currency: 'CNY', channels: [] });
  });

  it('names the field of every problem', () => {
    const problems = (raw: unknown) => {
      try {
        parseDigestConfig(raw, 'rw.yaml');
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ schedule: 'every monday', timeZone: 'Mars/Olympus', weekStart: 8, languages: ['fr'], email: { smtp: { host: 'x' }, from: 'a@b.c', to: [] }, campaigns: [{ name: '618', from: '06-01', to: '2026-06-18' }], webhooks: [{ url: 'ftp://x' }] })).toEqual([
      'digest.schedule: a cron expression such as "0 9 * * 1"',
      'digest.timeZone: an IANA time zone such as "Asia/Shanghai"',
      'digest.weekStart: Too big: expected number to be <=7',
      'digest.languages[0]: Invalid option: expected one of "en"|"zh-CN"',
      'digest.campaigns[0]: `from` and `to` both "MM-DD" or both "YYYY-MM-DD"',
      'digest.email.to: at least one recipient',
      'digest.webhooks[0].url: an http(s) URL',
    ]);
    expect(() => digestSettings(fixtureConfig('/tmp', { channels: ['team-mail'] }))).toThrow(/digest.channels\[0\]: unknown channel "team-mail"/);
  });
});
