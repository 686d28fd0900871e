// How deep a promotion is, as the digest reports it: never more than 100% off.
import { describe, expect, it } from 'vitest';
import { promotionDepth } from '../../insights/digest/index.ts';
import type { Money, Promotion } from '../../store/model.ts';

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

describe('promotionDepth', () => {
  it.each<[string, Promotion, Money | null, number | null]>([
    ['a "Save $95" badge on a $64 price is 59.7% off the price before it', { type: 'amount_off', text: 'Save $95.00', amount: usd(9500) }, usd(6400), 59.7],
    ['a $10 coupon on $100 is 10% off', { type: 'coupon', text: '$10 coupon', amount: usd(1000) }, usd(10000), 10],
    ['a percentage is itself', { type: 'percent', text: '20% off', percent: 20 }, usd(10000), 20],
    ['满300减50 is 16.7% of the threshold', { type: 'threshold', text: '满300减50', threshold: usd(30000), amount: usd(5000) }, usd(12900), 16.7],
    ['a member price of $80 on $100 is 20% off', { type: 'member_price', text: 'Member $80', amount: usd(8000) }, usd(10000), 20],
    ['an amount in another currency cannot be compared', { type: 'amount_off', text: 'Save €5', amount: { amountMinor: 500, currency: 'EUR' } }, usd(10000), null],
  ])('%s', (_name, promotion, price, expected) => {
    expect(promotionDepth(promotion, price)).toBe(expected);
  });
});
