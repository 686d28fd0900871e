// The digest's sections as tables: price index per competitor, the biggest moves, promotions
// started and ended, discount honesty, undercuts, stock-outs, review moves and data quality.
// Every row names our product and links to the competitor's page; scraped text stays text.
import type { ReactNode } from 'react';
import { labelOf } from '../../lib/digest-i18n.ts';
import type { Digest, IndexFigure, PriceMove, PromotionEvent, StockEvent } from '../../lib/digest-types.ts';
import { reasonText, sinceText, type DigestKit } from '../../lib/digest-text.ts';
import { Change, ProductLink, Sparkline, Table, type TableRow } from './Table.tsx';

interface Props {
  digest: Digest;
  k: DigestKit;
  cited: ReadonlySet<string>;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section className="rw-digest-section" data-testid={`rw-section-${id}`}>
      <h2>{title}</h2>
      {intro && <p className="rw-intro">{intro}</p>}
      {children}
    </section>
  );
}

function IndexSection({ digest: d, k, cited }: Props) {
  const { t, fmt } = k;
  const marks = d.trendCampaigns.map((c) => c.length > 0);
  const row = (id: string | undefined, name: string, f: IndexFigure): TableRow => ({
    id,
    cells: [
      name,
      <strong data-testid="rw-index-value">{fmt.number(f.index)}</strong>,
      <Change value={f.change} text={fmt.signed(f.change)} goodWhenDown />,
      <Change value={f.yearOverYear} text={fmt.signed(f.yearOverYear)} goodWhenDown />,
      String(f.matchedSkus),
      <Sparkline values={f.trend} marks={marks} label={`${t('col.trend')}: ${name}`} />,
    ],
  });
  const rows = [row('index:overall', t('overall'), d.priceIndex.overall), ...d.priceIndex.byCompetitor.map((c) => row(`index:${c.competitor}`, c.competitor, c))];
  return (
    <Section id="index" title={t('section.index')} intro={t('intro.index')}>
      <Table
        testId="rw-index"
        t={t}
        cited={cited}
        rows={rows}
        columns={[{ label: t('col.competitor') }, { label: t('col.index'), numeric: true }, { label: t('col.wow'), numeric: true }, { label: t('col.yoy'), numeric: true }, { label: t('col.skus'), numeric: true }, { label: t('col.trend') }]}
      />
    </Section>
  );
}

function moveRows(moves: PriceMove[], k: DigestKit): TableRow[] {
  return moves.map((m) => ({
    id: m.id,
    cells: [<ProductLink refTo={m.ref} />, m.ref.competitor, k.fmt.money(m.from), k.fmt.money(m.to), <Change value={m.changePct} text={k.fmt.signedPct(m.changePct)} goodWhenDown={false} />, k.fmt.money(m.ours)],
  }));
}

function promotionRows(events: PromotionEvent[], k: DigestKit): TableRow[] {
  return events.map((e) => ({
    id: e.id,
    cells: [
      <ProductLink refTo={e.ref} />,
      e.ref.competitor,
      <>
        <span className="rw-tag">{labelOf(k.t, 'promotion', e.type)}</span> {e.text}
      </>,
      k.fmt.pct(e.depthPct),
      k.fmt.day(e.at),
    ],
  }));
}

function stockRows(events: StockEvent[], k: DigestKit): TableRow[] {
  return events.map((e) => ({
    id: e.id,
    cells: [<ProductLink refTo={e.ref} />, e.ref.competitor, k.fmt.day(e.at), e.ours ? labelOf(k.t, 'availability', e.ours) : '–'],
  }));
}

/** Ids of the rows these sections show: the evidence an action can link to. */
export function evidenceIds(d: Digest): Set<string> {
  const items = [
    ...d.prices.drops,
    ...d.prices.rises,
    ...d.promotions.started,
    ...d.promotions.ended,
    ...(d.discounts.checked > 0 ? d.discounts.misleading : []),
    ...d.undercuts.items,
    ...d.stock.wentOut,
    ...d.stock.returned,
    ...d.stock.out,
    ...d.reviews.changes,
    ...d.dataQuality.notRead,
  ];
  return new Set(['index:overall', ...d.priceIndex.byCompetitor.map((c) => `index:${c.competitor}`), ...items.map((i) => i.id)]);
}

