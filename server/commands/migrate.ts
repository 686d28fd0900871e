// `rivalwatch migrate --to postgres`: copies the embedded store into PostgreSQL, verifies counts and
// a checksum per listing, and reports. The embedded store is opened read-only and never changed;
// running the command again is safe (see store/postgres/migrate.ts).
import { isAbsolute, resolve } from 'node:path';
import { readStoreFile } from '../../store/file.ts';
import { LowdbStore } from '../../store/lowdb.ts';
import type { MigrationReport } from '../../store/postgres/migrate.ts';
import type { PostgresStore } from '../../store/postgres/store.ts';
import { resolveStoreSpec } from '../config.ts';
import { UsageError, type CommandContext, type RegisterCommand } from '../context.ts';

interface MigrateFlags {
  to: string;
  from?: string;
  url?: string;
  json?: boolean;
}

/** "env:VAR" reads the URL from the environment, as `store.url` in the config does. */
export function resolveDatabaseUrl(value: string): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const url = process.env[name];
  if (!url) throw new UsageError(`environment variable ${name} is not set (it should hold the PostgreSQL URL)`);
  return url;
}

/** The embedded store to read and the database to fill: flags first, then the config's store. */
function endpoints(flags: MigrateFlags, ctx: CommandContext): { from: string; url: string } {
  let from = flags.from ? resolve(flags.from) : null;
  let url = flags.url ? resolveDatabaseUrl(flags.url) : null;
  if (!from || !url) {
    const loaded = ctx.config();
    const spec = resolveStoreSpec(loaded);
    if (spec.kind === 'lowdb') from ??= spec.path;
    else url ??= spec.url;
    if (!from) from = resolve(loaded.dir, '.rivalwatch/store.json');
  }
  if (!url) throw new UsageError('no PostgreSQL to migrate to: pass --url postgres://… (or --url env:VAR), or set store: { kind: postgres, url } in the config');
  return { from: isAbsolute(from) ? from : resolve(from), url };
}

export function formatMigrationReport(r: MigrationReport): string {
  const pair = (x: { source: number; target: number }) => `${x.source} → ${x.target}${x.source === x.target ? '' : '  MISMATCH'}`;
  const lines = [
    `From ${r.source}`,
    `To   ${r.target}`,
    `  listings:       ${pair(r.listings)} (${r.listings.copied} copied)`,
    `  change points:  ${pair(r.changePoints)}`,
    `  failure spans:  ${pair(r.failureSpans)}`,
    `  crawl runs:     ${pair(r.runs)}`,
    `  documents:      ${pair(r.documents)}`,
    ...Object.entries(r.documents.kinds).map(([kind, n]) => `    ${kind}: ${pair(n)}`),
  ];
  if (r.newerInTarget.length) {
    lines.push(`  ${r.newerInTarget.length} listing(s) left alone: Postgres has newer crawls of them`);
    for (const m of r.newerInTarget.slice(0, 10)) lines.push(`    ${m.url}: ${m.reason}`);
  }
  for (const m of r.mismatches.slice(0, 20)) lines.push(`  MISMATCH ${m.url} (${m.listingId}): ${m.reason}`);
  if (r.mismatches.length > 20) lines.push(`  … and ${r.mismatches.length - 20} more mismatching listings`);
  for (const p of r.problems) lines.push(`  MISMATCH ${p}`);
  lines.push(
    r.ok
      ? 'Verified: every listing copied has the same checksum in Postgres. The embedded store was not changed.'
      : 'The copy does not match the source (see above). Nothing in the embedded store was changed; run the command again to retry.',
  );
  return lines.join('\n');
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('migrate')
    .description('copy the embedded store into PostgreSQL, verify counts and checksums per listing (safe to re-run)')
    .requiredOption('--to <kind>', 'target store kind: postgres')
    .option('--from <path>', 'embedded store file to copy (default: the config\'s store)')
    .option('--url <url>', 'PostgreSQL URL, or env:VAR to read it from the environment (default: the config\'s store.url)')
    .option('--json', 'print the report as JSON')
    .action(async (flags: MigrateFlags) => {
      if (flags.to !== 'postgres') throw new UsageError(`--to ${flags.to}: only "postgres" is supported`);
      const { from, url } = endpoints(flags, ctx);
      const file = await readStoreFile(from);
      if (!file) throw new UsageError(`there is no embedded store at ${from}; pass --from <store.json>`);
      // The pg driver loads only for this command, not for every start of the CLI.
      const { PostgresStore } = await import('../../store/postgres/store.ts');
      const { migrateStore } = await import('../../store/postgres/migrate.ts');
      const source = await LowdbStore.open(from, { readOnly: true });
      let target: PostgresStore | null = null;
      try {
        target = await PostgresStore.open(url);
        const report = await migrateStore(source, target, {
          documentKinds: Object.keys(file.documents),
          onProgress: flags.json ? undefined : (done, total) => process.stderr.write(`\rcopying listings: ${done}/${total}`),
        });
        if (!flags.json) process.stderr.write('\n');
        console.log(flags.json ? JSON.stringify(report, null, 2) : formatMigrationReport(report));
        if (!report.ok) process.exitCode = 1;
      } finally {
        await source.close();
        await target?.close();
      }
    });
};
