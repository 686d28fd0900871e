// `rivalwatch track`, `rivalwatch import` and `rivalwatch listings`: adding and showing listings.
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { normalizeUrl, InvalidUrlError } from '../../crawler/url.ts';
import { competitorForUrl, type Config } from '../config.ts';
import { UsageError, type RegisterCommand } from '../context.ts';
import type { Store } from '../../store/store.ts';
import { addListingOnce } from '../track.ts';

export interface ListingRequest {
  url: string;
  sku: string;
  competitor?: string;
}

export interface ResolvedListing {
  url: string;
  sku: string;
  competitor: string;
}

/** Checks a listing against the config: a known SKU, a configured competitor covering the URL. */
export function resolveListing(config: Config, req: ListingRequest): ResolvedListing {
  const url = normalizeUrl(req.url);
  if (!config.products.some((p) => p.sku === req.sku)) {
    throw new UsageError(`unknown SKU "${req.sku}": add it under "products" in the config first`);
  }
  if (req.competitor) {
    if (!config.competitors.some((c) => c.name === req.competitor)) {
      throw new UsageError(`unknown competitor "${req.competitor}"; configured: ${config.competitors.map((c) => c.name).join(', ') || 'none'}`);
    }
    return { url, sku: req.sku, competitor: req.competitor };
  }
  const competitor = competitorForUrl(config, url);
  if (!competitor) {
    throw new UsageError(`no configured competitor covers ${new URL(url).host}; pass --competitor NAME or add the domain to a competitor's "domains"`);
  }
  return { url, sku: req.sku, competitor: competitor.name };
}

interface ImportLine {
  line: number;
  listing?: ResolvedListing;
  error?: string;
}

/** Parses a listings CSV (header row with url, sku and optionally competitor) into checked rows. */
export function parseListingsCsv(config: Config, text: string, file: string): ImportLine[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new UsageError(`${file} is not valid CSV: ${(err as Error).message}`);
  }
  if (rows.length > 0 && (!('url' in rows[0]) || !('sku' in rows[0]))) {
    throw new UsageError(`${file}: the header row must name the columns "url" and "sku" (and optionally "competitor")`);
  }
  return rows.map((row, i) => {
    const line = i + 2;
    try {
      return { line, listing: resolveListing(config, { url: row.url ?? '', sku: row.sku ?? '', competitor: row.competitor || undefined }) };
    } catch (err) {
      if (err instanceof UsageError || err instanceof InvalidUrlError) return { line, error: err.message };
      throw err;
    }
  });
}

async function addAll(store: Store, listings: ResolvedListing[], at: string) {
  const added: ResolvedListing[] = [];
  const duplicates: ResolvedListing[] = [];
  for (const l of listings) {
    const { created } = await addListingOnce(store, l, at);
    (created ? added : duplicates).push(l);
  }
  await store.flush();
  return { added, duplicates };
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('track <url>')
    .description('start tracking a competitor product page for one of our SKUs')
    .requiredOption('--sku <sku>', 'our SKU this page competes with')
    .option('--competitor <name>', 'competitor name (default: the competitor whose domains cover the URL)')
    .option('--json', 'print JSON')
    .action(async (url: string, opts: { sku: string; competitor?: string; json?: boolean }) => {
      const { config } = ctx.config();
      const listing = resolveListing(config, { url, sku: opts.sku, competitor: opts.competitor });
      const store = await ctx.openStore();
      try {
        const { listing: stored, created } = await addListingOnce(store, listing, new Date().toISOString());
        await store.flush();
        if (opts.json) console.log(JSON.stringify({ created, listing: stored }));
        else if (created) console.log(`Tracking ${stored.url} (${stored.competitor}) for SKU ${stored.sku} as ${stored.id}.`);
        else console.log(`Already tracked: ${stored.url} (${stored.competitor}, SKU ${stored.sku}, ${stored.id}); nothing added.`);
      } finally {
        await store.close();
      }
    });

  program
    .command('import <file>')
    .description('add listings from a CSV file with the columns url, sku[, competitor]')
    .option('--skip-invalid', 'import the valid rows even when some rows are invalid')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { skipInvalid?: boolean; json?: boolean }) => {
      const { config } = ctx.config();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const lines = parseListingsCsv(config, text, file);
      const invalid = lines.filter((l) => l.error);
      if (invalid.length && !opts.skipInvalid) {
        const detail = invalid.map((l) => `  line ${l.line}: ${l.error}`).join('\n');
        throw new UsageError(`${file} has ${invalid.length} invalid row(s); nothing was imported:\n${detail}\nFix them, or pass --skip-invalid to import the other rows.`);
      }
      const valid = lines.filter((l) => l.listing).map((l) => l.listing!);
      const store = await ctx.openStore();
      try {
        const { added, duplicates } = await addAll(store, valid, new Date().toISOString());
        if (opts.json) {
          console.log(JSON.stringify({ added: added.length, duplicates: duplicates.map((d) => d.url), invalid: invalid.map((l) => ({ line: l.line, error: l.error })) }));
          return;
        }
        console.log(`Imported ${added.length} listing(s) from ${file}.`);
        if (duplicates.length) console.log(`${duplicates.length} already tracked (not added twice):\n${duplicates.map((d) => `  ${d.url}`).join('\n')}`);
        if (invalid.length) console.log(`${invalid.length} invalid row(s) skipped:\n${invalid.map((l) => `  line ${l.line}: ${l.error}`).join('\n')}`);
      } finally {
        await store.close();
      }
    });

  program
    .command('listings')
    .description('list tracked listings')
    .option('--competitor <name>', 'only this competitor')
    .option('--sku <sku>', 'only this SKU')
    .option('--json', 'print JSON')
    .action(async (opts: { competitor?: string; sku?: string; json?: boolean }) => {
      const store = await ctx.openExistingStore();
      if (!store) {
        if (opts.json) console.log('[]');
        else console.log('No listings yet: add some with "rivalwatch track URL --sku SKU" or "rivalwatch import FILE.csv".');
        return;
      }
      try {
        const listings = await store.listListings({ competitor: opts.competitor, sku: opts.sku });
        if (opts.json) console.log(JSON.stringify(listings, null, 2));
        else for (const l of listings) console.log(`${l.id}  ${l.status.padEnd(6)}  ${l.competitor.padEnd(18)}  ${l.sku.padEnd(10)}  ${l.url}`);
      } finally {
        await store.close();
      }
    });
};
