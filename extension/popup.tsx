// The toolbar popup: whether the server answers with our token, the unread alerts (the badge's
// count), the way to the weekly digest, and a search of our products.
import { useEffect, useState } from 'react';
import { AlertsFeed } from './components/AlertsFeed.tsx';
import { failureText } from './components/NotConnected.tsx';
import { ProductSearch } from './components/ProductSearch.tsx';
import { pageCss } from './components/styles.ts';
import { translator } from './lib/i18n.ts';
import { ask, type Status } from './lib/protocol.ts';
import { loadSettings, type Language } from './lib/settings.ts';

export default function Popup() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    void loadSettings().then((s) => setLanguage(s.language));
    void ask({ type: 'status' }).then((r) => setStatus(r.ok ? r.data : null));
  }, []);
  if (!language) return null;
  const t = translator(language);
  const openDigest = () => void chrome.tabs.create({ url: chrome.runtime.getURL('tabs/digest.html') });
  return (
    <div className="rw-page rw-popup" lang={language}>
      <style>{pageCss}</style>
      <header className="rw-popup-head">
        <h1>{t('appName')}</h1>
        <button type="button" className="rw-link-button" onClick={() => void chrome.runtime.openOptionsPage()} data-testid="rw-open-options">
          {t('openOptions')}
        </button>
      </header>
      <section data-testid="rw-status" className="rw-status">
        {!status ? (
          <p className="rw-muted">{t('checking')}</p>
        ) : status.connected ? (
          <p className="rw-ok">
            <span className="rw-dot rw-dot-ok" /> {t('connectedTo', { server: status.serverUrl ?? '' })}
          </p>
        ) : (
          <>
            <p className="rw-error">
              <span className="rw-dot rw-dot-error" /> <strong>{t('notConnected')}</strong>
            </p>
            {status.failure && <p>{failureText(status.failure, t)}</p>}
            <button type="button" className="rw-primary" onClick={() => void chrome.runtime.openOptionsPage()}>
              {t('openOptions')}
            </button>
          </>
        )}
      </section>
      {status?.connected && (
        <>
          <AlertsFeed t={t} language={language} />
          <button type="button" className="rw-primary rw-wide" onClick={openDigest} data-testid="rw-open-digest">
            {t('weeklyDigest')} →
          </button>
          <section>
            <h4>{t('ourProducts')}</h4>
            <ProductSearch t={t} language={language} listAll={false} />
          </section>
        </>
      )}
    </div>
  );
}
