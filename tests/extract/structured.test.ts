// The structured-data layers one by one: JSON-LD in its real shapes, lenient JSON, microdata,
// RDFa Lite, meta tags and embedded state, and the choice of the page's main product.
import { describe, expect, it } from 'vitest';
import { extract } from '../../crawler/extract/index.ts';
import { readJsonLd } from '../../crawler/extract/jsonld.ts';
import { parseLenientJson, sliceBalanced } from '../../crawler/extract/lenient-json.ts';
import { pickMainProduct } from '../../crawler/extract/product.ts';
import { statePrices } from '../../crawler/extract/statejson.ts';

const ld = (...docs: string[]) => readJsonLd(docs.map((text) => ({ type: 'application/ld+json', text })));
const page = (head: string, body = '') => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
const script = (json: string) => `<script type="application/ld+json">${json}</script>`;

describe('lenient JSON', () => {
  it('reads strict JSON, then repairs comments, trailing commas, raw newlines, CDATA and HTML comments', () => {
    expect(parseLenientJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseLenientJson('//<![CDATA[\n{"a": "x\ny", /* c */ "b": [1,2,],}\n//]]>')).toEqual({ a: 'x\ny', b: [1, 2] });
    expect(parseLenientJson('<!-- {"a": 1} -->')).toEqual({ a: 1 });
    expect(parseLenientJson('{"@type":"Product"}{"@type":"Offer"}')).toEqual([{ '@type': 'Product' }, { '@type': 'Offer' }]);
    expect(parseLenientJson('{ not json')).toBeUndefined();
  });

  it('slices an assigned object literal by its braces, skipping strings', () => {
    const js = 'window.__S__ = {"a":"}{","b":{"c":[1,{"d":2}]}}; more()';
    expect(sliceBalanced(js, js.indexOf('{'))).toBe('{"a":"}{","b":{"c":[1,{"d":2}]}}');
    expect(sliceBalanced('{"open": 1', 0)).toBeNull();
  });
});

describe('JSON-LD', () => {
  it('reads @graph with @id references, brands by reference and priceSpecification list prices', () => {
    const { products } = ld(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Brand', '@id': '#b', name: 'Forge' },
          {
            '@type': ['Product', 'Thing'],
            name: 'Skillet',
            brand: { '@id': '#b' },
            offers: {
              '@type': 'Offer',
              priceCurrency: 'USD',
              priceSpecification: [
                { '@type': 'UnitPriceSpecification', price: '54.00' },
                { '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/StrikethroughPrice', price: '69.00' },
                { '@type': 'UnitPriceSpecification', price: '5.40', referenceQuantity: { '@type': 'QuantitativeValue', value: 100, unitCode: 'GRM' } },
              ],
            },
          },
        ],
      }),
    );
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ name: 'Skillet', brand: 'Forge', nested: false });
    expect(products[0].offers[0]).toMatchObject({ price: '54.00', listPrice: '69.00', currency: 'USD' });
  });

  it('reads AggregateOffer ends and nested offers with the aggregate currency', () => {
    const { products } = ld('{"@type":"Product","name":"Tee","offers":{"@type":"AggregateOffer","lowPrice":"19.99","highPrice":29.99,"priceCurrency":"EUR","offers":[{"@type":"Offer","price":"19.99","sku":"S"}]}}');
    const [aggregate, nested] = products[0].offers;
    expect(aggregate).toMatchObject({ lowPrice: '19.99', highPrice: '29.99', currency: 'EUR' });
    expect(nested).toMatchObject({ price: '19.99', currency: 'EUR', sku: 'S' });
  });

  it('marks products under related properties as nested and keeps ProductGroup variants inside their group', () => {
    const { products } = ld(
      '{"@type":"ProductGroup","name":"Runner","hasVariant":[{"@type":"Product","sku":"R-40","offers":{"price":95}},{"@type":"Product","sku":"R-42","offers":{"price":85}}],"isRelatedTo":{"@type":"Product","name":"Laces","offers":{"price":5}}}',
    );
    expect(products.map((p) => [p.name, p.nested])).toEqual([
      ['Runner', false],
      ['Laces', true],
    ]);
    expect(products[0].variants.map((v) => v.sku)).toEqual(['R-40', 'R-42']);
  });

  it('notes blocks it cannot read and reads HTML-escaped ones', () => {
    const r = ld('{ "@type": "Product", ', '{&quot;@type&quot;:&quot;Product&quot;,&quot;name&quot;:&quot;Mug&quot;}');
    expect(r.products.map((p) => p.name)).toEqual(['Mug']);
    expect(r.notes).toEqual(['1 JSON-LD block could not be parsed even leniently and was ignored']);
  });

  it('picks the page main product by URL, name and offers, not the first node', () => {
    const { products } = ld(
      '[{"@type":"Product","name":"Lid","url":"https://s.example.com/lid","offers":{"price":"19"}},{"@type":"Product","name":"Skillet 26 cm","url":"https://s.example.com/skillet?ref=x","offers":{"price":"54"}}]',
    );
    const main = pickMainProduct(products, { pageUrl: 'https://s.example.com/skillet', urls: ['https://s.example.com/skillet'], titles: ['skillet 26 cm'] });
    expect(main?.name).toBe('Skillet 26 cm');
  });

  it('parses prices written with either separator in the offer currency', () => {
    const x = extract(page(script('{"@type":"Product","name":"Sofa","offers":{"price":"1.299,00","priceCurrency":"EUR"}}'), '<h1>Sofa</h1>'), { url: 'https://m.example.de/sofa' });
    expect(x.price).toEqual({ amountMinor: 129900, currency: 'EUR' });
    const y = extract(page(script('{"@type":"Product","name":"Sofa","offers":{"price":1299,"priceCurrency":"JPY"}}'), '<h1>Sofa</h1>'), { url: 'https://m.example.jp/sofa' });
    expect(y.price).toEqual({ amountMinor: 1299, currency: 'JPY' });
  });

  it('takes the lowest of several offers at different prices, with the range, when the page does not tell', () => {
    const x = extract(
      page(script('{"@type":"Product","name":"Kit","offers":[{"price":"30.00","priceCurrency":"USD"},{"price":"20.00","priceCurrency":"USD"},{"price":"25.00","priceCurrency":"USD"}]}'), '<h1>Kit</h1>'),
      { url: 'https://k.example.com/kit' },
    );
    expect(x.price).toEqual({ amountMinor: 2000, currency: 'USD' });
    expect(x.priceRange).toEqual({ low: { amountMinor: 2000, currency: 'USD' }, high: { amountMinor: 3000, currency: 'USD' } });
    expect(x.notes.join(' ')).toMatch(/3 offers at different prices; took the lowest/);
  });
});

