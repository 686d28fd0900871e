// The overlay body on a tracked page: this page's price now and as crawled, ours and the
// difference, the cheapest competitor, history, statistics, promotions, the discount check,
// reviews, this week against last week and how fresh the data is.
import type { Difference, OverlayData } from '../lib/api-types.ts';
import { formatAbsMoney, formatAge, formatMoney, formatPercent, formatRating, formatSigned } from '../lib/format.ts';
import type { Translate } from '../lib/i18n.ts';
import type { PageReading } from '../lib/page-reading.ts';
import { HISTORY_DAYS, type HistoryDays } from '../lib/protocol.ts';
import type { Language } from '../lib/settings.ts';
import { PriceChart } from './PriceChart.tsx';

interface Props {
  data: OverlayData;
  reading: PageReading;
  days: HistoryDays;
  onDays: (days: HistoryDays) => void;
  t: Translate;
  language: Language;
}

function differenceText(d: Difference | null, t: Translate, language: Language): string {
  if (!d) return '—';
  if (d.amountMinor === 0) return t('samePrice');
  const params = { amount: formatAbsMoney(d.amountMinor, d.currency, language), percent: formatPercent(d.percent) };
  return d.amountMinor < 0 ? t('cheaperBy', params) : t('dearerBy', params);
}

function Weekly({ data, t, language }: { data: OverlayData; t: Translate; language: Language }) {
  const w = data.weekly;
  if (!w) return null;
  const parts: string[] = [];
  const change = w.effectivePrice.change ?? w.price.change;
  if (change && change.amountMinor !== 0) {
    const sign = change.amountMinor > 0 ? '+' : '−';
    parts.push(t('weekPrice', { change: `${sign}${formatAbsMoney(change.amountMinor, change.currency, language)} (${formatPercent(change.percent, { signed: true })})` }));
  } else if (change) {
    parts.push(t('weekPriceSame'));
  }
  parts.push(t('weekPromotions', { started: w.promotions.started.length, ended: w.promotions.ended.length }));
  parts.push(t('weekStock', { state: t(`availability.${w.stock.now}`) }));
  if (w.reviews.gainedThisWeek != null) parts.push(t('weekReviews', { n: w.reviews.gainedThisWeek }));
  if (w.rating.delta != null && w.rating.delta !== 0) parts.push(t('weekRating', { delta: formatSigned(w.rating.delta, 1) }));
  return (
    <p className="rw-weekly" data-testid="rw-weekly">
      <strong>{t('thisWeek')}:</strong> {parts.join(' · ')}
    </p>
  );
}

function Freshness({ data, t }: { data: OverlayData; t: Translate }) {
  const f = data.freshness;
  if (!f) return null;
  if (f.ageMs === null) return <p className="rw-freshness rw-warn" data-testid="rw-freshness">{t('neverCrawled')}</p>;
  return (
    <div className={f.stale ? 'rw-freshness rw-warn' : 'rw-freshness'} data-testid="rw-freshness" data-stale={f.stale ? 'true' : 'false'}>
      <p>{f.stale ? t('stale', { age: formatAge(f.ageMs, t) }) : t('checkedAgo', { age: formatAge(f.ageMs, t) })}</p>
      {f.lastFailure && <p>{t('failing', { n: f.consecutiveFailures, reason: f.lastFailure.reason })}</p>}
    </div>
  );
}

function Discount({ data, t, language }: { data: OverlayData; t: Translate; language: Language }) {
  const d = data.discount;
  if (!d) return null;
  const params = { was: formatMoney(d.claim?.wasPrice, language), low: formatMoney(d.reference?.lowest, language) };
  return (
    <section className={`rw-discount rw-verdict-${d.verdict}`} data-testid="rw-discount" data-verdict={d.verdict}>
      <h4>{t('discountCheck')}</h4>
      <p>{t(`verdict.${d.verdict}`, params)}</p>
      {d.claim && d.realPercent != null && (
        <p className="rw-muted">{t('claimedVsReal', { claimed: formatPercent(d.claim.claimedPercent), real: formatPercent(d.realPercent) })}</p>
      )}
    </section>
  );
}

