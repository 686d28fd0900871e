// The renderers: structure of the Markdown and CSV (not full snapshots), escaping of scraped text,
// and HTML that needs nothing from outside. The browser check is in browser.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../insights/digest/build.ts';
import { renderHtml } from '../../insights/digest/render/html.ts';
import { renderMarkdown } from '../../insights/digest/render/markdown.ts';
import { digestTables, renderCsv } from '../../insights/digest/render/csv.ts';
import type { Digest } from '../../insights/digest/types.ts';
import { createFixture, WEEK, type Fixture } from './fixture.ts';

let fx: Fixture;
let d: Digest;

beforeAll(async () => {
  fx = await createFixture();
  d = await buildDigest(fx.store, fx.loaded, WEEK, new Date('2026-11-23T03:00:00Z'));
});
afterAll(async () => fx?.cleanup());

/** RFC 4180 parsing, enough to check the renderer's quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe('HTML', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: escapes scraped text and loads nothing from outside`, () => {
      const html = renderHtml(d, lang);
      expect(html).toContain('Kettle &lt;b&gt;E&lt;/b&gt; &quot;new&quot;');
      expect(html).not.toContain('<b>E</b>');
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
      // Every link is a product page or an anchor inside the digest.
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(#ev-[\w-]+|https:\/\/(alpha|beta)\.example\/item\/[\w-]+)$/);
      // Every action's evidence link has its row.
      for (const [, anchor] of html.matchAll(/href="#(ev-[\w-]+)"/g)) expect(html).toContain(`id="${anchor}"`);
      expect(html.match(/<svg /g)!.length).toBeGreaterThan(5);
      expect(html).toContain(lang === 'en' ? 'Recommended actions' : '建议行动');
      expect(html).toContain(`lang="${lang}"`);
    });
  }

  it('shows every figure of the JSON it is built from (actions, index, undercuts)', () => {
    const html = renderHtml(d, 'en');
    expect(html).toContain(`>${d.priceIndex.overall.index}<`);
    for (const u of d.undercuts.items) expect(html).toContain(`−${u.gapPct}%`);
    expect(html.match(/<li /g)!.length).toBe(d.actions.length);
  });
});

describe('Markdown', () => {
  it('has every section, tables with headers, actions with evidence links, in both languages', () => {
    const en = renderMarkdown(d, 'en');
    const headings = [...en.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Recommended actions', 'Where we stand: price index', 'Competitor prices', 'Promotions', 'Discount honesty',
      'Undercuts', 'Stock', 'Reviews', 'Assortment', 'By category and tag', 'Data quality',
    ]);
    const actions = [...en.matchAll(/^\d+\. .+\[evidence \(\d+\)\]\(#(ev-[\w-]+)\)$/gm)];
    expect(actions).toHaveLength(d.actions.length);
    for (const [, anchor] of actions) expect(en).toContain(`<a id="${anchor}"></a>`);
    // A table row has as many cells as its header.
    const tables = en.split('\n\n').filter((b) => b.startsWith('| '));
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) {
      const lines = t.split('\n');
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const l of lines) expect(cells(l)).toBe(cells(lines[0]));
    }
    expect(en).toContain('Kettle \\<b\\>E\\</b\\>');
    const zh = renderMarkdown(d, 'zh-CN');
    expect(zh).toContain('## 建议行动');
    expect(zh).toContain('## 数据质量');
    expect(zh).toContain('上周为大促周（双11）');
  });
});

describe('CSV', () => {
  it('one section per table, every row as wide as its header, formulas neutralised', () => {
    const csv = renderCsv(d);
    expect(csv.startsWith('\uFEFF# table: actions\r\n')).toBe(true);
    const sections = csv.slice(1).split('\r\n\r\n').filter(Boolean);
    const names = sections.map((s) => /^# table: (\w+)/.exec(s)![1]);
    expect(names).toEqual(digestTables(d).map((t) => t.name));
    expect(names).toEqual([
      'actions', 'price_index', 'competitor_prices', 'price_movements', 'promotions', 'promotion_types', 'discount_claims',
      'undercuts', 'stock', 'reviews', 'assortment', 'coverage', 'not_read',
    ]);
    for (const s of sections) {
      const rows = parseCsv(s.replace(/^# table: \w+\r\n/, ''));
      for (const r of rows) expect(r.length).toBe(rows[0].length);
    }
    const undercuts = parseCsv(sections[names.indexOf('undercuts')].replace(/^# table: \w+\r\n/, ''));
    expect(undercuts.length - 1).toBe(d.undercuts.items.length);
    const col = (name: string) => undercuts[0].indexOf(name);
    const first = d.undercuts.items[0];
    const row = undercuts.find((r) => r[0] === first.id)!;
    expect(row[col('theirs')]).toBe((first.theirs.amountMinor / 100).toFixed(2));
    expect(Number(row[col('gap_pct')])).toBe(first.gapPct);
    // The scraped title "Kettle <b>E</b> "new" =SUM(1)" stays text; a cell starting with "=" would not.
    expect(csv).toContain('"Kettle <b>E</b> ""new"" =SUM(1)"');
    const promo = renderCsv({ ...d, assortment: { ...d.assortment, added: [{ ...d.assortment.added[0], title: '=HYPERLINK("x")' }] } });
    expect(promo).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
