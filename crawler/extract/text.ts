// Scraped strings made safe and plain: markup stripped (a hostile "<script>" in a product name is
// text, never HTML), entities decoded, whitespace collapsed, URLs made absolute.
import { load } from 'cheerio';

const TAGGED = /<[a-zA-Z/!]/;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]+);/i;

/** Plain text of a scraped string: no tags, no script or style bodies, entities decoded, one space between words. */
export function plainText(raw: string | null | undefined, max = 500): string | null {
  if (!raw) return null;
  let s = raw;
  if (TAGGED.test(s)) s = s.replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  if (ENTITY.test(s)) s = load(`<p>${s.replace(/</g, '&lt;')}</p>`, null, false).text();
  s = s.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
  if (!s) return null;
  return s.length > max ? s.slice(0, max).trimEnd() : s;
}

/** An absolute http(s) URL for `raw` against the page URL, or null. */
export function absoluteUrl(raw: string | null | undefined, base: string): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s || /^(?:data|javascript|blob):/i.test(s)) return null;
  try {
    const u = new URL(s, base);
    return /^https?:$/.test(u.protocol) ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Strips a trailing " | Shop name" / " - Shop" from a document title when the rest is long enough. */
export function withoutSiteName(title: string): string {
  const m = /^(.{8,}?)\s+[|–—-]\s+[^|–—-]{2,40}$/.exec(title);
  return m ? m[1] : title;
}
