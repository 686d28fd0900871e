// Parsing the JSON that pages embed, which is often not quite JSON: trailing commas, comments,
// raw newlines inside strings, CDATA or HTML-comment wrappers, several documents in one script.
// Strict JSON.parse first (fast and exact), then repairs, then JSON5.
import JSON5 from 'json5';
import type { Json } from './facts.ts';

const MAX_REPAIR = 400_000;

/** Escapes raw control characters inside string literals, which JSON and JSON5 both reject. */
function escapeControlsInStrings(text: string): string {
  let out = '';
  let inString: string | null = null;
  let escaped = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === inString) inString = null;
      else if (c === '\n' || c === '\r' || c === '\t') {
        out += text.slice(last, i) + (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t');
        last = i + 1;
      }
    } else if (c === '"' || c === "'") {
      inString = c;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

function unwrap(text: string): string {
  return text
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[/, '')
    .replace(/(?:\/\/\s*)?\]\]>$/, '')
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .trim()
    .replace(/;$/, '');
}

function tryParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      return JSON5.parse(text) as Json;
    } catch {
      return undefined;
    }
  }
}

/** Parses embedded JSON, repairing what real pages get wrong; undefined when it cannot be read. */
export function parseLenientJson(raw: string): Json | undefined {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    // fall through to the repairs
  }
  // Repairs re-read the text several times; big non-JSON script literals are not worth it.
  if (raw.length > MAX_REPAIR) return undefined;
  const text = escapeControlsInStrings(unwrap(raw));
  if (!text) return undefined;
  const direct = tryParse(text);
  if (direct !== undefined) return direct;
  // Several documents in one script: {…}{…} or {…},{…}.
  if (/^[{[]/.test(text)) {
    const joined = tryParse(`[${text.replace(/}\s*,?\s*{(?=\s*["'@])/g, '},{')}]`);
    if (joined !== undefined) return joined;
  }
  return undefined;
}

/**
 * The object literal assigned in a script (`window.__INITIAL_STATE__ = {…};`), found by matching
 * braces from `start` while skipping strings; null when it does not close.
 */
export function sliceBalanced(text: string, start: number): string | null {
  const open = text[start];
  if (open !== '{' && open !== '[') return null;
  let depth = 0;
  let inString: string | null = null;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === inString) inString = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') inString = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}
