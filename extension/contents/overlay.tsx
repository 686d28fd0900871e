// The overlay on competitor product pages (a content-script UI in Plasmo's shadow root). It never
// calls the API itself: it sends the page URL to the background worker and renders the data it
// gets back, so the token never enters the page, and the page's styles never reach the panel.
import type { PlasmoCSConfig, PlasmoGetStyle } from 'plasmo';
import { useEffect, useRef, useState } from 'react';
import { NotConnected } from '../components/NotConnected.tsx';
import { panelCss } from '../components/styles.ts';
import { TrackedPanel } from '../components/TrackedPanel.tsx';
import { TrackPanel } from '../components/TrackPanel.tsx';
import type { OverlayData } from '../lib/api-types.ts';
import { translator } from '../lib/i18n.ts';
import { readPage, type PageReading } from '../lib/page-reading.ts';
import { ask, type HistoryDays, type Reply, type UiSettings } from '../lib/protocol.ts';

export const config: PlasmoCSConfig = {
  // Every page may be a competitor's (the demo shops run on 127.0.0.1 with a random port); the
  // panel only appears when the API says the page is tracked or on a competitor domain.
  matches: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*', 'http://*/*'],
  run_at: 'document_idle',
};

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement('style');
  style.textContent = panelCss;
  return style;
};

const POLL_MS = 400;
/** After an in-page navigation the new product's DOM often lands a little after the URL. */
const SPA_SETTLE_MS = 350;
/** How long a page rendered by its own scripts may take to show its price, and how often to look again. */
const RENDER_WAIT_MS = 15_000;
const RENDER_DEBOUNCE_MS = 200;

function sameReading(a: PageReading, b: PageReading): boolean {
  return a.title === b.title && a.canonical === b.canonical && a.price?.amountMinor === b.price?.amountMinor && a.price?.currency === b.price?.currency;
}

/**
 * Pages that render their product in the browser (client-side shops) have no price at
 * document_idle: watch the DOM until one appears, then stop watching. Returns the cleanup.
 */
function watchForPrice(onReading: (r: PageReading) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const r = readPage(document);
      onReading(r);
      if (r.price) stop();
    }, RENDER_DEBOUNCE_MS);
  });
  const deadline = setTimeout(() => stop(), RENDER_WAIT_MS);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(deadline);
  }
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return stop;
}

/** The page URL, following single-page-app navigation (pushState cannot be hooked from here). */
function useLocationHref(): string {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    const check = () => setHref(location.href);
    const timer = setInterval(check, POLL_MS);
    addEventListener('popstate', check);
    addEventListener('hashchange', check);
    return () => {
      clearInterval(timer);
      removeEventListener('popstate', check);
      removeEventListener('hashchange', check);
    };
  }, []);
  return href;
}

function withoutHash(href: string): string {
  return href.split('#')[0];
}

export default function Overlay() {
  const href = withoutHash(useLocationHref());
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const [days, setDays] = useState<HistoryDays>(90);
  const [collapsed, setCollapsed] = useState(false);
  const [version, setVersion] = useState(0);
  const [reading, setReading] = useState<PageReading>(() => readPage(document));
  const [reply, setReply] = useState<{ href: string; reply: Reply<OverlayData> } | null>(null);
  const firstHref = useRef(href);
  const lastCanonical = useRef<string | null>(null);

  useEffect(() => {
    // Without an answer the panel still speaks the browser's language, so a failure can be shown.
    void ask({ type: 'ui-settings' }).then((r) =>
      setSettings(r.ok ? r.data : { language: navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en', position: 'bottom-right', configured: false }),
    );
  }, [version]);

  useEffect(() => {
    let live = true;
    let stopWatching = () => {};
    const navigated = href !== firstHref.current;
    const load = () => {
      const current = readPage(document);
      // A canonical link left over from the previous in-app page would name the wrong product.
      const canonical = navigated && current.canonical === lastCanonical.current ? null : current.canonical;
      lastCanonical.current = current.canonical;
      setReading(current);
      if (!current.price) stopWatching = watchForPrice((r) => live && setReading((old) => (sameReading(old, r) ? old : r)));
      void ask({ type: 'overlay', url: href, canonical, days }).then((r) => live && setReply({ href, reply: r }));
    };
    const timer = setTimeout(load, navigated ? SPA_SETTLE_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
      stopWatching();
    };
  }, [href, days, version]);

  if (!settings || !reply || reply.href !== href) return null;
  const t = translator(settings.language);
  const r = reply.reply;
  let note: string | null = null;
  let body: JSX.Element;
  if (!r.ok) {
    // Not connected: say so on product pages, stay out of the way everywhere else.
    if (!reading.looksLikeProduct) return null;
    note = t('notConnected');
    body = <NotConnected failure={r.failure} t={t} />;
  } else if (r.data.lookup.tracked) {
    note = r.data.lookup.competitor;
    body = <TrackedPanel data={r.data} reading={reading} days={days} onDays={setDays} t={t} language={settings.language} />;
  } else if (r.data.lookup.canTrack) {
    note = r.data.lookup.competitor;
    body = <TrackPanel lookup={r.data.lookup} reading={reading} pageUrl={href} t={t} language={settings.language} onTracked={() => setVersion((v) => v + 1)} />;
  } else {
    return null;
  }
  return (
    <div className="rw-root" lang={settings.language}>
      <div className={`rw-panel rw-${settings.position}${collapsed ? ' rw-collapsed' : ''}`} data-testid="rw-panel">
        <div className="rw-header">
          <strong>{t('appName')}</strong>
          {note && <span className="rw-header-note">{note}</span>}
          <button type="button" className="rw-toggle" onClick={() => setCollapsed(!collapsed)} data-testid="rw-toggle" aria-expanded={!collapsed}>
            {collapsed ? t('expand') : t('collapse')}
          </button>
        </div>
        {!collapsed && body}
      </div>
    </div>
  );
}
