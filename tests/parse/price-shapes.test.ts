// The shapes a price takes beyond its digits: ranges, "from", free, unit and instalment prices,
// ambiguous separators, texts that hold numbers but no price, and Intl's own writings read back.
import { describe, expect, it } from 'vitest';
import { parsePrice, type ParsedPrice, type PriceContext } from '../../crawler/parse/price.ts';
import * as C from './contexts.ts';

type Expect = Partial<ParsedPrice>;

describe('separators: one number, every convention', () => {
  const rows: [string, PriceContext, string, number][] = [
    ['1,299.00', C.US, '1299.00', 129900],
    ['1.299,00', C.DE, '1299.00', 129900],
    ['1 299,00', C.FR, '1299.00', 129900],
    ["1'299.50", C.CH, '1299.50', 129950],
    ['1’299.50', C.CH, '1299.50', 129950],
    ['1,23,456', C.IN, '123456', 12345600],
    ['1,23,45,678.50', C.IN, '12345678.50', 1234567850],
    ['1,299', C.US, '1299', 129900],
    ['1,29', C.GENERIC, '1.29', 129],
    ['1.299', C.DE, '1299', 129900],
    ['1.299', C.US, '1299', 129900],
    ['1.299', C.GENERIC, '1299', 129900],
    ['1,299', C.DE, '1299', 129900],
    ['1.29', C.DE, '1.29', 129],
    ['12,5', C.DE, '12.5', 1250],
    ['12.5', C.US, '12.5', 1250],
    ['0,99', C.FR, '0.99', 99],
    ['0.99', C.US, '0.99', 99],
    ['1299', C.US, '1299', 129900],
    ['1299.5', C.CN, '1299.5', 129950],
    ['12.345.678', C.DE, '12345678', 1234567800],
    ['12,345,678', C.US, '12345678', 1234567800],
    ['12 345 678', C.FR, '12345678', 1234567800],
    ['1.234.567,89', C.ES, '1234567.89', 123456789],
    ['1,234,567.89', C.US, '1234567.89', 123456789],
    ['1\u00a0234,56', C.FR, '1234.56', 123456],
    ['1\u2009234.56', C.GENERIC, '1234.56', 123456],
    ['1\u202f234,56', C.FR, '1234.56', 123456],
    ['12,-', C.DE, '12', 1200],
    ['12,--', C.DE, '12', 1200],
    ['12.–', C.CH, '12', 1200],
    ['12,—', C.AT, '12', 1200],
    ['99:-', C.SE, '99', 9900],
    ['CHF 89. –', C.CH, '89', 8900],
    ['249, –', C.DE, '249', 24900],
    ['$249. 99', C.US, '249.99', 24999],
    ['74, 50 zł', C.PL, '74.50', 7450],
    ['2.315, 40 €', C.DE, '2315.40', 231540],
    ['481. 00', C.GENERIC, '481.00', 48100],
    ['24€ 95', C.FR, '24.95', 2495],
    ['０１２３４', C.JP, '1234', 1234],
    ['１，２９９円', C.JP, '1299', 1299],
    ['$24.990', C.CL, '24990', 24990],
    ['¥1,299', C.JP, '1299', 1299],
    ['KD 1.250', C.KW, '1.250', 1250],
    ['KWD 1,299', C.KW, '1299', 1299000],
    ['TND 1,250', { ...C.TN, decimalSeparator: ',' }, '1.250', 1250],
    ['1.299', { decimalSeparator: ',' }, '1299', 129900],
    ['1,299', { decimalSeparator: '.' }, '1299', 129900],
    ['1.5', { decimalSeparator: ',' }, '1.5', 150],
    ['$0.125', C.US, '0.125', 13],
    ['¥1,299.5', C.JP, '1299.5', 1300],
    ['0.00 €', C.DE, '0.00', 0],
    ['007', C.GENERIC, '7', 700],
  ];
  it.each(rows)('%s in %o', (text, ctx, amount, minor) => {
    const p = parsePrice(text, ctx);
    expect(p).not.toBeNull();
    expect(p!.amount).toBe(amount);
    expect(p!.amountMinor).toBe(minor);
  });
});

