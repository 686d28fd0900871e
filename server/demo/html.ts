// Escaping for the demo pages. Product titles include hostile tag text on purpose; every dynamic
// value goes through esc() (HTML text and attributes) or jsonForScript() (inline <script> JSON).

export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON safe inside <script>: no "</script>", no "<!--", no line separators JS chokes on. */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** "2.3万+" for Chinese review counts of 10,000 and more, the plain number below. */
export function chineseCount(count: number): string {
  if (count < 10_000) return String(count);
  return `${(Math.floor(count / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万+`;
}

/** Thousands with a separator: 1234 → "1,234" (en) or "1.234" (de). */
export function groupInt(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