describe('microdata, RDFa and meta tags', () => {
  it('reads microdata values from content, href and text, with nested items', () => {
    const html = page(
      '',
      `<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1>
        <img itemprop="image" src="/k.jpg"><span itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">Acme</span></span>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="39.99">$39.99</span>
        <meta itemprop="priceCurrency" content="USD"><link itemprop="availability" href="https://schema.org/OutOfStock"></div></div>`,
    );
    const x = extract(html, { url: 'https://k.example.com/kettle' });
    expect(x).toMatchObject({ title: 'Kettle', brand: 'Acme', availability: 'out_of_stock', image: 'https://k.example.com/k.jpg' });
    expect(x.price).toEqual({ amountMinor: 3999, currency: 'USD' });
    expect(x.sources).toMatchObject({ price: 'microdata', availability: 'microdata' });
  });

  it('reads RDFa Lite with prefixed properties', () => {
    const html = page('', `<div vocab="https://schema.org/" typeof="schema:Product"><h1 property="schema:name">Lamp</h1><div property="schema:offers" typeof="Offer"><span property="price" content="74">£74</span><meta property="priceCurrency" content="GBP"></div></div>`);
    const x = extract(html, { url: 'https://l.example.co.uk/lamp' });
    expect(x.price).toEqual({ amountMinor: 7400, currency: 'GBP' });
    expect(x.sources.price).toBe('rdfa');
  });

  it('reads Open Graph product tags and itemprop metas', () => {
    const html = page(
      `<meta property="og:type" content="product"><meta property="og:title" content="Bag"><meta property="product:price:amount" content="120,00"><meta property="product:price:currency" content="EUR">
       <meta property="product:sale_price:amount" content="99,00"><meta property="product:availability" content="out of stock"><meta property="product:retailer_item_id" content="BAG-1">`,
      '<h1>Bag</h1>',
    );
    const x = extract(html, { url: 'https://b.example.fr/bag' });
    expect(x).toMatchObject({ price: { amountMinor: 9900, currency: 'EUR' }, listPrice: { amountMinor: 12000, currency: 'EUR' }, availability: 'out_of_stock', sku: 'BAG-1' });
    expect(x.sources).toMatchObject({ price: 'meta', listPrice: 'meta', availability: 'meta', sku: 'meta' });
  });

  it('prefers the lower of two structured prices when the higher one is named as the list price', () => {
    const html = page(
      `${script('{"@type":"Product","name":"Sconce","offers":{"price":"150.00","priceCurrency":"USD"}}')}<meta content="150.00" property="og:price:standard_amount"><meta content="120.00" property="product:price:amount"><meta property="product:price:currency" content="USD">`,
      '<h1>Sconce</h1>',
    );
    const x = extract(html, { url: 'https://r.example.com/sconce' });
    expect(x.price).toEqual({ amountMinor: 12000, currency: 'USD' });
    expect(x.listPrice).toEqual({ amountMinor: 15000, currency: 'USD' });
    expect(x.rejected).toContainEqual({ field: 'price', value: '$150.00', source: 'json-ld', reason: 'named as the list price elsewhere' });
  });
});

