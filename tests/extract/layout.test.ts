// annotateLayout in a real browser: hidden and struck elements and boxes are marked from computed
// styles (CSS classes, not inline styles, so only a browser can tell), and extract() on the
// annotated HTML uses them: the hidden price is ignored, the struck one is the list price, the
// bigger one wins over an unhinted smaller one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { annotateLayout } from '../../crawler/extract/layout.ts';
import { extract } from '../../crawler/extract/index.ts';

const PAGE = `<!doctype html><html lang="en-GB"><head><title>Lamp</title><style>
  .gone { display: none } .ghost { visibility: hidden } .was { text-decoration: line-through; font-size: 13px }
  .big { font-size: 30px } .small { font-size: 12px } .tiny-box { width: 0; height: 0; overflow: hidden; }
</style></head><body>
  <h1>Arc Desk Lamp</h1>
  <div class="p1"><span class="big">£74.00</span></div>
  <div class="p2"><span class="was">£95.00</span></div>
  <div class="p3 gone"><span>£64.00</span></div>
  <div class="p4 ghost"><span>£60.00</span></div>
  <div class="p5 tiny-box"><span>£58.00</span></div>
  <div class="p6"><span class="small">£7.40 delivery estimate</span></div>
  <button>Add to basket</button>
</body></html>`;

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('annotateLayout', () => {
  it('marks hidden, struck and boxed elements from computed styles, and extract() uses the marks', async () => {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    await page.evaluate(annotateLayout);
    const html = await page.content();
    await page.close();

    expect(html).toMatch(/class="p3 gone" data-rw-hidden=""/);
    expect(html).toMatch(/class="p4 ghost" data-rw-hidden=""/);
    expect(html).toMatch(/class="p5 tiny-box" data-rw-hidden=""/);
    expect(html).toMatch(/class="was" data-rw-strike=""/);
    const box = /class="big" data-rw-box="(\d+),(\d+),(\d+),(\d+),([\d.]+)"/.exec(html);
    expect(box?.[5]).toBe('30');
    expect(html).toMatch(/<h1 data-rw-box="/);

    const x = extract(html, { url: 'https://lamps.example.co.uk/arc', rendered: true });
    expect(x.price).toEqual({ amountMinor: 7400, currency: 'GBP' });
    expect(x.listPrice).toEqual({ amountMinor: 9500, currency: 'GBP' });
    expect(x.rejected.filter((r) => r.reason === 'hidden on the page').map((r) => r.value).sort()).toEqual(['£58.00', '£60.00', '£64.00']);

    // Without the marks the same HTML cannot tell: the hidden prices are candidates again.
    const raw = extract(PAGE, { url: 'https://lamps.example.co.uk/arc' });
    expect(raw.rejected.some((r) => r.reason === 'hidden on the page')).toBe(false);
  });

  it('keeps JSON-LD that a script filled with "</script>" text readable after page.content()', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><head></head><body><h1>Mouse</h1><span class="price">$24.99</span><button>Add to cart</button></body></html>');
    await page.evaluate(() => {
      const ld = document.createElement('script');
      ld.type = 'application/ld+json';
      ld.textContent = JSON.stringify({ '@type': 'Product', name: 'Mouse <script>alert(1)</script> Pro', sku: 'RW-MS-630', offers: { price: '24.99', priceCurrency: 'USD' } });
      document.head.appendChild(ld);
    });
    await page.evaluate(annotateLayout);
    const html = await page.content();
    await page.close();
    const x = extract(html, { url: 'https://mice.example.com/p/1', rendered: true });
    expect(x).toMatchObject({ sku: 'RW-MS-630', price: { amountMinor: 2499, currency: 'USD' }, sources: { sku: 'json-ld', price: 'json-ld' } });
  });

  it('is self-contained: the serialized function runs in a page that has nothing of ours', async () => {
    const page = await browser.newPage();
    await page.setContent('<div><p>plain</p><span style="display:none">x</span></div>');
    await expect(page.evaluate(annotateLayout)).resolves.toBeUndefined();
    expect(await page.$eval('span', (e) => e.hasAttribute('data-rw-hidden'))).toBe(true);
    await page.close();
  });
});
