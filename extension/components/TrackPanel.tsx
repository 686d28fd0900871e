// "Track this product" on an untracked page of a competitor: what RivalWatch reads from the page
// now, and a search of our SKUs to tie it to. The listing is added through the API.
import { useState } from 'react';
import type { CatalogueEntry, PageLookup } from '../lib/api-types.ts';
import { formatMoney } from '../lib/format.ts';
import type { Translate } from '../lib/i18n.ts';
import type { PageReading } from '../lib/page-reading.ts';
import { ask } from '../lib/protocol.ts';
import type { Language } from '../lib/settings.ts';
import { ProductSearch } from './ProductSearch.tsx';

interface Props {
  lookup: PageLookup;
  reading: PageReading;
  pageUrl: string;
  t: Translate;
  language: Language;
  onTracked: () => void;
}

type State = { kind: 'idle' } | { kind: 'adding' } | { kind: 'done'; created: boolean } | { kind: 'failed'; message: string };

export function TrackPanel({ lookup, reading, pageUrl, t, language, onTracked }: Props) {
  const [picked, setPicked] = useState<CatalogueEntry | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function track() {
    if (!picked) return;
    setState({ kind: 'adding' });
    const reply = await ask({ type: 'track', url: pageUrl, sku: picked.sku, label: reading.title });
    if (reply.ok) {
      setState({ kind: 'done', created: reply.data.created });
      onTracked();
    } else {
      setState({ kind: 'failed', message: 'message' in reply.failure ? reply.failure.message : t('notConfigured') });
    }
  }

  return (
    <div className="rw-body" data-testid="rw-track">
      <h4>{t('trackTitle')}</h4>
      {lookup.competitor && <p className="rw-muted">{t('competitor', { name: lookup.competitor })}</p>}
      <p>{t('trackIntro')}</p>
      <dl className="rw-prices">
        <dt>{t('title')}</dt>
        <dd data-testid="rw-read-title">{reading.title ?? t('notFound')}</dd>
        <dt>{t('price')}</dt>
        <dd data-testid="rw-read-price">{reading.price ? formatMoney(reading.price, language) : t('notFound')}</dd>
      </dl>
      <p>{t('chooseSku')}</p>
      <ProductSearch t={t} language={language} onPick={setPicked} picked={picked?.sku ?? null} />
      <button type="button" className="rw-primary" disabled={!picked || state.kind === 'adding'} onClick={track} data-testid="rw-track-button">
        {state.kind === 'adding' ? t('adding') : picked ? t('trackButton', { sku: picked.sku }) : t('trackTitle')}
      </button>
      {state.kind === 'done' && <p className="rw-ok" data-testid="rw-track-result">{state.created ? t('added') : t('alreadyTracked')}</p>}
      {state.kind === 'failed' && <p className="rw-error" data-testid="rw-track-result">{t('addFailed', { message: state.message })}</p>}
    </div>
  );
}
