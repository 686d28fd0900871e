// The toolbar popup: is the server reachable with our token, a search of our products, and
// (separately) unread alerts when the server offers them.
import { useEffect, useState } from 'react';
import { AlertsFeed } from './components/AlertsFeed';
import { failureText } from './components/NotConnected';
import { ProductSearch } from './components/ProductSearch';
import { pageCss } from './components/styles';
import { translator } from './lib/i18n';
import { ask, type Status } from './lib/protocol';
import { loadSettings, type Language } from './lib/settings';

export default function Popup() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    void loadSettings().then((s) => setLanguage(s.language));
    void ask({ type: 'status' }).then((r) => setStatus(r.ok ? r.data : null));
  }, []);
  if (!language) return null;
  const t = translator(language);
  return (
    <div className="rw-page" lang={language}>
      <style>{pageCss}</style>
      <h1>{t('appName')}</h1>
      <section data-testid="rw-status">
        <h4>{t('popupConnection')}</h4>
        {!status ? (
          <p className="rw-muted">{t('checking')}</p>
        ) : status.connected ? (
          <p className="rw-ok">{t('connectedTo', { server: status.serverUrl ?? '' })}</p>
        ) : (
          <>
            <p className="rw-error">
              <strong>{t('notConnected')}</strong>
            </p>
            {status.failure && <p>{failureText(status.failure, t)}</p>}
            <button type="button" className="rw-primary" onClick={() => void chrome.runtime.openOptionsPage()}>
              {t('openOptions')}
            </button>
          </>
        )}
      </section>
      {status?.connected && (
        <section>
          <h4>{t('ourProducts')}</h4>
          <ProductSearch t={t} language={language} />
        </section>
      )}
      {status?.connected && <AlertsFeed t={t} language={language} />}
    </div>
  );
}
