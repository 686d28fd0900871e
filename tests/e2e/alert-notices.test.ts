// The extension's pure decisions about alerts: which ones become desktop notifications, what the
// badge says, and how a message reads without its severity tag.
import { describe, expect, it } from 'vitest';
import { alertText, badgeFor, BADGE_COLORS, MAX_NOTICES, planNotices } from '../../extension/lib/alert-notices.ts';
import type { AlertView } from '../../extension/lib/api-types.ts';

const SERVER = 'http://127.0.0.1:4477';

function alert(id: string, severity: AlertView['severity'] = 'warning'): AlertView {
  return {
    id,
    at: '2026-05-20T09:00:00.000Z',
    severity,
    ruleKind: 'undercut',
    messages: { en: `[${severity.toUpperCase()}] Northwind undercuts us on ${id}`, 'zh-CN': `【${severity === 'critical' ? '严重' : '警告'}】竞品 Northwind 在 ${id} 上低于我方价格` },
    listingId: `l-${id}`,
    url: `https://shop.example/p/${id}`,
    competitor: 'Northwind',
    sku: 'RW-EB-100',
    productName: 'Aero Wireless Earbuds',
    acked: false,
  };
}

describe('planNotices', () => {
  it('takes the first feed from a server as the baseline: nothing notified, everything seen', () => {
    const feed = [alert('a'), alert('b')];
    expect(planNotices(feed, null, SERVER)).toEqual({ notify: [], more: 0, seen: { server: SERVER, ids: ['a', 'b'] } });
    // Paired with another server: its alerts are a new baseline too.
    expect(planNotices(feed, { server: 'http://other:4477', ids: [] }, SERVER).notify).toEqual([]);
  });

  it('notifies alerts not seen before, newest first, at most a few at a time, counting the rest', () => {
    const fresh = Array.from({ length: MAX_NOTICES + 2 }, (_, i) => alert(`n${i}`));
    const plan = planNotices([...fresh, alert('old')], { server: SERVER, ids: ['old'] }, SERVER);
    expect(plan.notify.map((a) => a.id)).toEqual(fresh.slice(0, MAX_NOTICES).map((a) => a.id));
    expect(plan.more).toBe(2);
    expect(plan.seen.ids).toEqual([...fresh.map((a) => a.id), 'old']);
    // The next poll with the same feed notifies nothing.
    expect(planNotices([...fresh, alert('old')], plan.seen, SERVER).notify).toEqual([]);
  });

  it('forgets read alerts first when the memory is full, never an unread one', () => {
    const read = Array.from({ length: 500 }, (_, i) => `read${i}`);
    const plan = planNotices([alert('u1'), alert('u2')], { server: SERVER, ids: ['u1', ...read] }, SERVER);
    expect(plan.notify.map((a) => a.id)).toEqual(['u2']);
    expect(plan.seen.ids).toHaveLength(500);
    expect(plan.seen.ids.slice(0, 2)).toEqual(['u1', 'u2']);
    expect(plan.seen.ids).not.toContain('read499');
  });
});

describe('badgeFor', () => {
  it('shows the unread count, red when one is critical, and nothing at zero', () => {
    expect(badgeFor(0, [])).toEqual({ text: '', color: BADGE_COLORS.warning });
    expect(badgeFor(3, [alert('a'), alert('b')])).toEqual({ text: '3', color: BADGE_COLORS.warning });
    expect(badgeFor(3, [alert('a'), alert('b', 'critical')])).toEqual({ text: '3', color: BADGE_COLORS.critical });
    expect(badgeFor(250, [alert('a')]).text).toBe('99+');
  });
});

describe('alertText', () => {
  it('drops the severity tag in either language, and keeps the rest as written', () => {
    expect(alertText(alert('x', 'critical'), 'en')).toBe('Northwind undercuts us on x');
    expect(alertText(alert('x'), 'zh-CN')).toBe('竞品 Northwind 在 x 上低于我方价格');
    const tagLike = { ...alert('y'), messages: { en: 'Northwind: [NEW] bundle <b>deal</b>', 'zh-CN': '' } };
    expect(alertText(tagLike, 'en')).toBe('Northwind: [NEW] bundle <b>deal</b>');
  });
});
