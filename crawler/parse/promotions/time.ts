// When a promotion ends, from a countdown ("仅剩 02:13:45", "ends in 3h 12m") relative to the
// crawl time, or from a date ("Ends 2026-11-30", "截止 11月30日 23:59") read in the page's time
// zone (taken from its language; UTC when the language names no country). A date without a
// time ends at the end of that day; a date without a year is the next such date after `now`.
import { DateTime } from 'luxon';

/** Time zone a shop in this language most likely states its dates in. */
const ZONES: Record<string, string> = {
  CN: 'Asia/Shanghai', TW: 'Asia/Taipei', HK: 'Asia/Hong_Kong', JP: 'Asia/Tokyo', KR: 'Asia/Seoul', DE: 'Europe/Berlin', AT: 'Europe/Vienna',
  CH: 'Europe/Zurich', FR: 'Europe/Paris', BE: 'Europe/Brussels', NL: 'Europe/Amsterdam', ES: 'Europe/Madrid', IT: 'Europe/Rome', PT: 'Europe/Lisbon',
  PL: 'Europe/Warsaw', CZ: 'Europe/Prague', SE: 'Europe/Stockholm', DK: 'Europe/Copenhagen', NO: 'Europe/Oslo', FI: 'Europe/Helsinki', RU: 'Europe/Moscow',
  GB: 'Europe/London', IE: 'Europe/Dublin', BR: 'America/Sao_Paulo', MX: 'America/Mexico_City', AR: 'America/Argentina/Buenos_Aires', CL: 'America/Santiago',
  CO: 'America/Bogota', IN: 'Asia/Kolkata', SG: 'Asia/Singapore', AU: 'Australia/Sydney', TR: 'Europe/Istanbul', RO: 'Europe/Bucharest', HU: 'Europe/Budapest',
};

export function zoneOf(lang: string | null | undefined): string {
  if (!lang) return 'UTC';
  try {
    const locale = new Intl.Locale(lang.replace(/_/g, '-'));
    // English and Spanish span many zones: only a region narrows them.
    const region = locale.region ?? (['en', 'es', 'pt', 'ar'].includes(locale.language) ? undefined : locale.maximize().region);
    return (region && ZONES[region]) ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(?:d|days?|天|日|tage?n?|jours?|d[ií]as?|giorni|dias|dni|дн\p{L}*|일)$/iu, 86400],
  [/^(?:h|hrs?|hours?|小时|小時|時間|std\.?|stunden?|heures?|horas?|ore|godz\.?|ч\.?|час\p{L}*|시간)$/iu, 3600],
  [/^(?:m|mins?\.?|minutes?|分钟|分鐘|分|minuten?|minutos?|minuti|мин\.?|минут\p{L}*|분)$/iu, 60],
  [/^(?:s|secs?|seconds?|秒|sekunden?|secondes?|segundos?|secondi|сек\.?|초)$/iu, 1],
];

const REMAINING = /ends? in|left|remaining|to go|剩|距|还有|還有|倒计时|倒計時|noch|endet in|dans|encore|termina en|quedan|termina tra|restano|termina em|faltam|kończy się za|pozostało|осталось|через|残り|あと|남음|남은/iu;

function unitSeconds(unit: string): number | null {
  for (const [re, seconds] of UNIT_SECONDS) if (re.test(unit)) return seconds;
  return null;
}

/** Seconds left on a countdown, or null when the text shows none. */
function countdownSeconds(s: string): number | null {
  const clock = /(?<![\d:])(\d{1,3}):(\d{2}):(\d{2})(?![\d:])/u.exec(s);
  const days = /(\d+)\s*(?:天|日|days?|d(?!\p{L})|tage?n?|jours?|d[ií]as?|giorni|dias|dni)/iu.exec(s);
  if (clock && (REMAINING.test(s) || !/\d{1,2}\s*月|\d{4}[-/.]/u.test(s))) {
    const base = Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    return base + (days && days.index < clock.index ? Number(days[1]) * 86400 : 0);
  }
  if (!REMAINING.test(s)) return null;
  let total = 0;
  let found = false;
  for (const m of s.matchAll(/(\d+)\s*(\p{L}+\.?)/gu)) {
    const seconds = unitSeconds(m[2]);
    if (seconds === null) continue;
    total += Number(m[1]) * seconds;
    found = true;
  }
  return found ? total : null;
}

const monthCache = new Map<string, Map<string, number>>();

/**
 * Month names of English and the page's language, from Intl rather than a hand list. Only those
 * two: other languages' abbreviations are ordinary words here ("Sie" is Polish for August).
 */
