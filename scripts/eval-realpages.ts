// Measures extract() on saved real product pages against the values their upstream projects
// assert: per-field accuracy and F1 (price, currency, availability, sku, gtin, brand, rating,
// reviewCount, name) and every miss. Usage: npx tsx scripts/eval-realpages.ts [dir]
// (default ../shared/realpages next to the repo). The pages stay where they are: never copied.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeHtml, extract } from '../crawler/extract/index.ts';
import { minorToDecimal } from '../crawler/parse/money.ts';
import type { Extraction } from '../store/model.ts';

export const FIELDS = ['price', 'currency', 'availability', 'sku', 'gtin', 'brand', 'rating', 'reviewCount', 'name'] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldScore {
  scored: number;
  correct: number;
  tp: number;
  fp: number;
  fn: number;
  accuracy: number;
  f1: number;
}

export interface Miss {
  page: string;
  field: Field;
  expected: string;
  got: string;
}

export interface RealPagesReport {
  pages: number;
  fields: Record<Field, FieldScore>;
  misses: Miss[];
}

export function defaultRealPagesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'realpages');
}

type Expected = Record<string, unknown> & { _ground_truth_fields?: string[]; _acceptable?: Record<string, unknown> };

function groundTruthFields(e: Expected): Set<Field> {
  const out = new Set<Field>();
  for (const raw of e._ground_truth_fields ?? []) {
    const key = raw.trim().split(/[\s(]/)[0];
    const field = (key === 'reviewcount' ? 'reviewCount' : key) as Field;
    if ((FIELDS as readonly string[]).includes(field)) out.add(field);
  }
  return out;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function asList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** The extracted value of a field as the expected files write it (price "12.99", rating "4.5"). */
function got(x: Extraction, field: Field): string | null {
  switch (field) {
    case 'price':
      return x.price ? minorToDecimal(x.price.amountMinor, x.price.currency) : null;
    case 'currency':
      return x.price?.currency ?? null;
    case 'availability':
      return x.availability === 'unknown' ? null : x.availability;
    case 'name':
      return x.title;
    case 'rating':
      return x.rating === null ? null : String(x.rating);
    case 'reviewCount':
      return x.reviewCount === null ? null : String(x.reviewCount);
    default:
      return x[field];
  }
}

function accepted(e: Expected, field: Field): string[] {
  const key = field === 'name' ? 'name' : field;
  let values = asList(e[key]);
  if (field === 'currency' && values.length && !/^[A-Z]{3}$/.test(values[0])) values = asList(e.currency_iso_inferred);
  for (const [k, v] of Object.entries(e._acceptable ?? {})) if (k.startsWith(field)) values.push(...asList(v));
  return values;
}

function matches(field: Field, value: string, expected: string): boolean {
  if (field === 'price' || field === 'rating') return Math.abs(Number(value) - Number(expected)) < (field === 'rating' ? 0.051 : 0.005);
  if (field === 'reviewCount') return Number(value) === Number(expected);
  return norm(value) === norm(expected);
}

export function evaluateRealPages(dir: string): RealPagesReport {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { name: string; url: string | null; shop: string }[];
  const fields = Object.fromEntries(FIELDS.map((f) => [f, { scored: 0, correct: 0, tp: 0, fp: 0, fn: 0, accuracy: 0, f1: 0 }])) as Record<Field, FieldScore>;
  const misses: Miss[] = [];
  for (const row of index) {
    const expected = JSON.parse(readFileSync(join(dir, `${row.name}.expected.json`), 'utf8')) as Expected;
    const html = decodeHtml(gunzipSync(readFileSync(join(dir, `${row.name}.html.gz`))));
    const url = row.url ?? (typeof expected.url === 'string' ? expected.url : null) ?? `https://www.${row.shop}/`;
    const x = extract(html, { url });
    for (const field of groundTruthFields(expected)) {
      const want = accepted(expected, field);
      const value = got(x, field);
      const s = fields[field];
      s.scored++;
      const ok = value === null ? want.length === 0 : want.some((w) => matches(field, value, w));
      if (ok) {
        s.correct++;
        if (value !== null) s.tp++;
        continue;
      }
      if (value !== null) s.fp++;
      if (want.length) s.fn++;
      misses.push({ page: row.name, field, expected: want.join(' | ') || '(none)', got: value ?? '(none)' });
    }
  }
  for (const s of Object.values(fields)) {
    s.accuracy = s.scored ? s.correct / s.scored : 0;
    const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    s.f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return { pages: index.length, fields, misses };
}

function main(): void {
  const dir = resolve(process.argv[2] ?? defaultRealPagesDir());
  if (!existsSync(join(dir, 'index.json'))) {
    console.error(`no real pages at ${dir} (expected index.json there)`);
    process.exit(2);
  }
  const report = evaluateRealPages(dir);
  console.log(`${report.pages} pages from ${dir}\n`);
  console.log('field        scored  accuracy  F1');
  for (const f of FIELDS) {
    const s = report.fields[f];
    if (!s.scored) continue;
    console.log(`${f.padEnd(12)} ${String(s.scored).padStart(6)}  ${(s.accuracy * 100).toFixed(1).padStart(7)}%  ${s.f1.toFixed(3)}`);
  }
  console.log(`\nmisses (${report.misses.length}):`);
  for (const m of report.misses) console.log(`  ${m.page}  ${m.field}: expected ${m.expected}, got ${m.got}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
