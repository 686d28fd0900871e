// The digest as Markdown (CommonMark with GitHub tables): for chat tools, wikis and plain-text mail.
// Scraped text is backslash-escaped so a title cannot turn into a link, a table break or HTML.
import type { Digest } from '../types.ts';
import type { Language } from '../config.ts';
import { anchorOf } from './html.ts';
import { buildView, type Cell, type ViewTable } from './view.ts';

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A sparkline in text: one block character per value, a space for a gap. */
export function textSparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const span = Math.max(...known) - min || 1;
  return values.map((v) => (v === null ? ' ' : BLOCKS[Math.round(((v - min) / span) * (BLOCKS.length - 1))])).join('');
}

export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function link(text: string, href: string): string {
  return `[${text}](${href.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}

function cell(c: Cell): string {
  let text = escapeMarkdown(c.text);
  if (c.spark) text = textSparkline(c.spark) || '–';
  if (c.href) text = link(text, c.href);
  if (c.tone === 'warn') text = `**${text}**`;
  return text;
}

function table(t: ViewTable, none: string, more: (n: number) => string): string[] {
  const out: string[] = [];
  if (t.title) out.push(`### ${escapeMarkdown(t.title)}`, '');
  if (t.rows.length === 0) return [...out, `_${escapeMarkdown(none)}_`, ''];
  const numeric = t.columns.map((_, i) => t.rows.some((r) => r.cells[i]?.numeric));
  out.push(`| ${t.columns.map(escapeMarkdown).join(' | ')} |`);
  out.push(`|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of t.rows) {
    const cells = r.cells.map(cell);
    if (r.id) cells[0] = `<a id="${anchorOf(r.id)}"></a>${cells[0]}`;
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (t.more > 0) out.push('', `_${escapeMarkdown(more(t.more))}_`);
  out.push('');
  return out;
}

export function renderMarkdown(digest: Digest, lang: Language): string {
  const v = buildView(digest, lang);
  const out: string[] = [`# ${escapeMarkdown(v.title)} · ${escapeMarkdown(v.shop)}`, '', `**${escapeMarkdown(v.week)}**${v.campaigns.length ? ` · ${v.campaigns.map((c) => `\`${c}\``).join(' ')}` : ''}`, '', `_${escapeMarkdown(v.generated)}_`, ''];
  for (const n of v.notes) out.push(`> ${escapeMarkdown(n)}`, '>');
  if (v.notes.length) out.splice(out.length - 1, 1, '');
  out.push(`## ${escapeMarkdown(v.actionsTitle)}`, '');
  if (v.actions.length === 0) out.push(`_${escapeMarkdown(v.noneLabel)}_`);
  v.actions.forEach((a, i) => {
    const ev = a.evidence.length ? ` ${link(escapeMarkdown(v.evidenceLabel(a.evidence.length)), `#${anchorOf(a.evidence[0])}`)}` : '';
    out.push(`${i + 1}. ${escapeMarkdown(a.text)}${ev}`);
  });
  out.push('', '| | | |', '| --- | ---: | --- |');
  for (const k of v.kpis) out.push(`| ${escapeMarkdown(k.label)} | **${escapeMarkdown(k.value)}** | ${escapeMarkdown(k.detail)} |`);
  out.push('');
  for (const s of v.sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    if (s.intro) out.push(`_${escapeMarkdown(s.intro)}_`, '');
    for (const l of s.lines) out.push(escapeMarkdown(l), '');
    for (const t of s.tables) out.push(...table(t, v.noneLabel, v.moreLabel));
  }
  out.push('---', '', `_${escapeMarkdown(v.footer)}_`, '');
  return out.join('\n');
}
