// Reading the digits of a number written in any shop's convention: which mark groups thousands
// and which one starts the fraction. Shops disagree ("1,299.00", "1.299,00", "1 299,00",
// "1'299.50", "1,23,456"), and one lone separator is ambiguous ("1,299" vs "1,29"), so the
// decision uses the digits' structure first and the page's conventions only to break real ties.

/** A number as written, split into exact decimal digits (no floats anywhere). */
export interface DecimalDigits {
  int: string;
  frac: string;
}

export interface SeparatorHints {
  /** Decimal separator of the page, when known from its locale. */
  decimalSeparator?: '.' | ',' | null;
  /** Fraction digits of the currency (JPY 0, CNY 2, KWD 3); null when the currency is unknown. */
  minorDigits?: number | null;
}

/**
 * Matches one written number: digits joined by '.', ',', apostrophes, or a space that is
 * followed by exactly three digits (so "12 99" stays two numbers but "1 299" is one) and does
 * not follow a fraction (so "$4.99 100 count" is a price and a count),
 * optionally closed by a "zero cents" dash ("12,-" German, "12.–" Swiss, "199:-" Swedish, "105. –").
 * A decimal mark, one space and two last digits are one number whose cents were set apart
 * ("$119. 95", "118, 99 TL"), unless more digits follow, as in a list ("10, 12, 14").
 */
export const NUMBER_SOURCE =
  "\\d+(?:(?:[.,'’ʼ]|(?<![.,]\\d{1,2})[ \\u00A0\\u202F\\u2009](?=\\d{3}(?!\\d)))\\d+)*" +
  "(?:[.,] \\d{2}(?![\\d.,'’]|\\s?\\d)|[.,:](?:-{1,2}|–|—)(?!\\d)|[.,] (?:-{1,2}|–|—)(?!\\s?\\d))?";

const GROUPING_MARKS = /['’ʼ \u00A0\u202F\u2009]/;

/** True when `groups` (the digit runs between one repeated mark) form valid thousands groups. */
function validGroups(groups: string[]): boolean {
  const [first, ...rest] = groups;
  if (first.length < 1 || first.length > 3) return indianGroups(groups);
  if (rest.every((g) => g.length === 3)) return true;
  return indianGroups(groups);
}

/** Indian lakh/crore grouping: 1,23,45,678 — the last group has 3 digits, the ones before 2. */
function indianGroups(groups: string[]): boolean {
  if (groups.length < 3) return false;
  const last = groups[groups.length - 1];
  const middle = groups.slice(1, -1);
  return groups[0].length >= 1 && groups[0].length <= 2 && last.length === 3 && middle.every((g) => g.length === 2);
}

/**
 * Split a written number into integer and fraction digits, or null when the marks cannot be a
 * number in any convention (a date "12.03.2024", a version "1.2.3").
 */
export function readNumber(written: string, hints: SeparatorHints = {}): DecimalDigits | null {
  let s = written.trim().replace(/[.,:] ?(?:-{1,2}|–|—)$/, '').replace(/([.,]) (\d{2})$/, '$1$2');
  // Apostrophes and the various spaces only ever group thousands.
  if (GROUPING_MARKS.test(s)) {
    const parts = s.split(/['’ʼ \u00A0\u202F\u2009]/);
    const lastPart = parts[parts.length - 1];
    const lastDigits = lastPart.split(/[.,]/)[0];
    if (parts.slice(1, -1).some((p) => !/^\d{3}$/.test(p)) || lastDigits.length !== 3 || !/^\d{1,3}$/.test(parts[0])) {
      return null;
    }
    s = parts.join('');
    // What remains may hold one decimal mark after the last group: "1 299,00", "1'299.50".
    const m = /^(\d+)(?:[.,](\d+))?$/.exec(s);
    return m ? { int: stripZeros(m[1]), frac: m[2] ?? '' } : null;
  }
  if (!/^\d+(?:[.,]\d+)*$/.test(s)) return null;
  const dots = count(s, '.');
  const commas = count(s, ',');
  if (dots === 0 && commas === 0) return { int: stripZeros(s), frac: '' };
  if (dots > 0 && commas > 0) {
    // Both marks: the last one written is the decimal mark, and it appears once.
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [intPart, frac] = splitLast(s, decimal);
    if (intPart.includes(decimal)) return null;
    if (!validGroups(intPart.split(group))) return null;
    return { int: stripZeros(intPart.split(group).join('')), frac };
  }
  const mark = dots > 0 ? '.' : ',';
  const groups = s.split(mark);
  if (groups.length > 2) return validGroups(groups) ? { int: stripZeros(groups.join('')), frac: '' } : null;
  const [intPart, tail] = groups;
  if (tail.length !== 3 || intPart.length > 3 || /^0+$/.test(intPart)) {
    return { int: stripZeros(intPart), frac: tail };
  }
  // "1,299" / "1.299": three digits after one mark. A fraction of three digits only exists in
  // currencies with three minor digits (KWD, BHD, OMR, JOD, TND), and then only where this mark
  // is the page's decimal mark; pages of unknown convention write those prices "KD 1.250".
  const threeDecimals = hints.minorDigits === 3 && (hints.decimalSeparator ? hints.decimalSeparator === mark : mark === '.');
  return threeDecimals ? { int: stripZeros(intPart), frac: tail } : { int: stripZeros(intPart + tail), frac: '' };
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function splitLast(s: string, mark: string): [string, string] {
  const i = s.lastIndexOf(mark);
  return [s.slice(0, i), s.slice(i + 1)];
}

function stripZeros(int: string): string {
  return int.replace(/^0+(?=\d)/, '');
}

/** "1299" + "5" → "1299.5"; the fraction as written, so "1299.00" keeps its zeros. */
export function digitsToString(d: DecimalDigits): string {
  return d.frac ? `${d.int}.${d.frac}` : d.int;
}

/** Multiply a decimal by a power of ten exactly ("2.3" × 10^4 → "23000" for 万, "99" × 10^-2 → "0.99" for 99¢). */
export function shiftDecimal(d: DecimalDigits, exponent: number): DecimalDigits {
  let all = d.int + d.frac;
  let point = d.int.length + exponent;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  }
  const padded = point > all.length ? all.padEnd(point, '0') : all;
  const int = stripZeros(padded.slice(0, point) || '0');
  const frac = padded.slice(point).replace(/0+$/, '');
  return { int, frac };
}
