// The visible-page price reader: one price per element, cents in <sup> and split spans, struck
// list prices in every form, and the numbers that are not the price (instalments, unit prices,
// shipping, savings, carts, carousels, hidden elements, counts, the title's own digits).
import { describe, expect, it } from 'vitest';
import { extract } from '../../crawler/extract/index.ts';
import { readPriceText, wellFormedNumber } from '../../crawler/extract/numbers.ts';

/** A product page with a title and a buy button around `block`. */
function pdp(block: string, lang = 'en-US'): string {
  return `<!doctype html><html lang="${lang}"><head><title>Thing</title></head><body>
    <header class="site-header"><a class="mini-cart" href="/cart">Cart $0.00</a></header>
    <main><div class="product"><h1>Garden Hose 30 m</h1>${block}<button class="add-to-cart">Add to cart</button></div></main>
    <footer class="footer">Gift cards from $10.00</footer></body></html>`;
}
const read = (block: string, url = 'https://shop.example.com/p/hose', lang?: string) => extract(pdp(block, lang), { url });
const reasons = (x: ReturnType<typeof read>) => x.rejected.map((r) => `${r.value} → ${r.reason}`);

describe('price text', () => {
  it('tells one price from none or several', () => {
    expect(readPriceText('$49.99')).toMatchObject({ currency: true, decimals: true, range: false });
    expect(readPriceText('¥99-199')).toMatchObject({ currency: true, range: true });
    expect(readPriceText('49,99')).toMatchObject({ currency: false, decimals: true });
    // Whole amounts count as sightings only with a mark: local abbreviations, names and lower-case codes too.
    for (const t of ['1 299 TL', '4800 yen', '899 kn', '150.000 Gs.', '89 pln', 'रु 2,499', '250 dollars']) expect(readPriceText(t), t).toMatchObject({ currency: true });
    for (const t of ['6 ft', '12 items', '2024']) expect(readPriceText(t), t).toMatchObject({ currency: false });
    for (const t of ['$59 $49', '$12.9912.99', '4.5 out of 5', '-30%', 'EAN 4006381333931', '2 for $10']) expect(readPriceText(t), t).toBeNull();
  });

  it('accepts only numbers whose marks group thousands in some convention', () => {
    for (const n of ['1.299,00', '1,299.00', "1'299.50", '1,23,456', '24.990', '12,99', '1 299,00']) expect(wellFormedNumber(n), n).toBe(true);
    for (const n of ['12.9912.99', '1.2.3', '1,2345,00']) expect(wellFormedNumber(n), n).toBe(false);
  });
});

