// One week's digest: the week and how it compares, notes (campaign weeks, partial weeks), the
// headline figures, the recommended actions with links to their evidence, then the sections.
import type { Digest } from '../../lib/digest-types.ts';
import { actionText, noteText, weekTitle, type DigestKit } from '../../lib/digest-text.ts';
import { DigestSections, evidenceIds } from './DigestSections.tsx';
import { evidenceAnchor } from './Table.tsx';

interface Kpi {
  id: string;
  label: string;
  value: string;
  detail: string;
  warn?: boolean;
}

function kpis(d: Digest, k: DigestKit): Kpi[] {
  const { t, fmt } = k;
  const idx = d.priceIndex.overall;
  const readShare = d.summary.listings ? Math.round((d.summary.read / d.summary.listings) * 100) : 0;
  const ratingDrops = d.reviews.byCompetitor.reduce((n, c) => n + c.ratingDrops, 0);
  return [
    { id: 'index', label: t('kpi.index'), value: fmt.number(idx.index), detail: `${t('col.wow')} ${fmt.signed(idx.change)} · ${t('col.yoy')} ${fmt.signed(idx.yearOverYear)}` },
    { id: 'read', label: t('kpi.read'), value: `${d.summary.read}/${d.summary.listings}`, detail: `${readShare}%`, warn: readShare < 80 },
    {
      id: 'undercuts',
      label: t('kpi.undercuts'),
      value: String(new Set(d.undercuts.items.map((u) => u.ref.sku)).size),
      detail: t('kpiNew', { n: d.undercuts.items.filter((u) => u.newThisWeek).length }),
    },
    { id: 'promotions', label: t('kpi.promotions'), value: `${d.promotions.started.length} / ${d.promotions.ended.length}`, detail: t('kpiRunning', { n: d.promotions.running.length }) },
    { id: 'stock-outs', label: t('kpi.stockOuts'), value: String(d.stock.wentOut.length), detail: t('kpiReturned', { n: d.stock.returned.length }) },
    { id: 'reviews', label: t('kpi.reviews'), value: String(ratingDrops), detail: t('kpiSpikes', { n: d.reviews.changes.filter((r) => r.spike).length }) },
  ];
}

function showEvidence(id: string) {
  const row = document.getElementById(evidenceAnchor(id));
  if (!row) return;
  row.scrollIntoView({ behavior: 'smooth', block: 'center' });
  row.classList.add('rw-flash');
  setTimeout(() => row.classList.remove('rw-flash'), 1600);
}

export function DigestView({ digest: d, k }: { digest: Digest; k: DigestKit }) {
  const { t, fmt } = k;
  const shown = evidenceIds(d);
  const evidence = new Map(d.actions.map((a) => [a.id, a.evidence.filter((id) => shown.has(id))]));
  const cited = new Set([...evidence.values()].flat());
  return (
    <article className="rw-digest" data-testid="rw-digest" data-week={d.period.week}>
      <header className="rw-digest-head">
        <p className="rw-shop">{d.shop}</p>
        <h1>{t('title')}</h1>
        <p className="rw-week-title" data-testid="rw-week-title">
          {weekTitle(k, d)}
        </p>
        <p className="rw-muted rw-small">{t('generated', { at: fmt.dateTime(d.generatedAt), tz: d.timeZone, previous: d.previous.week, yearAgo: d.yearAgo.week })}</p>
      </header>

      {d.notes.length > 0 && (
        <div className="rw-notes" data-testid="rw-notes">
          {d.notes.map((n, i) => (
            <p key={i}>{noteText(k, n)}</p>
          ))}
        </div>
      )}

      <div className="rw-kpis" data-testid="rw-kpis">
        {kpis(d, k).map((x) => (
          <div key={x.id} className={x.warn ? 'rw-kpi rw-kpi-warn' : 'rw-kpi'} data-testid={`rw-kpi-${x.id}`}>
            <div className="rw-kpi-label">{x.label}</div>
            <div className="rw-kpi-value" data-testid="rw-kpi-value">{x.value}</div>
            <div className="rw-kpi-detail">{x.detail}</div>
          </div>
        ))}
      </div>

      <section className="rw-digest-section" data-testid="rw-section-actions">
        <h2>{t('section.actions')}</h2>
        {d.actions.length === 0 ? (
          <p className="rw-muted">{t('none')}</p>
        ) : (
          <ol className="rw-actions">
            {d.actions.map((a) => (
              <li key={a.id} data-testid="rw-action" data-kind={a.kind}>
                {actionText(k, a)}{' '}
                {(evidence.get(a.id) ?? []).length > 0 && (
                  <span className="rw-evidence">
                    {t('evidence')}
                    {(evidence.get(a.id) ?? []).map((id, i) => (
                      <a
                        key={id}
                        href={`#${evidenceAnchor(id)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          showEvidence(id);
                        }}
                      >
                        {i + 1}
                      </a>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <DigestSections digest={d} k={k} cited={cited} />
    </article>
  );
}
