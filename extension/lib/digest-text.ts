// Figures and sentences of the digest page: money, percents and dates as the reader's language
// writes them, in the digest's time zone, and the recommended actions as one sentence each.
import type { Money } from './api-types.ts';
import type { Action, Digest } from './digest-types.ts';
import { digestTranslator, labelOf, type DigestTranslate } from './digest-i18n.ts';
import type { Language } from './settings.ts';

function digitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const DASH = '–';

export class DigestFormat {
  private readonly numbers: Intl.NumberFormat;
  private readonly lists: Intl.ListFormat;
  private readonly days: Intl.DateTimeFormat;
  private readonly times: Intl.DateTimeFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly currencies = new Map<string, Intl.NumberFormat>();

  constructor(
    readonly language: Language,
    readonly timeZone: string,
  ) {
    this.numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    this.lists = new Intl.ListFormat(language, { style: 'short', type: 'conjunction' });
    this.days = new Intl.DateTimeFormat(language, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    this.times = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    // Calendar dates ("2026-11-16") are already local to the shop: read and written in UTC.
    this.dates = new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' });
  }

  money(m: Money | null | undefined): string {
    if (!m) return DASH;
    let f = this.currencies.get(m.currency);
    if (!f) {
      f = new Intl.NumberFormat(this.language, { style: 'currency', currency: m.currency });
      this.currencies.set(m.currency, f);
    }
    return f.format(m.amountMinor / 10 ** digitsOf(m.currency));
  }

  number(x: number | null | undefined): string {
    return x == null ? DASH : this.numbers.format(x);
  }

  pct(x: number | null | undefined): string {
    return x == null ? DASH : `${this.numbers.format(x)}%`;
  }

  /** "+3.5%" / "−2%": changes carry their sign. */
  signedPct(x: number | null | undefined): string {
    return x == null ? DASH : `${this.sign(x)}${this.numbers.format(Math.abs(x))}%`;
  }

  /** Index points and rating changes. */
  signed(x: number | null | undefined): string {
    return x == null ? DASH : `${this.sign(x)}${this.numbers.format(Math.abs(x))}`;
  }

  private sign(x: number): string {
    return x > 0 ? '+' : x < 0 ? '−' : '±';
  }

  day(at: string | null | undefined): string {
    return at ? this.days.format(new Date(at)) : DASH;
  }

  dateTime(at: string | null | undefined): string {
    return at ? this.times.format(new Date(at)) : DASH;
  }

  calendarDate(date: string): string {
    return this.dates.format(new Date(`${date}T00:00:00Z`));
  }

  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}

export interface DigestKit {
  t: DigestTranslate;
  fmt: DigestFormat;
}

export function digestKit(language: Language, timeZone: string): DigestKit {
  return { t: digestTranslator(language), fmt: new DigestFormat(language, timeZone) };
}

export function weekTitle(k: DigestKit, d: Pick<Digest, 'period'>): string {
  return k.t('week', { week: d.period.week, from: k.fmt.calendarDate(d.period.firstDay), to: k.fmt.calendarDate(d.period.lastDay) });
}

export function campaignNames(k: DigestKit, ids: readonly string[]): string {
  return ids.map((c) => labelOf(k.t, 'campaign', c)).join(', ');
}

export function noteText(k: DigestKit, note: Digest['notes'][number]): string {
  const params = { ...note.params };
  if (typeof params.campaigns === 'string') params.campaigns = campaignNames(k, params.campaigns.split(', '));
  return k.t(`note.${note.key}`, params);
}

export function sinceText(k: DigestKit, at: string, firstReading: boolean): string {
  const date = k.fmt.day(at);
  return firstReading ? k.t('sinceTracking', { date }) : date;
}

export function reasonText(k: DigestKit, reason: string | null): string {
  if (!reason) return DASH;
  const failure = labelOf(k.t, 'failure', reason);
  return failure !== reason ? failure : labelOf(k.t, 'reason', reason);
}

const str = (v: unknown) => (v == null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const money = (v: unknown) => (v && typeof v === 'object' && 'amountMinor' in v ? (v as Money) : null);

/** The recommended action as one sentence, filled from its parameters. */
export function actionText(k: DigestKit, a: Action): string {
  const { t, fmt } = k;
  const p = a.params;
  const base = { competitor: a.competitor ?? '', products: a.products.length ? fmt.list(a.products) : '' };
  const campaign = typeof p.campaign === 'string' ? t('campaignSuffix', { campaign: labelOf(t, 'campaign', p.campaign) }) : '';
  switch (a.kind) {
    case 'undercut':
      return t('action.undercut', { ...base, skus: str(p.skus), gap: fmt.pct(num(p.averageGapPct)), since: sinceText(k, str(p.since), p.sinceFirstReading === 1) }) + campaign;
    case 'price-dump': {
      const change = fmt.pct(Math.abs(num(p.changePct) ?? 0));
      const count = num(p.count) ?? 1;
      const text =
        count > 1
          ? t('actionMany.price-dump', { ...base, count, change, dump: fmt.pct(num(p.dumpPct)) })
          : t('action.price-dump', { ...base, change, to: fmt.money(money(p.to)), ours: fmt.money(money(p.ours)) });
      return text + campaign;
    }
    case 'stock-opportunity':
      return t('action.stock-opportunity', { ...base, skus: str(p.skus), since: fmt.day(str(p.since)) });
    case 'counter-promotion':
      return t('action.counter-promotion', { ...base, count: str(p.count), depth: fmt.pct(num(p.maxDepthPct)) }) + campaign;
    case 'priced-above': {
      const kind = str(p.segmentKind);
      const segment = t(kind === 'category' || kind === 'tag' ? `segment.${kind}` : 'segment.overall', { name: str(p.segment) });
      const gap = Math.round(((num(p.index) ?? 100) - 100) * 10) / 10;
      return t('action.priced-above', { segment, gap: fmt.pct(gap), skus: str(p.matchedSkus) });
    }
    case 'misleading-discount':
      return t('action.misleading-discount', { ...base, count: str(p.count), claimed: fmt.pct(num(p.claimedPct)) });
    case 'competitor-reviews': {
      const neg = num(p.newNegative);
      const negative = neg !== null && neg > 0 ? t('negativeSuffix', { n: neg }) : '';
      const count = num(p.count) ?? 1;
      if (count > 1) return t('actionMany.competitor-reviews', { ...base, count, negative });
      return t('action.competitor-reviews', { ...base, previous: fmt.number(num(p.previousRating)), rating: fmt.number(num(p.rating)), negative });
    }
    case 'fix-crawling': {
      const listings = num(p.listings) ?? 0;
      return t('action.fix-crawling', { ...base, read: listings - (num(p.notRead) ?? 0), listings, reason: reasonText(k, str(p.reason) || null) });
    }
  }
}
