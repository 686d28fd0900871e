// Pages that are not product pages: the demo index for people trying the demo, each shop's
// product list, robots.txt, and the plain 404.
import { esc } from './html.ts';
import type { DemoProduct, ShopDefinition } from './shop.ts';
import type { DemoProductState } from './types.ts';

export interface ListedProduct {
  product: DemoProduct;
  state: DemoProductState;
  url: string;
}

function flags(state: DemoProductState): string {
  const f: string[] = [];
  if (state.gone) f.push(`gone (${state.httpStatus})`);
  if (state.blocking !== 'none') f.push(state.blocking);
  if (state.robotsDisallowed) f.push('robots.txt disallows');
  if (state.availability !== 'in_stock') f.push(state.availability.replace('_', ' '));
  return f.length ? ` <small class="flags">[${esc(f.join(', '))}]</small>` : '';
}

export function indexPage(at: Date, shops: { shop: ShopDefinition; shopUrl: string; items: ListedProduct[] }[]): string {
  const sections = shops
    .map(
      ({ shop, shopUrl, items }) => `<section class="shop" id="${esc(shop.id)}">
  <h2><a href="${esc(shopUrl)}/">${esc(shop.name)}</a> <small>${esc(shop.kind)} · ${esc(shop.currency)} · ${esc(shop.lang)}</small></h2>
  <p>${esc(shop.description)}</p>
  <ol>
${items.map((i) => `    <li><a href="${esc(i.url)}">${esc(i.state.title)}</a> — ${esc(shop.formatPrice(i.state.priceMinor))} <code>${esc(i.state.sku)}</code>${flags(i.state)}</li>`).join('\n')}
  </ol>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>RivalWatch demo shops</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}small{color:#666}.flags{color:#a40}</style></head>
<body>
<h1>RivalWatch demo shops</h1>
<p>Seven made-up competitor shops on one host, each under its own path prefix <code>/shop/&lt;id&gt;/</code>. Prices, promotions, stock and reviews follow a deterministic schedule of the simulated time; this page shows <time datetime="${esc(at.toISOString())}">${esc(at.toISOString())}</time>. Send <code>X-RivalWatch-Sim-Time: &lt;ISO time&gt;</code> with a request to see another moment.</p>
${sections}
</body>
</html>
`;
}

export function shopHome(shop: ShopDefinition, shopUrl: string, items: ListedProduct[]): string {
  const visible = items.filter((i) => !i.state.gone && !i.state.robotsDisallowed);
  return `<!doctype html>
<html lang="${esc(shop.lang)}">
<head><meta charset="utf-8"><title>${esc(shop.name)}</title></head>
<body>
<h1>${esc(shop.name)}</h1>
<ul class="product-list">
${visible.map((i) => `  <li class="product-list__item"><a href="${esc(i.url)}">${esc(i.state.title)}</a> <span class="product-list__price">${esc(shop.formatPrice(i.state.priceMinor))}</span></li>`).join('\n')}
</ul>
</body>
</html>
`;
}

function disallowLines(shop: ShopDefinition, prefix: string): string {
  return shop.robotsDisallow.map((p) => `Disallow: ${prefix}${p}`).join('\n');
}

/** The host's robots.txt: every shop shares the host, so the rules of all of them are here. */
export function robotsTxt(shops: ShopDefinition[]): string {
  const groups = shops.map((s) => `# ${s.name}\n${disallowLines(s, `/shop/${s.id}/`)}`).join('\n');
  return `# RivalWatch demo shops: one host, each shop under /shop/<id>/
User-agent: *
${groups}

User-agent: BadBot
Disallow: /
`;
}

/** The same rules for one shop, at /shop/<id>/robots.txt, for people reading one shop's policy. */
export function shopRobotsTxt(shop: ShopDefinition): string {
  return `User-agent: *\n${disallowLines(shop, `/shop/${shop.id}/`)}\n`;
}

export function plainNotFound(path: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title></head><body><h1>Not Found</h1><p>No demo page at ${esc(path)}. The list of shops is at <a href="/">/</a>.</p></body></html>`;
}
