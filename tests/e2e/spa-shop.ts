// A tiny single-page-app shop for the SPA-navigation test: every product URL is served as a
// complete page (so the crawler reads it like any other), and clicking "next product" swaps the
// product in place with history.pushState, as SPA storefronts do, without a page load.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpaProduct {
  id: string;
  sku: string;
  title: string;
  priceMinor: number;
}

export const SPA_PRODUCTS: SpaProduct[] = [
  { id: 'kettle', sku: 'RW-KET-310', title: 'SPA Gooseneck Kettle', priceMinor: 5900 },
  { id: 'fryer', sku: 'RW-AF-320', title: 'SPA Air Fryer', priceMinor: 7900 },
];

export interface SpaShop {
  url: string;
  /** Config `domains` entry for this shop on the shared 127.0.0.1 host. */
  domain: string;
  productUrl(id: string): string;
  close(): Promise<void>;
}

function jsonLd(p: SpaProduct): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.title,
    sku: p.sku,
    offers: { '@type': 'Offer', price: (p.priceMinor / 100).toFixed(2), priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
  });
}

function page(base: string, p: SpaProduct): string {
  const other = SPA_PRODUCTS.find((o) => o.id !== p.id) ?? p;
  const data = JSON.stringify(Object.fromEntries(SPA_PRODUCTS.map((o) => [o.id, { ...o, ld: jsonLd(o), url: `${base}/spa/p/${o.id}` }])));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${p.title}</title>
<link rel="canonical" href="${base}/spa/p/${p.id}">
<script type="application/ld+json" id="ld">${jsonLd(p)}</script></head>
<body><h1 id="title">${p.title}</h1><p>Price: <span id="price">$${(p.priceMinor / 100).toFixed(2)}</span></p>
<a id="next" data-spa data-id="${other.id}" href="${base}/spa/p/${other.id}">Next product</a>
<script>
const products = ${data};
function show(id) {
  const p = products[id];
  const next = Object.values(products).find((o) => o.id !== id);
  document.title = p.title;
  document.getElementById('title').textContent = p.title;
  document.getElementById('price').textContent = '$' + (p.priceMinor / 100).toFixed(2);
  document.getElementById('ld').textContent = p.ld;
  document.querySelector('link[rel=canonical]').href = p.url;
  const a = document.getElementById('next');
  a.href = next.url;
  a.dataset.id = next.id;
}
document.getElementById('next').addEventListener('click', (e) => {
  e.preventDefault();
  const id = e.currentTarget.dataset.id;
  history.pushState({ id }, '', products[id].url);
  show(id);
});
addEventListener('popstate', () => show(location.pathname.split('/').pop()));
</script></body></html>`;
}

export async function startSpaShop(): Promise<SpaShop> {
  let base = '';
  const server = createServer((req, res) => {
    const m = /^\/spa\/p\/([a-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const product = m ? SPA_PRODUCTS.find((p) => p.id === m[1]) : undefined;
    if (!product) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(base, product));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    domain: `127.0.0.1:${port}/spa/`,
    productUrl: (id) => `${base}/spa/p/${id}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
