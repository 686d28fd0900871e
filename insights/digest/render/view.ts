// The digest laid out for reading: sections of tables of formatted cells, in one language. The
// HTML and Markdown renderers draw the same view, so both always show the same figures.
import type { Digest, ListingRef } from '../types.ts';
import type { Language } from '../config.ts';
import { pct as pctChange } from '../series.ts';
import { actionText, generatedLine, noteText, textKit, weekTitle, campaignName, type TextKit } from './text.ts';
import { buildSections } from './sections.ts';

export type Tone = 'up' | 'down' | 'muted' | 'warn';

export interface Cell {
  text: string;
  /** Link to the competitor's product page (http/https only). */
  href?: string | null;
  tone?: Tone;
  /** A sparkline of these values (nulls are gaps). */
  spark?: (number | null)[];
  /** Positions of the sparkline that fall in campaign weeks. */
  sparkMarks?: boolean[];
  /** A horizontal bar: `value` on a scale from 0 to `max`, with a reference line at `center`. */
  bar?: { value: number; max: number; center?: number };
  numeric?: boolean;
}

export interface Row {
  /** Evidence id: actions link to the row carrying it. */
  id?: string;
  cells: Cell[];
}

export interface ViewTable {
  title?: string;
  columns: string[];
  rows: Row[];
  /** Rows left out of the view (all are in the JSON and CSV). */
  more: number;
}

export interface ViewSection {
  key: string;
  title: string;
  intro?: string;
  lines: string[];
  tables: ViewTable[];
}

export interface Kpi {
  label: string;
  value: string;
  detail: string;
  tone?: Tone;
}

export interface DigestView {
  lang: Language;
  title: string;
  shop: string;
  week: string;
  generated: string;
  campaigns: string[];
  notes: string[];
  kpis: Kpi[];
  actionsTitle: string;
  actions: { text: string; evidence: string[] }[];
  sections: ViewSection[];
  footer: string;
  evidenceLabel: (n: number) => string;
  moreLabel: (n: number) => string;
  noneLabel: string;
}

/** Rows shown per table; the rows that actions cite are always kept. */
export const ROW_LIMIT = 15;

export function productCell(ref: ListingRef): Cell {
  return { text: ref.product, href: /^https?:\/\//i.test(ref.url) ? ref.url : null };
}

export function changeCell(k: TextKit, x: number | null, signedPct = true): Cell {
  return { text: signedPct ? k.fmt.signedPct(x) : k.fmt.signed(x), tone: x === null || x === 0 ? undefined : x > 0 ? 'up' : 'down', numeric: true };
}

export function buildView(digest: Digest, lang: Language): DigestView {
  const k = textKit(digest, lang);
  const { m, fmt } = k;
  const d = digest;
  const idx = d.priceIndex.overall;
  const started = d.promotions.started.length;
  const ended = d.promotions.ended.length;
  const read = d.summary.listings ? Math.round((d.summary.read / d.summary.listings) * 100) : 0;
  const underSkus = new Set(d.undercuts.items.map((u) => u.ref.sku)).size;
  const ratingDrops = d.reviews.byCompetitor.reduce((n, c) => n + c.ratingDrops, 0);
  const lower = (s: string) => s.toLocaleLowerCase(lang);
  return {
    lang,
    title: m.title,
    shop: d.shop,
    week: weekTitle(k, d),
    generated: generatedLine(k, d),
    campaigns: d.period.campaigns.map((c) => campaignName(k, c)),
    notes: d.notes.map((n) => noteText(k, n)),
    kpis: [
      { label: m.kpi.index, value: fmt.number(idx.index), detail: `${m.col.wow} ${fmt.signed(idx.change)} · ${m.col.yoy} ${fmt.signed(idx.yearOverYear)}` },
      { label: m.kpi.read, value: `${d.summary.read}/${d.summary.listings}`, detail: `${read}%`, tone: read < 80 ? 'warn' : undefined },
      { label: m.kpi.undercuts, value: String(underSkus), detail: `${d.undercuts.items.filter((u) => u.newThisWeek).length} ${lower(m.col.new)}` },
      { label: m.kpi.promotions, value: `${started} / ${ended}`, detail: `${d.promotions.running.length} ${lower(m.col.running)}` },
      { label: m.kpi.stockOuts, value: String(d.stock.wentOut.length), detail: `${d.stock.returned.length} ${lower(m.stockReturned)}` },
      { label: m.kpi.reviews, value: String(ratingDrops), detail: `${d.reviews.changes.filter((r) => r.spike).length} ${m.spike}` },
    ],
    actionsTitle: m.sections.actions,
    actions: d.actions.map((a) => ({ text: actionText(k, a), evidence: a.evidence })),
    sections: buildSections(k, d),
    footer: m.footer,
    evidenceLabel: (n) => m.evidenceLink.replace('{n}', String(n)),
    moreLabel: (n) => m.more.replace('{n}', String(n)),
    noneLabel: m.none,
  };
}

/** Percent change between two optional amounts, for "average price vs last week". */
export function changeBetween(from: number | null | undefined, to: number | null | undefined): number | null {
  return from == null || to == null || from === 0 ? null : pctChange(from, to);
}
