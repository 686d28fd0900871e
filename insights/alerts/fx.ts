// Our prices compared with competitors who price in another currency, at the config's
// `exchangeRates` (units of a currency per one unit of the shop's currency). Without a rate the
// prices are not compared: a wrong undercut alert is worse than none.
import type { Money } from '../../store/model.ts';
import { minorDigits } from '../../crawler/parse/money.ts';
import type { Config } from '../../server/config.ts';

function rate(config: Config, currency: string): number | null {
  if (currency === config.shop.currency) return 1;
  return config.exchangeRates[currency] ?? null;
}

/** `m` in `currency`, rounded to its minor unit; null when a rate is missing. */
export function convert(config: Config, m: Money, currency: string): Money | null {
  if (m.currency === currency) return m;
  const from = rate(config, m.currency);
  const to = rate(config, currency);
  if (from === null || to === null) return null;
  const major = m.amountMinor / 10 ** minorDigits(m.currency);
  return { amountMinor: Math.round((major / from) * to * 10 ** minorDigits(currency)), currency };
}
