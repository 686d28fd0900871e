// The HTTP stage: Crawlee's HttpCrawler fetches each page (got-scraping underneath), RivalWatch
// decides what the response means. Crawlee's own status and content-type verdicts are switched off
// because they end in an error string; ours end in a `CrawlFailure` with a reason and a retry policy.
import { HttpCrawler } from '@crawlee/http';
import { decodeHtml } from '../extract/index.ts';
import { bodyTooLarge, contentTypeFailure, statusFailure } from './failure.ts';
import {
  commonCrawlerOptions,
  crawleeConfiguration,
  indexOf,
  judgePage,
  raise,
  requestsFor,
  waitTurn,
  type OutcomeSink,
  type StageSettings,
  type StageTarget,
} from './stage.ts';

const ALL_5XX = Array.from({ length: 100 }, (_, i) => 500 + i);

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

export async function runHttpStage(
  items: { index: number; target: StageTarget }[],
  s: StageSettings,
  opts: { mayRender: boolean },
  sink: OutcomeSink,
): Promise<void> {
  if (items.length === 0 || s.signal.aborted) return;
  const targets = new Map(items.map((i) => [i.index, i.target]));
  const crawler = new HttpCrawler(
    {
      ...commonCrawlerOptions(s, 'http', targets, sink),
      navigationTimeoutSecs: s.timeoutMs / 1000,
      // Every status and content type reaches the handler, which classifies them.
      ignoreHttpErrorStatusCodes: ALL_5XX,
      additionalMimeTypes: ['*/*'],
      // latin1 is byte-transparent: the body stays the server's bytes, and decodeHtml weighs the
      // header, the <meta> and the bytes themselves to pick the charset.
      forceResponseEncoding: 'latin1',
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await waitTurn(request, s);
          // got-scraping would otherwise invent a browser's headers; RivalWatch says who it is.
          Object.assign(gotOptions, { useHeaderGenerator: false });
          gotOptions.headers = {
            ...gotOptions.headers,
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
            ...s.extraHeaders,
            'user-agent': s.userAgent,
          };
        },
      ],
      postNavigationHooks: [
        async ({ request, response }) => {
          const status = response.statusCode ?? 0;
          const length = Number(header(response.headers, 'content-length') ?? NaN);
          if (length > s.maxBodyBytes) raise(request, bodyTooLarge(length, s.maxBodyBytes, status));
          // A PDF or an image is refused before its body is downloaded.
          if (status >= 200 && status < 300) {
            const wrongType = contentTypeFailure(header(response.headers, 'content-type'), status);
            if (wrongType) raise(request, wrongType);
          }
          // Chunked bodies carry no length: count while Crawlee downloads and cut at the limit.
          response.on('downloadProgress', ({ transferred }: { transferred: number }) => {
            if (transferred > s.maxBodyBytes && !response.destroyed) {
              request.noRetry = true;
              response.destroy(bodyTooLarge(null, s.maxBodyBytes, status));
            }
          });
        },
      ],
      requestHandler: async ({ request, response, body }) => {
        const index = indexOf(request);
        const status = response.statusCode ?? 0;
        const finalUrl = response.url || request.url;
        const statusProblem = statusFailure(status, new URL(finalUrl).host, header(response.headers, 'retry-after'), Date.now());
        if (statusProblem) raise(request, statusProblem);
        const contentType = header(response.headers, 'content-type');
        const wrongType = contentTypeFailure(contentType, status);
        if (wrongType) raise(request, wrongType);
        const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
        const html = decodeHtml(bytes, contentType);
        const outcome = judgePage({ index, target: targets.get(index)!, mode: 'http', status, finalUrl, html, mayRender: opts.mayRender, afterHttp: false }, request, s.now());
        sink(index, outcome);
      },
    },
    crawleeConfiguration(),
  );
  const stop = () => crawler.stop('RivalWatch crawl stopped');
  s.signal.addEventListener('abort', stop, { once: true });
  try {
    await crawler.run(requestsFor(items));
  } finally {
    s.signal.removeEventListener('abort', stop);
  }
}
