// `rivalwatch start`: the daemon, until SIGTERM or Ctrl-C.
import type { RegisterCommand } from '../context.ts';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('start')
    .description('run the daemon: crawl every competitor on its schedule (and serve the API)')
    .option('--no-jitter', 'start scheduled runs on the minute (default: up to 60 s of random delay)')
    .action(async (opts: { jitter: boolean }) => {
      const loaded = ctx.config();
      const { startDaemon, untilSignal } = await import('../daemon.ts');
      const store = await ctx.openStore();
      const daemon = await startDaemon({ loaded, store, jitterMs: opts.jitter ? 60_000 : 0 });
      console.log(`RivalWatch is running with ${loaded.file}; store ${store.location}.`);
      for (const next of daemon.nextRuns()) console.log(`  next run of ${next.competitor}: ${next.at.toISOString()}`);
      const signal = await untilSignal();
      console.log(`${signal}: finishing the pages in flight and writing them…`);
      await daemon.stop();
      await store.close();
      console.log('Stopped.');
    });
};
