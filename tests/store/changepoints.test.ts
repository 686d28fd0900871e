import { describe, expect, it } from 'vitest';
import {
  applyObservation,
  clipHistory,
  emptyHistory,
  latest,
  samePromotions,
  valueAt,
} from '../../store/changepoints.ts';
import type { ListingHistory, Observation } from '../../store/model.ts';
import { blocked, cny, coupon, failed, hour, manjian, ok, timeout } from './helpers.ts';

const ID = 'l_test';

function run(observations: Observation[], start: ListingHistory | null = null): ListingHistory {
  return observations.reduce<ListingHistory | null>((h, o) => applyObservation(h, o).history, start) as ListingHistory;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('change points', () => {
  it('starts a point for every field the first crawl could read, and none for what it could not tell', () => {
    const { history, result } = applyObservation(null, ok(ID, hour(0), { positiveRate: null, availability: 'unknown' }));
    expect(result.changed).toEqual(['price', 'listPrice', 'effectivePrice', 'promotions', 'rating', 'ratingScale', 'reviewCount', 'title']);
    expect(result.previous).toEqual({});
    expect(history.fields.positiveRate).toEqual([]);
    expect(history.fields.availability).toEqual([]);
    expect(history.fields.price).toEqual([{ at: hour(0), value: cny(12900), lastSeenAt: hour(0) }]);
    expect(history.lastOkAt).toBe(hour(0));
    expect(history.sku).toBe('T-500');
  });

  it('adds no point for an unchanged value, only moves lastSeenAt', () => {
    const history = run([ok(ID, hour(0)), ok(ID, hour(1)), ok(ID, hour(2))]);
    const { result } = applyObservation(run([ok(ID, hour(0)), ok(ID, hour(1))]), ok(ID, hour(2)));
    expect(result.changed).toEqual([]);
    for (const points of Object.values(history.fields)) expect(points.length).toBeLessThanOrEqual(1);
    expect(history.fields.price).toEqual([{ at: hour(0), value: cny(12900), lastSeenAt: hour(2) }]);
    expect(history.lastCheckedAt).toBe(hour(2));
  });

  it('adds a point for each change, comparing money by amount and currency', () => {
    const history = run([
      ok(ID, hour(0)),
      ok(ID, hour(1), { price: cny(11900) }),
      ok(ID, hour(2), { price: { amountMinor: 11900, currency: 'HKD' } }),
      ok(ID, hour(3), { price: { amountMinor: 11900, currency: 'HKD' } }),
    ]);
    expect(history.fields.price.map((p) => [p.at, p.value?.amountMinor, p.value?.currency, p.lastSeenAt])).toEqual([
      [hour(0), 12900, 'CNY', hour(0)],
      [hour(1), 11900, 'CNY', hour(1)],
      [hour(2), 11900, 'HKD', hour(3)],
    ]);
    const { result } = applyObservation(run([ok(ID, hour(0))]), ok(ID, hour(1), { price: cny(11900), rating: 4.7 }));
    expect(result.changed).toEqual(['price', 'rating']);
    expect(result.previous.price).toEqual(cny(12900));
    expect(result.current.price).toEqual(cny(11900));
  });

  it('compares promotions as a set: order and duplicates do not matter, amounts and text do', () => {
    const start = run([ok(ID, hour(0), { promotions: [manjian, coupon] })]);
    expect(applyObservation(start, ok(ID, hour(1), { promotions: [coupon, manjian, coupon] })).result.changed).toEqual([]);
    expect(applyObservation(start, ok(ID, hour(1), { promotions: [coupon, { ...manjian, amount: cny(6000) }] })).result.changed).toEqual([
      'promotions',
    ]);
    expect(applyObservation(start, ok(ID, hour(1), { promotions: [coupon] })).result.changed).toEqual(['promotions']);
    expect(samePromotions([manjian], [{ ...manjian, text: ' 满300减50 ' }])).toBe(true);
    expect(samePromotions([manjian], [{ ...manjian, type: 'coupon' }])).toBe(false);
  });

  it('keeps the latest end time of an unchanged promotion without starting a new point', () => {
    const flash = { type: 'flash_sale' as const, text: '限时秒杀', amount: cny(9900), endsAt: '2024-03-01T12:00:00Z' };
    const history = run([ok(ID, hour(0), { promotions: [flash] }), ok(ID, hour(1), { promotions: [{ ...flash, endsAt: '2024-03-02T12:00:00Z' }] })]);
    expect(history.fields.promotions).toHaveLength(1);
    expect(history.fields.promotions[0].at).toBe(hour(0));
    expect(history.fields.promotions[0].value[0].endsAt).toBe('2024-03-02T12:00:00Z');
  });

  it('never lets a "could not tell" reading replace a known value, but records a sale ending', () => {
    const history = run([
      ok(ID, hour(0)),
      ok(ID, hour(1), { availability: 'unknown', rating: null, reviewCount: null, title: null, listPrice: null, promotions: [] }),
    ]);
    expect(history.fields.availability).toEqual([{ at: hour(0), value: 'in_stock', lastSeenAt: hour(0) }]);
    expect(history.fields.rating.map((p) => p.value)).toEqual([4.8]);
    expect(history.fields.listPrice.map((p) => p.value)).toEqual([cny(15900), null]);
  });

  it('records a failure without touching any tracked field', () => {
    const start = run([ok(ID, hour(0))]);
    const { history, result } = applyObservation(start, failed(ID, hour(1), blocked));
    expect(history.fields).toEqual(start.fields);
    expect(result).toMatchObject({ ok: false, changed: [], current: {}, failure: blocked });
    expect(result.previous.price).toEqual(cny(12900));
    expect(history.failures).toEqual([{ kind: 'blocked', reason: 'captcha page', httpStatus: 403, firstAt: hour(1), lastAt: hour(1), count: 1 }]);
    expect(history.lastCheckedAt).toBe(hour(1));
    expect(history.lastOkAt).toBe(hour(0));
    expect(history.consecutiveFailures).toBe(1);
  });

  it('collapses consecutive identical failures into one span and starts a new one otherwise', () => {
    const history = run([
      ok(ID, hour(0)),
      failed(ID, hour(1), timeout),
      failed(ID, hour(2), timeout),
      failed(ID, hour(3), timeout),
      failed(ID, hour(4), blocked),
      ok(ID, hour(5)),
      failed(ID, hour(6), blocked),
    ]);
    expect(history.failures.map((f) => [f.kind, f.firstAt, f.lastAt, f.count])).toEqual([
      ['timeout', hour(1), hour(3), 3],
      ['blocked', hour(4), hour(4), 1],
      ['blocked', hour(6), hour(6), 1],
    ]);
    expect(history.consecutiveFailures).toBe(1);
    expect(history.fields.price).toEqual([{ at: hour(0), value: cny(12900), lastSeenAt: hour(5) }]);
  });

  it('resets consecutive failures on success', () => {
    const history = run([failed(ID, hour(0), timeout), failed(ID, hour(1), timeout), ok(ID, hour(2))]);
    expect(history.consecutiveFailures).toBe(0);
    expect(history.failures).toHaveLength(1);
    expect(history.failures[0].count).toBe(2);
  });

  it('ignores replays: the same or an older observation changes nothing', () => {
    const start = run([ok(ID, hour(0)), ok(ID, hour(2), { price: cny(100) })]);
    for (const replay of [ok(ID, hour(2), { price: cny(5) }), ok(ID, hour(1), { price: cny(5) }), failed(ID, hour(2), timeout)]) {
      const { history, result } = applyObservation(start, replay);
      expect(history).toBe(start);
      expect(result.changed).toEqual([]);
      expect(result.current.price).toEqual(cny(100));
    }
    // Equal instants written differently are the same instant.
    expect(applyObservation(start, ok(ID, '2024-03-01T02:00:00Z', { price: cny(5) })).history).toBe(start);
  });

  it('does not mutate the history it is given', () => {
    const start = deepFreeze(run([ok(ID, hour(0)), failed(ID, hour(1), timeout)]));
    const copy = structuredClone(start);
    run([failed(ID, hour(2), timeout), ok(ID, hour(3), { price: cny(1) }), ok(ID, hour(4))], start);
    expect(start).toEqual(copy);
  });

  it('keeps its own copies of the values it records', () => {
    const observation = ok(ID, hour(0), { promotions: [{ ...manjian }] });
    const { history } = applyObservation(null, observation);
    if (!observation.ok) throw new Error('expected a successful observation');
    observation.extraction.price!.amountMinor = 1;
    observation.extraction.promotions[0].text = 'changed';
    expect(history.fields.price[0].value).toEqual(cny(12900));
    expect(history.fields.promotions[0].value[0].text).toBe('满300减50');
  });

  it('rejects a time that is not ISO-8601', () => {
    expect(() => applyObservation(null, ok(ID, 'yesterday'))).toThrow(/not an ISO-8601 time/);
  });
});

describe('valueAt and latest', () => {
  const history = run([ok(ID, hour(1)), ok(ID, hour(3), { price: cny(9900) }), failed(ID, hour(5), timeout)]);

  it('reads the step function: unknown before the first point, then the value in effect', () => {
    expect(valueAt(history, 'price', hour(0))).toBeNull();
    expect(valueAt(history, 'availability', hour(0))).toBe('unknown');
    expect(valueAt(history, 'promotions', hour(0))).toEqual([]);
    expect(valueAt(history, 'price', hour(1))).toEqual(cny(12900));
    expect(valueAt(history, 'price', hour(2))).toEqual(cny(12900));
    expect(valueAt(history, 'price', hour(3))).toEqual(cny(9900));
    expect(valueAt(history, 'price', hour(100))).toEqual(cny(9900));
  });

  it('gives the latest values and check times', () => {
    expect(latest(history)).toMatchObject({ lastCheckedAt: hour(5), lastOkAt: hour(3), values: { price: cny(9900), availability: 'in_stock' } });
    expect(latest(emptyHistory(ID)).values).toMatchObject({ price: null, promotions: [], availability: 'unknown' });
  });
});

describe('clipHistory', () => {
  const history = run([
    ok(ID, hour(0)),
    ok(ID, hour(10), { price: cny(1000) }),
    failed(ID, hour(15), timeout),
    ok(ID, hour(20), { price: cny(2000) }),
    ok(ID, hour(30), { price: cny(3000) }),
  ]);
  const prices = (h: ListingHistory) => h.fields.price.map((p) => p.value?.amountMinor);

  it('keeps the points in effect during the range, including the one in effect at its start', () => {
    expect(prices(clipHistory(history, { from: hour(12), to: hour(25) }))).toEqual([1000, 2000]);
    expect(prices(clipHistory(history, { from: hour(20), to: hour(20) }))).toEqual([2000]);
    expect(prices(clipHistory(history, { from: hour(31) }))).toEqual([3000]);
    expect(prices(clipHistory(history, { to: hour(9) }))).toEqual([12900]);
    expect(prices(clipHistory(history, {}))).toEqual([12900, 1000, 2000, 3000]);
  });

  it('keeps the failure spans that overlap the range', () => {
    expect(clipHistory(history, { from: hour(12), to: hour(25) }).failures).toHaveLength(1);
    expect(clipHistory(history, { from: hour(16) }).failures).toHaveLength(0);
  });
});