function monthNames(lang: string | null | undefined): Map<string, number> {
  let base = 'en';
  try {
    base = lang ? new Intl.Locale(lang.replace(/_/g, '-')).language : 'en';
  } catch {
    base = 'en';
  }
  let names = monthCache.get(base);
  if (names) return names;
  names = new Map();
  for (const locale of new Set(['en', base])) {
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2024, month - 1, 15));
      for (const style of ['long', 'short'] as const) {
        const name = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(date).toLowerCase().replace(/\.$/, '');
        if (/^\p{L}{3,}$/u.test(name)) names.set(name, month);
      }
    }
  }
  monthCache.set(base, names);
  return names;
}

/** The month a word names in English or the page's language ("Nov", "novembre"), or null. */
export function monthOf(word: string, lang?: string | null): number | null {
  return monthNames(lang).get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

interface DateParts {
  year: number | null;
  month: number;
  day: number;
  time: [number, number, number] | null;
}

function timeOf(s: string): [number, number, number] | null {
  const m = /(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])\s*(am|pm)?/iu.exec(s);
  if (!m) return null;
  let hour = Number(m[1]);
  if (m[4]?.toLowerCase() === 'pm' && hour < 12) hour += 12;
  if (m[4]?.toLowerCase() === 'am' && hour === 12) hour = 0;
  return [hour, Number(m[2]), Number(m[3] ?? 0)];
}

function dateOf(s: string, lang: string | null | undefined): DateParts | null {
  const time = timeOf(s);
  let m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), time };
  m = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?/u.exec(s);
  if (m) return { year: null, month: Number(m[1]), day: Number(m[2]), time };
  m = /(?<![\d.:/])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d:])/u.exec(s);
  if (m && (m[3] || /until|through|thru|ends?|valid|bis|gültig|jusqu|hasta|válid|fino|valid|até|do |截止|まで|까지/iu.test(s))) {
    let [a, b] = [Number(m[1]), Number(m[2])];
    // Month first only where the page is American, or where the day cannot be first.
    const monthFirst = b > 12 || (a <= 12 && /^en-US$/i.test(lang ?? '') && m[0].includes('/'));
    if (monthFirst) [a, b] = [b, a];
    const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : null;
    return { year, month: b, day: a, time };
  }
  // "30. November 2026", "30 novembre" and "Nov 30, 2026": each shape scanned on its own, so a
  // word before the day ("bis 30. November") does not hide the day from the month after it.
  for (const dm of s.matchAll(/(\d{1,2})\.?\s+(?:de\s+)?(\p{L}{3,})\.?(?:\s+(?:de\s+)?(\d{4}))?/giu)) {
    const month = monthOf(dm[2], lang);
    if (month) return { year: dm[3] ? Number(dm[3]) : null, month, day: Number(dm[1]), time };
  }
  for (const dm of s.matchAll(/(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?/giu)) {
    const month = monthOf(dm[1], lang);
    if (month) return { year: dm[3] ? Number(dm[3]) : null, month, day: Number(dm[2]), time };
  }
  return null;
}

function iso(dt: DateTime): string | null {
  return dt.isValid ? dt.toUTC().toJSDate().toISOString() : null;
}

/** The UTC ISO time a promotion ends, or null when the text does not say or cannot be placed. */
export function parseEndsAt(text: string, now?: string, lang?: string | null): string | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ');
  const nowDt = now ? DateTime.fromISO(now, { zone: 'utc' }) : null;
  const seconds = countdownSeconds(s);
  if (seconds !== null) return nowDt?.isValid ? iso(nowDt.plus({ seconds })) : null;
  const zone = zoneOf(lang);
  const date = dateOf(s, lang);
  if (date) {
    const [hour, minute, second] = date.time ?? [23, 59, 59];
    const build = (year: number) => DateTime.fromObject({ year, month: date.month, day: date.day, hour, minute, second }, { zone });
    if (date.year !== null) return iso(build(date.year));
    if (!nowDt?.isValid) return null;
    const year = nowDt.setZone(zone).year;
    const candidate = build(year);
    return iso(candidate < nowDt ? build(year + 1) : candidate);
  }
  if (nowDt?.isValid && /ends? today|ends? tonight|today only|nur heute|aujourd'hui seulement|solo hoy|solo oggi|só hoje|tylko dziś|только сегодня|今日|今天|今晚|当日|本日限り|오늘만/iu.test(s)) {
    return iso(nowDt.setZone(zone).endOf('day').set({ millisecond: 0 }));
  }
  return null;
}
