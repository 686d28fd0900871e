// Exact minor units, currency exponents from Intl, formatting, and currency resolution.
import { describe, expect, it } from 'vitest';
import { currencyFromContext, resolveCurrency } from '../../crawler/parse/currency.ts';
import { formatMoney, minorDigits, toMinor } from '../../crawler/parse/price.ts';
import type { PriceContext } from '../../crawler/parse/price.ts';
import * as C from './contexts.ts';

describe('minorDigits', () => {
  const rows: [string, number][] = [
    ['CNY', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['JPY', 0], ['KRW', 0], ['CLP', 0], ['VND', 0], ['ISK', 0],
    ['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['CHF', 2], ['INR', 2], ['BRL', 2], ['cny', 2], ['jpy', 0],
  ];
  it.each(rows)('%s → %i', (code, digits) => expect(minorDigits(code)).toBe(digits));
  it('rejects a code that is no currency', () => expect(() => minorDigits('RMBX')).toThrow(RangeError));
});

describe('toMinor', () => {
  const rows: [string | number, string, number][] = [
    ['1299.5', 'CNY', 129950],
    ['1299.50', 'CNY', 129950],
    ['1299', 'CNY', 129900],
    ['0.1', 'USD', 10],
    [0.1 + 0.2, 'USD', 30],
    [1.005, 'USD', 101],
    ['1.005', 'USD', 101],
    ['1.004', 'USD', 100],
    ['19.999', 'EUR', 2000],
    ['24990', 'CLP', 24990],
    ['1299.5', 'JPY', 1300],
    ['1299.4', 'JPY', 1299],
    ['1.250', 'KWD', 1250],
    ['1.2505', 'KWD', 1251],
    ['-5', 'USD', -500],
    ['-0.005', 'USD', -1],
    [12.34, 'EUR', 1234],
    [1e21, 'JPY', 1e21],
    [123456789.12, 'USD', 12345678912],
    ['.5', 'USD', 50],
    ['7.', 'USD', 700],
    ['0', 'USD', 0],
  ];
  it.each(rows)('%s %s → %i', (amount, currency, minor) => {
    if (!Number.isSafeInteger(minor)) {
      expect(() => toMinor(amount, currency)).toThrow(RangeError);
      return;
    }
    expect(toMinor(amount, currency)).toBe(minor);
  });
  it.each(['', 'abc', '1,299.00', '12.3.4', '.'])('rejects %j', (amount) => {
    expect(() => toMinor(amount, 'USD')).toThrow(RangeError);
  });
  it('rejects infinities', () => expect(() => toMinor(Number.POSITIVE_INFINITY, 'USD')).toThrow(RangeError));
});

describe('formatMoney', () => {
  const rows: [number, string, string | undefined, string][] = [
    [129900, 'CNY', 'zh-CN', '¥1,299.00'],
    [129900, 'USD', 'en-US', '$1,299.00'],
    [129900, 'USD', undefined, '$1,299.00'],
    [1299, 'JPY', 'ja-JP', '￥1,299'],
    [24990, 'CLP', 'es-CL', '$24.990'],
    [129950, 'CHF', 'de-CH', "CHF 1’299.50"],
    [1250, 'KWD', 'en', 'KWD 1.250'],
    [5, 'EUR', 'de-DE', '0,05 €'],
    [-500, 'USD', 'en-US', '-$5.00'],
    [12345600, 'INR', 'en-IN', '₹1,23,456.00'],
  ];
  it.each(rows)('%i %s in %s', (amountMinor, currency, locale, text) => {
    // ICU versions differ in the spaces and apostrophes they print; compare those loosely.
    const loose = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/’/g, "'");
    expect(loose(formatMoney({ amountMinor, currency }, locale))).toBe(loose(text));
  });
});

describe('resolveCurrency', () => {
  const rows: [string | null, PriceContext | undefined, string | null][] = [
    ['$', undefined, 'USD'], ['$', C.CA, 'CAD'], ['$', { domain: 'www.example.ca' }, 'CAD'], ['$', C.AU, 'AUD'], ['$', C.MX, 'MXN'],
    ['$', C.CL, 'CLP'], ['$', { currency: 'NZD' }, 'NZD'], ['$', { currency: 'EUR', lang: 'en-CA' }, 'CAD'], ['US$', C.CA, 'USD'],
    ['C$', undefined, 'CAD'], ['A$', undefined, 'AUD'], ['HK$', undefined, 'HKD'], ['NT$', undefined, 'TWD'], ['S$', undefined, 'SGD'],
    ['R$', undefined, 'BRL'], ['¥', undefined, 'CNY'], ['¥', C.CN, 'CNY'], ['¥', C.JP, 'JPY'], ['¥', { lang: 'ja' }, 'JPY'],
    ['¥', { domain: 'www.amazon.co.jp' }, 'JPY'], ['¥', { domain: 'detail.tmall.com' }, 'CNY'], ['￥', C.JP, 'JPY'], ['円', undefined, 'JPY'],
    ['元', undefined, 'CNY'], ['元', C.TW, 'TWD'], ['RMB', undefined, 'CNY'], ['kr', C.SE, 'SEK'], ['kr', { domain: 'www.example.no' }, 'NOK'],
    ['kr.', C.DK, 'DKK'], ['kr', { lang: 'is-IS' }, 'ISK'], ['zł', undefined, 'PLN'], ['Kč', undefined, 'CZK'], ['lei', undefined, 'RON'],
    ['Lei', C.RO, 'RON'], ['₹', undefined, 'INR'], ['Rs.', undefined, 'INR'], ['Rs', { domain: 'www.daraz.pk' }, 'PKR'], ['CHF', undefined, 'CHF'],
    ['Fr.', undefined, 'CHF'], ['€', undefined, 'EUR'], ['£', undefined, 'GBP'], ['Ft', undefined, 'HUF'], ['₽', undefined, 'RUB'],
    ['₺', undefined, 'TRY'], ['₩', undefined, 'KRW'], ['원', undefined, 'KRW'], ['EUR', undefined, 'EUR'], ['usd', undefined, 'USD'],
    ['XYZ', undefined, null], ['points', undefined, null], [null, C.DE, 'EUR'], [null, undefined, null], ['', C.JP, 'JPY'],
  ];
  it.each(rows)('%s in %o → %s', (symbol, ctx, currency) => expect(resolveCurrency(symbol, ctx)).toBe(currency));
});

describe('currencyFromContext', () => {
  const rows: [PriceContext | undefined, string | null][] = [
    [undefined, null], [{}, null], [{ currency: 'gbp' }, 'GBP'], [{ currency: 'nonsense' }, null], [C.US, 'USD'], [C.CN, 'CNY'],
    [C.TMALL, 'CNY'], [C.JP, 'JPY'], [C.DE, 'EUR'], [C.CH, 'CHF'], [C.UK, 'GBP'], [C.IN, 'INR'], [C.CL, 'CLP'], [C.BR, 'BRL'],
    [{ domain: 'www.amazon.de', lang: 'en' }, 'EUR'], [{ domain: 'www.amazon.co.uk' }, 'GBP'], [{ domain: 'shop.example.eu' }, 'EUR'],
    [{ domain: 'https://www.example.fr/produit/1' }, 'EUR'], [{ domain: 'example.com' }, null], [{ domain: 'example.io', lang: 'de' }, 'EUR'],
    [{ lang: 'en' }, null], [{ lang: 'en-GB' }, 'GBP'], [{ lang: 'pt' }, null], [{ lang: 'pt-BR' }, 'BRL'], [{ lang: 'ja' }, 'JPY'],
    [{ lang: 'zh-TW' }, 'TWD'], [{ lang: 'zh_CN' }, 'CNY'], [{ lang: 'sv' }, 'SEK'], [{ lang: 'cs' }, 'CZK'], [{ lang: '***' }, null],
  ];
  it.each(rows)('%o → %s', (ctx, currency) => expect(currencyFromContext(ctx)).toBe(currency));
});
