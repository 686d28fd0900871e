// The configuration file: our shop, our products, competitors and listings. Validated with zod at
// the boundary; an invalid file stops with the file name, the field path and what was expected.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve, isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import cron from 'node-cron';
import { recipeSchema } from '../crawler/recipe.ts';
import { toMinor } from '../crawler/parse/price.ts';
import type { Money } from '../store/model.ts';
import { timeZoneSchema } from './timezone.ts';

export const DEFAULT_CONFIG_FILES = ['rivalwatch.config.yaml', 'rivalwatch.config.yml', 'rivalwatch.config.json'];

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "CNY" or "EUR"')
  .refine((c) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: c });
      return true;
    } catch {
      return false;
    }
  }, 'a currency code Intl knows');

const cronExpr = z.string().refine((c) => cron.validate(c), 'a cron expression such as "0 */6 * * *"');

/** A price as people write it in a config: "1299.00", 1299 or 1299.5 (major units). */
const decimalPrice = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(?:\.\d+)?$/, 'a decimal such as "1299.00"')])
  .transform((v) => String(v));

const httpUrl = z.string().url('an absolute http(s) URL').refine((u) => /^https?:/i.test(u), 'an http(s) URL');

export const politenessSchema = z
  .object({
    /** Concurrent requests to one domain. */
    maxConcurrency: z.number().int().min(1).max(16).default(2),
    /** Delay between two requests to the same domain, in milliseconds. */
    delayMs: z.number().int().min(0).default(2000),
    /** Timeout for one page (HTTP or browser), in milliseconds. */
    timeoutMs: z.number().int().min(1000).default(30_000),
    /** Retries after a network error, timeout, 429 or 5xx before the failure is recorded. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    respectRobotsTxt: z.boolean().default(true),
  })
  .strict();

export const competitorSchema = z
  .object({
    name: z.string().min(1),
    /** Hosts this competitor's pages live on; an entry may carry a path prefix ("shop.example.com/store/42"). */
    domains: z.array(z.string().min(1)).min(1, 'at least one domain'),
    schedule: cronExpr.default('0 */6 * * *'),
    renderMode: z.enum(['http', 'browser', 'auto']).default('auto'),
    politeness: politenessSchema.default(() => politenessSchema.parse({})),
    recipe: recipeSchema.optional(),
    /** Currency the site prices in, when its pages do not say (used to disambiguate "$" or "¥"). */
    currency: currency.optional(),
    tags: z.array(z.string()).default([]),
  })
  .strict();

export const productSchema = z
  .object({
    sku: z.string().min(1),
    name: z.string().min(1),
    /** Our price in major units; omit when `url` points at our own product page to crawl. */
    price: decimalPrice.optional(),
    currency: currency.optional(),
    /** Our own product page, crawled like a competitor's. */
    url: httpUrl.optional(),
    /** Lowest price we may sell at (minimum advertised price / floor), major units. */
    floorPrice: decimalPrice.optional(),
    category: z.string().optional(),
    tags: z.array(z.string()).default([]),
  })
  .strict()
  .refine((p) => p.price !== undefined || p.url !== undefined, {
    message: 'a product needs our `price` or the `url` of our own product page',
  });

export const listingSchema = z
  .object({
    url: httpUrl,
    sku: z.string().min(1),
    competitor: z.string().min(1).optional(),
  })
  .strict();

export const storeSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lowdb'), path: z.string().min(1).default('.rivalwatch/store.json') }).strict(),
  z
    .object({
      kind: z.literal('postgres'),
      /** postgres://user:pass@host/db, or "env:VAR" to read it from an environment variable. */
      url: z.string().min(1),
    })
    .strict(),
]);

