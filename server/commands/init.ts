// `rivalwatch init`: writes a commented starter configuration; never overwrites an existing file.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfig, resolveStoreSpec, validateConfig } from '../config.ts';
import { openStore } from '../../store/index.ts';
import { ensureToken, pairingInstructions } from '../api/token.ts';
import { serverUrlOf } from './token.ts';
import { UsageError, type RegisterCommand } from '../context.ts';

export const STARTER_CONFIG = `# RivalWatch configuration. Validated at start: an invalid file stops with the field and what was expected.
# Docs: README.md, section "Configuration".

shop:
  name: My Shop               # our shop, as it appears in alerts and the digest
  currency: CNY               # ISO 4217: our prices are in this currency unless a product says otherwise
  timeZone: Asia/Shanghai     # IANA zone: weeks, schedules and messages use it
  language: zh-CN             # en | zh-CN: language of messages and the digest

store:
  kind: lowdb                 # lowdb (one machine, a JSON file) | postgres (several workers)
  path: .rivalwatch/store.json  # relative to this file
  # kind: postgres
  # url: env:RIVALWATCH_DATABASE_URL

server:
  host: 127.0.0.1             # the API the browser extension talks to; keep it on loopback
  port: 4477

# Our products. Give our price, or the URL of our own product page to crawl like a competitor's.
products:
  - sku: TEA-001
    name: Longjing green tea 250g
    price: "129.00"
    category: tea
    tags: [green-tea]
  # - sku: TEA-002
  #   name: Pu-erh 357g cake
  #   url: https://shop.example.com/item/pu-erh-357

# Competitors: where their pages live, when to crawl, how.
competitors:
  - name: Example Rival
    domains: [rival.example.com]  # subdomains match too; an entry may carry a path prefix
    schedule: "0 */6 * * *"       # cron, in the server's local time; runs get a little jitter
    renderMode: auto              # http | browser | auto (HTTP first, browser when no price is found)
    politeness:
      maxConcurrency: 2           # requests at once to this site
      delayMs: 2000               # pause between requests to this site
      timeoutMs: 30000
      maxRetries: 2
      respectRobotsTxt: true
    # recipe:                     # CSS selectors, when the generic extractor reads this site wrong
    #   price: ".product-price .now"
    #   listPrice: ".product-price .was"
    #   availability: ".stock-status"
    #   outOfStockText: ["Sold out"]

# Competitor pages tied to our SKUs. "rivalwatch track URL --sku S" and "rivalwatch import FILE.csv" add more.
listings:
  - url: https://rival.example.com/products/longjing-250g
    sku: TEA-001
`;

export const register: RegisterCommand = (program) => {
  program
    .command('init')
    .description('write a commented starter configuration (rivalwatch.config.yaml)')
    .option('--path <file>', 'where to write it', 'rivalwatch.config.yaml')
    .option('--force', 'overwrite an existing file')
    .action(async (opts: { path: string; force?: boolean }) => {
      const file = resolve(opts.path);
      if (existsSync(file) && !opts.force) throw new UsageError(`${file} already exists; edit it, or pass --force to replace it`);
      validateConfig(parseYaml(STARTER_CONFIG), file);
      writeFileSync(file, STARTER_CONFIG, { mode: 0o600 });
      console.log(`Wrote ${file}. Next: edit it, then "rivalwatch crawl" once or "rivalwatch start" for the daemon.`);
      // The API token is created now so the extension can be paired before the daemon first runs.
      const loaded = loadConfig(file);
      const store = await openStore(resolveStoreSpec(loaded));
      try {
        const token = await ensureToken(store);
        for (const line of pairingInstructions(serverUrlOf(loaded.config), token)) console.log(line);
      } finally {
        await store.close();
      }
    });
};
