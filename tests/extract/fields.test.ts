// Stock, reviews, promotions, identifiers and recipes, each through extract() on small pages.
import { describe, expect, it } from 'vitest';
import { extract } from '../../crawler/extract/index.ts';
import { cleanBrand, normalizeGtin, urlItemId } from '../../crawler/extract/identifiers.ts';

const URL = 'https://shop.example.com/p/kettle';
const jsonld = (offer: string, extra = '', currency = 'USD') =>
  `<script type="application/ld+json">{"@type":"Product","name":"Kettle","offers":{"price":"39.00","priceCurrency":"${currency}"${offer}}${extra}}</script>`;
function page(body: string, head = '', lang = 'en-US'): string {
  return `<!doctype html><html lang="${lang}"><head><title>Kettle</title>${head}</head><body><main><div class="pdp"><h1>Kettle</h1>${body}</div></main></body></html>`;
}

describe('availability', () => {
  it('takes schema.org availability, in stock when any offer is', () => {
    const head = '<script type="application/ld+json">{"@type":"Product","name":"Kettle","offers":[{"price":"39","priceCurrency":"USD","availability":"OutOfStock"},{"price":"39","priceCurrency":"USD","availability":"https://schema.org/InStock"}]}</script>';
    expect(extract(page('<button class="add-to-cart">Add to cart</button>', head), { url: URL })).toMatchObject({ availability: 'in_stock', sources: { availability: 'json-ld' } });
  });

  it('trusts the buy box over metadata that contradicts it, and says so', () => {
    const x = extract(page('<span class="price">$39.00</span><div class="stock-status">Out of stock</div><button class="add-to-cart" disabled>Add to cart</button>', jsonld(',"availability":"InStock"')), { url: URL });
    expect(x.availability).toBe('out_of_stock');
    expect(x.sources.availability).toBe('visible');
    expect(x.notes.join(' ')).toMatch(/structured data says in_stock but the page says "Out of stock"/);
    expect(x.rejected).toContainEqual({ field: 'availability', value: 'in_stock', source: 'json-ld', reason: 'contradicted by the page ("Out of stock")' });
  });

  it('reads low stock near the buy box as limited even where structured data says in stock', () => {
    const x = extract(page('<span class="price">$39.00</span><div class="delivery"><span class="delivery__status">Nur noch 2 Stück verfügbar</span></div><button class="add-to-cart">In den Warenkorb</button>', jsonld(',"availability":"InStock"')), { url: URL });
    expect(x).toMatchObject({ availability: 'limited', sources: { availability: 'visible' } });
  });

  it('does not let a sold-out size, a store pickup line or shipping boilerplate speak for the product', () => {
    const body = `<span class="price">$39.00</span>
      <fieldset class="size-picker"><label><input type="radio" name="s" disabled> XL – Sold out</label></fieldset>
      <ul class="sizes"><li>S (out of stock)</li></ul>
      <p class="pickup">Not available for pickup in store</p>
      <p>Most in-stock items ship within 2 business days from our warehouse in Ohio.</p>
      <button class="add-to-cart">Add to cart</button>`;
    const x = extract(page(body, jsonld(',"availability":"InStock"')), { url: URL });
    expect(x.availability).toBe('in_stock');
    expect(x.sources.availability).toBe('json-ld');
  });

  it('does not let a theme badge that CSS hides ("Sold out" on every Shopify page) overrule metadata, but the buy button label does', () => {
    const badge = '<div class="price"><span class="price-item">$39.00</span><span class="badge price__badge-sold-out">Sold out</span></div>';
    const selling = extract(page(`${badge}<button type="submit" name="add" class="product-form__submit">Add to cart</button>`, jsonld(',"availability":"InStock"')), { url: URL });
    expect(selling.availability).toBe('in_stock');
    const soldOut = extract(page(`${badge}<form action="/cart/add"><button type="submit" name="add" class="product-form__submit" disabled>Sold out</button></form>`, jsonld(',"availability":"InStock"')), { url: URL });
    expect(soldOut.availability).toBe('out_of_stock');
    expect(soldOut.sources.availability).toBe('visible');
  });

  it('reads the page when metadata is silent, the buy button last, a bare price as in stock, and says unknown when nothing tells', () => {
    expect(extract(page('<span class="price">$39.00</span><p class="availability">Only 2 left in stock</p><button class="add-to-cart">Add to cart</button>'), { url: URL }).availability).toBe('limited');
    expect(extract(page('<span class="price">$39.00</span><button class="add-to-cart" disabled>Add to cart</button>'), { url: URL }).availability).toBe('out_of_stock');
    expect(extract(page('<span class="price">$39.00</span><button class="add-to-cart">Add to cart</button>'), { url: URL }).notes).toContain('availability inferred from the add-to-cart button enabled');
    const bare = extract(page('<span class="price">$39.00</span>'), { url: URL });
    expect(bare.availability).toBe('in_stock');
    expect(bare.notes).toContain('no stock statement on the page: offered at a price, so read as in stock');
    expect(extract(page('<p>Call us for a quote.</p>'), { url: URL }).availability).toBe('unknown');
  });
});

