import { describe, expect, it } from 'vitest';
import { StoreError } from '../../store/store.ts';
import { iso, isoMillis, isoOrNull, toMillis } from '../../store/times.ts';

describe('store times', () => {
  // The fast path must agree with Date.parse everywhere, including where it hands over to it.
  it.each([
    '2026-11-16T02:00:00.000Z',
    '1999-12-31T23:59:59.999Z',
    '2024-02-29T12:34:56.789Z',
    '2026-02-30T00:00:00.000Z', // rolls over to March, as Date.parse does
    '0050-01-01T00:00:00.000Z', // a year before 100: Date.parse's business
    '2026-13-01T00:00:00.000Z',
    '2026-11-16T24:00:00.000Z',
    '2026-11-16T02:60:00.000Z',
    '2026-11-16T02:00:00.00xZ',
    '2026-11-16T02:00:00Z',
    '2026-11-16T10:00:00.000+08:00',
    '2026-11-16',
    'not a time',
    '',
  ])('isoMillis(%j) is Date.parse', (at) => {
    expect(isoMillis(at)).toEqual(Date.parse(at));
  });

  it('refuses a malformed time a caller hands the store', () => {
    expect(toMillis('2026-11-16T02:00:00.000Z')).toBe(Date.UTC(2026, 10, 16, 2));
    expect(() => toMillis('next tuesday')).toThrow(StoreError);
    expect(() => toMillis('next tuesday')).toThrow('"next tuesday" is not an ISO-8601 time');
  });

  it('writes database times in the stored form', () => {
    expect(iso(new Date(Date.UTC(2026, 10, 16, 2)))).toBe('2026-11-16T02:00:00.000Z');
    expect(iso('2026-11-16T10:00:00+08:00')).toBe('2026-11-16T02:00:00.000Z');
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(undefined)).toBeNull();
    expect(isoOrNull('2026-11-16T02:00:00Z')).toBe('2026-11-16T02:00:00.000Z');
  });
});