export function TrackedPanel({ data, reading, days, onDays, t, language }: Props) {
  const { lookup, comparison, statistics, history } = data;
  const listingId = lookup.listing?.id;
  const offer = comparison?.offers.find((o) => o.listingId === listingId) ?? null;
  const crawled = statistics?.price.current ?? null;
  const effective = statistics?.effectivePrice.current ?? null;
  const window = statistics?.price.windows.find((w) => w.days === days) ?? null;
  const promotions = offer?.promotions ?? [];
  const ours = comparison?.ours.price ?? null;
  const rating = offer?.rating ?? null;
  const weekly = data.weekly;
  return (
    <div className="rw-body">
      {lookup.product && <p className="rw-product" data-testid="rw-product">{t('ourProduct', { name: lookup.product.name, sku: lookup.product.sku })}</p>}
      {offer?.title && <p className="rw-listing-title" data-testid="rw-listing-title">{offer.title}</p>}

      <dl className="rw-prices">
        <dt>{t('pageNow')}</dt>
        <dd data-testid="rw-page-price">{formatMoney(reading.price, language)}</dd>
        <dt>{t('lastCrawled')}</dt>
        <dd data-testid="rw-crawled-price">{formatMoney(crawled, language)}</dd>
        <dt>{t('ourPrice')}</dt>
        <dd data-testid="rw-our-price">{ours ? formatMoney(ours, language) : t('ourPriceUnknown')}</dd>
        <dt>{t('difference')}</dt>
        <dd data-testid="rw-difference" className={offer?.difference && offer.difference.amountMinor < 0 ? 'rw-cheaper' : undefined}>
          {differenceText(offer?.difference ?? null, t, language)}
        </dd>
        {comparison?.cheapest && (
          <>
            <dt>{t('cheapest')}</dt>
            <dd data-testid="rw-cheapest">
              {comparison.cheapest.competitor} {formatMoney(comparison.cheapest.price, language)}
              {comparison.cheapest.price.currency !== comparison.cheapest.convertedPrice.currency ? ` ≈ ${formatMoney(comparison.cheapest.convertedPrice, language)}` : ''}
              {comparison.cheapest.listingId === listingId ? ` (${t('thisPage')})` : ''}
            </dd>
          </>
        )}
      </dl>

      <section className="rw-promotions">
        <h4>{t('promotions')}</h4>
        {promotions.length === 0 ? (
          <p className="rw-muted">{t('noPromotions')}</p>
        ) : (
          <ul>
            {promotions.map((p, i) => (
              <li key={i} data-testid="rw-promotion">{p.text}</li>
            ))}
          </ul>
        )}
        <p>
          {t('effectivePrice')}: <strong data-testid="rw-effective-price">{formatMoney(effective, language)}</strong>
          {offer?.convertedPrice && effective && offer.convertedPrice.currency !== effective.currency ? ` ≈ ${formatMoney(offer.convertedPrice, language)}` : ''}
        </p>
      </section>

      <section className="rw-history">
        <div className="rw-history-head">
          <h4>{t('history')}</h4>
          <div className="rw-days" role="group">
            {HISTORY_DAYS.map((d) => (
              <button key={d} type="button" className={d === days ? 'rw-day rw-active' : 'rw-day'} onClick={() => onDays(d)} data-testid={`rw-days-${d}`}>
                {t('daysShort', { n: d })}
              </button>
            ))}
          </div>
        </div>
        {history && <PriceChart series={history} language={language} t={t} />}
        <dl className="rw-stats">
          <dt>{t('lowest')}</dt>
          <dd data-testid="rw-stat-lowest">{formatMoney(window?.lowest, language)}</dd>
          <dt>{t('average')}</dt>
          <dd data-testid="rw-stat-average">{formatMoney(window?.average, language)}</dd>
          <dt>{t('highest')}</dt>
          <dd data-testid="rw-stat-highest">{formatMoney(window?.highest, language)}</dd>
          <dt>{t('lowestEver')}</dt>
          <dd data-testid="rw-stat-lowest-ever">{formatMoney(statistics?.price.lowestEver, language)}</dd>
        </dl>
      </section>

      <Discount data={data} t={t} language={language} />

      <p className="rw-reviews">
        {t('rating')}: <span data-testid="rw-rating">{formatRating(rating, offer?.ratingScale ?? null)}</span>
        {weekly?.rating.delta ? <span className="rw-muted"> ({formatSigned(weekly.rating.delta, 1)})</span> : null}
        {' · '}
        <span data-testid="rw-reviews">{offer?.reviewCount != null ? t('reviews', { n: offer.reviewCount }) : '—'}</span>
        {weekly?.reviews.gainedThisWeek ? <span className="rw-muted"> ({formatSigned(weekly.reviews.gainedThisWeek)})</span> : null}
      </p>

      <Weekly data={data} t={t} language={language} />
      <Freshness data={data} t={t} />
    </div>
  );
}
