// What every store refuses before it writes anything, with the same message whichever store it
// is: invalid values, malformed times and documents that are not JSON data.
import { z } from 'zod';
import { describeIssues } from './schema.ts';
import { StoreError } from './store.ts';

const IsoTime = z.iso.datetime({ offset: true });

export function invalid(what: string, error: z.ZodError): StoreError {
  return new StoreError(`${what} is not valid: ${describeIssues(error)}`, 'invalid');
}

export function checkTime(at: string, what: string): void {
  if (!IsoTime.safeParse(at).success) throw new StoreError(`${what} "${at}" is not a UTC ISO-8601 time`, 'invalid');
}

/**
 * A document as the store keeps it: its JSON form read back, so it is the same before and after a
 * restart (dates become strings, undefined fields go). Refuses an empty or "__proto__" kind or id,
 * a malformed time and a value JSON cannot hold.
 */
export function documentData(kind: string, id: string, doc: unknown, at: string): unknown {
  if (kind === '' || id === '' || kind === '__proto__' || id === '__proto__') {
    throw new StoreError(`A document needs a non-empty kind and id other than "__proto__" (got ${JSON.stringify(kind)}/${JSON.stringify(id)})`, 'invalid');
  }
  checkTime(at, 'updatedAt');
  const json = JSON.stringify(doc);
  if (json === undefined) throw new StoreError(`Document ${kind}/${id} is not JSON data`, 'invalid');
  return JSON.parse(json) as unknown;
}
