// Unread alerts in the popup, from GET /api/alerts?unread=1 when the server has that feed; when it
// does not (404), this section shows nothing at all.
import { useEffect, useState } from 'react';
import type { AlertSummary } from '../lib/api-types';
import type { Translate } from '../lib/i18n';
import type { Language } from '../lib/settings';
import { ask } from '../lib/protocol';

export function AlertsFeed({ t, language }: { t: Translate; language: Language }) {
  const [alerts, setAlerts] = useState<AlertSummary[] | null>(null);
  useEffect(() => {
    void ask({ type: 'alerts' }).then((r) => setAlerts(r.ok && r.data.available ? r.data.alerts : null));
  }, []);
  if (alerts === null) return null;
  return (
    <section className="rw-alerts" data-testid="rw-alerts">
      <h4>{t('unreadAlerts')}</h4>
      {alerts.length === 0 ? (
        <p className="rw-muted">{t('noAlerts')}</p>
      ) : (
        <ul>
          {alerts.map((a) => (
            <li key={a.id} data-severity={a.severity}>
              {a.messages?.[language] ?? a.message ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
