// A real API server on 127.0.0.1 over a fixture store, and a fetch wrapper that sends the token.
import { startApi, type RunningApi } from '../../server/api/index.ts';
import { ensureToken } from '../../server/api/token.ts';
import type { Store } from '../../store/store.ts';
import type { Config } from '../../server/config.ts';
import { NOW } from './fixtures.ts';

export interface TestApi {
  api: RunningApi;
  token: string;
  call(path: string, init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestApi(store: Store, config: Config, opts: { token?: () => string } = {}): Promise<TestApi> {
  const token = await ensureToken(store);
  const api = await startApi({ store, config, token: opts.token ?? (() => token), now: () => NOW, host: '127.0.0.1', port: 0 });
  return {
    api,
    token,
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const t = init.token === undefined ? token : init.token;
      if (t !== null) headers.authorization = `Bearer ${t}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${api.url}${path}`, { method: init.method ?? 'GET', headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Non-JSON bodies (there should be none) stay text so the assertion shows them.
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}
