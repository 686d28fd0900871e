// The sections of the digest view, in reading order: where we stand, what moved, what it means.
import type { Digest, IndexFigure, PriceMove, PromotionEvent, StockEvent } from '../types.ts';
import { fill } from './messages.ts';
import { reasonText, sinceText, type TextKit } from './text.ts';
import { ROW_LIMIT, changeBetween, changeCell, productCell, type Cell, type Row, type ViewSection, type ViewTable } from './view.ts';

/** A table of the first rows (and every row an action cites); cells are built for shown rows only. */
function table<T extends object>(columns: string[], items: readonly T[], toRow: (item: T) => Row, keep: ReadonlySet<string>, title?: string): ViewTable {
  const cited = (x: T) => 'id' in x && typeof x.id === 'string' && keep.has(x.id);
  const shown = items.filter((x, i) => i < ROW_LIMIT || cited(x));
  return { title, columns, rows: shown.map(toRow), more: items.length - shown.length };
}

const same = (r: Row) => r;

const num = (text: string): Cell => ({ text, numeric: true });

/** "98.4 → 104.6": the first and last known values of a trend (all of them are in the JSON and CSV). */
function trendText(values: readonly (number | null)[], show: (x: number) => string): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '–';
  return known.length === 1 ? show(known[0]) : `${show(known[0])} → ${show(known[known.length - 1])}`;
}

