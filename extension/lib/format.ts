// Numbers as people read them: money in the shop's currency and the UI's language, percents, ages.
import type { Money } from './api-types.ts';
import type { Translate } from './i18n.ts';
import type { Language } from './settings.ts';

function digitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** ¥1,299.00 from { amountMinor: 129900, currency: "CNY" }. */
export function formatMoney(m: Money | null | undefined, language: Language): string {
  if (!m) return '—';
  const digits = digitsOf(m.currency);
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      m.amountMinor / 10 ** digits,
    );
  } catch {
    return `${(m.amountMinor / 10 ** digits).toFixed(digits)} ${m.currency}`;
  }
}

/** An amount without its sign, for "¥40.00 cheaper" phrasing. */
export function formatAbsMoney(amountMinor: number, currency: string, language: Language): string {
  return formatMoney({ amountMinor: Math.abs(amountMinor), currency }, language);
}

export function formatPercent(percent: number | null | undefined, opts: { signed?: boolean } = {}): string {
  if (percent == null) return '—';
  const value = Math.abs(percent) < 0.05 ? 0 : percent;
  const text = `${Math.abs(value).toFixed(1).replace(/\.0$/, '')}%`;
  if (!opts.signed) return text;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function formatSigned(n: number, decimals = 0): string {
  const text = Math.abs(n).toFixed(decimals);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

export function formatAge(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t('ageMinutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('ageHours', { n: hours });
  return t('ageDays', { n: Math.round(hours / 24) });
}

export function formatRating(rating: number | null, scale: number | null): string {
  if (rating == null) return '—';
  return scale ? `${rating}/${scale}` : String(rating);
}
