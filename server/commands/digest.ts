// `rivalwatch digest`: one week's competitor digest as HTML, Markdown, JSON or CSV, to stdout or a
// file. Reads the store without the writer lock, so it works while the daemon runs; an archived
// digest is shown as it was sent, any other week is computed now.
import { statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Option } from 'commander';
import { UsageError, type RegisterCommand } from '../context.ts';
import { FORMATS, LANGUAGES, digestSettings, type DigestFormat, type Language } from '../../insights/digest/config.ts';
import { DigestWeekError, digestFileName, getDigest, renderDigest } from '../../insights/digest/build.ts';
import { lastCompleteWeek } from '../../insights/digest/week.ts';

interface DigestOptions {
  week?: string;
  format?: DigestFormat;
  lang?: Language;
  out?: string;
  at?: string;
}

const FORMAT_BY_EXTENSION: Record<string, DigestFormat> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.json': 'json', '.csv': 'csv' };

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('digest')
    .description('render the weekly competitor digest (default: the last complete week in the shop\'s time zone)')
    .option('--week <week>', 'ISO week such as 2026-W47')
    .addOption(new Option('--format <format>', 'output format (default: from --out\'s extension, else md)').choices([...FORMATS]))
    .addOption(new Option('--lang <lang>', 'language (default: the first of digest.languages)').choices([...LANGUAGES]))
    .option('--out <path>', 'write to this file (or into this directory) instead of stdout')
    .option('--at <time>', 'compute as of this ISO time instead of now (the demo\'s simulated clock)')
    .action(async (opts: DigestOptions) => {
      const loaded = ctx.config();
      const settings = digestSettings(loaded);
      const now = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(now.getTime())) throw new UsageError(`--at "${opts.at}" is not a time: use ISO-8601 such as 2026-11-23T09:00:00+08:00`);
      const week = opts.week ?? lastCompleteWeek(now.getTime(), settings.timeZone, settings.weekStart);
      const toDirectory = opts.out !== undefined && isDirectory(opts.out);
      const format = opts.format ?? (opts.out && !toDirectory ? FORMAT_BY_EXTENSION[extname(opts.out).toLowerCase()] : undefined) ?? 'md';
      const lang = opts.lang ?? settings.languages[0];
      const store = await ctx.openStore({ readOnly: true });
      try {
        const { digest } = await getDigest(store, loaded, week, now).catch((err: unknown) => {
          throw err instanceof DigestWeekError ? new UsageError(err.message) : err;
        });
        const text = renderDigest(digest, format, lang);
        if (!opts.out) {
          process.stdout.write(text);
          return;
        }
        const path = toDirectory ? join(opts.out, digestFileName(digest, format, lang)) : opts.out;
        writeFileSync(path, text);
        console.error(`Wrote ${path} (${digest.period.week}, ${format}, ${lang}${digest.partial ? ', week not over yet' : ''})`);
      } finally {
        await store.close();
      }
    });
};
