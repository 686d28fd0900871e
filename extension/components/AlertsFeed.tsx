// Unread alerts in the popup: severity, the message in the UI language, when it happened, a link
// to the product page (where the overlay shows the history behind it), and marking them read.
// Opening the popup fetches the feed afresh, so the badge and this list always agree.
import { useEffect, useState } from 'react';
import { alertText } from '../lib/alert-notices.ts';
import type { AlertFeed } from '../lib/api-types.ts';
import type { Translate } from '../lib/i18n.ts';
import { ask, httpUrl } from '../lib/protocol.ts';
import type { Language } from '../lib/settings.ts';
import { failureText } from './NotConnected.tsx';

function when(at: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

export function AlertsFeed({ t, language }: { t: Translate; language: Language }) {
  const [feed, setFeed] = useState<AlertFeed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    const reply = await ask({ type: 'alerts' });
    if (reply.ok) {
      setFeed(reply.data);
      setError(null);
    } else {
      setError(failureText(reply.failure, t));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function ack(ids: string[] | 'all') {
    setBusy(true);
    const reply = await ask({ type: 'ack', ids });
    if (!reply.ok) setError(failureText(reply.failure, t));
    await load();
    setBusy(false);
  }

  if (error) return <p className="rw-error" data-testid="rw-alerts-error">{error}</p>;
  if (!feed) return <p className="rw-muted">{t('loading')}</p>;
  const hidden = feed.unread - feed.alerts.length;
  return (
    <section className="rw-alerts" data-testid="rw-alerts" data-unread={feed.unread}>
      <div className="rw-section-head">
        <h4>
          {t('unreadAlerts')} {feed.unread > 0 && <span className="rw-count" data-testid="rw-unread-count">{feed.unread}</span>}
        </h4>
        {feed.unread > 0 && (
          <button type="button" className="rw-link-button" disabled={busy} onClick={() => void ack('all')} data-testid="rw-ack-all">
            {t('acknowledgeAll')}
          </button>
        )}
      </div>
      {feed.alerts.length === 0 ? (
        <p className="rw-muted rw-empty">{t('noAlerts')}</p>
      ) : (
        <ul className="rw-alert-list">
          {feed.alerts.map((a) => {
            const url = httpUrl(a.url);
            return (
              <li key={a.id} className={`rw-alert rw-alert-${a.severity}`} data-testid="rw-alert" data-alert-id={a.id} data-severity={a.severity}>
                <div className="rw-alert-meta">
                  <span className={`rw-sev rw-sev-${a.severity}`}>{t(`severity.${a.severity}`)}</span>
                  <span className="rw-alert-competitor">{a.competitor}</span>
                  <time dateTime={a.at}>{when(a.at, language)}</time>
                </div>
                <p className="rw-alert-text" data-testid="rw-alert-text">{alertText(a, language)}</p>
                <div className="rw-alert-actions">
                  {url && (
                    <a href={url} target="_blank" rel="noreferrer" data-testid="rw-alert-link">
                      {t('openPage')} ↗
                    </a>
                  )}
                  <button type="button" className="rw-link-button" disabled={busy} onClick={() => void ack([a.id])} data-testid="rw-ack">
                    {t('acknowledge')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {hidden > 0 && <p className="rw-muted">{t('moreUnread', { n: hidden })}</p>}
    </section>
  );
}
