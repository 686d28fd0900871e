// A counting reverse proxy in front of the demo shops: the listings point at it, so it sees every
// request any worker makes and can tell the most requests ever in flight at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Most requests in flight at the same moment, over the proxy's life. */
  maxInFlight(): number;
  inFlight(): number;
  /** Paths requested, in arrival order (robots.txt included). */
  paths(): string[];
  /** Called as each request arrives, before it is forwarded. */
  onRequest(listener: (path: string) => void): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string, opts: { latencyMs?: number } = {}): Promise<CountingProxy> {
  const upstream = new URL(target);
  let inFlight = 0;
  let max = 0;
  const seen: string[] = [];
  const listeners: ((path: string) => void)[] = [];
  const server = http.createServer((req, res) => {
    inFlight++;
    max = Math.max(max, inFlight);
    const path = req.url ?? '/';
    seen.push(path);
    for (const listener of listeners) listener(path);
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('close', done);
    setTimeout(() => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(forward);
    }, opts.latencyMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxInFlight: () => max,
    inFlight: () => inFlight,
    paths: () => [...seen],
    onRequest: (listener) => listeners.push(listener),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
