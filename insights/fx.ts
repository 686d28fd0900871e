// Converting competitor prices into the shop's currency for comparison, with the rates from the
// config. Exact to the minor unit (round half up); a missing rate is an answer ("cannot compare"),
// never a guess.
import type { Money } from '../store/model.ts';

function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `rates[X]` = units of X per one unit of `target`. Returns null when no rate is configured. */
export function convertMoney(money: Money, target: string, rates: Record<string, number>): Money | null {
  if (money.currency === target) return money;
  const rate = rates[money.currency];
  if (!rate) return null;
  const shift = minorDigits(target) - minorDigits(money.currency);
  const major = money.amountMinor / rate;
  return { amountMinor: Math.round(major * 10 ** shift), currency: target };
}
