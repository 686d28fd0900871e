// The digest as email-safe HTML: one 640-px column of tables, inline styles only, inline SVG
// charts beside their numbers, no scripts and no external resources (fonts, CSS, images).
// Every piece of text goes through escapeHtml; links point only at http(s) product pages.
import type { Digest } from '../types.ts';
import type { Language } from '../config.ts';
import { bar, escapeHtml, sparkline } from './svg.ts';
import { buildView, type Cell, type Tone, type ViewSection, type ViewTable } from './view.ts';

const FONT = "-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif";
const C = { text: '#1f2933', muted: '#6b7280', line: '#e5e7eb', head: '#f3f4f6', accent: '#1d4ed8', up: '#047857', down: '#b91c1c', warn: '#b45309', warnBg: '#fff7ed' };

const toneColor = (t: Tone | undefined) => (t === 'up' ? C.up : t === 'down' ? C.down : t === 'warn' ? C.warn : t === 'muted' ? C.muted : C.text);

/** Anchor of an evidence id, safe in an attribute and a fragment. */
export function anchorOf(id: string): string {
  return `ev-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function cell(c: Cell, header = false): string {
  const align = c.numeric ? 'right' : 'left';
  const style = `padding:4px 6px;border-bottom:1px solid ${C.line};text-align:${align};vertical-align:top;color:${toneColor(c.tone)};${header ? `background:${C.head};font-weight:600;` : ''}`;
  let inner = escapeHtml(c.text);
  if (c.href) inner = `<a href="${escapeHtml(c.href)}" style="color:${C.accent};text-decoration:none">${inner}</a>`;
  if (c.spark) {
    const svg = sparkline(c.spark, c.text, c.sparkMarks);
    // The first and last values stay readable under the chart for clients that drop SVG.
    inner = svg ? `${svg}<div style="font-size:10px;color:${C.muted};white-space:nowrap">${escapeHtml(c.text)}</div>` : '–';
  }
  if (c.bar) inner = `${bar(c.bar.value, c.bar.max, c.bar.center)}&nbsp;${inner}`;
  return `<${header ? 'th' : 'td'} style="${style}">${inner}</${header ? 'th' : 'td'}>`;
}

function renderTable(t: ViewTable, none: string, more: (n: number) => string): string {
  const title = t.title ? `<h3 style="font-size:13px;margin:14px 0 4px;color:${C.text}">${escapeHtml(t.title)}</h3>` : '';
  if (t.rows.length === 0) return `${title}<p style="margin:4px 0;color:${C.muted};font-size:12px">${escapeHtml(none)}</p>`;
  const numeric = t.columns.map((_, i) => t.rows.some((r) => r.cells[i]?.numeric));
  const head = `<tr>${t.columns.map((c, i) => cell({ text: c, numeric: numeric[i] }, true)).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr${r.id ? ` id="${anchorOf(r.id)}"` : ''}>${r.cells.map((c) => cell(c)).join('')}</tr>`).join('');
  const tail = t.more > 0 ? `<p style="margin:4px 0;color:${C.muted};font-size:11px">${escapeHtml(more(t.more))}</p>` : '';
  return `${title}<table role="table" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;font-size:12px;line-height:1.35;margin-bottom:10px">${head}${rows}</table>${tail}`;
}

function renderSection(s: ViewSection, none: string, more: (n: number) => string): string {
  const intro = s.intro ? `<p style="margin:2px 0 8px;color:${C.muted};font-size:12px">${escapeHtml(s.intro)}</p>` : '';
  const lines = s.lines.map((l) => `<p style="margin:2px 0 6px;font-size:12px">${escapeHtml(l)}</p>`).join('');
  return `<tr><td style="padding:18px 24px 6px;border-top:1px solid ${C.line}" id="section-${s.key}"><h2 style="font-size:16px;margin:0 0 4px;color:${C.text}">${escapeHtml(s.title)}</h2>${intro}${lines}${s.tables
    .map((t) => renderTable(t, none, more))
    .join('')}</td></tr>`;
}

export function renderHtml(digest: Digest, lang: Language): string {
  const v = buildView(digest, lang);
  const badges = v.campaigns
    .map((c) => `<span style="display:inline-block;background:${C.warnBg};color:${C.warn};border:1px solid #fed7aa;border-radius:10px;padding:1px 8px;margin-right:4px;font-size:11px">${escapeHtml(c)}</span>`)
    .join('');
  const notes = v.notes.length
    ? `<tr><td style="padding:10px 24px 0"><div style="background:${C.warnBg};border-left:3px solid ${C.warn};padding:8px 10px;font-size:12px;color:${C.text}">${v.notes
        .map((n) => `<p style="margin:2px 0">${escapeHtml(n)}</p>`)
        .join('')}</div></td></tr>`
    : '';
  const kpis = `<tr><td style="padding:12px 24px 4px"><table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse"><tr>${v.kpis
    .map(
      (k) =>
        `<td style="width:16.6%;padding:6px;border:1px solid ${C.line};vertical-align:top"><div style="font-size:10px;color:${C.muted}">${escapeHtml(k.label)}</div><div style="font-size:18px;font-weight:700;color:${toneColor(k.tone)}">${escapeHtml(k.value)}</div><div style="font-size:10px;color:${C.muted}">${escapeHtml(k.detail)}</div></td>`,
    )
    .join('')}</tr></table></td></tr>`;
  const actions = v.actions.length
    ? `<ol style="margin:4px 0 0;padding-left:20px;font-size:13px;line-height:1.45">${v.actions
        .map((a) => {
          const links = a.evidence
            .slice(0, 5)
            .map((id, i) => `<a href="#${anchorOf(id)}" style="color:${C.accent};font-size:11px">${i === 0 ? escapeHtml(v.evidenceLabel(a.evidence.length)) : i + 1}</a>`)
            .join(' ');
          return `<li style="margin:0 0 6px">${escapeHtml(a.text)} ${links}</li>`;
        })
        .join('')}</ol>`
    : `<p style="margin:4px 0;color:${C.muted};font-size:12px">${escapeHtml(v.noneLabel)}</p>`;
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(`${v.title} · ${v.shop} · ${digest.period.week}`)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:${FONT};color:${C.text}">
<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="background:#f4f5f7"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" cellpadding="0" cellspacing="0" width="640" style="width:640px;max-width:100%;background:#ffffff;border:1px solid ${C.line};border-collapse:collapse">
<tr><td style="padding:20px 24px 4px"><div style="font-size:12px;color:${C.muted}">${escapeHtml(v.shop)}</div><h1 style="font-size:22px;margin:2px 0 4px;color:${C.text}">${escapeHtml(v.title)}</h1><div style="font-size:14px;font-weight:600">${escapeHtml(v.week)} ${badges}</div><div style="font-size:11px;color:${C.muted};margin-top:4px">${escapeHtml(v.generated)}</div></td></tr>
${notes}${kpis}
<tr><td style="padding:14px 24px 6px" id="section-actions"><h2 style="font-size:16px;margin:0 0 4px">${escapeHtml(v.actionsTitle)}</h2>${actions}</td></tr>
${v.sections.map((s) => renderSection(s, v.noneLabel, v.moreLabel)).join('\n')}
<tr><td style="padding:14px 24px 20px;border-top:1px solid ${C.line};font-size:11px;color:${C.muted}">${escapeHtml(v.footer)}</td></tr>
</table></td></tr></table>
</body></html>
`;
}
