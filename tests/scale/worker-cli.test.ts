// `rivalwatch worker` as operators run it: a process that takes crawl jobs until SIGTERM, then
// takes no new job, finishes and records the pages in flight, and exits 0. The jobs it never
// started stay queued for the next worker.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../server/config.ts';
import { demoConfig } from '../../server/demo-run.ts';
import { startDemoShops } from '../../server/demo/index.ts';
import { syncConfigListings } from '../../server/pipeline.ts';
import { connectQueue } from '../../server/queue/boss.ts';
import { enqueueCompetitorRun } from '../../server/queue/enqueue.ts';
import { queueStatus } from '../../server/queue/status.ts';
import { PostgresStore } from '../../store/postgres/store.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/postgres.ts';
import { startCountingProxy } from './proxy.ts';

const CLI = join(import.meta.dirname, 'fixtures', 'cli.ts');
const AT = '2024-05-06T09:00:00.000Z';

const server = await startThrowawayPostgres();
const skip = 'skipped' in server ? server.skipped : null;
if (skip) console.warn(`worker command tests skipped: ${skip}`);

describe.skipIf(skip !== null)(`rivalwatch worker${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pgServer = server as ThrowawayPostgres;
  afterAll(() => pgServer.stop());

  it('finishes the pages in flight on SIGTERM, records them, and leaves the rest queued', async () => {
    const shops = await startDemoShops({ port: 0 });
    shops.setTime(AT);
    // Slow answers keep pages in flight long enough to stop the worker in the middle of them.
    const proxy = await startCountingProxy(shops.url, { latencyMs: 700 });
    const url = await pgServer.createDatabase('rw_worker_cli');
    const store = await PostgresStore.open(url);
    const boss = await connectQueue(store);
    try {
      const northwind = { ...shops, shops: shops.shops.filter((s) => s.id === 'northwind') };
      const demo = demoConfig(northwind, 0, new Date(AT));
      const through = (s: string) => s.replace(shops.url, proxy.url).replace(new URL(shops.url).host, new URL(proxy.url).host);
      const config = validateConfig(
        {
          ...demo,
          competitors: demo.competitors.map((c) => ({ ...c, domains: c.domains.map(through), politeness: { ...c.politeness, maxConcurrency: 2, delayMs: 0 } })),
          listings: demo.listings.map((l) => ({ ...l, url: through(l.url) })),
        },
        'worker test configuration',
      );
      await syncConfigListings(config, store, AT);
      const { jobs } = await enqueueCompetitorRun({ store, boss, config, competitor: config.competitors[0], scheduledAt: AT });
      expect(jobs).toBe(24);

      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--url', url, '--concurrency', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const productPages = () => proxy.paths().filter((p) => p.includes('/products/')).length;
      proxy.onRequest(() => {
        if (productPages() === 3 && child.exitCode === null) child.kill('SIGTERM');
      });
      const code = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`worker did not stop:\n${stdout}\n${stderr}`)), 60_000))]);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/is taking crawl jobs \(concurrency 2\)/);
      expect(stdout).toMatch(/SIGTERM: taking no new jobs; finishing \d in flight/);
      const done = Number(/Stopped: (\d+) job\(s\) done, 0 failed/.exec(stdout)?.[1]);
      // The pages requested before SIGTERM were all finished and recorded, and no other page started.
      expect(done).toBe(productPages());

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const outcomes = await db.query('SELECT listing_id FROM crawl_job_outcomes');
      const worker = await db.query<{ state: string; jobs_done: string }>('SELECT state, jobs_done FROM crawl_workers');
      await db.end();
      expect(outcomes.rowCount).toBe(done);
      expect(worker.rows).toEqual([{ state: 'stopped', jobs_done: String(done) }]);
      const status = await queueStatus(store);
      expect(status).toMatchObject({ waiting: 24 - done, active: 0, failed: 0 });
    } finally {
      await boss.stop({ graceful: false, close: true });
      await store.close();
      await proxy.close();
      await shops.close();
    }
  }, 120_000);
});
