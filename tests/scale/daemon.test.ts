// `rivalwatch start` with the Postgres store: the daemon enqueues a competitor's missed run at
// start instead of crawling it, a worker crawls it, and the daemon hands the finished run's results
// to the alert rules exactly once, while serving the API as the in-process daemon does.
import { afterAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../server/demo-run.ts';
import { startDemoShops } from '../../server/demo/index.ts';
import { startQueueDaemon } from '../../server/queue/daemon.ts';
import { evaluateFinishedRuns } from '../../server/queue/runs.ts';
import { startWorker } from '../../server/queue/worker.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`queue daemon tests skipped: ${skip}`);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(skip !== null)(`queue daemon${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pgServer = server as ThrowawayPostgres;
  afterAll(() => pgServer.stop());

  it('enqueues instead of crawling, and evaluates each finished run once', async () => {
    const shops = await startDemoShops({ port: 0 });
    const url = await pgServer.createDatabase('rw_daemon');
    const store = await PostgresStore.open(url);
    const northwind = { ...shops, shops: shops.shops.filter((s) => s.id === 'northwind') };
    const demo = demoConfig(northwind, 0, new Date());
    const config = { ...demo, competitors: demo.competitors.map((c) => ({ ...c, politeness: { ...c.politeness, delayMs: 0 } })) };
    const lines: string[] = [];
    const daemon = await startQueueDaemon({ loaded: { file: 'rivalwatch.config.yaml', dir: '.', config }, store, jitterMs: 0, evaluateEveryMs: 200, log: (l) => lines.push(l) });
    const worker = await startWorker({ url, concurrency: 2, pollIntervalMs: 100, log: (l) => lines.push(l) });
    try {
      // The run never happened, so the daemon enqueues the slot it missed right away.
      await until('the run is enqueued', async () => lines.some((l) => /Northwind: enqueued 24 listing\(s\)/.test(l)));
      const health = await fetch(`${daemon.services.api.url}/api/health`);
      expect(health.status).toBe(200);
      await until('the run is evaluated', async () => (await store.pool.query('SELECT 1 FROM crawl_run_evaluations')).rowCount === 1);
      const [run] = await store.listRuns();
      expect(run).toMatchObject({ competitor: 'Northwind', listings: 24 });
      expect(run.ok + run.failed).toBe(24);
      expect(run.finishedAt).not.toBeNull();
      expect(await evaluateFinishedRuns(store, async () => expect.unreachable())).toBe(0);
      expect(worker.stats()).toMatchObject({ done: 24, failed: 0 });
    } finally {
      await worker.stop();
      await daemon.stop();
      await store.close();
      await shops.close();
    }
  }, 120_000);
});
