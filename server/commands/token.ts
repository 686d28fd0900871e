// `rivalwatch token`: prints the API token and the pairing link for the browser extension;
// `--rotate` replaces the token so extensions paired with the old one are refused.
import type { RegisterCommand } from '../context.ts';
import type { Config } from '../config.ts';
import { StoreError } from '../../store/store.ts';
import { ensureToken, pairingInstructions, pairingLink, readToken, rotateToken } from '../api/token.ts';

/** The URL the extension should call, from the config's `server` section. */
export function serverUrlOf(config: Config): string {
  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('token')
    .description('print the API token and the pairing link for the browser extension')
    .option('--rotate', 'replace the token; paired extensions must pair again (stop "rivalwatch start" first)')
    .option('--json', 'print {server, token, pairingLink} as JSON')
    .action(async (opts: { rotate?: boolean; json?: boolean }) => {
      const { config } = ctx.config();
      const token = opts.rotate ? await withWritableStore(ctx, (s) => rotateToken(s)) : await currentToken(ctx);
      const server = serverUrlOf(config);
      if (opts.json) {
        console.log(JSON.stringify({ server, token, pairingLink: pairingLink(server, token) }, null, 2));
        return;
      }
      if (opts.rotate) console.log('The token was replaced; extensions paired with the old one are refused from now on.');
      for (const line of pairingInstructions(server, token)) console.log(line);
    });
};

type Ctx = Parameters<RegisterCommand>[1];

async function withWritableStore(ctx: Ctx, fn: (store: Awaited<ReturnType<Ctx['openStore']>>) => Promise<string>): Promise<string> {
  let store;
  try {
    store = await ctx.openStore();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'locked') {
      throw new StoreError(`${err.message}\nThe running daemon owns the store: stop "rivalwatch start", run this command again, then start it.`, 'locked');
    }
    throw err;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Reads the token without the writer lock (the daemon may be running); creates it only when there is none. */
async function currentToken(ctx: Ctx): Promise<string> {
  try {
    const store = await ctx.openStore({ readOnly: true });
    try {
      const token = await readToken(store);
      if (token) return token;
    } finally {
      await store.close();
    }
  } catch (err) {
    if (!(err instanceof StoreError && err.code === 'not-found')) throw err;
  }
  return withWritableStore(ctx, (s) => ensureToken(s));
}
