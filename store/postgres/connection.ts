// Connecting to PostgreSQL: messages that name the server without its password, and telling a
// connection problem (a person must fix the server or the URL) from a failing statement.
import { StoreError } from '../store.ts';

/** The URL without its password, for messages and `location`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export function connectionProblem(err: unknown, where: string): StoreError {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const detail = e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
  return new StoreError(
    `Cannot reach PostgreSQL at ${where} (${detail}). Check that the server runs and the URL (store.url in the config, or the env variable it names) is right.`,
    'unavailable',
  );
}

/** Postgres error codes that mean "the connection is the problem", not the statement. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|57P0[1-3]|08\w\w|28\w\w|3D000)$/.test(code);
}
