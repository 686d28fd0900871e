// The fixture corpus: product pages this project wrote after the markup of real shops
// (marketplaces, Shopify, WooCommerce, Magento, big-box retailers, Chinese marketplaces, European,
// Japanese, Indian, Swiss, Chilean and Canadian shops, broken and hostile pages), each with the
// values a person reads off it. Every key an expected file names is checked; others are free.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract, type ExtractOptions } from '../../crawler/extract/index.ts';
import type { Extraction } from '../../store/model.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

interface Expected {
  url: string;
  options?: Omit<ExtractOptions, 'url'>;
  expect: Partial<Extraction> & {
    promotionTypes?: string[];
    noPromotionTypes?: string[];
    rejectedReasons?: string[];
    notesMatch?: string[];
  };
}

const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .sort();

describe('fixture corpus', () => {
  it('holds at least 25 pages, each with its expected values', () => {
    expect(pages.length).toBeGreaterThanOrEqual(25);
    for (const p of pages) expect(readdirSync(dir)).toContain(p.replace(/\.html$/, '.expected.json'));
  });

  for (const page of pages) {
    it(page.replace(/\.html$/, ''), () => {
      const html = readFileSync(join(dir, page), 'utf8');
      const spec = JSON.parse(readFileSync(join(dir, page.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected;
      const x = extract(html, { url: spec.url, ...spec.options });
      const { promotionTypes, noPromotionTypes, rejectedReasons, notesMatch, sources, ...fields } = spec.expect;
      for (const [key, value] of Object.entries(fields)) {
        expect(x[key as keyof Extraction], `${key} (notes: ${x.notes.join(' | ')})`).toEqual(value);
      }
      if (sources) expect(x.sources).toMatchObject(sources);
      const types = x.promotions.map((p) => p.type);
      for (const t of promotionTypes ?? []) expect(types, `promotions ${JSON.stringify(x.promotions)}`).toContain(t);
      for (const t of noPromotionTypes ?? []) expect(types).not.toContain(t);
      for (const r of rejectedReasons ?? []) {
        expect(x.rejected.map((c) => c.reason).join(' | '), `rejected`).toContain(r);
      }
      for (const n of notesMatch ?? []) expect(x.notes.join(' | ')).toMatch(new RegExp(n, 'i'));
    });
  }
});
