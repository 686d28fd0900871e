import { describe, expect, it } from 'vitest';
import { applyObservation, emptyHistory } from '../../store/changepoints.ts';
import type { ListingHistory, Observation } from '../../store/model.ts';
import { statistics, statisticsWindows } from '../../store/stats.ts';
import { cny, day, failed, ok, timeout } from './helpers.ts';

const ID = 'l_stats';

function run(observations: Observation[]): ListingHistory {
  return observations.reduce<ListingHistory | null>((h, o) => applyObservation(h, o).history, null) as ListingHistory;
}

// 100 in stock for 10 days, 80 (70 after a coupon) for 10 days, then 120 and out of stock.
const history = run([
  ok(ID, day(0), { price: cny(10000), effectivePrice: null }),
  ok(ID, day(5), { price: cny(10000), effectivePrice: null }),
  ok(ID, day(10), { price: cny(8000), effectivePrice: cny(7000) }),
  failed(ID, day(12), timeout),
  ok(ID, day(20), { price: cny(12000), effectivePrice: null, availability: 'out_of_stock' }),
  ok(ID, day(25), { price: cny(12000), effectivePrice: null, availability: 'out_of_stock' }),
]);

describe('statistics', () => {
  it('gives current, lowest, highest, a time-weighted average and the out-of-stock share over the window', () => {
    expect(statistics(history, 'price', day(30), 30)).toEqual({
      field: 'price',
      days: 30,
      from: day(0),
      to: day(30),
      current: cny(12000),
      lowest: cny(8000),
      highest: cny(12000),
      average: cny(10000),
      lowestEver: cny(8000),
      outOfStockShare: 1 / 3,
    });
  });

  it('weights by time and rounds the average to a whole minor unit', () => {
    // 80.00 for 5 days, 120.00 for 10 days: 106.666... → 106.67
    const stats = statistics(history, 'price', day(30), 15);
    expect(stats.average).toEqual(cny(10667));
    expect(stats.lowest).toEqual(cny(8000));
    expect(stats.outOfStockShare).toBeCloseTo(10 / 15);
  });

  it('keeps lowestEver beyond the window', () => {
    const stats = statistics(history, 'price', day(30), 5);
    expect(stats).toMatchObject({ lowest: cny(12000), highest: cny(12000), average: cny(12000), lowestEver: cny(8000), outOfStockShare: 1 });
  });

  it('reads the effective price, falling back to the price where no promotion gives one', () => {
    const stats = statistics(history, 'effectivePrice', day(30), 30);
    expect(stats).toMatchObject({ current: cny(12000), lowest: cny(7000), highest: cny(12000), lowestEver: cny(7000) });
    expect(stats.average).toEqual(cny(Math.round((10000 + 7000 + 12000) / 3)));
  });

  it('ignores what happens after now', () => {
    expect(statistics(history, 'price', day(15), 30)).toMatchObject({ current: cny(8000), highest: cny(10000), outOfStockShare: 0 });
  });

  it('averages only over the time a price was known', () => {
    const young = run([ok(ID, day(25), { price: cny(5000) }), ok(ID, day(27), { price: cny(6000) })]);
    expect(statistics(young, 'price', day(30), 30).average).toEqual(cny(Math.round((5000 * 2 + 6000 * 3) / 5)));
    const justSeen = run([ok(ID, day(30), { price: cny(5000), availability: 'out_of_stock' })]);
    expect(statistics(justSeen, 'price', day(30), 30)).toMatchObject({ average: cny(5000), outOfStockShare: 1 });
  });

  it('does not mix currencies: only the current currency counts', () => {
    const switched = run([ok(ID, day(0), { price: cny(100) }), ok(ID, day(10), { price: { amountMinor: 1500, currency: 'USD' } })]);
    const usd = { amountMinor: 1500, currency: 'USD' };
    expect(statistics(switched, 'price', day(20), 30)).toMatchObject({ lowest: usd, highest: usd, average: usd, lowestEver: usd });
  });

  it('answers null when nothing is known', () => {
    expect(statistics(emptyHistory(ID), 'price', day(1), 30)).toMatchObject({
      current: null,
      lowest: null,
      highest: null,
      average: null,
      lowestEver: null,
      outOfStockShare: null,
    });
  });

  it('computes the 30, 90 and 365-day windows at once', () => {
    const windows = statisticsWindows(history, 'price', day(30));
    expect(Object.keys(windows)).toEqual(['30', '90', '365']);
    expect(windows[365].from).toBe(new Date(Date.parse(day(30)) - 365 * 86_400_000).toISOString());
    expect(windows[90].average).toEqual(cny(10000));
  });

  it('refuses a bad window or time', () => {
    expect(() => statistics(history, 'price', day(30), 0)).toThrow(/positive number of days/);
    expect(() => statistics(history, 'price', 'now', 30)).toThrow(/ISO-8601/);
  });
});
