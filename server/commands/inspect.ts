// `rivalwatch inspect`: what a crawl would record from a page, and where each field came from.
// Also the batch surface the extraction engine is measured through (one JSON object per line).
import { readFileSync, existsSync, createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { extract, decodeHtml } from '../../crawler/extract/index.ts';
import { normalizeUrl } from '../../crawler/url.ts';
import { competitorForUrl, findConfigFile, loadConfig, politenessSchema } from '../config.ts';
import { UsageError, type RegisterCommand } from '../context.ts';
import { errorRecord, formatInspect, toInspectRecord, type InspectRecord } from '../report.ts';

function readPage(path: string, url: string | null): InspectRecord {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return errorRecord(url, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const pageUrl = url ?? `file://${resolve(path)}`;
  try {
    return toInspectRecord(url, extract(decodeHtml(bytes, null), { url: pageUrl }));
  } catch (err) {
    return errorRecord(url, `extraction failed: ${(err as Error).message}`);
  }
}

/** One batch line → one output record; never throws, so one bad page never stops the batch. */
export function inspectBatchLine(line: string, baseDir: string): InspectRecord {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    return errorRecord(null, 'the input line is not JSON: expected {"file": "page.html", "url": "https://…"}');
  }
  const { file, url } = (item ?? {}) as { file?: unknown; url?: unknown };
  const pageUrl = typeof url === 'string' && url ? url : null;
  if (typeof file !== 'string' || !file) return errorRecord(pageUrl, 'the input line has no "file"');
  const path = [resolve(file), resolve(baseDir, file)].find((p) => existsSync(p)) ?? resolve(baseDir, file);
  return readPage(path, pageUrl);
}

async function* lines(source: string): AsyncGenerator<string> {
  const input = source === '-' ? process.stdin : createReadStream(source);
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

async function inspectUrl(url: string, configPath: string | undefined): Promise<InspectRecord> {
  const file = findConfigFile(configPath);
  const config = file ? loadConfig(file).config : null;
  const normalized = normalizeUrl(url);
  const competitor = config ? competitorForUrl(config, normalized) : null;
  // Loaded on demand: the crawler pulls in Crawlee and Playwright, which batch inspection never needs.
  const { crawlListings } = await import('../../crawler/crawl.ts');
  const result = await crawlListings(
    [{ listing: { id: 'inspect', url: normalized, competitor: competitor?.name ?? 'inspect', sku: '-', status: 'active', addedAt: new Date().toISOString() }, recipe: competitor?.recipe, currency: competitor?.currency ?? null }],
    { competitor: competitor?.name ?? 'inspect', renderMode: competitor?.renderMode ?? 'auto', politeness: competitor?.politeness ?? politenessSchema.parse({}) },
  );
  const obs = result.observations[0];
  if (!obs) return errorRecord(url, 'the crawler returned nothing for this URL');
  if (!obs.ok) return errorRecord(url, `${obs.failure.kind}: ${obs.failure.reason}`);
  return { ...toInspectRecord(url, obs.extraction), notes: [`fetched via ${obs.via}`, ...obs.extraction.notes] };
}

export const register: RegisterCommand = (program) => {
  program
    .command('inspect [target]')
    .description('show what a crawl would record from a page (a URL or a saved HTML file) and where each field came from')
    .option('--url <url>', 'the page URL, when TARGET is a saved file (helps currency and canonical matching)')
    .option('--batch <file>', 'JSON lines {"file","url"} (or - for stdin); prints one JSON line per input line, in order')
    .option('--json', 'print JSON')
    .action(async (target: string | undefined, opts: { url?: string; batch?: string; json?: boolean }) => {
      if (opts.batch) {
        const baseDir = opts.batch === '-' ? process.cwd() : dirname(resolve(opts.batch));
        if (opts.batch !== '-' && !existsSync(opts.batch)) throw new UsageError(`batch file ${opts.batch} does not exist`);
        for await (const line of lines(opts.batch)) process.stdout.write(`${JSON.stringify(inspectBatchLine(line, baseDir))}\n`);
        return;
      }
      if (!target) throw new UsageError('name a URL or an HTML file to inspect, or pass --batch FILE');
      const isUrl = /^https?:\/\//i.test(target);
      const record = isUrl ? await inspectUrl(target, program.opts<{ config?: string }>().config) : readPage(target, opts.url ?? null);
      console.log(opts.json ? JSON.stringify(record, null, 2) : formatInspect(record));
      if (record.error) process.exitCode = 1;
    });
};
