import { describe, expect, it } from 'vitest';
import { normalizeUrl, urlVariants, hostMatchesDomain, InvalidUrlError } from '../../crawler/url.ts';

describe('normalizeUrl', () => {
  it.each([
    ['https://Shop.Example.com/item/1?utm_source=x&utm_medium=y#reviews', 'https://shop.example.com/item/1'],
    ['https://shop.example.com/item/1/?b=2&a=1', 'https://shop.example.com/item/1?a=1&b=2'],
    ['https://shop.example.com:443/item/1', 'https://shop.example.com/item/1'],
    ['http://shop.example.com:80/item/1', 'http://shop.example.com/item/1'],
    ['https://item.jd.com/100012043978.html?spm=a1z10.1&cu=true&utm_term=abc', 'https://item.jd.com/100012043978.html?cu=true'],
    ['https://detail.tmall.com/item.htm?id=6123&spm=a230r.1.14.1&ns=1&abbucket=3', 'https://detail.tmall.com/item.htm?id=6123'],
    ['https://www.amazon.com/dp/B08N5WRWNW/ref=sr_1_3?crid=2X&keywords=x&qid=1&sr=8-3', 'https://www.amazon.com/dp/B08N5WRWNW/ref=sr_1_3'],
    ['https://shop.example.com/p?gclid=abc&fbclid=def&variant=42', 'https://shop.example.com/p?variant=42'],
    ['  https://user:pw@shop.example.com./x  ', 'https://shop.example.com/x'],
    ['https://shop.example.com/', 'https://shop.example.com/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('treats the same page linked two ways as one', () => {
    expect(normalizeUrl('https://a.example/x?utm_campaign=1#top')).toBe(normalizeUrl('https://A.EXAMPLE/x/'));
  });

  it.each(['not a url', 'ftp://example.com/file', 'javascript:alert(1)', '/relative/path'])('refuses %s with a clear reason', (input) => {
    expect(() => normalizeUrl(input)).toThrow(InvalidUrlError);
  });

  it('lists mobile and desktop variants of a host', () => {
    const v = urlVariants('https://m.jd.com/item/1.html');
    expect(v).toContain('https://jd.com/item/1.html');
    expect(v).toContain('https://www.jd.com/item/1.html');
    expect(v).toContain('https://m.jd.com/item/1.html');
  });

  it('matches subdomains of a configured domain only', () => {
    expect(hostMatchesDomain('www.jd.com', 'jd.com')).toBe(true);
    expect(hostMatchesDomain('jd.com', 'jd.com')).toBe(true);
    expect(hostMatchesDomain('notjd.com', 'jd.com')).toBe(false);
  });
});
