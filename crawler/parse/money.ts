// Exact money arithmetic on decimal strings: ISO 4217 minor digits come from Intl (so JPY 0,
// CLP 0, KWD 3 without a table of ours), and nothing passes through a float on the way to an
// integer amount.

const minorCache = new Map<string, number>();

/** The ISO 4217 exponent of `currency`: JPY 0, CLP 0, CNY 2, KWD 3. Throws on a non-ISO code. */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = minorCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    minorCache.set(code, digits);
  }
  return digits;
}

let isoCodes: Set<string> | null = null;

/** True for a code Intl knows as a currency ("EUR", "CLP"), false for "RMB" or "ABC". */
export function isCurrencyCode(code: string): boolean {
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return isoCodes.has(code);
}

/** Scale a decimal to `digits` fraction digits, rounding half up (away from zero) exactly. */
export function decimalToMinor(amount: string, digits: number): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!m || (m[2] === '' && !m[3])) throw new RangeError(`not a decimal amount: "${amount}"`);
  const [, sign, int, frac = ''] = m;
  const kept = (frac + '0'.repeat(digits)).slice(0, digits);
  let minor = BigInt((int || '0') + kept);
  if (frac.length > digits && Number(frac[digits]) >= 5) minor += 1n;
  const value = Number(minor);
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount too large for exact minor units: "${amount}"`);
  return sign === '-' && value !== 0 ? -value : value;
}

/** Write a finite number in plain decimal notation, as its shortest round-trip form. */
function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa, expText] = s.split(/e/i);
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = mantissa.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + exp;
  const body =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits.padEnd(point, '0') : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/** An amount in major units to integer minor units, exactly: ("1299.5", "CNY") → 129950. */
export function toMinor(amount: string | number, currency: string): number {
  const text = typeof amount === 'number' ? plainDecimal(amount) : amount;
  return decimalToMinor(text, minorDigits(currency));
}

/** Minor units back to a decimal string in major units: (129950, "CNY") → "1299.50". */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const body = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return negative ? `-${body}` : body;
}

/** Money for people: (129900 CNY, "zh-CN") → "¥1,299.00". */
export function formatMoney(m: { amountMinor: number; currency: string }, locale = 'en'): string {
  const digits = minorDigits(m.currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Dividing a safe integer by a power of ten lands within far less than half a minor unit of
  // the true value, and the formatter rounds to `digits`, so the printed digits are exact.
  return format.format(m.amountMinor / 10 ** digits);
}
