// `rivalwatch demo`: demo shops + simulated weeks of history, then the daemon (or exit with --once).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStatus } from './status.ts';
import { createProgress } from '../progress.ts';
import { UsageError, type RegisterCommand } from '../context.ts';

export const register: RegisterCommand = (program) => {
  program
    .command('demo')
    .description('start local demo shops, crawl weeks of simulated history, then keep the daemon running')
    .option('--once', 'exit after the simulated history is crawled')
    .option('--weeks <n>', 'weeks of simulated history', '6')
    .option('--dir <path>', 'folder for the demo config and store', '.rivalwatch/demo')
    .option('--shops-port <port>', 'port of the demo shops (0 = any free port)', '4478')
    .option('--api-port <port>', 'port of the API (0 = any free port)', '4477')
    .action(async (opts: { once?: boolean; weeks: string; dir: string; shopsPort: string; apiPort: string }) => {
      const weeks = Number(opts.weeks);
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 60) throw new UsageError('--weeks must be a whole number from 1 to 60');
      const shopsPort = Number(opts.shopsPort);
      const apiPort = Number(opts.apiPort);
      if (![shopsPort, apiPort].every((p) => Number.isInteger(p) && p >= 0 && p < 65536)) throw new UsageError('ports must be whole numbers from 0 to 65535');
      const { runDemo } = await import('../demo-run.ts');
      const { startDaemon, untilSignal } = await import('../daemon.ts');
      const { extensionSetupInstructions, pairingInstructions } = await import('../api/token.ts');
      const { getDigest, renderDigest, lastCompleteWeek } = await import('../../insights/digest/index.ts');
      const started = Date.now();
      const demo = await runDemo({ dir: opts.dir, weeks, shopsPort, apiPort, progress: createProgress() });
      const status = await buildStatus(demo.store);
      const blocked = demo.runs.reduce((n, r) => n + (r.failuresByKind.blocked ?? 0), 0);
      console.log(
        `\nCrawled ${demo.crawlTimes.length} simulated days in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
          `${status.listings} listings, ${status.changePoints} change points, ${blocked} blocked crawls recorded, ${demo.alerts} alerts.`,
      );
      for (const c of status.competitors) {
        const failing = Object.entries(c.failing).map(([k, f]) => `${f!.count} ${k}`).join(', ');
        console.log(`  ${c.competitor.padEnd(22)} ${String(c.listings.active).padStart(3)} active  ${String(c.changePoints).padStart(5)} change points${failing ? `  failing now: ${failing}` : ''}`);
      }
      const now = new Date();
      const week = lastCompleteWeek(now.getTime(), demo.loaded.config.shop.timeZone);
      const { digest } = await getDigest(demo.store, demo.loaded, week, now, { archive: true });
      const digestFile = join(demo.loaded.dir, `digest-${week}.html`);
      writeFileSync(digestFile, renderDigest(digest, 'html', 'en'));
      await demo.store.flush();
      console.log(`\nConfig:  ${demo.loaded.file}\nStore:   ${demo.store.location}\nDigest:  ${digestFile} (week ${week})`);
      console.log(`Try:     npm run rivalwatch -- --config ${demo.loaded.file} status`);
      console.log(`         npm run rivalwatch -- --config ${demo.loaded.file} alerts list`);
      if (opts.once) {
        await demo.store.close();
        await demo.shops.close();
        return;
      }
      const { buildExtension } = await import('../../scripts/build-extension.mjs');
      console.log('\nBuilding the browser extension…');
      let builds: { chrome: string; firefox: string } | null = null;
      try {
        builds = await buildExtension({ quiet: true });
      } catch (err) {
        console.log(`The extension build failed: ${(err as Error).message}\nBuild it by hand: node scripts/build-extension.mjs`);
      }
      const daemon = await startDaemon({ loaded: demo.loaded, store: demo.store, jitterMs: 0 });
      const { api, token } = daemon.services;
      console.log(`\nDemo shops: ${demo.shops.url}/  (open it in a browser: every product page is a competitor page)`);
      for (const line of pairingInstructions(api.url, token)) console.log(line);
      for (const line of extensionSetupInstructions(api.url, token, builds)) console.log(line);
      console.log('The daemon is running; Ctrl-C stops it.');
      await untilSignal();
      await daemon.stop();
      await demo.store.close();
      await demo.shops.close();
    });
};