describe('visible price', () => {
  it('joins cents in <sup> and split whole/fraction spans', () => {
    expect(read('<div class="price"><span>$</span><span>49</span><sup>99</sup></div>').price).toEqual({ amountMinor: 4999, currency: 'USD' });
    expect(read('<span class="a-price"><span class="a-price-symbol">$</span><span class="a-price-whole">12<span class="a-price-decimal">.</span></span><span class="a-price-fraction">99</span></span>').price).toEqual({ amountMinor: 1299, currency: 'USD' });
    expect(read('<p class="price">2.999<sup>99</sup> Lei</p>', 'https://www.shop.example.ro/p').price).toEqual({ amountMinor: 299999, currency: 'RON' });
  });

  it('reads cents drawn apart without markup saying so, and shop-system price blocks', () => {
    expect(read('<div class="price-format__main-price"><span>$</span><span>329</span><span>00</span></div>').price).toEqual({ amountMinor: 32900, currency: 'USD' });
    expect(read('<span class="andes-money-amount"><span class="andes-money-amount__currency-symbol">$</span><span class="andes-money-amount__fraction">24.990</span></span>', 'https://s.example.cl/p', 'es-CL').price).toEqual({ amountMinor: 24990, currency: 'CLP' });
    const sfcc = read('<div class="prices"><span class="strike-through list"><span class="value" content="39.99">$39.99</span></span><span class="sales"><span class="value" content="29.99">$29.99</span></span></div>');
    expect([sfcc.price?.amountMinor, sfcc.listPrice?.amountMinor]).toEqual([2999, 3999]);
    const presta = read('<div class="product-prices"><span class="regular-price">39,90 €</span><span class="current-price-value" content="29.9">29,90 €</span><span class="discount discount-percentage">-25%</span></div>', 'https://s.example.fr/p', 'fr-FR');
    expect([presta.price?.amountMinor, presta.listPrice?.amountMinor, presta.effectivePrice?.amountMinor]).toEqual([2990, 3990, 2990]);
  });

  it('tells the selling price from the struck list price in its many forms', () => {
    const cases: [string, string, number, number][] = [
      ['<p class="price"><del>$59.00</del> <ins>$49.00</ins></p>', 'https://s.example.com/p', 4900, 5900],
      ['<div><s class="price-item--regular">$80.00</s><span class="price-item--sale">$64.00</span></div>', 'https://s.example.com/p', 6400, 8000],
      ['<div class="price-box"><span class="special-price"><span class="price">$89.99</span></span><span class="old-price"><span class="price">$119.99</span></span></div>', 'https://s.example.com/p', 8999, 11999],
      ['<div><span class="price">89,99 €</span><span class="rrp">UVP 129,99 €</span></div>', 'https://s.example.de/p', 8999, 12999],
      ['<div><span class="now">39,90 €</span> <span>statt 49,90 €</span></div>', 'https://s.example.de/p', 3990, 4990],
      ['<div><span class="cur">¥899</span><span>原价 ¥1299</span></div>', 'https://s.example.cn/p', 89900, 129900],
      ['<div><span class="p">59,99 €</span><span>Prix conseillé : 89,99 €</span></div>', 'https://s.example.fr/p', 5999, 8999],
      ['<div><span>Antes 59,95 €</span> <span class="p">39,95 €</span></div>', 'https://s.example.es/p', 3995, 5995],
      ['<div><span class="p" style="text-decoration: line-through">$30.00</span> <b class="p">$20.00</b></div>', 'https://s.example.com/p', 2000, 3000],
    ];
    for (const [block, url, price, list] of cases) {
      const x = read(block, url);
      expect([x.price?.amountMinor, x.listPrice?.amountMinor], block).toEqual([price, list]);
    }
  });

  it('reads "Regular price" as the price unless a lower sale price stands beside it', () => {
    expect(read('<div class="price"><span>Regular price</span> <span class="price-item price-item--regular">$56.00</span></div>').price?.amountMinor).toBe(5600);
    const onSale = read('<div class="price"><span>Regular price</span><span class="price-item price-item--regular">$56.00</span><span>Sale price</span><span class="price-item price-item--sale">$42.00</span></div>');
    expect([onSale.price?.amountMinor, onSale.listPrice?.amountMinor]).toEqual([4200, 5600]);
  });

  it('ignores instalments, unit prices, shipping, savings, carts, footers, carousels and hidden prices', () => {
    const x = read(`
      <div class="price-wrap"><span class="price">$79.00</span></div>
      <div class="klarna-placement">or 4 payments of <span>$19.75</span></div>
      <div><span class="unit-price">$2.63 / m</span></div>
      <div>Shipping: <span>$9.95</span></div>
      <div>You save <span>$20.00</span></div>
      <div class="hidden"><span class="price">$69.00</span></div>
      <div class="related-products"><ul class="carousel"><li><span class="price">$24.00</span></li></ul></div>`);
    expect(x.price).toEqual({ amountMinor: 7900, currency: 'USD' });
    const why = reasons(x).join('\n');
    for (const r of ['$19.75 → instalment', '$2.63 / m → unit price', '$9.95 → shipping cost', '$20.00 → amount saved', '$69.00 → hidden on the page', '$24.00 → inside related products', 'Cart $0.00 → inside the page header', 'Gift cards from $10.00 → inside the footer']) {
      expect(why).toContain(r);
    }
  });

  it('does not read the digits of the title, review counts or the EU 30-day lowest price as the price', () => {
    const x = read('<div><span class="price">€44,90</span></div><div>Niedrigster Preis der letzten 30 Tage: <span>€39,90</span></div><div class="count">(1.234 Bewertungen)</div>', 'https://s.example.de/p', 'de-DE');
    expect(x.price).toEqual({ amountMinor: 4490, currency: 'EUR' });
    expect(reasons(x).join('\n')).toContain('€39,90 → lowest price of the last 30 days');
  });

  it('reads a price block hidden only without JavaScript ("no-js-hidden"), with its struck list price', () => {
    const x = read('<div class="no-js-hidden" id="price-main"><div class="price__sale"><s class="price-item price-item--regular">$145.99</s><span class="price-item price-item--sale">$124.09</span></div></div><div class="js-hidden"><span class="price">$99.00</span></div>');
    expect([x.price, x.listPrice]).toEqual([{ amountMinor: 12409, currency: 'USD' }, { amountMinor: 14599, currency: 'USD' }]);
    expect(reasons(x).join('\n')).toContain('$99.00 → hidden on the page');
  });

  it("takes a price's context from its own words before its neighbours' ('价格 ¥309.00 包邮' then '月销量 1513')", () => {
    const x = read('<div class="panel"><dl><dt>价格</dt><dd><em>¥</em><span>309.00</span></dd></dl><ul><li>包邮</li></ul></div><ul class="ind"><li>月销量 1513</li></ul>', 'https://item.shop.example.cn/1.htm', 'zh-CN');
    expect(x.price).toEqual({ amountMinor: 30900, currency: 'CNY' });
  });

  it('trusts a buy box its data attributes name over structured data that disagree with it and with each other', () => {
    const html = `<!doctype html><html lang="es"><head><title>Felpudo</title>
      <meta property="product:price:amount" content="48,00"><meta property="product:price:currency" content="USD">
      <script type="application/ld+json">{"@type":"Product","name":"Felpudo pintado a mano","offers":{"@type":"AggregateOffer","lowPrice":"43.90","highPrice":"43.90","priceCurrency":"EUR"}}</script></head>
      <body><h1>Felpudo pintado a mano</h1><div data-buy-box><div data-buy-box-region="price"><p class="wt-text-title-03">53,11 €</p><p><b>En stock</b></p>
      <div class="wt-text-caption">IVA incluido (cuando corresponda), más envío</div></div>
      <form action="/es/cart/listing.php" method="post"><button type="submit">Añadir al carro</button></form></div></body></html>`;
    const x = extract(html, { url: 'https://www.shop.example.com/es/listing/1/felpudo' });
    expect(x.price).toEqual({ amountMinor: 5311, currency: 'EUR' });
    expect(x.sources.price).toBe('visible');
  });

  it('resolves shared symbols with the page: $ on .ca is CAD, $24.990 in Chile is pesos, ¥ in Japanese is JPY', () => {
    expect(read('<span class="price">$49.99</span>', 'https://s.example.ca/p').price).toEqual({ amountMinor: 4999, currency: 'CAD' });
    expect(read('<span class="price">$24.990</span>', 'https://s.example.cl/p', 'es-CL').price).toEqual({ amountMinor: 24990, currency: 'CLP' });
    expect(read('<span class="price">¥12,800</span>', 'https://s.example.jp/p', 'ja').price).toEqual({ amountMinor: 12800, currency: 'JPY' });
    expect(read('<span class="price">₹1,23,456</span>', 'https://s.example.in/p', 'en-IN').price).toEqual({ amountMinor: 12345600, currency: 'INR' });
  });

  it('uses the competitor currency hint when the page shows a bare number', () => {
    const x = extract(pdp('<span class="price">1299.00</span>'), { url: 'https://s.example.com/p', currency: 'CNY' });
    expect(x.price).toEqual({ amountMinor: 129900, currency: 'CNY' });
  });

  it('reports a visible price range', () => {
    const x = read('<div class="price">$99 - $149</div>');
    expect(x.priceRange).toEqual({ low: { amountMinor: 9900, currency: 'USD' }, high: { amountMinor: 14900, currency: 'USD' } });
    expect(x.price).toEqual({ amountMinor: 9900, currency: 'USD' });
  });

  it('keeps structured data when the page also shows its price, and says why a visible one lost', () => {
    const html = pdp('<span class="price">$45.00</span><span class="member-price">$40.00</span>').replace(
      '<head>',
      '<head><script type="application/ld+json">{"@type":"Product","name":"Garden Hose 30 m","offers":{"price":"45.00","priceCurrency":"USD"}}</script>',
    );
    const x = extract(html, { url: 'https://s.example.com/p' });
    expect(x.price).toEqual({ amountMinor: 4500, currency: 'USD' });
    expect(x.sources.price).toBe('json-ld');
  });
});
