// `rivalwatch start`: the daemon, until SIGTERM or Ctrl-C.
import type { RegisterCommand } from '../context.ts';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('start')
    .description('run the daemon: crawl every competitor on its schedule, send alerts and digests, serve the API')
    .option('--no-jitter', 'start scheduled runs on the minute (default: up to 60 s of random delay)')
    .action(async (opts: { jitter: boolean }) => {
      const loaded = ctx.config();
      const { startDaemon, untilSignal } = await import('../daemon.ts');
      const { extensionSetupInstructions, pairingInstructions } = await import('../api/token.ts');
      const store = await ctx.openStore();
      const jitterMs = opts.jitter ? 60_000 : 0;
      // With Postgres, runs are enqueued for `rivalwatch worker` processes instead of crawled here.
      const { PostgresStore } = await import('../../store/postgres/store.ts');
      const daemon =
        store instanceof PostgresStore
          ? await (await import('../queue/daemon.ts')).startQueueDaemon({ loaded, store, jitterMs })
          : await startDaemon({ loaded, store, jitterMs });
      const { api, token } = daemon.services;
      console.log(`RivalWatch is running with ${loaded.file}; store ${store.location}.`);
      for (const line of pairingInstructions(api.url, token)) console.log(line);
      for (const line of extensionSetupInstructions(api.url, token)) console.log(line);
      for (const next of daemon.nextRuns()) console.log(`Next run of ${next.competitor}: ${next.at.toISOString()}`);
      const signal = await untilSignal();
      console.log(`${signal}: finishing the pages in flight and writing them…`);
      await daemon.stop();
      await store.close();
      console.log('Stopped.');
    });
};
