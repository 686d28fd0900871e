// Converting money between currencies at the config's `exchangeRates` (units of a currency per one
// unit of the shop's currency), so prices in other currencies can be compared with ours. Rounded
// to the target's minor unit; null when no rate links the two: a missing rate is "not compared",
// never a guess.
import type { Money } from './model.ts';

const digits = new Map<string, number>();
function minorDigits(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, d);
  }
  return d;
}

export function convertMoney(m: Money, target: string, shopCurrency: string, rates: Record<string, number>): Money | null {
  if (m.currency === target) return m;
  const perShop = (c: string) => (c === shopCurrency ? 1 : rates[c]);
  const from = perShop(m.currency);
  const to = perShop(target);
  if (!from || !to) return null;
  const major = m.amountMinor / 10 ** minorDigits(m.currency);
  return { amountMinor: Math.round((major / from) * to * 10 ** minorDigits(target)), currency: target };
}