describe('embedded state', () => {
  const scripts = (text: string, type = '') => [{ type, id: '', text }];
  const id = { skus: ['SKU-9'], urlIds: ['10450114'], titles: ['great milk 1 gallon'] };

  it('finds the product price beside its SKU in window.__INITIAL_STATE__, not the related items', () => {
    const js = `window.__INITIAL_STATE__ = {"product":{"sku":"SKU-9","price":{"current":12.5,"original":15,"currency":"EUR"}},"related":[{"sku":"X","price":3}]};`;
    expect(statePrices(scripts(js), id).map(({ path: _path, ...p }) => p)).toEqual([
      { amount: '12.5', currency: 'EUR', kind: 'selling', match: 'sku' },
      { amount: '15', currency: 'EUR', kind: 'list', match: 'sku' },
    ]);
  });

  it('reads JSON.parse("…") state, JS object literals and application/json scripts', () => {
    const parsed = `window.__PRELOADED_STATE__ = JSON.parse("{\\"item\\":{\\"itemId\\":\\"10450114\\",\\"salePrice\\":\\"3.42\\"}}");`;
    expect(statePrices(scripts(parsed), id).map((p) => p.amount)).toEqual(['3.42']);
    const layer = `dataLayer = [{ 'ecommerce': { 'detail': { 'products': [{ 'name': 'Great Milk 1 Gallon', 'price': '2.99' }] } } }];`;
    expect(statePrices(scripts(layer), id).map((p) => [p.amount, p.match])).toEqual([['2.99', 'title']]);
    const next = '{"props":{"pageProps":{"product":{"usItemId":"10450114","priceInfo":{"currentPrice":{"price":3.42},"unitPrice":{"price":2.7}}}}}}';
    expect(statePrices(scripts(next, 'application/json'), id).map((p) => p.amount)).toEqual(['3.42']);
  });

  it('reads a price block beside the item block that names the product, and entries drawn struck as list prices', () => {
    const tmall = `window.__INITIAL_STATE__ = {"item":{"itemId":"10450114","title":"耳机"},"price":{"price":{"priceTitle":"促销价","priceText":"299.00"},"extraPrices":[{"priceTitle":"原价","priceText":"399.00","lineThrough":true}]},"currency":"CNY","recommend":[{"itemId":"1","price":"9.90"}]};`;
    expect(statePrices(scripts(tmall), id).map((p) => [p.amount, p.kind, p.match]).sort()).toEqual([
      ['299.00', 'selling', 'url id (in item)'],
      ['399.00', 'list', 'url id (in item)'],
    ]);
    const html = `<!doctype html><html lang="zh-CN"><head><title>耳机</title><script>${tmall}</script></head><body><h1>耳机</h1><button>加入购物车</button></body></html>`;
    const x = extract(html, { url: 'https://detail.shop.example.cn/item.htm?id=10450114' });
    expect(x).toMatchObject({ price: { amountMinor: 29900, currency: 'CNY' }, listPrice: { amountMinor: 39900, currency: 'CNY' }, sources: { price: 'state-json' } });
  });

  it('ignores state that names no identity of the page', () => {
    expect(statePrices(scripts('window.__APOLLO_STATE__ = {"Product:1":{"sku":"OTHER","price":9}};'), id)).toEqual([]);
    expect(statePrices(scripts('var x = {"price": 9};'), { skus: [], urlIds: [], titles: [] })).toEqual([]);
  });
});
