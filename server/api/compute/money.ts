// Comparing two prices exactly: integer minor units, and only within one currency.
import { convertMoney } from '../../../store/exchange.ts';
import type { Money } from '../../../store/model.ts';

export interface Difference {
  /** `price - base` in minor units: positive when `price` is dearer than `base`. */
  amountMinor: number;
  currency: string;
  /** Relative to `base`, in percent, rounded to one decimal; null when `base` is zero. */
  percent: number | null;
}

/** `price` compared with `base`; null when either is missing or the currencies differ. */
export function difference(price: Money | null | undefined, base: Money | null | undefined): Difference | null {
  if (!price || !base || price.currency !== base.currency) return null;
  const amountMinor = price.amountMinor - base.amountMinor;
  const percent = base.amountMinor === 0 ? null : Math.round((amountMinor / base.amountMinor) * 1000) / 10;
  return { amountMinor, currency: base.currency, percent };
}

/** What a buyer of one unit pays: the effective price where a promotion gives one, else the price. */
export function buyerPrice(price: Money | null, effectivePrice: Money | null): Money | null {
  return effectivePrice ?? price;
}

/** "1299.00 CNY": exact, with the currency's own number of decimals, for messages and logs. */
export function formatMoney(m: Money): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(m.amountMinor)).padStart(digits + 1, '0');
  const major = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return `${sign}${major} ${m.currency}`;
}

/**
 * Converts with the config's `exchangeRates` (units of a foreign currency per one unit of the
 * shop's currency), rounded to the target's minor unit. Null when no rate links the two.
 */
export function convert(m: Money | null, target: string, shopCurrency: string, rates: Record<string, number>): Money | null {
  return m ? convertMoney(m, target, shopCurrency, rates) : null;
}
