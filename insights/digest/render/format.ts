// Numbers, money and dates as a reader of each language expects them, in the shop's time zone.
import { DateTime } from 'luxon';
import type { Money } from '../../../store/model.ts';
import type { Language } from '../config.ts';

const fractionDigits = new Map<string, number>();

function digitsOf(currency: string): number {
  let d = fractionDigits.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigits.set(currency, d);
  }
  return d;
}

export class Formatter {
  private readonly numbers: Intl.NumberFormat;
  private readonly lists: Intl.ListFormat;
  // Building an Intl formatter costs far more than using one: one per currency, reused.
  private readonly currencies = new Map<string, Intl.NumberFormat>();

  constructor(
    readonly lang: Language,
    readonly timeZone: string,
  ) {
    this.numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    this.lists = new Intl.ListFormat(lang, { style: 'short', type: 'conjunction' });
  }

  money(m: Money | null | undefined): string {
    if (!m) return '–';
    let f = this.currencies.get(m.currency);
    if (!f) {
      f = new Intl.NumberFormat(this.lang, { style: 'currency', currency: m.currency });
      this.currencies.set(m.currency, f);
    }
    return f.format(m.amountMinor / 10 ** digitsOf(m.currency));
  }

  /** An amount in minor units of `currency` (trend values). */
  minor(amountMinor: number | null, currency: string): string {
    return amountMinor === null ? '–' : this.money({ amountMinor, currency });
  }

  number(x: number | null | undefined): string {
    return x === null || x === undefined ? '–' : this.numbers.format(x);
  }

  /** "+3.5%" / "−2%": signed, for changes. */
  signedPct(x: number | null | undefined): string {
    if (x === null || x === undefined) return '–';
    return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${this.numbers.format(Math.abs(x))}%`;
  }

  pct(x: number | null | undefined): string {
    return x === null || x === undefined ? '–' : `${this.numbers.format(x)}%`;
  }

  /** Signed change in points (index points, rating). */
  signed(x: number | null | undefined): string {
    if (x === null || x === undefined) return '–';
    return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${this.numbers.format(Math.abs(x))}`;
  }

  private dt(at: string): DateTime {
    return DateTime.fromISO(at, { zone: 'utc' }).setZone(this.timeZone).setLocale(this.lang);
  }

  /** "Tue 17 Nov" / "11月17日 周二". */
  day(at: string | null | undefined): string {
    if (!at) return '–';
    return this.dt(at).toFormat(this.lang === 'zh-CN' ? 'M月d日 ccc' : 'ccc d LLL');
  }

  dateTime(at: string | null | undefined): string {
    if (!at) return '–';
    return this.dt(at).toFormat(this.lang === 'zh-CN' ? 'yyyy年M月d日 HH:mm' : 'd LLL yyyy, HH:mm');
  }

  /** A local calendar date "2026-11-16" as "16 Nov 2026" / "2026年11月16日". */
  calendarDate(date: string): string {
    return DateTime.fromISO(date, { zone: 'utc' }).setLocale(this.lang).toFormat(this.lang === 'zh-CN' ? 'yyyy年M月d日' : 'd LLL yyyy');
  }

  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}