export function buildSections(k: TextKit, d: Digest): ViewSection[] {
  const { m, fmt } = k;
  const keep = new Set(d.actions.flatMap((a) => a.evidence));
  const sparkMarks = d.trendCampaigns.map((c) => c.length > 0);
  const money = fmt.money.bind(fmt);
  const indexMax = Math.max(150, ...d.priceIndex.byCompetitor.map((c) => c.index ?? 0), d.priceIndex.overall.index ?? 0);

  const indexRow = (name: string, f: IndexFigure, id?: string): Row => ({
    id,
    cells: [
      { text: name },
      { text: fmt.number(f.index), numeric: true, bar: f.index === null ? undefined : { value: f.index, max: indexMax, center: 100 } },
      changeCell(k, f.change, false),
      changeCell(k, f.yearOverYear, false),
      num(String(f.matchedSkus)),
      { text: trendText(f.trend, (x) => fmt.number(x)), spark: f.trend, sparkMarks },
    ],
  });
  const index: ViewSection = {
    key: 'index',
    title: m.sections.index,
    intro: m.intro.index,
    lines: [],
    tables: [
      table(
        [m.col.competitor, m.col.index, m.col.wow, m.col.yoy, m.col.matched, m.col.trend],
        [indexRow(m.overall, d.priceIndex.overall, 'index:overall'), ...d.priceIndex.byCompetitor.map((c) => indexRow(c.competitor, c))],
        same,
        keep,
      ),
    ],
  };

  const moveRow = (mv: PriceMove): Row => ({
    id: mv.id,
    cells: [productCell(mv.ref), { text: mv.ref.competitor }, num(money(mv.from)), num(money(mv.to)), changeCell(k, mv.changePct), num(money(mv.ours))],
  });
  const moveCols = [m.col.product, m.col.competitor, m.col.from, m.col.to, m.col.change, m.col.ours];
  const prices: ViewSection = {
    key: 'prices',
    title: m.sections.prices,
    intro: m.intro.prices,
    lines: [],
    tables: [
      table(
        [m.col.competitor, m.col.average, m.col.wow, m.col.yoy, m.col.minimum, m.col.likeForLike, `${m.col.drops} / ${m.col.rises}`, m.col.trend],
        d.prices.byCompetitor, (c) => ({
          cells: [
            { text: c.competitor },
            num(money(c.average)),
            changeCell(k, changeBetween(c.previousAverage?.amountMinor, c.average?.amountMinor)),
            changeCell(k, changeBetween(c.yearAgoAverage?.amountMinor, c.average?.amountMinor)),
            num(money(c.minimum?.price)),
            changeCell(k, c.likeForLikePct),
            num(`${c.drops} / ${c.rises}`),
            { text: trendText(c.trend, (x) => fmt.minor(x, d.currency)), spark: c.trend, sparkMarks },
          ],
        }),
        keep,
      ),
      table(moveCols, d.prices.drops, moveRow, keep, m.sections.drops),
      table(moveCols, d.prices.rises, moveRow, keep, m.sections.rises),
    ],
  };
  // Moves cited by actions but outside the top lists still need a row to link to.
  const cited = d.prices.movements.filter((mv) => keep.has(mv.id) && !d.prices.drops.includes(mv) && !d.prices.rises.includes(mv));
  if (cited.length) prices.tables[1].rows.push(...cited.map(moveRow));

  const promoRow = (p: PromotionEvent): Row => ({
    id: p.id,
    cells: [
      productCell(p.ref),
      { text: p.ref.competitor },
      { text: `${m.promotionTypes[p.type]}: ${p.text}` },
      num(fmt.pct(p.depthPct)),
      { text: fmt.day(p.at) + (p.campaigns.length ? ` · ${p.campaigns.map((c) => m.campaigns[c] ?? c).join(', ')}` : '') },
    ],
  });
  const promoCols = [m.col.product, m.col.competitor, m.col.promotion, m.col.depth, m.col.at];
  const maxCount = Math.max(1, ...d.promotions.byType.map((t) => t.running + t.started));
  const promotions: ViewSection = {
    key: 'promotions',
    title: m.sections.promotions,
    lines: [],
    tables: [
      table(
        [m.col.type, m.col.started, m.col.ended, m.col.running, m.col.depth, m.col.maxDepth],
        d.promotions.byType, (t) => ({
          cells: [
            { text: m.promotionTypes[t.type] },
            num(String(t.started)),
            num(String(t.ended)),
            { text: String(t.running), numeric: true, bar: { value: t.running, max: maxCount } },
            num(fmt.pct(t.averageDepthPct)),
            num(fmt.pct(t.maxDepthPct)),
          ],
        }),
        keep,
      ),
      table(
        [m.col.competitor, m.col.started, m.col.ended, m.col.running],
        d.promotions.byCompetitor, (c) => ({
          cells: [{ text: c.competitor }, num(`${c.started} (${m.col.wow} ${fmt.signed(c.started - c.previousStarted)})`), num(String(c.ended)), num(String(c.running))],
        }),
        keep,
      ),
      table(promoCols, d.promotions.started, promoRow, keep, m.sections.promotionsStarted),
      table(promoCols, d.promotions.ended, promoRow, keep, m.sections.promotionsEnded),
    ],
  };

  const discounts: ViewSection = {
    key: 'discounts',
    title: m.sections.discounts,
    intro: m.intro.discounts,
    lines: [fill(m.claimChecked, { checked: d.discounts.checked, unverifiable: d.discounts.unverifiable })],
    tables: [
      table(
        [m.col.product, m.col.competitor, m.col.was, m.col.price, m.col.claimed, m.col.low30, m.col.real, m.col.since],
        d.discounts.misleading, (c) => ({
          id: c.id,
          cells: [
            productCell(c.ref),
            { text: c.ref.competitor },
            num(money(c.wasPrice)),
            num(money(c.price)),
            num(fmt.pct(c.claimedPct)),
            num(money(c.low30)),
            { text: fmt.pct(c.realPct), numeric: true, tone: 'warn' },
            { text: fmt.day(c.claimSince) },
          ],
        }),
        keep,
      ),
    ],
  };

  const undercuts: ViewSection = {
    key: 'undercuts',
    title: m.sections.undercuts,
    intro: m.intro.undercuts,
    lines: [],
    tables: [
      table(
        [m.col.competitor, m.col.skus, m.col.gap, m.col.maxGap, m.col.since, m.col.new],
        d.undercuts.byCompetitor, (c) => ({
          cells: [{ text: c.competitor }, num(String(c.skus)), num(fmt.pct(c.averageGapPct)), num(fmt.pct(c.maxGapPct)), { text: sinceText(k, c.since, c.sinceFirstReading) }, num(String(c.newThisWeek))],
        }),
        keep,
      ),
      table(
        [m.col.product, m.col.competitor, m.col.theirs, m.col.ours, m.col.gap, m.col.since],
        d.undercuts.items, (u) => ({
          id: u.id,
          cells: [
            productCell(u.ref),
            { text: u.ref.competitor },
            num(u.theirsListed.currency === u.theirs.currency ? money(u.theirs) : `${money(u.theirsListed)} ≈ ${money(u.theirs)}`),
            num(money(u.ours)),
            { text: `−${fmt.pct(u.gapPct)}`, numeric: true, tone: 'down' },
            { text: sinceText(k, u.since, u.sinceFirstReading) },
          ],
        }),
        keep,
      ),
    ],
  };

  const stockRow = (s: StockEvent): Row => ({
    id: s.id,
    cells: [productCell(s.ref), { text: s.ref.competitor }, { text: fmt.day(s.at) }, { text: s.ours ? m.availability[s.ours] : '–' }],
  });
  const stockCols = [m.col.product, m.col.competitor, m.col.at, m.col.ours];
  const stock: ViewSection = {
    key: 'stock',
    title: m.sections.stock,
    lines: [],
    tables: [
      table(stockCols, d.stock.wentOut, stockRow, keep, m.stockWentOut),
      table(stockCols, d.stock.returned, stockRow, keep, m.stockReturned),
      table(stockCols, d.stock.out, stockRow, keep, m.stockStillOut),
    ],
  };

  const reviews: ViewSection = {
    key: 'reviews',
    title: m.sections.reviews,
    intro: m.intro.reviews,
    lines: [],
    tables: [
      table(
        [m.col.competitor, m.col.rating, m.col.newReviews, m.kpi.reviews, m.col.spikes],
        d.reviews.byCompetitor, (c) => ({
          cells: [
            { text: c.competitor },
            num(`${fmt.number(c.previousAverageRating)} → ${fmt.number(c.averageRating)}`),
            num(String(c.newReviews)),
            num(String(c.ratingDrops)),
            num(String(c.spikes)),
          ],
        }),
        keep,
      ),
      table(
        [m.col.product, m.col.competitor, m.col.rating, m.col.change, m.col.newReviews, m.col.positiveRate, m.col.newNegative],
        d.reviews.changes, (r) => ({
          id: r.id,
          cells: [
            productCell(r.ref),
            { text: r.ref.competitor },
            num(`${fmt.number(r.previousRating)} → ${fmt.number(r.rating)}`),
            changeCell(k, r.ratingChange, false),
            num(fmt.number(r.newReviews)),
            num(r.positiveRate === null ? '–' : fmt.pct(Math.round(r.positiveRate * 1000) / 10)),
            { text: fmt.number(r.newNegative) + (r.spike ? ` · ${m.spike}` : ''), numeric: true, tone: r.spike ? 'warn' : undefined },
          ],
        }),
        keep,
      ),
    ],
  };

  const assortment: ViewSection = {
    key: 'assortment',
    title: m.sections.assortment,
    lines: [],
    tables: [
      table(
        [m.col.product, m.col.competitor, m.col.title],
        d.assortment.added, (r) => ({ cells: [productCell(r), { text: r.competitor }, { text: r.title ?? '–', tone: 'muted' }] }),
        keep,
        `${m.added} (${m.col.wow}: ${d.assortment.previousAdded} → ${d.assortment.added.length})`,
      ),
      table(
        [m.col.product, m.col.competitor, m.col.at],
        d.assortment.gone, (r) => ({ cells: [productCell(r), { text: r.competitor }, { text: fmt.day(r.at) }] }),
        keep,
        `${m.gone} (${m.col.wow}: ${d.assortment.previousGone} → ${d.assortment.gone.length})`,
      ),
    ],
  };

  const segments: ViewSection = {
    key: 'segments',
    title: m.sections.segments,
    lines: [],
    tables: [
      table(
        [m.col.segment, m.col.skus, m.col.index, m.col.wow, `${m.col.drops} / ${m.col.rises}`, m.col.undercuts, m.col.started, m.col.stockOuts],
        d.segments.map((g) => ({ ...g, id: `segment:${g.kind}:${g.name}` })),
        (g) => ({
          id: g.id,
          cells: [
            { text: `${g.kind === 'category' ? m.category : m.tag}: ${g.name}` },
            num(String(g.skus)),
            num(fmt.number(g.priceIndex.index)),
            changeCell(k, g.priceIndex.change, false),
            num(`${g.drops} / ${g.rises}`),
            num(String(g.undercuts)),
            num(String(g.promotionsStarted)),
            num(String(g.stockOuts)),
          ],
        }),
        keep,
      ),
    ],
  };

  const quality: ViewSection = {
    key: 'quality',
    title: m.sections.quality,
    intro: m.intro.quality,
    lines: [],
    tables: [
      table(
        [m.col.competitor, m.col.listings, m.col.read, m.col.notRead, m.col.withFailures],
        d.dataQuality.coverage, (c) => ({
          cells: [{ text: c.competitor }, num(String(c.listings)), num(String(c.read)), { text: String(c.notRead), numeric: true, tone: c.notRead ? 'warn' : undefined }, num(String(c.withFailures))],
        }),
        keep,
      ),
      table(
        [m.col.product, m.col.competitor, m.col.reason, m.col.lastRead],
        d.dataQuality.notRead, (n) => ({
          id: n.id,
          cells: [
            productCell(n.ref),
            { text: n.ref.competitor },
            { text: n.reason === 'failed' ? `${reasonText(k, n.failureKind)} × ${n.failures}: ${n.failureReason ?? ''}` : reasonText(k, n.reason) },
            { text: fmt.day(n.lastOkAt) },
          ],
        }),
        keep,
      ),
    ],
  };

  return [index, prices, promotions, discounts, undercuts, stock, reviews, assortment, segments, quality];
}
