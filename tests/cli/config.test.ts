import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validateConfig, loadConfig, ConfigError, competitorForUrl, ourPrice, resolveStoreSpec } from '../../server/config.ts';
import { STARTER_CONFIG } from '../../server/commands/init.ts';

const base = {
  shop: { name: 'Us', currency: 'CNY', timeZone: 'Asia/Shanghai' },
  products: [{ sku: 'A1', name: 'Tea', price: '129.00' }],
  competitors: [{ name: 'Rival', domains: ['rival.example.com', '127.0.0.1:8080/shop/b'] }],
  listings: [{ url: 'https://rival.example.com/p/1', sku: 'A1' }],
};

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw, '/x/rivalwatch.config.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('/x/rivalwatch.config.yaml');
    return (err as ConfigError).problems;
  }
  throw new Error('expected the config to be refused');
}

describe('config validation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the starter config written by init', () => {
    const cfg = validateConfig(parseYaml(STARTER_CONFIG), 'starter');
    expect(cfg.competitors[0].politeness.maxConcurrency).toBe(2);
    expect(cfg.competitors[0].renderMode).toBe('auto');
  });

  it('fills politeness defaults', () => {
    const cfg = validateConfig(base, 'f');
    expect(cfg.competitors[0].politeness).toEqual({ maxConcurrency: 2, delayMs: 2000, timeoutMs: 30000, maxRetries: 2, respectRobotsTxt: true });
    expect(cfg.store).toEqual({ kind: 'lowdb', path: '.rivalwatch/store.json' });
  });

  it.each([
    [{ ...base, shop: { ...base.shop, currency: 'yuan' } }, 'shop.currency'],
    [{ ...base, shop: { ...base.shop, timeZone: 'Mars/Olympus' } }, 'shop.timeZone'],
    [{ ...base, competitors: [{ name: 'Rival', domains: ['r.example'], schedule: 'every day' }] }, 'competitors[0].schedule'],
    [{ ...base, competitors: [{ name: 'Rival', domains: ['r.example'], renderMode: 'magic' }] }, 'competitors[0].renderMode'],
    [{ ...base, competitors: [{ name: 'Rival', domains: [] }] }, 'competitors[0].domains'],
    [{ ...base, competitors: [{ name: 'Rival', domains: ['r.example'], politeness: { maxConcurrency: 0 } }] }, 'competitors[0].politeness.maxConcurrency'],
    [{ ...base, competitors: [{ name: 'Rival', domains: ['r.example'], recipe: { price: '' } }] }, 'competitors[0].recipe.price'],
    [{ ...base, products: [{ sku: 'A1', name: 'Tea', price: 'cheap' }] }, 'products[0].price'],
    [{ ...base, products: [{ sku: 'A1', name: 'Tea' }] }, 'products[0]'],
    [{ ...base, listings: [{ url: 'rival.example.com/p/1', sku: 'A1' }] }, 'listings[0].url'],
    [{ ...base, listings: [{ url: 'https://rival.example.com/p/1', sku: 'NOPE' }] }, 'listings[0].sku'],
    [{ ...base, typo: true }, 'typo'],
    [{ ...base, store: { kind: 'mysql' } }, 'store.kind'],
  ])('names the field path of an invalid value (%#: %s)', (raw, path) => {
    const list = problems(raw);
    expect(list.some((p) => p.startsWith(path)), list.join('\n')).toBe(true);
  });

  it('says what a time zone must look like', () => {
    expect(problems({ ...base, shop: { ...base.shop, timeZone: 'Mars/Olympus' } })).toEqual(['shop.timeZone: an IANA time zone such as "Asia/Shanghai"']);
  });

  it('reports a YAML syntax error with the file name and leaves the file untouched', () => {
    const file = join(dir, 'bad.yaml');
    const text = 'shop:\n  name: [unclosed\n';
    writeFileSync(file, text);
    expect(() => loadConfig(file)).toThrow(/bad\.yaml.*does not parse as YAML/s);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('reports a missing file clearly', () => {
    expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read the file.*rivalwatch init/s);
  });

  it('resolves relative store paths against the config file and env: URLs against the environment', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ ...base, store: { kind: 'postgres', url: 'env:RW_TEST_DB_URL' } }));
    const loaded = loadConfig(file);
    expect(() => resolveStoreSpec(loaded)).toThrow(/RW_TEST_DB_URL is not set/);
    process.env.RW_TEST_DB_URL = 'postgres://x@127.0.0.1/db';
    expect(resolveStoreSpec(loaded)).toEqual({ kind: 'postgres', url: 'postgres://x@127.0.0.1/db' });
    delete process.env.RW_TEST_DB_URL;
    writeFileSync(file, JSON.stringify(base));
    expect(resolveStoreSpec(loadConfig(file))).toEqual({ kind: 'lowdb', path: join(dir, '.rivalwatch/store.json') });
  });

  it('matches URLs to competitors by domain, port and path prefix', () => {
    const cfg = validateConfig(base, 'f');
    expect(competitorForUrl(cfg, 'https://www.rival.example.com/p/2')?.name).toBe('Rival');
    expect(competitorForUrl(cfg, 'http://127.0.0.1:8080/shop/b/item/1')?.name).toBe('Rival');
    expect(competitorForUrl(cfg, 'http://127.0.0.1:8080/shop/c/item/1')).toBeNull();
    expect(competitorForUrl(cfg, 'https://evil-rival.example.org/p')).toBeNull();
  });

  it('keeps our price exact in minor units', () => {
    const cfg = validateConfig({ ...base, products: [{ sku: 'A1', name: 'Tea', price: '1299.99' }, { sku: 'J', name: 'J', price: 1500, currency: 'JPY' }] , listings: [] }, 'f');
    expect(ourPrice(cfg, cfg.products[0])).toEqual({ amountMinor: 129999, currency: 'CNY' });
    expect(ourPrice(cfg, cfg.products[1])).toEqual({ amountMinor: 1500, currency: 'JPY' });
  });
});
