// The digest's tables as CSV. One file with one section per table, because the API and the CLI
// hand out one document per request: each section is a line "# table: NAME", a header row, the
// rows and a blank line. RFC 4180 quoting; money as exact decimals in major units beside a
// currency column; scraped text that starts like a spreadsheet formula is prefixed with "'".
// A UTF-8 byte-order mark comes first so spreadsheet programs read Chinese text correctly.
import type { Money } from '../../../store/model.ts';
import type { Language } from '../config.ts';
import type { Digest, IndexFigure, ListingRef } from '../types.ts';
import { actionText, textKit } from './text.ts';

export type CsvValue = string | number | boolean | null;

export interface CsvTable {
  name: string;
  columns: string[];
  rows: CsvValue[][];
}

const digits = new Map<string, number>();

/** 129900 CNY → "1299.00": exact, from the integer minor units. */
export function decimal(m: Money | null | undefined): string | null {
  if (!m) return null;
  let d = digits.get(m.currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(m.currency, d);
  }
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(m.amountMinor)).padStart(d + 1, '0');
  return d === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -d)}.${abs.slice(-d)}`;
}

const refCols = ['listing_id', 'competitor', 'sku', 'product'];
const refVals = (r: ListingRef): CsvValue[] => [r.listingId, r.competitor, r.sku, r.product];

function indexRow(scope: string, name: string, competitor: string, f: IndexFigure): CsvValue[] {
  return [scope, name, competitor, f.index, f.previous, f.yearAgo, f.change, f.yearOverYear, f.matchedSkus];
}

/** Every table of the digest with raw values (the CSV, and tests that read the tables). */
export function digestTables(d: Digest, lang: Language = 'en'): CsvTable[] {
  const k = textKit(d, lang);
  const cur = d.currency;
  return [
    {
      name: 'actions',
      columns: ['rank', 'id', 'kind', 'score', 'competitor', 'products', 'evidence', 'text'],
      rows: d.actions.map((a, i) => [i + 1, a.id, a.kind, a.score, a.competitor, a.products.join('; '), a.evidence.join(' '), actionText(k, a)]),
    },
    {
      name: 'price_index',
      columns: ['scope', 'name', 'competitor', 'index', 'previous', 'year_ago', 'change', 'year_over_year', 'matched_skus'],
      rows: [
        indexRow('overall', '', '', d.priceIndex.overall),
        ...d.priceIndex.byCompetitor.map((c) => indexRow('overall', '', c.competitor, c)),
        ...d.segments.flatMap((g) => [indexRow(g.kind, g.name, '', g.priceIndex), ...g.byCompetitor.map((c) => indexRow(g.kind, g.name, c.competitor, c))]),
      ],
    },
    {
      name: 'competitor_prices',
      columns: ['competitor', 'priced', 'average', 'previous_average', 'year_ago_average', 'minimum', 'minimum_listing_id', 'like_for_like_pct', 'like_for_like_year_pct', 'changed', 'drops', 'rises', 'currency'],
      rows: d.prices.byCompetitor.map((c) => [
        c.competitor, c.priced, decimal(c.average), decimal(c.previousAverage), decimal(c.yearAgoAverage), decimal(c.minimum?.price),
        c.minimum?.listingId ?? null, c.likeForLikePct, c.likeForLikeYearPct, c.changed, c.drops, c.rises, cur,
      ]),
    },
    {
      name: 'price_movements',
      columns: ['evidence_id', ...refCols, 'from', 'to', 'currency', 'change_pct', 'changes', 'ours', 'url'],
      rows: d.prices.movements.map((m) => [m.id, ...refVals(m.ref), decimal(m.from), decimal(m.to), m.to.currency, m.changePct, m.changes, decimal(m.ours), m.ref.url]),
    },
    {
      name: 'promotions',
      columns: ['evidence_id', 'event', ...refCols, 'type', 'text', 'depth_pct', 'at', 'ends_at', 'campaigns'],
      rows: (['started', 'ended', 'running'] as const).flatMap((event) =>
        d.promotions[event].map((p) => [p.id, event, ...refVals(p.ref), p.type, p.text, p.depthPct, p.at, p.endsAt, p.campaigns.join(' ')]),
      ),
    },
    {
      name: 'promotion_types',
      columns: ['type', 'started', 'ended', 'running', 'average_depth_pct', 'max_depth_pct'],
      rows: d.promotions.byType.map((t) => [t.type, t.started, t.ended, t.running, t.averageDepthPct, t.maxDepthPct]),
    },
    {
      name: 'discount_claims',
      columns: ['evidence_id', ...refCols, 'was', 'price', 'claimed_pct', 'low_30d', 'real_pct', 'claim_since', 'days_covered', 'currency'],
      rows: d.discounts.misleading.map((c) => [c.id, ...refVals(c.ref), decimal(c.wasPrice), decimal(c.price), c.claimedPct, decimal(c.low30), c.realPct, c.claimSince, c.daysCovered, c.price.currency]),
    },
    {
      name: 'undercuts',
      columns: ['evidence_id', ...refCols, 'theirs', 'ours', 'gap', 'gap_pct', 'since', 'since_first_reading', 'new_this_week', 'currency', 'theirs_listed', 'listed_currency'],
      rows: d.undercuts.items.map((u) => [
        u.id, ...refVals(u.ref), decimal(u.theirs), decimal(u.ours), decimal(u.gap), u.gapPct, u.since, u.sinceFirstReading, u.newThisWeek, cur, decimal(u.theirsListed), u.theirsListed.currency,
      ]),
    },
    {
      name: 'stock',
      columns: ['evidence_id', 'event', ...refCols, 'at', 'ours'],
      rows: ([['went_out', d.stock.wentOut], ['returned', d.stock.returned], ['out', d.stock.out]] as const).flatMap(([event, list]) =>
        list.map((s) => [s.id, event, ...refVals(s.ref), s.at, s.ours]),
      ),
    },
    {
      name: 'reviews',
      columns: ['evidence_id', ...refCols, 'rating', 'previous_rating', 'rating_change', 'review_count', 'new_reviews', 'positive_rate', 'positive_rate_change', 'new_negative', 'new_reviews_rating', 'spike'],
      rows: d.reviews.changes.map((r) => [
        r.id, ...refVals(r.ref), r.rating, r.previousRating, r.ratingChange, r.reviewCount, r.newReviews, r.positiveRate, r.positiveRateChange, r.newNegative, r.newReviewsRating, r.spike,
      ]),
    },
    {
      name: 'assortment',
      columns: ['event', ...refCols, 'title', 'at', 'url'],
      rows: [
        ...d.assortment.added.map((r) => ['added', ...refVals(r), r.title, null, r.url]),
        ...d.assortment.gone.map((r) => ['gone', ...refVals(r), r.title, r.at, r.url]),
      ],
    },
    {
      name: 'coverage',
      columns: ['competitor', 'listings', 'read', 'not_read', 'with_failures'],
      rows: d.dataQuality.coverage.map((c) => [c.competitor, c.listings, c.read, c.notRead, c.withFailures]),
    },
    {
      name: 'not_read',
      columns: ['evidence_id', ...refCols, 'reason', 'failure_kind', 'failure_reason', 'failures', 'last_ok_at'],
      rows: d.dataQuality.notRead.map((n) => [n.id, ...refVals(n.ref), n.reason, n.failureKind, n.failureReason, n.failures, n.lastOkAt]),
    },
  ];
}

/** First characters that make a spreadsheet read a cell as a formula: = + - @ tab CR. */
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);

function field(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A character code test first: the digest's CSV has hundreds of thousands of cells.
  const s = FORMULA_START.has(v.charCodeAt(0)) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvOf(t: CsvTable): string {
  return [t.columns, ...t.rows].map((row) => row.map(field).join(',')).join('\r\n');
}

export function renderCsv(d: Digest, lang: Language = 'en'): string {
  return '\uFEFF' + digestTables(d, lang).map((t) => `# table: ${t.name}\r\n${csvOf(t)}\r\n`).join('\r\n');
}