export const configSchema = z
  .object({
    shop: z
      .object({
        name: z.string().min(1),
        currency,
        timeZone: timeZoneSchema.default('UTC'),
        language: z.enum(['en', 'zh-CN']).default('en'),
      })
      .strict(),
    store: storeSpecSchema.default({ kind: 'lowdb', path: '.rivalwatch/store.json' }),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4477),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 4477 }),
    /**
     * Units of a foreign currency per one unit of the shop's currency ({ CNY: 7.2 } when the shop
     * sells in USD), so prices in other currencies can be compared with ours. Without a rate,
     * such prices are shown but never compared.
     */
    exchangeRates: z.record(currency, z.number().positive('a positive rate')).default({}),
    products: z.array(productSchema).default([]),
    competitors: z.array(competitorSchema).default([]),
    listings: z.array(listingSchema).default([]),
    /** Sections owned by insights/ (alert rules, digest schedule); validated by their own modules. */
    alerts: z.unknown().optional(),
    digest: z.unknown().optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.competitors.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['competitors', i, 'name'], message: `duplicate competitor name "${c.name}"` });
      seen.add(c.name);
    });
    const skus = new Set<string>();
    cfg.products.forEach((p, i) => {
      if (skus.has(p.sku)) ctx.addIssue({ code: 'custom', path: ['products', i, 'sku'], message: `duplicate SKU "${p.sku}"` });
      skus.add(p.sku);
    });
    cfg.listings.forEach((l, i) => {
      if (!skus.has(l.sku)) ctx.addIssue({ code: 'custom', path: ['listings', i, 'sku'], message: `unknown SKU "${l.sku}": add it under products first` });
      if (l.competitor && !seen.has(l.competitor))
        ctx.addIssue({ code: 'custom', path: ['listings', i, 'competitor'], message: `unknown competitor "${l.competitor}"` });
    });
  });

export type Config = z.infer<typeof configSchema>;
export type CompetitorConfig = z.infer<typeof competitorSchema>;
export type ProductConfig = z.infer<typeof productSchema>;
export type Politeness = z.infer<typeof politenessSchema>;
export type StoreSpec = z.infer<typeof storeSpecSchema>;

/** A config file that could not be used, with every problem listed by field path. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid RivalWatch configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(top level)';
}

/** Validates a parsed config object; `file` is only used in messages. */
export function validateConfig(raw: unknown, file: string): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((k) => `${formatPath([...i.path, k])}: unknown field (check the spelling; see "rivalwatch init" for the fields)`).join('\n  - ')
          : `${formatPath(i.path)}: ${i.message}`,
      ),
    );
  }
  return result.data;
}

export interface LoadedConfig {
  file: string;
  dir: string;
  config: Config;
}

/** Finds the config file: the explicit path, RIVALWATCH_CONFIG, or a default name in `cwd`. */
export function findConfigFile(explicit?: string, cwd = process.cwd()): string | null {
  const candidate = explicit ?? process.env.RIVALWATCH_CONFIG;
  if (candidate) return resolve(cwd, candidate);
  for (const name of DEFAULT_CONFIG_FILES) {
    const p = resolve(cwd, name);
    if (existsSync(p)) return p;
  }
  return null;
}

export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}); run "rivalwatch init" to create one`]);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(file, [`the file does not parse as ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`]);
  }
  return { file, dir: dirname(file), config: validateConfig(raw, file) };
}

/** Resolves the store spec: relative lowdb paths are relative to the config file; "env:VAR" URLs read the environment. */
export function resolveStoreSpec(loaded: LoadedConfig): StoreSpec {
  const spec = loaded.config.store;
  if (spec.kind === 'lowdb') return { kind: 'lowdb', path: isAbsolute(spec.path) ? spec.path : resolve(loaded.dir, spec.path) };
  if (spec.url.startsWith('env:')) {
    const name = spec.url.slice(4);
    const value = process.env[name];
    if (!value) throw new ConfigError(loaded.file, [`store.url: environment variable ${name} is not set`]);
    return { kind: 'postgres', url: value };
  }
  return spec;
}

/** Our price for a product as exact money, or null when it comes from crawling our own page. */
export function ourPrice(config: Config, product: ProductConfig): Money | null {
  if (product.price === undefined) return null;
  const cur = product.currency ?? config.shop.currency;
  return { amountMinor: toMinor(product.price, cur), currency: cur };
}

/** Parses a domain entry "host[:port][/path]" into its parts. */
export function parseDomainEntry(entry: string): { host: string; port: string | null; pathPrefix: string } {
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(entry.trim());
  if (!m) return { host: entry.toLowerCase(), port: null, pathPrefix: '/' };
  return { host: m[1].toLowerCase(), port: m[2] ?? null, pathPrefix: m[3] ?? '/' };
}

/** The competitor whose domains cover `url` (longest path prefix wins), or null. */
export function competitorForUrl(config: Config, url: string): CompetitorConfig | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  let best: { c: CompetitorConfig; len: number } | null = null;
  for (const c of config.competitors) {
    for (const d of c.domains) {
      const { host: h, port, pathPrefix } = parseDomainEntry(d);
      const hostOk = host === h || host.endsWith(`.${h}`);
      const portOk = port === null || u.port === port;
      if (hostOk && portOk && u.pathname.startsWith(pathPrefix) && (!best || pathPrefix.length > best.len)) best = { c, len: pathPrefix.length };
    }
  }
  return best?.c ?? null;
}
