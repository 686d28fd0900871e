// `rivalwatch token` through commander with a real config file and store, as cli.ts will wire it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createContext } from '../../server/context.ts';
import { register } from '../../server/commands/token.ts';

const dir = mkdtempSync(join(tmpdir(), 'rw-token-'));
const configFile = join(dir, 'rivalwatch.config.yaml');
writeFileSync(configFile, ['shop:', '  name: Test', '  currency: CNY', 'server:', '  port: 4999', 'store:', '  kind: lowdb', '  path: store.json', ''].join('\n'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const program = new Command('rivalwatch').option('-c, --config <path>').exitOverride();
  register(program, createContext(program));
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  try {
    await program.parseAsync(['node', 'rivalwatch', '--config', configFile, ...args]);
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

describe('rivalwatch token', () => {
  it('creates the token once, prints it with the pairing link, and rotates it on request', async () => {
    const first = JSON.parse(await run('token', '--json'));
    expect(first.server).toBe('http://127.0.0.1:4999');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.pairingLink).toBe(`rivalwatch://pair?server=${encodeURIComponent('http://127.0.0.1:4999')}&token=${first.token}`);
    expect(JSON.parse(await run('token', '--json')).token).toBe(first.token);

    const text = await run('token');
    expect(text).toContain(`Token:   ${first.token}`);
    expect(text).toContain('Pairing: rivalwatch://pair?');

    const rotated = await run('token', '--rotate');
    expect(rotated).toMatch(/replaced/);
    const after = JSON.parse(await run('token', '--json')).token;
    expect(after).not.toBe(first.token);
    expect(rotated).toContain(after);
  });
});
