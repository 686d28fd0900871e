// The background's API client: adds the token, turns HTTP outcomes into the UI's failure kinds,
// and caches page data for a minute so browsing back and forth costs the server nothing.
import type { Failure, Reply } from './protocol.ts';
import type { Settings } from './settings.ts';

const CACHE_MS = 60_000;
const TIMEOUT_MS = 8_000;

interface Entry {
  at: number;
  value: Reply<unknown>;
}

export class ApiClient {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly settings: () => Promise<Settings>) {}

  clearCache(): void {
    this.cache.clear();
  }

  /** GET with the minute-long cache; only successful answers are kept. */
  async cachedGet<T>(path: string): Promise<Reply<T>> {
    const hit = this.cache.get(path);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Reply<T>;
    const value = await this.request<T>('GET', path);
    if (value.ok) {
      this.cache.set(path, { at: Date.now(), value });
      if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    }
    return value;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply<T>> {
    const { serverUrl, token } = await this.settings();
    if (!serverUrl || !token) return { ok: false, failure: { kind: 'not-configured' } };
    let res: Response;
    try {
      res = await fetch(`${serverUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      return { ok: false, failure: { kind: 'unreachable', message: `${serverUrl}: ${err instanceof Error ? err.message : String(err)}` } };
    }
    const payload = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (res.ok) return { ok: true, data: payload as T };
    const message = payload?.error?.message ?? `HTTP ${res.status}`;
    const failure: Failure =
      res.status === 401 ? { kind: 'unauthorized', message } : { kind: 'refused', status: res.status, code: payload?.error?.code ?? 'http', message };
    return { ok: false, failure };
  }
}
