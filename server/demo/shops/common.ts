// Small pieces several demo shops share.
import { shelfPrice, type PriceStyle } from '../money.ts';
import type { DemoAvailability } from '../types.ts';

/** A dump day's price: about 40 % of the regular price (−60 %), on a shelf price. */
export function dumpPrice(regularMinor: number, style: PriceStyle): number {
  return shelfPrice(Math.round(regularMinor * 0.4), style);
}

/** schema.org availability URL as shops write it (Shopify still writes http://). */
export function schemaAvailability(a: DemoAvailability, scheme: 'http' | 'https'): string {
  const name = { in_stock: 'InStock', out_of_stock: 'OutOfStock', preorder: 'PreOrder', limited: 'LimitedAvailability' }[a];
  return `${scheme}://schema.org/${name}`;
}

/** The struck-through price: a permanent RRP when above the price, else the regular price when discounted. */
export function listPrice(msrpMinor: number | null, regularMinor: number, priceMinor: number): number | null {
  if (msrpMinor !== null && msrpMinor > priceMinor) return msrpMinor;
  return priceMinor < regularMinor ? regularMinor : null;
}

/** Whole-percent saving of price against list price, as badges show it. */
export function savingPercent(listMinor: number, priceMinor: number): number {
  return Math.round(((listMinor - priceMinor) / listMinor) * 100);
}