describe('ranges, from-prices, free, unit and instalment prices', () => {
  const rows: [string, PriceContext, Expect][] = [
    ['¥99-199', C.CN, { amountMinor: 9900, currency: 'CNY', range: { lowMinor: 9900, highMinor: 19900 } }],
    ['￥99~199', C.TMALL, { range: { lowMinor: 9900, highMinor: 19900 } }],
    ['99-199元', C.CN, { amountMinor: 9900, range: { lowMinor: 9900, highMinor: 19900 } }],
    ['¥ 3999 - 4999', C.CN, { range: { lowMinor: 399900, highMinor: 499900 } }],
    ['￥1299.00-1599.00', C.CN, { amountMinor: 129900, range: { lowMinor: 129900, highMinor: 159900 } }],
    ['￥ 99.00 ~ ￥ 199.00', C.CN, { range: { lowMinor: 9900, highMinor: 19900 } }],
    ['99～199円', C.JP, { currency: 'JPY', range: { lowMinor: 99, highMinor: 199 } }],
    ['¥2012-2024', C.CN, { range: { lowMinor: 201200, highMinor: 202400 } }],
    ['$12 – $15', C.US, { amountMinor: 1200, currency: 'USD', range: { lowMinor: 1200, highMinor: 1500 } }],
    ['$12.99 - $24.99', C.US, { range: { lowMinor: 1299, highMinor: 2499 } }],
    ['$12.99 to $24.99', C.US, { range: { lowMinor: 1299, highMinor: 2499 } }],
    ['$10.00 — $20.00', C.US, { range: { lowMinor: 1000, highMinor: 2000 } }],
    ['12,00 € - 15,00 €', C.DE, { amountMinor: 1200, currency: 'EUR', range: { lowMinor: 1200, highMinor: 1500 } }],
    ['1.299 € bis 1.499 €', C.DE, { range: { lowMinor: 129900, highMinor: 149900 } }],
    ['R$ 49,90 a R$ 89,90', C.BR, { range: { lowMinor: 4990, highMinor: 8990 } }],
    ['12,99 zł – 19,99 zł', C.PL, { range: { lowMinor: 1299, highMinor: 1999 } }],
    ['¥1,299 - ¥2,499', C.JP, { currency: 'JPY', range: { lowMinor: 1299, highMinor: 2499 } }],
    ['£5 - £10', C.UK, { range: { lowMinor: 500, highMinor: 1000 } }],
    ['$15 - $12', C.US, { amountMinor: 1500, range: null }],
    ['From $12', C.US, { amountMinor: 1200, from: true }],
    ['from $12.99', C.US, { amountMinor: 1299, from: true }],
    ['Starting at $9.99', C.US, { amountMinor: 999, from: true }],
    ['As low as $5', C.US, { amountMinor: 500, from: true }],
    ['ab 12 €', C.DE, { amountMinor: 1200, from: true }],
    ['ab 12,99 €', C.DE, { amountMinor: 1299, from: true }],
    ['à partir de 12,99 €', C.FR, { amountMinor: 1299, from: true }],
    ['dès 9,99 €', C.FR, { amountMinor: 999, from: true }],
    ['desde $1.299', C.CL, { amountMinor: 1299, from: true, currency: 'CLP' }],
    ['a partir de R$ 49,90', C.BR, { amountMinor: 4990, from: true }],
    ['da 12,99 €', C.IT, { amountMinor: 1299, from: true }],
    ['od 49,99 zł', C.PL, { amountMinor: 4999, from: true }],
    ['от 1 299 ₽', C.RU, { amountMinor: 129900, from: true }],
    ['vanaf € 12,99', C.NL, { amountMinor: 1299, from: true }],
    ['från 199 kr', C.SE, { amountMinor: 19900, from: true }],
    ['fra 1 299,-', C.NO, { amountMinor: 129900, from: true, currency: 'NOK' }],
    ['￥99起', C.CN, { amountMinor: 9900, from: true }],
    ['¥99起售', C.CN, { amountMinor: 9900, from: true }],
    ['99元起', C.CN, { amountMinor: 9900, from: true }],
    ['1,980円から', C.JP, { amountMinor: 1980, from: true }],
    ['5,980円～', C.JP, { amountMinor: 5980, from: true }],
    ['29,900원부터', C.KR, { amountMinor: 29900, from: true }],
    ['$12.99', C.US, { from: false, free: false, perUnit: null, range: null }],
    ['Free', C.US, { amountMinor: 0, amount: '0', free: true, currency: 'USD' }],
    ['FREE', C.GENERIC, { amountMinor: 0, free: true, currency: null }],
    ['免费', C.CN, { amountMinor: 0, free: true, currency: 'CNY' }],
    ['Gratis', C.ES, { amountMinor: 0, free: true }],
    ['Kostenlos', C.DE, { amountMinor: 0, free: true }],
    ['Gratuit', C.FR, { amountMinor: 0, free: true }],
    ['無料', C.JP, { amountMinor: 0, free: true }],
    ['무료', C.KR, { amountMinor: 0, free: true }],
    ['Бесплатно', C.RU, { amountMinor: 0, free: true }],
    ['Free ($0.00)', C.US, { amountMinor: 0, free: true }],
    ['$0.00', C.US, { amountMinor: 0, free: false }],
    ['$3.20/kg', C.US, { amountMinor: 320, perUnit: '/kg' }],
    ['$25/mo', C.US, { amountMinor: 2500, perUnit: '/mo' }],
    ['$8.33/mo. for 12 mos.', C.US, { amountMinor: 833, perUnit: '/mo.' }],
    ['$0.54 / Count', C.US, { amountMinor: 54, perUnit: '/Count' }],
    ['($0.54 / Fl Oz)', C.US, { amountMinor: 54, perUnit: '/Fl Oz' }],
    ['$0.12/fl oz', C.US, { amountMinor: 12, perUnit: '/fl oz' }],
    ['12 990 Ft-tól', C.HU, { amountMinor: 12990, from: true }],
    ['v.a. € 12,99', C.NL, { amountMinor: 1299, from: true }],
    ['S/ 1,234.50', { lang: 'es-PE' }, { amountMinor: 123450, currency: 'PEN' }],
    ['Bs. 1.234,56', { lang: 'es-VE' }, { amountMinor: 123456, currency: 'VES' }],
    ['$19.99 per month', C.US, { perUnit: 'per month' }],
    ['$19.99 a month', C.US, { perUnit: 'a month' }],
    ['4,99 €/kg', C.DE, { amountMinor: 499, perUnit: '/kg' }],
    ['1,33 € / 100 g', C.DE, { amountMinor: 133, perUnit: '/100 g' }],
    ['€ 2,50 per kg', C.NL, { amountMinor: 250, perUnit: 'per kg' }],
    ['12,50 €/m²', C.DE, { perUnit: '/m2' }],
    ['(£1.50/100g)', C.UK, { amountMinor: 150, perUnit: '/100g' }],
    ['¥12/斤', C.CN, { amountMinor: 1200, perUnit: '/斤' }],
    ['¥99/月', C.CN, { amountMinor: 9900, perUnit: '/月' }],
    ['月供¥99', C.CN, { amountMinor: 9900, perUnit: '/月' }],
    ['12x de R$ 108,33 sem juros', C.BR, { amountMinor: 10833, perUnit: '12x' }],
    ['ou 10x de R$ 12,90', C.BR, { amountMinor: 1290, perUnit: '10x' }],
    ['12 cuotas de $1.299', C.AR, { perUnit: '12x' }],
    ['24,99 € mtl.', C.DE, { perUnit: 'mtl.' }],
    ['$1,299 or $54/mo', C.US, { amountMinor: 129900, perUnit: null }],
    ['$12.99 ($3.20/kg)', C.US, { amountMinor: 1299, perUnit: null }],
  ];
  it.each(rows)('%s', (text, ctx, expected) => {
    const p = parsePrice(text, ctx);
    expect(p).not.toBeNull();
    expect(p).toMatchObject(expected);
  });
});