export function DigestSections({ digest: d, k, cited }: Props) {
  const { t, fmt } = k;
  const moveColumns = [{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.from'), numeric: true }, { label: t('col.to'), numeric: true }, { label: t('col.change'), numeric: true }, { label: t('col.ours'), numeric: true }];
  const promotionColumns = [{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.promotion') }, { label: t('col.depth'), numeric: true }, { label: t('col.at') }];
  const stockColumns = [{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.at') }, { label: t('col.ours') }];
  return (
    <>
      <IndexSection digest={d} k={k} cited={cited} />

      <Section id="moves" title={`${t('section.drops')} · ${t('section.rises')}`}>
        <Table testId="rw-drops" title={t('section.drops')} t={t} cited={cited} rows={moveRows(d.prices.drops, k)} columns={moveColumns} />
        <Table testId="rw-rises" title={t('section.rises')} t={t} cited={cited} rows={moveRows(d.prices.rises, k)} columns={moveColumns} />
      </Section>

      <Section id="promotions" title={`${t('section.promotionsStarted')} · ${t('section.promotionsEnded')}`}>
        <Table testId="rw-promotions-started" title={t('section.promotionsStarted')} t={t} cited={cited} rows={promotionRows(d.promotions.started, k)} columns={promotionColumns} />
        <Table testId="rw-promotions-ended" title={t('section.promotionsEnded')} t={t} cited={cited} rows={promotionRows(d.promotions.ended, k)} columns={promotionColumns} />
      </Section>

      {d.discounts.checked > 0 && (
        <Section id="discounts" title={t('section.discounts')} intro={t('intro.discounts')}>
          <p className="rw-muted">{t('claimChecked', { checked: d.discounts.checked, unverifiable: d.discounts.unverifiable })}</p>
          <Table
            testId="rw-discounts"
            t={t}
            cited={cited}
            rows={d.discounts.misleading.map((c) => ({
              id: c.id,
              cells: [<ProductLink refTo={c.ref} />, c.ref.competitor, fmt.money(c.wasPrice), fmt.money(c.price), fmt.pct(c.claimedPct), fmt.money(c.low30), <span className="rw-bad">{fmt.pct(c.realPct)}</span>, fmt.day(c.claimSince)],
            }))}
            columns={[{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.was'), numeric: true }, { label: t('col.price'), numeric: true }, { label: t('col.claimed'), numeric: true }, { label: t('col.low30'), numeric: true }, { label: t('col.real'), numeric: true }, { label: t('col.since') }]}
          />
        </Section>
      )}

      <Section id="undercuts" title={t('section.undercuts')} intro={t('intro.undercuts')}>
        <Table
          testId="rw-undercuts"
          t={t}
          cited={cited}
          rows={d.undercuts.items.map((u) => ({
            id: u.id,
            cells: [
              <ProductLink refTo={u.ref} />,
              u.ref.competitor,
              u.theirsListed.currency === u.theirs.currency ? fmt.money(u.theirs) : `${fmt.money(u.theirsListed)} ≈ ${fmt.money(u.theirs)}`,
              fmt.money(u.ours),
              <span className="rw-bad">−{fmt.pct(u.gapPct)}</span>,
              <>
                {sinceText(k, u.since, u.sinceFirstReading)} {u.newThisWeek && <span className="rw-tag rw-tag-new">{t('newUndercut')}</span>}
              </>,
            ],
          }))}
          columns={[{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.theirs'), numeric: true }, { label: t('col.ours'), numeric: true }, { label: t('col.gap'), numeric: true }, { label: t('col.since') }]}
        />
      </Section>

      <Section id="stock" title={t('section.stock')}>
        <Table testId="rw-stock-out" title={t('stockWentOut')} t={t} cited={cited} rows={stockRows(d.stock.wentOut, k)} columns={stockColumns} />
        <Table testId="rw-stock-returned" title={t('stockReturned')} t={t} cited={cited} rows={stockRows(d.stock.returned, k)} columns={stockColumns} />
        <Table testId="rw-stock-still-out" title={t('stockStillOut')} t={t} cited={cited} rows={stockRows(d.stock.out, k)} columns={stockColumns} />
      </Section>

      <Section id="reviews" title={t('section.reviews')} intro={t('intro.reviews')}>
        <Table
          testId="rw-reviews"
          t={t}
          cited={cited}
          rows={d.reviews.changes.map((r) => ({
            id: r.id,
            tone: r.spike ? 'warn' : undefined,
            cells: [
              <ProductLink refTo={r.ref} />,
              r.ref.competitor,
              `${fmt.number(r.previousRating)} → ${fmt.number(r.rating)}`,
              <Change value={r.ratingChange} text={fmt.signed(r.ratingChange)} goodWhenDown />,
              fmt.number(r.newReviews),
              fmt.pct(r.positiveRate),
              <>
                {fmt.number(r.newNegative)} {r.spike && <span className="rw-tag rw-tag-warn">{t('spike')}</span>}
              </>,
            ],
          }))}
          columns={[{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.rating'), numeric: true }, { label: t('col.change'), numeric: true }, { label: t('col.newReviews'), numeric: true }, { label: t('col.positiveRate'), numeric: true }, { label: t('col.newNegative'), numeric: true }]}
        />
      </Section>

      <Section id="quality" title={t('section.quality')} intro={t('intro.quality')}>
        <Table
          testId="rw-coverage"
          t={t}
          cited={cited}
          rows={d.dataQuality.coverage.map((c) => ({
            tone: c.notRead > 0 ? 'warn' : undefined,
            cells: [c.competitor, String(c.listings), String(c.read), String(c.notRead), String(c.withFailures)],
          }))}
          columns={[{ label: t('col.competitor') }, { label: t('col.listings'), numeric: true }, { label: t('col.read'), numeric: true }, { label: t('col.notRead'), numeric: true }, { label: t('col.withFailures'), numeric: true }]}
        />
        {d.dataQuality.notRead.length > 0 && (
          <Table
            testId="rw-not-read"
            t={t}
            cited={cited}
            rows={d.dataQuality.notRead.map((n) => ({
              id: n.id,
              cells: [<ProductLink refTo={n.ref} />, n.ref.competitor, n.failureKind ? `${reasonText(k, n.failureKind)} × ${n.failures}: ${n.failureReason ?? ''}` : reasonText(k, n.reason), fmt.day(n.lastOkAt)],
            }))}
            columns={[{ label: t('col.product') }, { label: t('col.competitor') }, { label: t('col.reason') }, { label: t('col.lastRead') }]}
          />
        )}
      </Section>
    </>
  );
}
