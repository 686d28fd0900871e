// Our prices compared with competitors who price in another currency, at the config's
// `exchangeRates` (units of a currency per one unit of the shop's currency). Without a rate the
// prices are not compared: a wrong undercut alert is worse than none.
import type { Money } from '../../store/model.ts';
import { convertMoney } from '../../store/exchange.ts';
import type { Config } from '../../server/config.ts';

/** `m` in `currency`, rounded to its minor unit; null when a rate is missing. */
export function convert(config: Config, m: Money, currency: string): Money | null {
  return convertMoney(m, currency, config.shop.currency, config.exchangeRates);
}
