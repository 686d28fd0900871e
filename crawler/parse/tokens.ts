// Finding the pieces of a price in text: currency marks and written numbers, and which mark
// sits next to which number ("¥ 1,299.00 元" has one before and one after).
import { SYMBOL_KEYS } from './currency.ts';
import { isCurrencyCode } from './money.ts';
import { NUMBER_SOURCE } from './separators.ts';

export interface CurrencyToken {
  start: number;
  end: number;
  text: string;
  /** 3: a currency sign, ISO code or CJK unit ("$", "EUR", "元"); 2: a local abbreviation ("zł", "kr"); 1: letters that are often something else ("ft", "R"). */
  strength: number;
}

export interface NumberToken {
  /** Span of the number with its adjacent currency marks and multiplier. */
  start: number;
  end: number;
  /** The written digits and separators only. */
  text: string;
  before: CurrencyToken | null;
  after: CurrencyToken | null;
  /** 万 / 亿 / 千 written right after the digits. */
  multiplier: string | null;
  /** Digits stuck to a word ("A4", "64GB", "2件"): a model or quantity, not a price. */
  glued: boolean;
}

/** Letter marks that are also ordinary words or units, so they only count when nothing better is near. */
const WEAK = new Set(['ft', 'r', 'tl', 'bs', 'dt', 'kd', 'din', 'kn', 'р', 'fr', 'euro', 'euros']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

let symbolRe: RegExp | null = null;

function symbolPattern(): RegExp {
  if (symbolRe) return symbolRe;
  const alternatives = SYMBOL_KEYS.map((key) => {
    const startsWithLetter = /^\p{L}/u.test(key);
    const endsWithLetter = /\p{L}$/u.test(key);
    // CJK units ("元", "円") attach to digits and to the words around them without spaces.
    const cjk = /^[\p{Script=Han}\p{Script=Hangul}]+$/u.test(key);
    const body = escape(key) + (endsWithLetter && !cjk ? '\\.?' : '');
    return (startsWithLetter && !cjk ? '(?<!\\p{L})' : '') + body + (endsWithLetter && !cjk ? '(?![\\p{L}])' : '');
  });
  symbolRe = new RegExp(alternatives.join('|'), 'giu');
  return symbolRe;
}

function strengthOf(text: string): number {
  const key = text.replace(/\.$/, '').toLowerCase();
  if (/[\p{Sc}\p{Script=Han}\p{Script=Hangul}]/u.test(text)) return 3;
  return WEAK.has(key) ? 1 : 2;
}

/** Every currency mark in the text, left to right, ISO codes (upper case only) included. */
export function findCurrencyTokens(s: string): CurrencyToken[] {
  const found: CurrencyToken[] = [];
  for (const m of s.matchAll(/(?<!\p{L})[A-Z]{3}(?!\p{L})/gu)) {
    if (isCurrencyCode(m[0]) || m[0] === 'RMB') found.push({ start: m.index, end: m.index + 3, text: m[0], strength: 3 });
  }
  for (const m of s.matchAll(symbolPattern())) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((t) => start < t.end && end > t.start)) continue;
    found.push({ start, end, text: m[0], strength: strengthOf(m[0]) });
  }
  return found.sort((a, b) => a.start - b.start);
}

const NUMBER_RE = new RegExp(`(?<!\\d)${NUMBER_SOURCE}`, 'gu');
/** Words that may follow a price without a space and do not make it a quantity. */
const AFTER_OK = /^(?:起|から|부터|千|万|萬|亿|億|\/|[-–—~〜～+])/u;

/** Every written number with the currency marks next to it (only spaces between). */
export function findNumbers(s: string, tokens: CurrencyToken[]): NumberToken[] {
  const numbers: NumberToken[] = [];
  for (const m of s.matchAll(NUMBER_RE)) {
    const numStart = m.index;
    let numEnd = numStart + m[0].length;
    let multiplier: string | null = null;
    const mult = /^\s?([千万萬亿億])/u.exec(s.slice(numEnd));
    if (mult) {
      multiplier = mult[1];
      numEnd += mult[0].length;
    }
    const before = tokens.find((t) => t.end <= numStart && /^ {0,2}$/.test(s.slice(t.end, numStart))) ?? null;
    const after = tokens.find((t) => t.start >= numEnd && /^ {0,2}$/.test(s.slice(numEnd, t.start))) ?? null;
    const start = before ? before.start : numStart;
    const end = after ? after.end : numEnd;
    const charBefore = s[numStart - 1] ?? '';
    const textAfter = s.slice(numEnd);
    const glued =
      (!before && /\p{L}/u.test(charBefore)) ||
      (!after && !multiplier && /^\p{L}/u.test(textAfter) && !AFTER_OK.test(textAfter));
    numbers.push({ start, end, text: m[0], before, after, multiplier, glued });
  }
  return numbers;
}
