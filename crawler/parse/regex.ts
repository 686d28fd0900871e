// Iterating a global regex's matches without String.prototype.matchAll. matchAll (like split)
// runs a clone of the regex, and V8 finds the clone's compiled code only while its compilation
// cache still holds it: after garbage collections it compiles again. Big Unicode alternations
// (currency marks, stock phrases) take 20-100 ms to compile, so on a page that allocates a lot
// the clones cost more than the matching. exec on the one shared regex compiles once.

/** Every match of a global (or sticky) regex in `s`, in order; the regex's lastIndex is reset. */
export function* execAll(re: RegExp, s: string): Generator<RegExpExecArray> {
  if (!re.global && !re.sticky) throw new Error(`execAll needs a global regex: /${re.source}/${re.flags}`);
  re.lastIndex = 0;
  try {
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      if (m[0] === '') re.lastIndex++;
      yield m;
    }
  } finally {
    re.lastIndex = 0;
  }
}
