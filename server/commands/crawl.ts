// `rivalwatch crawl`: one crawl now, of every competitor or the ones named.
import { normalizeUrl } from '../../crawler/url.ts';
import { createProgress } from '../progress.ts';
import { UsageError, type RegisterCommand } from '../context.ts';
import { formatRun } from './status.ts';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('crawl')
    .description('crawl now, once (every competitor, or the ones named)')
    .option('--competitor <name...>', 'only these competitors')
    .option('--listing <url>', 'only this listing (its URL)')
    .option('--json', 'print the runs as JSON')
    .action(async (opts: { competitor?: string[]; listing?: string; json?: boolean }) => {
      const { config } = ctx.config();
      const { crawlableCompetitors, runCompetitor, syncConfigListings } = await import('../pipeline.ts');
      const store = await ctx.openStore();
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await syncConfigListings(config, store, new Date().toISOString());
        let competitors = crawlableCompetitors(config);
        let listingIds: string[] | undefined;
        if (opts.listing) {
          const listing = await store.findListingByUrl(normalizeUrl(opts.listing));
          if (!listing) throw new UsageError(`${opts.listing} is not tracked; add it with "rivalwatch track URL --sku SKU"`);
          competitors = competitors.filter((c) => c.name === listing.competitor);
          listingIds = [listing.id];
        }
        if (opts.competitor) {
          const unknown = opts.competitor.filter((n) => !competitors.some((c) => c.name === n));
          if (unknown.length) throw new UsageError(`unknown competitor(s): ${unknown.join(', ')}; configured: ${competitors.map((c) => c.name).join(', ')}`);
          competitors = competitors.filter((c) => opts.competitor!.includes(c.name));
        }
        const progress = createProgress();
        const runs = [];
        try {
          for (const competitor of competitors) {
            if (abort.signal.aborted) break;
            const { run } = await runCompetitor(config, store, competitor, {
              listingIds,
              signal: abort.signal,
              onProgress: (done, total) => progress.update(competitor.name, done, total),
            });
            runs.push(run);
          }
        } finally {
          progress.stop();
        }
        if (opts.json) console.log(JSON.stringify(runs, null, 2));
        else for (const run of runs) console.log(formatRun(run));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
};
