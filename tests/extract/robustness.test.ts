// extract() never throws: empty, binary, truncated, absurdly deep or multi-MB input yields nulls
// and notes. No timing assertions here (bench/extract.ts measures speed against a baseline).
import { describe, expect, it } from 'vitest';
import { syntheticBigPage } from '../../bench/extract.ts';
import { emptyExtraction, extract } from '../../crawler/extract/index.ts';

const URL = 'https://shop.example.com/p/1';

describe('extract() on bad input', () => {
  it('returns an empty extraction with a note for empty input', () => {
    expect(extract('', { url: URL })).toEqual(emptyExtraction(['the page is empty']));
    expect(extract('   \n', { url: URL }).notes).toEqual(['the page is empty']);
    expect(extract(undefined as unknown as string, { url: URL }).notes).toEqual(['the page is empty']);
  });

  it('reads binary junk without throwing and says it does not look like HTML', () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const x = extract(junk, { url: URL });
    expect(x.price).toBeNull();
    expect(x.availability).toBe('unknown');
    expect(x.notes).toContain('the response does not look like HTML');
  });

  it('survives truncated markup, a bad URL and unclosed scripts', () => {
    const x = extract('<html><head><script type="application/ld+json">{"@type":"Product","name":"Cut', { url: 'not a url' });
    expect(x.title).toBeNull();
    expect(x.notes.join(' ')).toMatch(/could not be parsed/);
    const y = extract('<h1>Lamp</h1><span class="price">$12.00</span><div><div><span', { url: URL });
    expect(y.price).toEqual({ amountMinor: 1200, currency: 'USD' });
  });

  // Thousands of levels: the walks are iterative (parse5 itself slows down quadratically beyond this).
  it('walks 6,000 nested elements without overflowing the stack', () => {
    const deep = `<h1>Deep</h1>${'<div>'.repeat(6000)}<span class="price">$5.00</span>${'</div>'.repeat(6000)}`;
    expect(() => extract(deep, { url: URL })).not.toThrow();
  });

  it('finds the product on a multi-MB page full of carousel prices', () => {
    const big = syntheticBigPage(20000);
    expect(big.length).toBeGreaterThan(5_000_000);
    const x = extract(big, { url: URL });
    expect(x.price).toEqual({ amountMinor: 4999, currency: 'USD' });
    expect(x.title).toBe('Big Page Kettle 1.7 l');
    expect(x.rejected.length).toBeLessThanOrEqual(24);
  });

  it('treats hostile JSON-LD as data: markup in names becomes plain text', () => {
    const html = `<script type="application/ld+json">{"@type":"Product","name":"<img src=x onerror=alert(1)>Mug &lt;b&gt;","brand":"<script>x()<\\/script>Acme","offers":{"price":"9","priceCurrency":"EUR"}}</script><h1>Mug</h1>`;
    const x = extract(html, { url: URL });
    expect(x.title).toBe('Mug <b>');
    expect(x.brand).toBe('Acme');
  });
});