describe('texts that hold no price', () => {
  const rows: [string, PriceContext][] = [
    ['', C.US],
    ['Add to cart', C.US],
    ['Out of stock', C.US],
    ['Free shipping', C.US],
    ['Kostenloser Versand', C.DE],
    ['免费配送', C.CN],
    ['送料無料', C.JP],
    ['20%', C.US],
    ['-20%', C.DE],
    ['Save 15 %', C.FR],
    ['4.5 out of 5 stars', C.US],
    ['4,5 von 5 Sternen', C.DE],
    ['4,3 sur 5 étoiles', C.FR],
    ['5つ星のうち4.2', C.JP],
    ['4.8分', C.CN],
    ['4.5/5', C.US],
    ['★★★★☆ 4.2 stars', C.US],
    ['2024-11-30', C.US],
    ['11/30/2024', C.US],
    ['30.11.2024', C.DE],
    ['2024年11月30日', C.CN],
    ['11月30日', C.CN],
    ['12:30', C.US],
    ['23:59:59', C.CN],
    ['1,234 ratings', C.US],
    ['2.3万+条评价', C.CN],
    ['(3.456 Bewertungen)', C.DE],
    ['已售 10万+', C.CN],
    ['3 件', C.CN],
    ['64 GB', C.US],
    ['500 ml', C.DE],
    ['Pack of 3 pcs', C.US],
    ['1080p', C.US],
    ['PlayStation 4', C.US],
    ['Fish Oil & Omega-3', C.US],
    ['CoQ 10 Enzyme', C.US],
    ['Valid through Dec. 7', C.US],
    ['70 in TVs', C.US],
    ['2-Day Delivery', C.US],
    ['2-Pack', C.US],
    ['33-inch Sink', C.US],
    ['©1996-2022 Amazon.com, Inc. oder Partner-Unternehmen', C.DE],
    ['XCover 2 Jahre Produktschutz', C.DE],
    ['Größe 38', C.DE],
    ['Modell 2024', C.DE],
    ['-$5.00', C.US],
    ['Coupon: -$5.00', C.US],
    ['−10 €', C.DE],
    ['ESP 8266 module', C.US],
    ['top 10 picks', C.US],
    ['5 kgs', C.US],
    ['6 months', C.US],
  ];
  it.each(rows)('%s', (text, ctx) => {
    expect(parsePrice(text, ctx)).toBeNull();
  });
});

