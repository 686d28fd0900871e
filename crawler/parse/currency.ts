// Which currency a symbol or code means on a given page. Symbols are shared ("$" is USD, CAD,
// AUD, MXN, CLP…; "¥" is CNY or JPY; "kr" SEK, NOK, DKK), so the page's structured data, domain
// and language pick among the currencies a symbol can mean; the symbol's most common reading is
// the fallback. Country → currency comes from `country-to-currency`, locale facts from Intl.
import countryToCurrency from 'country-to-currency';
import { MARKS, REPLACED_CODES } from './currency-marks.ts';
import { isCurrencyCode } from './money.ts';
import type { PriceContext } from './price.ts';

/** Longest-first list of the written symbols, for building the matcher in price.ts. */
export const SYMBOL_KEYS: string[] = Object.keys(MARKS).sort((a, b) => b.length - a.length);

/** Platforms whose TLD does not tell the currency but which sell in one. */
const PLATFORM_CURRENCY: [RegExp, string][] = [
  [/(^|\.)(tmall|taobao|jd|pinduoduo|yangkeduo|douyin|jinritemai|1688|suning|vip|dangdang|kaola|xiaohongshu|kuaishou|meituan|vmall|mi)\.(com|hk)$/, 'CNY'],
  [/(^|\.)(rakuten|mercari|yodobashi|zozo)\.co\.jp$|(^|\.)yahoo\.co\.jp$/, 'JPY'],
  [/(^|\.)(coupang|gmarket|11st|musinsa)\.(com|co\.kr)$/, 'KRW'],
  [/(^|\.)(flipkart|myntra|nykaa|meesho)\.com$/, 'INR'],
];

/** Country-code TLDs that are sold as generic names and say nothing about a shop's country. */
const VANITY_TLDS = new Set(['io', 'co', 'ai', 'me', 'tv', 'fm', 'ly', 'gg', 'to', 'cc', 'ws', 'nu', 'sh', 'ac', 'vc', 'la', 'am', 'so', 'gl', 'is', 'im']);

/** Languages spoken across many currencies: without a region they tell nothing. */
const MULTI_CURRENCY_LANGS = new Set(['en', 'es', 'pt', 'ar', 'sw']);

function currencyOfCountry(country: string | undefined | null): string | null {
  if (!country) return null;
  const code = (countryToCurrency as Record<string, string>)[country.toUpperCase()];
  return code ?? null;
}

/** Page facts repeat for every element of a page: remember what each domain and language means. */
const domainCache = new Map<string, string | null>();
const languageCache = new Map<string, string | null>();

function currencyOfDomain(domain: string): string | null {
  let currency = domainCache.get(domain);
  if (currency === undefined) {
    currency = readDomain(domain);
    domainCache.set(domain, currency);
  }
  return currency;
}

function currencyOfLanguage(lang: string): string | null {
  let currency = languageCache.get(lang);
  if (currency === undefined) {
    currency = readLanguage(lang);
    languageCache.set(lang, currency);
  }
  return currency;
}

function readDomain(domain: string): string | null {
  const host = domain.toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[/:?#]/)[0].replace(/\.$/, '');
  for (const [pattern, currency] of PLATFORM_CURRENCY) if (pattern.test(host)) return currency;
  const labels = host.split('.');
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1];
  const second = labels[labels.length - 2];
  if (tld === 'eu') return 'EUR';
  if (tld === 'uk') return 'GBP';
  if (tld.length !== 2) return null;
  // "example.co" is a vanity name; "example.com.co" is Colombian.
  if (VANITY_TLDS.has(tld) && !['com', 'co', 'net', 'org', 'gov', 'edu'].includes(second)) return null;
  return currencyOfCountry(tld);
}

function readLanguage(lang: string): string | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang.replace(/_/g, '-'));
  } catch {
    return null;
  }
  if (locale.region) return currencyOfCountry(locale.region);
  // A script can tell a region ("zh-Hant" → TW); a bare multi-country language cannot.
  if (MULTI_CURRENCY_LANGS.has(locale.language) && !locale.script) return null;
  return currencyOfCountry(locale.maximize().region);
}

function validCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const upper = code.trim().toUpperCase();
  return isCurrencyCode(upper) ? upper : null;
}

/** Default currency of a page when no symbol says one: declared currency, then domain, then language. */
export function currencyFromContext(ctx?: PriceContext): string | null {
  if (!ctx) return null;
  return (
    validCode(ctx.currency) ??
    (ctx.domain ? currencyOfDomain(ctx.domain) : null) ??
    (ctx.lang ? currencyOfLanguage(ctx.lang) : null)
  );
}

function symbolKey(symbolOrCode: string): string {
  return symbolOrCode.normalize('NFKC').trim().replace(/\s+/g, '').replace(/^\.|\.$/g, '').toLowerCase();
}

/** An ISO 4217 code, current or replaced ("EUR", "DEM"). */
export function isIsoCode(code: string): boolean {
  return isCurrencyCode(code) || REPLACED_CODES.has(code);
}

/** The currencies a written symbol or code can mean, most common first; empty when unknown. */
export function currencyCandidates(symbolOrCode: string): string[] {
  const raw = symbolOrCode.normalize('NFKC').trim();
  if (/^[A-Za-z]{3}$/.test(raw) && isIsoCode(raw.toUpperCase()) && !MARKS[raw.toLowerCase()]) return [raw.toUpperCase()];
  return MARKS[symbolKey(raw)] ?? [];
}

/**
 * The ISO 4217 currency a symbol or code means on this page, or null when it names none.
 * A declared currency that the symbol can mean wins; then the domain's and the language's
 * currency when the symbol can mean it; then the symbol's most common reading.
 */
export function resolveCurrency(symbolOrCode: string | null, ctx?: PriceContext): string | null {
  if (!symbolOrCode || !symbolOrCode.trim()) return currencyFromContext(ctx);
  const candidates = currencyCandidates(symbolOrCode);
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0];
  const declared = validCode(ctx?.currency);
  if (declared && candidates.includes(declared)) return declared;
  const fromDomain = ctx?.domain ? currencyOfDomain(ctx.domain) : null;
  if (fromDomain && candidates.includes(fromDomain)) return fromDomain;
  const fromLang = ctx?.lang ? currencyOfLanguage(ctx.lang) : null;
  if (fromLang && candidates.includes(fromLang)) return fromLang;
  return candidates[0];
}
