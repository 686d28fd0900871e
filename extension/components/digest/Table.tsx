// The digest page's building blocks: a table that shows its first rows (and every row an action
// cites) with "show all", links to competitors' product pages, and trend sparklines.
import { useState, type ReactNode } from 'react';
import type { DigestTranslate } from '../../lib/digest-i18n.ts';
import type { ListingRef } from '../../lib/digest-types.ts';
import { httpUrl } from '../../lib/protocol.ts';

/** Rows shown before "show all"; rows that an action cites are always shown. */
export const ROW_LIMIT = 10;

export interface Column {
  label: string;
  numeric?: boolean;
}

export interface TableRow {
  /** The evidence id of the item, so an action can point at it. */
  id?: string;
  cells: ReactNode[];
  tone?: 'warn';
}

interface TableProps {
  columns: Column[];
  rows: TableRow[];
  cited: ReadonlySet<string>;
  t: DigestTranslate;
  testId: string;
  title?: string;
}

export function evidenceAnchor(id: string): string {
  return `rw-ev-${id}`;
}

export function Table({ columns, rows, cited, t, testId, title }: TableProps) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.filter((r, i) => i < ROW_LIMIT || (r.id !== undefined && cited.has(r.id)));
  return (
    <div className="rw-table-block" data-testid={testId} data-rows={rows.length}>
      {title && <h3>{title}</h3>}
      {rows.length === 0 ? (
        <p className="rw-muted">{t('none')}</p>
      ) : (
        <table className="rw-table">
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} className={c.numeric ? 'rw-num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={r.id ?? i} id={r.id ? evidenceAnchor(r.id) : undefined} data-id={r.id} className={r.tone === 'warn' ? 'rw-row-warn' : undefined}>
                {r.cells.map((cell, j) => (
                  <td key={j} className={columns[j]?.numeric ? 'rw-num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > shown.length && (
        <button type="button" className="rw-link-button" onClick={() => setAll(true)} data-testid="rw-show-all">
          {t('showAll', { n: rows.length })}
        </button>
      )}
      {all && rows.length > ROW_LIMIT && (
        <button type="button" className="rw-link-button" onClick={() => setAll(false)}>
          {t('showFewer')}
        </button>
      )}
    </div>
  );
}

/** Our product's name, linking to the competitor's page (where the overlay shows its history). */
export function ProductLink({ refTo }: { refTo: ListingRef }) {
  const href = httpUrl(refTo.url);
  const label = (
    <>
      {refTo.product} <span className="rw-sku">{refTo.sku}</span>
    </>
  );
  return href ? (
    <a href={href} target="_blank" rel="noreferrer" title={refTo.title ?? undefined} data-testid="rw-product-link">
      {label}
    </a>
  ) : (
    <span title={refTo.title ?? undefined}>{label}</span>
  );
}

export function Change({ value, text, goodWhenDown = false }: { value: number | null; text: string; goodWhenDown?: boolean }) {
  const tone = value == null || value === 0 ? '' : (value < 0) === goodWhenDown ? 'rw-good' : 'rw-bad';
  return <span className={tone}>{text}</span>;
}

const SPARK_W = 96;
const SPARK_H = 24;

/** A small line of a weekly series; campaign weeks shaded so a campaign is not read as a trend. */
export function Sparkline({ values, marks, label }: { values: (number | null)[]; marks: boolean[]; label: string }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="rw-muted">–</span>;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? SPARK_W / (values.length - 1) : 0;
  const x = (i: number) => (values.length > 1 ? i * step : SPARK_W / 2);
  const y = (v: number) => 3 + (1 - (v - min) / span) * (SPARK_H - 6);
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${i > 0 && values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
  });
  const last = values.length - 1;
  return (
    <svg className="rw-spark" width={SPARK_W} height={SPARK_H} viewBox={`-2 0 ${SPARK_W + 4} ${SPARK_H}`} role="img" aria-label={label}>
      {marks.map((m, i) =>
        m ? <rect key={i} x={x(i) - step / 2} y={0} width={Math.max(step, 4)} height={SPARK_H} className="rw-spark-campaign" /> : null,
      )}
      <path d={d.trim()} className="rw-spark-line" />
      {values[last] !== null && <circle cx={x(last)} cy={y(values[last] as number)} r={2.2} className="rw-spark-dot" />}
    </svg>
  );
}
