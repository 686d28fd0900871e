// The batch contracts of `inspect` and `parse-price`: field names, one line out per line in, in
// order, errors as values.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';

const CONTRACT_FIELDS = ['url', 'title', 'price', 'currency', 'listPrice', 'effectivePrice', 'promotions', 'availability', 'rating', 'ratingScale', 'reviewCount', 'sku', 'gtin', 'brand', 'sources', 'error'];

const jsonLdPage = `<!doctype html><html lang="en"><head><title>Trail Lantern</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Lantern","sku":"TL-1","gtin13":"4006381333931",
"brand":{"@type":"Brand","name":"Lumo"},"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.6","reviewCount":"128"},
"offers":{"@type":"Offer","price":"29.99","priceCurrency":"USD","availability":"https://schema.org/InStock"}}</script></head>
<body><h1>Trail Lantern</h1><p class="price">$29.99</p></body></html>`;

const chinesePage = `<!doctype html><html lang="zh-CN"><head><meta charset="gbk"><title>茶</title></head><body>
<h1 class="tb-main-title">西湖龙井 250g</h1><div class="tm-price-panel"><span class="tm-price">¥1,299.00</span>
<del class="original">原价 ¥1,599.00</del></div><div class="tb-promo">满300减50</div><div class="stock">有货</div>
<button id="J_LinkBuy">立即购买</button></body></html>`;

describe('inspect --batch and parse-price --batch', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir('rw-contract-');
    writeFileSync(join(t.dir, 'lantern.html'), jsonLdPage);
    writeFileSync(join(t.dir, 'tea.html'), Buffer.from(new TextEncoder().encode(chinesePage.replace('gbk', 'utf-8'))));
    writeFileSync(join(t.dir, 'junk.html'), Buffer.from([0, 159, 146, 150, 255, 0, 1]));
  });
  afterAll(() => t.cleanup());

  it('prints one JSON line per input line, in order, with the contract fields and errors as values', async () => {
    const batch = [
      JSON.stringify({ file: 'lantern.html', url: 'https://shop.example.com/p/lantern' }),
      JSON.stringify({ file: 'missing.html', url: 'https://shop.example.com/p/none' }),
      'this is not json',
      JSON.stringify({ file: 'tea.html', url: 'https://detail.tmall.com/item.htm?id=1' }),
      JSON.stringify({ file: 'junk.html', url: 'https://shop.example.com/p/junk' }),
    ].join('\n');
    writeFileSync(join(t.dir, 'batch.jsonl'), batch + '\n');
    const r = await runCli(['inspect', '--batch', 'batch.jsonl', '--json'], { cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    for (const rec of out) for (const f of CONTRACT_FIELDS) expect(rec, f).toHaveProperty(f);
    expect(out[0]).toMatchObject({ url: 'https://shop.example.com/p/lantern', title: 'Trail Lantern', price: 29.99, currency: 'USD', availability: 'in_stock', rating: 4.6, ratingScale: 5, reviewCount: 128, sku: 'TL-1', gtin: '4006381333931', brand: 'Lumo', error: null });
    expect(out[0].sources.price).toBe('json-ld');
    expect(out[1].error).toMatch(/cannot read .*missing\.html/);
    expect(out[1].price).toBeNull();
    expect(out[2].error).toMatch(/not JSON/);
    expect(out[3]).toMatchObject({ price: 1299, currency: 'CNY', listPrice: 1599, availability: 'in_stock', error: null });
    expect(out[3].effectivePrice).toBe(1249);
    expect(out[3].promotions[0]).toMatchObject({ type: 'threshold', threshold: 300, amount: 50 });
    expect(out[4].price).toBeNull();
  });

  it('reads the batch from stdin with -', async () => {
    const r = await runCli(['inspect', '--batch', '-', '--json'], { cwd: t.dir, input: JSON.stringify({ file: 'lantern.html', url: 'https://shop.example.com/p/lantern' }) + '\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).price).toBe(29.99);
  });

  it('parse-price --batch answers each line in order', async () => {
    const lines = [
      { text: '¥1,299.00', hint: null, decimalSeparator: null },
      { text: '1.299,00 €', hint: null, decimalSeparator: ',' },
      { text: "CHF 1'299.50", hint: null, decimalSeparator: null },
      { text: '₹1,23,456', hint: null, decimalSeparator: null },
      { text: '$24.990', hint: 'CLP', decimalSeparator: ',' },
      { text: 'no price here', hint: null, decimalSeparator: null },
    ];
    const input = lines.map((l) => JSON.stringify(l)).join('\n') + '\n{broken\n';
    const r = await runCli(['parse-price', '--batch', '-'], { cwd: t.dir, input });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(7);
    expect(out[0]).toEqual({ amount: 1299, currency: 'CNY' });
    expect(out[1]).toEqual({ amount: 1299, currency: 'EUR' });
    expect(out[2]).toEqual({ amount: 1299.5, currency: 'CHF' });
    expect(out[3]).toEqual({ amount: 123456, currency: 'INR' });
    expect(out[4]).toEqual({ amount: 24990, currency: 'CLP' });
    expect(out[5]).toEqual({ amount: null, currency: null });
    expect(out[6]).toMatchObject({ amount: null, currency: null });
    expect(out[6].error).toMatch(/not JSON/);
  });

  it('a missing batch file is a clear error, not a crash', async () => {
    const r = await runCli(['inspect', '--batch', 'nope.jsonl', '--json'], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.jsonl does not exist/);
  });
});
