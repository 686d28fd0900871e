// Price rounding and formatting as the demo shops' locales write prices. Integer minor units in,
// text out; no floats cross a page boundary.

/** How a shop rounds a computed price to a shelf price. */
export type PriceStyle = 'x.99' | 'eur' | 'cny';

/** Rounds to the nearest shelf price of the style: $49.99, 1.299,00 € / 49,99 €, ¥1,299.00 / ¥89.90. */
export function shelfPrice(minor: number, style: PriceStyle): number {
  const major = minor / 100;
  if (style === 'x.99' || (style === 'eur' && major < 100)) return Math.max(99, Math.round(major) * 100 - 1);
  if (style === 'eur' || major >= 100) return Math.max(900, (Math.round((major + 1) / 10) * 10 - 1) * 100);
  return Math.max(990, Math.round(major / 10) * 1000 - 10);
}

/** Rounds a percentage discount to whole cents, as shop software does. */
export function percentOff(minor: number, percent: number): number {
  return Math.round((minor * (100 - percent)) / 100);
}

/** Digits with grouping: groupDigits(129900, ',', '.') → "1,299.00". */
export function groupDigits(minor: number, group: string, decimal: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${whole}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

export const formatUsd = (minor: number): string => `$${groupDigits(minor, ',', '.')}`;
export const formatGbp = (minor: number): string => `£${groupDigits(minor, ',', '.')}`;
export const formatEur = (minor: number): string => `${groupDigits(minor, '.', ',')} €`;
export const formatCny = (minor: number): string => `¥${groupDigits(minor, ',', '.')}`;

/** "42.49": the plain decimal structured data carries. */
export function decimalString(minor: number): string {
  return groupDigits(minor, '', '.');
}
