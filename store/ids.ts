// Listing ids: short, stable and derived from the normalized URL, so the same page gets the same
// id in every store and on every machine.
import { createHash } from 'node:crypto';

const ID_HEX = 10;

/**
 * 'l_' + the first 10 hex digits of sha256(url). With 100,000 listings a 40-bit prefix collides
 * now and then, so when `taken(id)` says another URL already has the id, the prefix grows.
 */
export function listingIdFor(url: string, taken: (id: string) => boolean = () => false): string {
  const hex = createHash('sha256').update(url).digest('hex');
  for (let length = ID_HEX; length <= hex.length; length += 2) {
    const id = `l_${hex.slice(0, length)}`;
    if (!taken(id)) return id;
  }
  throw new Error(`every id derived from ${url} is taken`);
}
