// init, track and import as a user runs them: duplicates reported, not added twice; bad input
// refused with a clear message and nothing changed.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';

const config = `shop: { name: Us, currency: USD, timeZone: UTC }
products:
  - { sku: A1, name: Lantern, price: "29.99" }
  - { sku: B2, name: Bottle, price: "32.00" }
competitors:
  - { name: Rival, domains: [rival.example.com] }
  - { name: Other, domains: [other.example.org] }
`;

describe('init, track, import, listings', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir('rw-listings-');
  });
  afterAll(() => t.cleanup());

  it('init writes a valid commented starter and refuses to overwrite it', async () => {
    const r1 = await runCli(['init', '--path', 'starter.yaml'], { cwd: t.dir });
    expect(r1.code, r1.stderr).toBe(0);
    expect(readFileSync(join(t.dir, 'starter.yaml'), 'utf8')).toMatch(/^# RivalWatch configuration/);
    const r2 = await runCli(['init', '--path', 'starter.yaml'], { cwd: t.dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/already exists/);
    const r3 = await runCli(['--config', 'starter.yaml', 'listings', '--json'], { cwd: t.dir });
    expect(r3.code, r3.stderr).toBe(0);
  });

  it('track adds a listing once; the same page with tracking parameters is reported as a duplicate', async () => {
    writeFileSync(join(t.dir, 'rivalwatch.config.yaml'), config);
    const r1 = await runCli(['track', 'https://www.rival.example.com/p/lantern?utm_source=mail#top', '--sku', 'A1', '--json'], { cwd: t.dir });
    expect(r1.code, r1.stderr).toBe(0);
    expect(JSON.parse(r1.stdout)).toMatchObject({ created: true, listing: { competitor: 'Rival', sku: 'A1', url: 'https://www.rival.example.com/p/lantern' } });
    const r2 = await runCli(['track', 'https://WWW.rival.example.com/p/lantern/?gclid=xyz', '--sku', 'A1'], { cwd: t.dir });
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toMatch(/Already tracked/);
  });

  it('track refuses unknown SKUs, unconfigured domains and non-URLs with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['track', 'https://rival.example.com/p/x', '--sku', 'ZZ'], /unknown SKU "ZZ"/],
      [['track', 'https://stranger.example.net/p/x', '--sku', 'A1'], /no configured competitor covers stranger\.example\.net/],
      [['track', 'rival.example.com/p/x', '--sku', 'A1'], /not a product page URL/],
      [['track', 'https://rival.example.com/p/x', '--sku', 'A1', '--competitor', 'Nobody'], /unknown competitor "Nobody"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { cwd: t.dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('import refuses a file with invalid rows and imports nothing; --skip-invalid imports the rest', async () => {
    writeFileSync(
      join(t.dir, 'listings.csv'),
      'url,sku,competitor\nhttps://other.example.org/item/1,B2,\nhttps://rival.example.com/p/lantern?utm_medium=x,A1,\nnot-a-url,A1,\nhttps://other.example.org/item/1#reviews,B2,Other\nhttps://other.example.org/item/2,NOPE,\n',
    );
    const before = (await runCli(['listings', '--json'], { cwd: t.dir })).stdout;
    const r1 = await runCli(['import', 'listings.csv'], { cwd: t.dir });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/2 invalid row\(s\); nothing was imported/);
    expect(r1.stderr).toMatch(/line 4: .*not a product page URL/);
    expect(r1.stderr).toMatch(/line 6: unknown SKU "NOPE"/);
    expect((await runCli(['listings', '--json'], { cwd: t.dir })).stdout).toBe(before);

    const r2 = await runCli(['import', 'listings.csv', '--skip-invalid', '--json'], { cwd: t.dir });
    expect(r2.code, r2.stderr).toBe(0);
    const report = JSON.parse(r2.stdout);
    expect(report.added).toBe(1);
    expect(report.duplicates).toEqual(['https://rival.example.com/p/lantern', 'https://other.example.org/item/1']);
    expect(report.invalid.map((i: { line: number }) => i.line)).toEqual([4, 6]);
    const listings = JSON.parse((await runCli(['listings', '--json'], { cwd: t.dir })).stdout);
    expect(listings).toHaveLength(2);
  });

  it('an invalid config stops with the file, the field path and what was expected, and changes nothing', async () => {
    const bad = join(t.dir, 'bad.yaml');
    writeFileSync(bad, config.replace('currency: USD', 'currency: dollars'));
    const r = await runCli(['--config', bad, 'track', 'https://rival.example.com/p/x', '--sku', 'A1'], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/shop\.currency: .*ISO 4217/);
    expect(existsSync(join(t.dir, '.rivalwatch', 'store.json'))).toBe(true);
  });
});
