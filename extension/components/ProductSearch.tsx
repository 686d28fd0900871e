// A searchable list of our SKUs, served by the API through the background worker.
import { useEffect, useState } from 'react';
import type { CatalogueEntry } from '../lib/api-types.ts';
import { formatMoney } from '../lib/format.ts';
import type { Translate } from '../lib/i18n.ts';
import { ask } from '../lib/protocol.ts';
import type { Language } from '../lib/settings.ts';

interface Props {
  t: Translate;
  language: Language;
  /** When given, entries are buttons and the picked one is highlighted. */
  onPick?: (entry: CatalogueEntry) => void;
  picked?: string | null;
  /** List the whole catalogue before anything is typed (for picking); the popup lists matches only. */
  listAll?: boolean;
}

export function ProductSearch({ t, language, onPick, picked, listAll = true }: Props) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CatalogueEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (!listAll && !q.trim()) {
      setResults(null);
      return;
    }
    const timer = setTimeout(async () => {
      const reply = await ask({ type: 'search', q });
      if (!live) return;
      if (reply.ok) {
        setResults(reply.data);
        setError(null);
      } else {
        setError(reply.failure.kind === 'refused' || reply.failure.kind === 'unreachable' || reply.failure.kind === 'unauthorized' ? reply.failure.message : t('notConfigured'));
      }
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <div className="rw-search">
      <input type="search" value={q} placeholder={t('searchPlaceholder')} onChange={(e) => setQ(e.target.value)} data-testid="rw-sku-search" />
      {error && <p className="rw-error">{error}</p>}
      {results && results.length === 0 && <p className="rw-muted">{t('noResults')}</p>}
      <ul className="rw-results" data-testid="rw-sku-results">
        {results?.map((r) => (
          <li key={r.sku}>
            {onPick ? (
              <button type="button" className={r.sku === picked ? 'rw-result rw-picked' : 'rw-result'} onClick={() => onPick(r)} data-sku={r.sku}>
                <span className="rw-sku">{r.sku}</span> <span>{r.name}</span> <span className="rw-muted">{formatMoney(r.price, language)}</span>
              </button>
            ) : (
              <span className="rw-result" data-sku={r.sku}>
                <span className="rw-sku">{r.sku}</span> <span>{r.name}</span> <span className="rw-muted">{formatMoney(r.price, language)}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