describe('reviews', () => {
  it('reads AggregateRating with its scale, count from reviewCount or ratingCount', () => {
    const x = extract(page('', jsonld('', ',"aggregateRating":{"ratingValue":"4,6","bestRating":"5","ratingCount":"1.234"}')), { url: URL });
    expect(x).toMatchObject({ rating: 4.6, ratingScale: 5, reviewCount: 1234, sources: { rating: 'json-ld', reviewCount: 'json-ld' } });
  });

  it('reads visible ratings: "x out of 5", aria-labels, star widths, counts, 好评率', () => {
    const a = extract(page('<span class="price">$39.00</span><div class="rating" aria-label="Rated 4.3 out of 5 stars"></div><a class="review-count">(87)</a>'), { url: URL });
    expect(a).toMatchObject({ rating: 4.3, ratingScale: 5, reviewCount: 87, sources: { rating: 'visible', reviewCount: 'visible' } });
    const b = extract(page('<span class="price">$39.00</span><div class="stars-outer"><div class="stars-inner" style="width: 90%"></div></div><span class="reviews-count">212 reviews</span>'), { url: URL });
    expect(b).toMatchObject({ rating: 4.5, ratingScale: 5, reviewCount: 212 });
    const c = extract(page('<span class="price">¥39.00</span><div class="rate-info"><span>好评率 96%</span></div><div class="comment-count">累计评价 2.3万+</div>', '', 'zh-CN'), { url: 'https://item.shop.example.cn/1.html' });
    expect(c).toMatchObject({ positiveRate: 0.96, reviewCount: 23000 });
  });

  it('ignores ratings of other products in carousels', () => {
    const x = extract(page('<span class="price">$39.00</span><section class="related-products"><div class="rating" title="4.9 out of 5 stars"></div></section>'), { url: URL });
    expect(x.rating).toBeNull();
  });
});

describe('promotions and the effective price', () => {
  it('parses promotion badges near the price into structured promotions and the price one unit pays', () => {
    const x = extract(page('<span class="price">¥299.00</span><div class="promo-tags"><span class="promo">满200减30</span><span class="coupon">领券满299减20</span></div><button>加入购物车</button>', '', 'zh-CN'), { url: 'https://item.shop.example.cn/2.html' });
    expect(x.promotions.map((p) => p.type)).toEqual(['threshold', 'coupon']);
    // Checkout order: 满减 first (299 → 269), then the coupon, whose 299 threshold 269 no longer reaches.
    expect(x.effectivePrice).toEqual({ amountMinor: 26900, currency: 'CNY' });
    expect(x.sources.effectivePrice).toBe('derived');
  });

  it('does not apply a discount the price already includes, or offers tied to a card or an "up to"', () => {
    const x = extract(
      page('<div class="price"><s>$50.00</s> <b>$40.00</b> <span class="badge">-20%</span></div><p class="promo">Extra 10% off with your store credit card</p><p class="promo">Save up to $15 on bundles</p><button class="add-to-cart">Add to cart</button>'),
      { url: URL },
    );
    expect(x.price).toEqual({ amountMinor: 4000, currency: 'USD' });
    expect(x.promotions.map((p) => p.text)).toEqual(['-20%', 'Save up to $15 on bundles']);
    expect(x.effectivePrice).toEqual({ amountMinor: 4000, currency: 'USD' });
  });

  it('keeps promotions out of carousels and footers, and has no effective price without a price', () => {
    const x = extract(page('<footer><p>Free shipping over $50</p></footer><div class="carousel"><span class="promo">-40%</span></div>'), { url: URL });
    expect(x.promotions).toEqual([]);
    expect(x.effectivePrice).toBeNull();
  });
});

