// A real HTTP server on 127.0.0.1 for crawler tests: routes per path, and a record of what it saw
// (path, headers, arrival time, how many requests were in flight at once).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface FixtureServer {
  url: string;
  host: string;
  hits: Hit[];
  /** Most requests in flight at the same time. */
  maxInFlight: () => number;
  route(path: string, handler: Handler): void;
  hitsOf(path: string): Hit[];
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const hits: Hit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    hits.push({ path, headers: req.headers, at: Date.now() });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    hits,
    maxInFlight: () => maxInFlight,
    route: (path, handler) => void routes.set(path, handler),
    hitsOf: (path) => hits.filter((h) => h.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
}

/** A product page whose price is in JSON-LD and in the visible text. */
export function productPage(name: string, price: string, currency = 'CNY', extraBody = ''): string {
  const ld = { '@context': 'https://schema.org', '@type': 'Product', name, offers: { '@type': 'Offer', price, priceCurrency: currency, availability: 'https://schema.org/InStock' } };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title>
<script type="application/ld+json">${JSON.stringify(ld)}</script></head>
<body><h1>${name}</h1><div class="price">¥${price}</div>${extraBody}</body></html>`;
}

/** A page whose price only exists after its script fetched it: no price in the HTML at all. */
export function scriptPricedPage(name: string, apiPath: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title></head>
<body><h1>${name}</h1><div id="price-box"></div>
<script>
fetch(${JSON.stringify(apiPath)}).then((r) => r.json()).then((d) => {
  const ld = document.createElement('script');
  ld.type = 'application/ld+json';
  ld.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: d.name, offers: { '@type': 'Offer', price: d.price, priceCurrency: d.currency } });
  document.head.appendChild(ld);
  document.getElementById('price-box').textContent = d.symbol + d.price;
});
</script></body></html>`;
}
