// `rivalwatch worker`: crawls jobs from the Postgres-backed queue until SIGTERM or Ctrl-C, then
// finishes the pages in flight and leaves. Run any number of them, on any machine that reaches
// the database; `rivalwatch start` (with the Postgres store) enqueues the jobs.
import { resolveStoreSpec } from '../config.ts';
import { UsageError, type RegisterCommand } from '../context.ts';
import { resolveDatabaseUrl } from './migrate.ts';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('worker')
    .description('crawl jobs from the shared queue (Postgres store); stops cleanly on SIGTERM')
    .option('--concurrency <n>', 'pages crawled at once by this worker (each host\'s limit is shared by all workers)', '4')
    .option('--url <url>', 'PostgreSQL URL, or env:VAR (default: the config\'s store.url)')
    .action(async (opts: { concurrency: string; url?: string }) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError('--concurrency must be a whole number from 1 to 256');
      let url: string;
      if (opts.url) {
        url = resolveDatabaseUrl(opts.url);
      } else {
        const spec = resolveStoreSpec(ctx.config());
        if (spec.kind !== 'postgres') {
          throw new UsageError('workers share their jobs through PostgreSQL: set store: { kind: postgres, url: … } in the config, or pass --url postgres://…');
        }
        url = spec.url;
      }
      const { startWorker } = await import('../queue/worker.ts');
      const { untilSignal } = await import('../daemon.ts');
      const worker = await startWorker({ url, concurrency, log: (line) => console.error(line) });
      console.log(`Worker ${worker.id} is taking crawl jobs (concurrency ${concurrency}). SIGTERM or Ctrl-C stops it after the pages in flight.`);
      const signal = await untilSignal();
      console.log(`${signal}: taking no new jobs; finishing ${worker.stats().inFlight} in flight…`);
      await worker.stop();
      const { done, failed } = worker.stats();
      console.log(`Stopped: ${done} job(s) done, ${failed} failed (those are retried by other workers).`);
    });
};