describe('identifiers and brand', () => {
  it('validates GTIN check digits and lengths', () => {
    expect(normalizeGtin('4006381333931')).toEqual({ gtin: '4006381333931' });
    expect(normalizeGtin('EAN: 4006-3813-3393-1')).toEqual({ gtin: '4006381333931' });
    expect(normalizeGtin('012345678905')).toEqual({ gtin: '012345678905' });
    expect(normalizeGtin('0-306-40615-2')).toEqual({ gtin: '0306406152' });
    expect(normalizeGtin('4006381333932')).toEqual({ reason: 'check digit does not match' });
    expect(normalizeGtin('12345')).toEqual({ reason: '5 digits is no GTIN length (8, 12, 13, 14)' });
  });

  it('reads labelled values from specification tables and hidden SKU inputs of the buy form', () => {
    const body = `<span class="price">$39.00</span>
      <form action="/cart/add"><input type="hidden" name="product_sku" value="KT-17-SS"><button class="add-to-cart">Add to cart</button></form>
      <table class="specs"><tr><th>Brand</th><td>Acme</td></tr><tr><th>EAN</th><td>4006381333931</td></tr></table>`;
    const x = extract(page(body), { url: URL });
    expect(x).toMatchObject({ sku: 'KT-17-SS', brand: 'Acme', gtin: '4006381333931', sources: { sku: 'visible', brand: 'visible', gtin: 'visible' } });
  });

  it('reads model numbers and codes printed after a label, with or without a colon', () => {
    const zh = extract(page('<span class="price">¥39.00</span><ul class="attrs"><li title="乐享">品牌:&nbsp;乐享</li><li>型号:&nbsp;<span class="attr-model">RW-EB-100</span></li></ul>', '', 'zh-CN'), { url: 'https://item.shop.example.cn/1.htm' });
    expect(zh).toMatchObject({ sku: 'RW-EB-100', brand: '乐享', sources: { sku: 'visible' } });
    const en = extract(page('<span class="price">$39.00</span><p class="pdp-sku">SKU <span class="pdp-sku-value">RW-MS-630</span></p>'), { url: URL });
    expect(en.sku).toBe('RW-MS-630');
    const words = extract(page('<span class="price">$39.00</span><p>Model designed in Oslo</p>'), { url: URL });
    expect(words.sku).toBeNull();
    // The label nearest the title and buy button wins over one further down the page.
    const html = `<!doctype html><html lang="en"><head><title>Kettle</title></head><body><div class="accessories"><div><div><p>SKU: ACC-1</p></div></div></div>
      <main><div class="pdp"><h1>Kettle</h1><span class="price">$39.00</span><p>SKU: KT-17</p><button class="add-to-cart">Add to cart</button></div></main></body></html>`;
    expect(extract(html, { url: URL }).sku).toBe('KT-17');
  });

  it('falls back to the item id a marketplace writes into its canonical URL, and only then', () => {
    expect(urlItemId('https://www.amazon.de/Kettle-Steel/dp/B08FT9HBQC/ref=sr_1_2?qid=1')).toBe('B08FT9HBQC');
    expect(urlItemId('https://detail.tmall.com/item.htm?spm=a1z10&id=680012345601')).toBe('680012345601');
    expect(urlItemId('https://www.etsy.com/es/listing/550571276/felpudo-pintado')).toBe('550571276');
    expect(urlItemId('https://item.jd.com/100012043978.html')).toBe('100012043978');
    for (const u of ['https://shop.example.com/products/kettle-2000', 'https://shop.example.com/p/kettle?color=red', 'not a url', null]) expect(urlItemId(u), String(u)).toBeNull();
    const x = extract(page('<span class="price">$39.00</span>', '<link rel="canonical" href="https://www.market.example.com/Kettle/dp/B0KETTLE01">'), { url: 'https://www.market.example.com/Kettle/dp/B0KETTLE01?th=1' });
    expect(x).toMatchObject({ sku: 'B0KETTLE01', sources: { sku: 'meta' } });
    const labelled = extract(page('<span class="price">$39.00</span><p>SKU: KT-17</p>', '<link rel="canonical" href="https://www.market.example.com/Kettle/dp/B0KETTLE01">'), { url: URL });
    expect(labelled.sku).toBe('KT-17');
  });

  it('reduces store bylines to the brand name', () => {
    expect(cleanBrand('Visit the Lenovo Store')).toBe('Lenovo');
    expect(cleanBrand('Besuche den Think!-Store')).toBe('Think!');
    expect(cleanBrand('Marke: Kyocera')).toBe('Kyocera');
    expect(cleanBrand('Visiter la boutique HP')).toBe('HP');
  });
});

