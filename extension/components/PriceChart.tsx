// Price history as a step chart in plain SVG: their price, their effective price, our price as a
// second line, promotion periods shaded. Values hold from one change point to the next (Keepa style).
import type { ChangePoint, HistorySeries, Money } from '../lib/api-types';
import { formatMoney } from '../lib/format';
import type { Translate } from '../lib/i18n';
import type { Language } from '../lib/settings';

/** Promotions that do not change what one unit costs would shade the whole chart: they are listed, not drawn. */
const NOT_SHADED = new Set(['free_shipping', 'gift', 'points']);

const W = 320;
const H = 120;
const PAD = { left: 4, right: 4, top: 8, bottom: 14 };

interface Props {
  series: HistorySeries;
  language: Language;
  t: Translate;
}

interface Segment {
  from: number;
  to: number;
  value: number;
}

function segments(points: ChangePoint<Money | null>[], fromMs: number, toMs: number): Segment[] {
  const out: Segment[] = [];
  points.forEach((p, i) => {
    if (!p.value) return;
    const start = Math.max(Date.parse(p.at), fromMs);
    const end = Math.min(i + 1 < points.length ? Date.parse(points[i + 1].at) : toMs, toMs);
    if (end > start) out.push({ from: start, to: end, value: p.value.amountMinor });
  });
  return out;
}

function stepPath(segs: Segment[], x: (ms: number) => number, y: (v: number) => number): string {
  let d = '';
  let lastEnd: number | null = null;
  for (const s of segs) {
    d += lastEnd === s.from ? ` V${y(s.value).toFixed(1)}` : ` M${x(s.from).toFixed(1)},${y(s.value).toFixed(1)}`;
    d += ` H${x(s.to).toFixed(1)}`;
    lastEnd = s.to;
  }
  return d.trim();
}

export function PriceChart({ series, language, t }: Props) {
  const fromMs = Date.parse(series.from);
  const toMs = Date.parse(series.to);
  const theirs = segments(series.price, fromMs, toMs);
  const effective = segments(series.effectivePrice, fromMs, toMs);
  const ours = segments(series.ours, fromMs, toMs);
  const values = [...theirs, ...effective, ...ours].map((s) => s.value);
  const shaded = series.promotionPeriods.filter((p) => !NOT_SHADED.has(p.promotion.type));
  if (theirs.length === 0) return <p className="rw-muted" data-testid="rw-chart-empty">{t('noHistory')}</p>;
  const currency = series.price.find((p) => p.value)?.value?.currency ?? 'CNY';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.max(1, max * 0.1);
  const x = (ms: number) => PAD.left + ((ms - fromMs) / (toMs - fromMs)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min + span * 0.1) / (span * 1.2)) * (H - PAD.top - PAD.bottom);
  return (
    <figure className="rw-chart" data-testid="rw-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('history')}>
        {shaded.map((p, i) => {
          const a = x(Math.max(Date.parse(p.from), fromMs));
          const b = x(Math.min(p.to ? Date.parse(p.to) : toMs, toMs));
          return (
            <rect key={i} x={a} y={PAD.top} width={Math.max(1, b - a)} height={H - PAD.top - PAD.bottom} className="rw-chart-promo" data-testid="rw-chart-promo">
              <title>{p.promotion.text}</title>
            </rect>
          );
        })}
        <path d={stepPath(ours, x, y)} className="rw-line-ours" data-testid="rw-line-ours" />
        {effective.length > 0 && <path d={stepPath(effective, x, y)} className="rw-line-effective" />}
        <path d={stepPath(theirs, x, y)} className="rw-line-theirs" data-testid="rw-line-theirs" />
        <text x={PAD.left} y={H - 2} className="rw-chart-axis">{formatMoney({ amountMinor: min, currency }, language)}</text>
        <text x={W - PAD.right} y={H - 2} textAnchor="end" className="rw-chart-axis">{formatMoney({ amountMinor: max, currency }, language)}</text>
      </svg>
      <figcaption className="rw-legend">
        <span className="rw-key rw-key-theirs">{t('legendTheirs')}</span>
        {effective.length > 0 && <span className="rw-key rw-key-effective">{t('legendEffective')}</span>}
        {ours.length > 0 && <span className="rw-key rw-key-ours">{t('legendOurs')}</span>}
        {shaded.length > 0 && <span className="rw-key rw-key-promo">{t('legendPromotion')}</span>}
      </figcaption>
    </figure>
  );
}