describe('marks that name no current ISO currency', () => {
  const rows: [string, string, string | null][] = [
    ['FRF 1 250', '1250', 'FRF'],
    ['NLG 12,50', '12.50', 'NLG'],
    ['ITL 45.000', '45000', 'ITL'],
    ['₤ 950.', '950', null],
    ['4 500 ₶', '4500', null],
    ['$12 ₶', '12', 'USD'],
  ];
  it.each(rows)('%s', (text, amount, currency) => {
    expect(parsePrice(text, C.GENERIC)).toMatchObject({ amount, currency });
  });
});

describe('prices written by Intl for many locales read back exactly', () => {
  const locales: [string, string][] = [
    ['en-US', 'USD'], ['en-CA', 'CAD'], ['fr-CA', 'CAD'], ['en-AU', 'AUD'], ['en-GB', 'GBP'], ['en-IN', 'INR'], ['de-DE', 'EUR'],
    ['de-AT', 'EUR'], ['de-CH', 'CHF'], ['fr-CH', 'CHF'], ['fr-FR', 'EUR'], ['nl-NL', 'EUR'], ['es-ES', 'EUR'], ['it-IT', 'EUR'],
    ['pt-PT', 'EUR'], ['pt-BR', 'BRL'], ['es-MX', 'MXN'], ['es-CL', 'CLP'], ['es-AR', 'ARS'], ['es-CO', 'COP'], ['pl-PL', 'PLN'],
    ['cs-CZ', 'CZK'], ['hu-HU', 'HUF'], ['ro-RO', 'RON'], ['sv-SE', 'SEK'], ['nb-NO', 'NOK'], ['da-DK', 'DKK'], ['fi-FI', 'EUR'],
    ['ru-RU', 'RUB'], ['uk-UA', 'UAH'], ['tr-TR', 'TRY'], ['he-IL', 'ILS'], ['ja-JP', 'JPY'], ['zh-CN', 'CNY'], ['zh-TW', 'TWD'],
    ['zh-HK', 'HKD'], ['ko-KR', 'KRW'], ['th-TH', 'THB'], ['vi-VN', 'VND'], ['id-ID', 'IDR'], ['ms-MY', 'MYR'], ['en-SG', 'SGD'],
    ['en-PH', 'PHP'], ['en-ZA', 'ZAR'], ['ar-AE', 'AED'], ['ar-SA', 'SAR'], ['ar-KW', 'KWD'], ['en-NZ', 'NZD'], ['el-GR', 'EUR'],
  ];
  const amounts = ['0.99', '12.5', '1299', '24990', '123456.78'];
  const rows = locales.flatMap(([lang, currency]) => amounts.map((amount) => [lang, currency, amount] as const));
  it.each(rows)('%s %s %s', (lang, currency, amount) => {
    const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    const text = format.format(Number(amount));
    const expected = Math.round(Number(amount) * 10 ** digits);
    const p = parsePrice(text, { lang });
    expect(p, text).not.toBeNull();
    expect(p!.currency, text).toBe(currency);
    expect(p!.amountMinor, text).toBe(expected);
  });
});
