// A daemon killed between writing an alert and sending it: the alert is in the outbox on disk, and
// the next process delivers it exactly once (and a third process sends nothing more).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LowdbStore } from '../../store/lowdb.ts';
import { listAlerts } from '../../insights/alerts/outbox.ts';
import { startWebhookReceiver, type WebhookReceiver } from './receivers.ts';

const CHILD = fileURLToPath(new URL('./fixtures/outbox-child.ts', import.meta.url));

let hook: WebhookReceiver;
let dir: string;
beforeAll(async () => {
  hook = await startWebhookReceiver();
  dir = await mkdtemp(join(tmpdir(), 'rw-alerts-crash-'));
});
afterAll(async () => {
  await hook.close();
  await rm(dir, { recursive: true, force: true });
});

function runChild(mode: string, path: string, until?: RegExp): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, path, `${hook.url}/hook`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until && until.test(out)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child ${mode} exited ${code}: ${err}`));
      else resolve({ out, code, signal });
    });
  });
}

it('delivers after a restart, once', async () => {
  const path = join(dir, 'store.json');
  const writer = await runChild('write', path, /written \d+/);
  expect(writer.signal).toBe('SIGKILL');
  expect(writer.out).toContain('written 1');
  expect(hook.received).toHaveLength(0);

  const first = await runChild('deliver', path);
  expect(JSON.parse(first.out)).toMatchObject({ delivered: 1, retrying: 0 });
  const second = await runChild('deliver', path);
  expect(JSON.parse(second.out)).toMatchObject({ delivered: 0 });

  expect(hook.received).toHaveLength(1);
  expect(hook.received[0].body).toMatchObject({ type: 'rivalwatch.alert', alerts: [{ ruleId: 'undercut', severity: 'warning' }] });
  const store = await LowdbStore.open(path, { readOnly: true });
  const [alert] = await listAlerts(store);
  expect(alert.delivery.hook).toMatchObject({ status: 'delivered', attempts: 1 });
  await store.close();
});
