// Inline SVG sparklines and bars for the HTML digest. Inline, so an email needs no image
// downloads; every chart sits next to its numbers, so a client that drops SVG loses nothing.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const f = (x: number) => (Math.round(x * 10) / 10).toString();

/** A line through the known values; nulls break the line; `marks` shade campaign weeks behind it. */
export function sparkline(values: readonly (number | null)[], label: string, marks: readonly boolean[] = [], width = 96, height = 22, color = '#2563eb'): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const x = (i: number) => 2 + i * step;
  const y = (v: number) => height - 3 - ((v - min) / span) * (height - 6);
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${f(x(i))},${f(y(v))}`);
  });
  if (run.length) runs.push(run.join(' '));
  const lines = runs
    .filter((r) => r.includes(' '))
    .map((r) => `<polyline points="${r}" fill="none" stroke="${color}" stroke-width="1.5" stroke-linejoin="round"/>`)
    .join('');
  const band = Math.max(step, 3);
  const shaded = marks
    .map((m, i) => (m ? `<rect x="${f(Math.max(0, x(i) - band / 2))}" y="0" width="${f(band)}" height="${height}" fill="#fde68a"/>` : ''))
    .join('');
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const dot = `<circle cx="${f(x(lastIndex))}" cy="${f(y(values[lastIndex]!))}" r="2" fill="${color}"/>`;
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}" style="display:block">${shaded}${lines}${dot}</svg>`;
}

/** A horizontal bar from 0 to `value` on a 0..max scale, with an optional reference line (index 100). */
export function bar(value: number, max: number, center?: number, width = 80, height = 10): string {
  const w = Math.max(0, Math.min(width, (value / (max || 1)) * width));
  const over = center !== undefined && value > center;
  const color = center === undefined ? '#60a5fa' : over ? '#f59e0b' : '#34d399';
  const ref = center === undefined ? '' : `<line x1="${f((center / max) * width)}" y1="0" x2="${f((center / max) * width)}" y2="${height}" stroke="#374151" stroke-width="1"/>`;
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" style="display:inline-block;vertical-align:middle"><rect x="0" y="0" width="${width}" height="${height}" fill="#f3f4f6"/><rect x="0" y="0" width="${f(w)}" height="${height}" fill="${color}"/>${ref}</svg>`;
}
