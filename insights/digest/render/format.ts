// Numbers, money and dates as a reader of each language expects them, in the shop's time zone.
import { DateTime } from 'luxon';
import type { Money } from '../../../store/model.ts';
import { isoMillis } from '../../../store/times.ts';
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

/** Reads the calendar date of an instant in a time zone, as luxon itself does (through Intl); null for a zone Intl does not know. */
function localDateReader(timeZone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  } catch {
    return null;
  }
}

export class Formatter {
  private readonly numbers: Intl.NumberFormat;
  private readonly lists: Intl.ListFormat;
  // Building an Intl formatter costs far more than using one: one per currency, reused.
  private readonly currencies = new Map<string, Intl.NumberFormat>();
  /**
   * Days as shown, by stored time and by local date. A digest shows thousands of dates (every
   * undercut cited by an action has a row) and luxon takes tens of microseconds for each, while
   * what is shown depends on the local calendar date alone.
   */
  private readonly days = new Map<string, string>();
  private readonly dates = new Map<string, string>();
  private readonly localDates: Intl.DateTimeFormat | null;

  constructor(
    readonly lang: Language,
    readonly timeZone: string,
  ) {
    this.numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    this.lists = new Intl.ListFormat(lang, { style: 'short', type: 'conjunction' });
    this.localDates = localDateReader(timeZone);
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
    let text = this.days.get(at);
    if (text === undefined) {
      text = this.dayOf(at);
      this.days.set(at, text);
    }
    return text;
  }

  private dayOf(at: string): string {
    const format = this.lang === 'zh-CN' ? 'M月d日 ccc' : 'ccc d LLL';
    const ms = isoMillis(at);
    // Only a time exactly as toISOString writes it is read without luxon: luxon reads it the same way.
    if (!this.localDates || !Number.isFinite(ms) || new Date(ms).toISOString() !== at) return this.dt(at).toFormat(format);
    const parts = this.localDates.formatToParts(ms);
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    const date = { year: part('year'), month: part('month'), day: part('day') };
    const key = `${date.year}-${date.month}-${date.day}`;
    let text = this.dates.get(key);
    if (text === undefined) {
      text = DateTime.fromObject(date, { zone: 'utc' }).setLocale(this.lang).toFormat(format);
      this.dates.set(key, text);
    }
    return text;
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
