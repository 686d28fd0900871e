// Deterministic pseudo-randomness for the demo shops: every "random" value is a pure function of
// its key (shop, product, purpose, day), so the same simulated time always renders the same page
// and tests can recompute what a page shows. Never Math.random.

/** FNV-1a over the UTF-16 code units, then a murmur3 finalizer to spread close keys apart. */
function hash32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by the key parts. */
export function rand(...parts: (string | number)[]): number {
  return hash32(parts.join('|')) / 4294967296;
}

/** An integer in [min, max] fixed by the key parts. */
export function randInt(min: number, max: number, ...parts: (string | number)[]): number {
  return min + Math.floor(rand(...parts) * (max - min + 1));
}

/** A number in [min, max) fixed by the key parts. */
export function randRange(min: number, max: number, ...parts: (string | number)[]): number {
  return min + rand(...parts) * (max - min);
}