describe('recipes', () => {
  const body = `<div class="pp"><span class="now" data-price="18.50">18,50 €</span><span class="was">22,00 €</span></div>
    <div class="inv">Nicht lieferbar</div><div class="promo-x">2 für 1</div><span class="art">A-77</span>
    <span class="price">9,99 €</span><button class="add-to-cart">In den Warenkorb</button>`;

  it('win over every other source for the fields they name', () => {
    const x = extract(page(body, jsonld(',"availability":"InStock"', '', 'EUR'), 'de-DE'), {
      url: 'https://s.example.de/p',
      recipe: { price: '.pp .now', priceAttribute: 'data-price', listPrice: '.pp .was', availability: '.inv', outOfStockText: ['Nicht lieferbar'], sku: '.art', promotions: '.promo-x' },
    });
    expect(x).toMatchObject({
      price: { amountMinor: 1850, currency: 'EUR' },
      listPrice: { amountMinor: 2200, currency: 'EUR' },
      availability: 'out_of_stock',
      sku: 'A-77',
      sources: { price: 'recipe', listPrice: 'recipe', availability: 'recipe', sku: 'recipe', promotions: 'recipe' },
    });
    expect(x.promotions.map((p) => p.text)).toEqual(['2 für 1']);
  });

  it('read cents drawn apart ("$ 52<sup>99</sup>") the way the visible reader does', () => {
    const body = '<div class="bx"><div class="now"><span class="c">$</span> 52<sup>99</sup></div><div class="was">List: <s><span class="c">$</span> 1,299<sup>00</sup></s></div></div>';
    const x = extract(page(body), { url: URL, recipe: { price: '.bx .now', listPrice: '.bx .was s' } });
    expect([x.price, x.listPrice]).toEqual([{ amountMinor: 5299, currency: 'USD' }, { amountMinor: 129900, currency: 'USD' }]);
  });

  it('say in words which selector matched nothing, and the generic reading stands', () => {
    const x = extract(page(body, '', 'de-DE'), { url: 'https://s.example.de/p', recipe: { price: '.p-price', title: 'h1[', brand: '.empty' } });
    expect(x.notes).toContain('price missing: the recipe selector `.p-price` matched nothing');
    expect(x.notes.join(' ')).toMatch(/title: the recipe selector `h1\[` is not valid CSS/);
    expect(x.title).toBe('Kettle');
    expect(x.price?.amountMinor).toBeGreaterThan(0);
  });
});
