// Price history as a step chart in plain SVG, Keepa style: a value holds from one change point to
// the next. Their price (filled beneath), their effective price, our price as a second line,
// promotion periods shaded, a price axis on the right and dates below.
import type { ChangePoint, HistorySeries, Money } from '../lib/api-types.ts';
import { formatMoney } from '../lib/format.ts';
import type { Translate } from '../lib/i18n.ts';
import type { Language } from '../lib/settings.ts';

/** Promotions that do not change what one unit costs would shade the whole chart: they are listed, not drawn. */
const NOT_SHADED = new Set(['free_shipping', 'gift', 'points']);

const W = 316;
const H = 132;
/** Room for the price labels on the right and the dates below. */
const PAD = { left: 2, right: 50, top: 8, bottom: 16 };
const GRID_LINES = 3;

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

/** The area under each run of contiguous segments, down to the chart's floor. */
function areaPath(segs: Segment[], x: (ms: number) => number, y: (v: number) => number, floor: number): string {
  let d = '';
  let open = false;
  segs.forEach((s, i) => {
    d += open ? ` V${y(s.value).toFixed(1)}` : ` M${x(s.from).toFixed(1)},${floor.toFixed(1)} V${y(s.value).toFixed(1)}`;
    d += ` H${x(s.to).toFixed(1)}`;
    open = segs[i + 1]?.from === s.to;
    if (!open) d += ` V${floor.toFixed(1)} Z`;
  });
  return d.trim();
}

export function PriceChart({ series, language, t }: Props) {
  const fromMs = Date.parse(series.from);
  const toMs = Date.parse(series.to);
  const theirs = segments(series.price, fromMs, toMs);
  const effective = segments(series.effectivePrice, fromMs, toMs);
  const ours = segments(series.ours, fromMs, toMs);
  const shaded = series.promotionPeriods.filter((p) => !NOT_SHADED.has(p.promotion.type));
  if (theirs.length === 0) return <p className="rw-muted" data-testid="rw-chart-empty">{t('noHistory')}</p>;
  // The effective price only earns a line where it differs from the selling price.
  const effectiveDiffers = effective.some((e) => theirs.some((s) => s.from < e.to && e.from < s.to && s.value !== e.value));
  const values = [...theirs, ...(effectiveDiffers ? effective : []), ...ours].map((s) => s.value);
  const currency = series.price.find((p) => p.value)?.value?.currency ?? 'USD';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const margin = (max - min || Math.max(1, max * 0.1)) * 0.12;
  const low = Math.max(0, min - margin);
  const high = max + margin;
  const plotW = W - PAD.left - PAD.right;
  const floor = H - PAD.bottom;
  const x = (ms: number) => PAD.left + ((ms - fromMs) / (toMs - fromMs)) * plotW;
  const y = (v: number) => PAD.top + (1 - (v - low) / (high - low)) * (floor - PAD.top);
  const grid = Array.from({ length: GRID_LINES }, (_, i) => min + ((max - min) * i) / Math.max(1, GRID_LINES - 1));
  const dateFormat = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
  const dates = [fromMs, (fromMs + toMs) / 2, toMs];
  const last = theirs[theirs.length - 1];
  return (
    <figure className="rw-chart" data-testid="rw-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('history')}>
        {shaded.map((p, i) => {
          const a = x(Math.max(Date.parse(p.from), fromMs));
          const b = x(Math.min(p.to ? Date.parse(p.to) : toMs, toMs));
          return (
            <rect key={i} x={a} y={PAD.top} width={Math.max(1, b - a)} height={floor - PAD.top} className="rw-chart-promo" data-testid="rw-chart-promo">
              <title>{p.promotion.text}</title>
            </rect>
          );
        })}
        {(max === min ? [min] : grid).map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="rw-chart-grid" />
            <text x={W - PAD.right + 4} y={y(v) + 3} className="rw-chart-axis">
              {formatMoney({ amountMinor: Math.round(v), currency }, language)}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={floor} y2={floor} className="rw-chart-baseline" />
        {dates.map((ms, i) => (
          <text key={ms} x={x(ms)} y={H - 4} textAnchor={i === 0 ? 'start' : i === dates.length - 1 ? 'end' : 'middle'} className="rw-chart-axis">
            {dateFormat.format(new Date(ms))}
          </text>
        ))}
        <path d={areaPath(theirs, x, y, floor)} className="rw-area-theirs" />
        <path d={stepPath(ours, x, y)} className="rw-line-ours" data-testid="rw-line-ours" />
        {effectiveDiffers && <path d={stepPath(effective, x, y)} className="rw-line-effective" />}
        <path d={stepPath(theirs, x, y)} className="rw-line-theirs" data-testid="rw-line-theirs" />
        <circle cx={x(last.to)} cy={y(last.value)} r={2.5} className="rw-dot-theirs" />
      </svg>
      <figcaption className="rw-legend">
        <span className="rw-key rw-key-theirs">{t('legendTheirs')}</span>
        {effectiveDiffers && <span className="rw-key rw-key-effective">{t('legendEffective')}</span>}
        {ours.length > 0 && <span className="rw-key rw-key-ours">{t('legendOurs')}</span>}
        {shaded.length > 0 && <span className="rw-key rw-key-promo">{t('legendPromotion')}</span>}
      </figcaption>
    </figure>
  );
}
