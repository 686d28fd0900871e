// Extraction cost relative to parsing: on the same pages in one run, cheerio.load alone (cheerio's
// default parse5, the baseline the issue names) against the full extract(), which parses with
// htmlparser2 and then reads the page; then peak memory on a synthetic multi-MB page. Target:
// extract() costs at most 1.5x cheerio.load.
// Pages: the shared real pages when present (../shared/realpages), else this repo's fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { load } from 'cheerio';
import { decodeHtml, extract } from '../crawler/extract/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 5;

/** A full garbage collection, so the next timed call starts from a clean heap. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function pages(): { name: string; html: string; url: string }[] {
  const real = resolve(here, '..', '..', 'shared', 'realpages');
  if (existsSync(join(real, 'index.json'))) {
    const index = JSON.parse(readFileSync(join(real, 'index.json'), 'utf8')) as { name: string; url: string | null; shop: string }[];
    return index.map((r) => ({
      name: r.name,
      html: decodeHtml(gunzipSync(readFileSync(join(real, `${r.name}.html.gz`)))),
      url: r.url ?? `https://www.${r.shop}/`,
    }));
  }
  const dir = resolve(here, '..', 'tests', 'fixtures', 'pages');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const expected = JSON.parse(readFileSync(join(dir, f.replace(/\.html$/, '.expected.json')), 'utf8')) as { url: string };
      return { name: f, html: readFileSync(join(dir, f), 'utf8'), url: expected.url };
    });
}

/** A multi-MB product page: a real product block buried among thousands of carousel cards and text. */
export function syntheticBigPage(cards = 12000): string {
  const card = (i: number) =>
    `<li class="carousel-card"><a href="/p/${i}"><img src="/i/${i}.jpg" alt="Item ${i}"><span class="title">Related item number ${i} with a long descriptive name</span></a><span class="price">$${(i % 500) + 1}.99</span><span class="rating" title="4.${i % 10} out of 5 stars">(${i})</span></li>`;
  const filler = Array.from({ length: cards }, (_, i) => card(i)).join('');
  const prose = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40) + '</p>';
  return `<!doctype html><html lang="en"><head><title>Big page</title></head><body><header class="site-header"><div class="mini-cart">$0.00</div></header>
<main><h1>Big Page Kettle 1.7 l</h1><div class="product-price"><span class="price">$49.99</span></div><button id="add-to-cart">Add to cart</button>
${prose.repeat(200)}<section class="related-products"><ul class="carousel">${filler}</ul></section></main><footer class="footer">© shop</footer></body></html>`;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Peak memory of reading one multi-MB page, measured first, before the corpus is loaded. */
function bigPage(): void {
  // Warm both paths on a small page of the same shape first, so neither is billed for compiling
  // its code and regexes (a one-time cost per process, not per page).
  const small = syntheticBigPage(50);
  load(small);
  extract(small, { url: 'https://shop.example.com/p/kettle' });
  const big = syntheticBigPage();
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const rss0 = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const bigParse = time(() => load(big));
  const rss1 = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const t0 = performance.now();
  const x = extract(big, { url: 'https://shop.example.com/p/kettle' });
  const bigFull = performance.now() - t0;
  const rss2 = process.resourceUsage().maxRSS * 1024;
  console.log(`  synthetic page ${(big.length / 1e6).toFixed(1)} MB (${(big.match(/<li/g) ?? []).length} carousel cards): parse ${bigParse.toFixed(0)} ms, extract ${bigFull.toFixed(0)} ms (ratio ${(bigFull / bigParse).toFixed(2)}), price ${x.price ? x.price.amountMinor / 100 : 'none'}`);
  console.log(`  peak RSS: ${mb(rss0)} before, +${mb(rss1 - rss0)} for cheerio.load alone, +${mb(rss2 - rss1)} more for extract() (which parses again)`);
}

export async function benchExtract(): Promise<void> {
  console.log('extract:');
  bigPage();
  const list = pages();
  const bytes = list.reduce((n, p) => n + p.html.length, 0);
  // Warm up both paths so JIT compilation is not billed to either.
  for (const p of list.slice(0, 3)) {
    load(p.html);
    extract(p.html, { url: p.url });
  }
  // Per page, the best of ROUNDS timings of each path, the two interleaved: a slow moment on a
  // shared machine spoils one sample, not a whole pass of one path. (Collecting garbage before
  // each call was tried: it slows allocation in both paths and flattens the ratio towards 1.)
  const bestParse = list.map(() => Infinity);
  const bestFull = list.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    list.forEach((p, i) => {
      bestParse[i] = Math.min(bestParse[i], time(() => load(p.html)));
      bestFull[i] = Math.min(bestFull[i], time(() => extract(p.html, { url: p.url })));
    });
  }
  const parse = bestParse.reduce((a, b) => a + b, 0);
  const full = bestFull.reduce((a, b) => a + b, 0);
  console.log(`  ${list.length} pages, ${(bytes / 1e6).toFixed(1)} MB of HTML, best of ${ROUNDS} timings per page`);
  console.log(`  cheerio.load only     ${parse.toFixed(0)} ms  (cheerio's default parser, parse5)`);
  console.log(`  full extract()        ${full.toFixed(0)} ms`);
  const verdict = full <= parse ? 'extract() as a whole takes less than parsing alone' : `extraction adds ${(((full - parse) / parse) * 100).toFixed(0)}% on top of parsing`;
  console.log(`  ratio extract/parse   ${(full / parse).toFixed(2)}  (${verdict}; target ≤ 1.50)`);
  // extract() parses with htmlparser2, not parse5: its own parse is a small part of its time.
  let fast = Infinity;
  for (let r = 0; r < ROUNDS; r++) fast = Math.min(fast, time(() => { for (const p of list) load(p.html, { xml: { xmlMode: false, decodeEntities: true } }); }));
  console.log(`  of which extract()'s own parse (htmlparser2) ${fast.toFixed(0)} ms; the reading itself ${(full - fast).toFixed(0)} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchExtract();
