// What the embedded store hands out: callers get their own arrays and listings, and read stored
// change points without copies (frozen, so no caller can rewrite history).
import type { Listing } from './model.ts';

/**
 * A caller's own copy of a listing. Its fields are strings, booleans and null (the schema keeps
 * nothing else), so a spread copies it whole, at a tenth of structuredClone's cost when a digest
 * lists 10,000 listings.
 */
export function copyOf(listing: Listing): Listing {
  return { ...listing };
}

/** Freezes a stored value and everything in it, once: later calls see it frozen and return at once. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (const inner of value) deepFreeze(inner);
  else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}

/** The stored items handed out in an array of the caller's own (`items` itself when clipping already copied it). */
export function shared<T>(items: T[], copied: boolean): T[] {
  const out = copied ? items : items.slice();
  for (const item of out) deepFreeze(item);
  return out;
}

