// The digest page (chrome-extension://<id>/tabs/digest.html, opened from the popup): the weeks
// with a digest, and the chosen week rendered from the API's JSON. The week is in the URL's hash,
// so a week can be bookmarked and the back button walks through the weeks read.
import { useEffect, useState } from 'react';
import { NotConnected } from '../components/NotConnected.tsx';
import { DigestView } from '../components/digest/DigestView.tsx';
import { digestCss } from '../components/styles.ts';
import { digestTranslator } from '../lib/digest-i18n.ts';
import { campaignNames, digestKit } from '../lib/digest-text.ts';
import type { Digest, DigestList } from '../lib/digest-types.ts';
import { translator } from '../lib/i18n.ts';
import { ask, type Reply } from '../lib/protocol.ts';
import { loadSettings, type Language } from '../lib/settings.ts';

function weekFromHash(): string | null {
  const week = decodeURIComponent(location.hash.slice(1));
  return /^\d{4}-W\d{2}$/.test(week) ? week : null;
}

function useHashWeek(): string | null {
  const [week, setWeek] = useState(weekFromHash);
  useEffect(() => {
    const update = () => setWeek(weekFromHash());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return week;
}

export default function DigestPage() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [list, setList] = useState<Reply<DigestList> | null>(null);
  const [digest, setDigest] = useState<{ week: string; reply: Reply<Digest> } | null>(null);
  const hashWeek = useHashWeek();

  useEffect(() => {
    void loadSettings().then((s) => setLanguage(s.language));
    void ask({ type: 'digests' }).then(setList);
  }, []);

  const weeks = list?.ok ? list.data.weeks : [];
  // Without a week in the URL: the last complete week, as the weekly email sends it.
  const selected = hashWeek ?? (list?.ok ? (weeks.find((w) => w.week === list.data.lastComplete) ?? weeks[0])?.week : undefined) ?? null;

  useEffect(() => {
    if (!selected) return;
    let live = true;
    void ask({ type: 'digest', week: selected }).then((reply) => live && setDigest({ week: selected, reply }));
    return () => {
      live = false;
    };
  }, [selected]);

  if (!language) return null;
  const t = digestTranslator(language);
  const tm = translator(language);
  const timeZone = list?.ok ? list.data.timeZone : 'UTC';
  const k = digestKit(language, digest?.reply.ok ? digest.reply.data.timeZone : timeZone);
  const current = digest && digest.week === selected ? digest.reply : null;

  return (
    <div className="rw-page rw-digest-page" lang={language}>
      <style>{digestCss}</style>
      <nav className="rw-weeks" data-testid="rw-weeks" aria-label={t('weeks')}>
        <p className="rw-brand">{tm('appName')}</p>
        <h2>{t('weeks')}</h2>
        {!list && <p className="rw-muted">{t('loading')}</p>}
        {list && !list.ok && <NotConnected failure={list.failure} t={tm} />}
        {list?.ok && weeks.length === 0 && <p className="rw-muted">{t('noWeeks')}</p>}
        <ul>
          {weeks.map((w) => (
            <li key={w.week}>
              <a href={`#${w.week}`} className={w.week === selected ? 'rw-week rw-week-active' : 'rw-week'} data-week={w.week} aria-current={w.week === selected ? 'page' : undefined}>
                <span className="rw-week-id">{w.week}</span>
                <span className="rw-week-days">
                  {k.fmt.calendarDate(w.firstDay)} – {k.fmt.calendarDate(w.lastDay)}
                </span>
                {(w.current || w.campaigns.length > 0) && (
                  <span className="rw-week-tags">
                    {w.current && <span className="rw-tag">{t('inProgress')}</span>}
                    {w.campaigns.length > 0 && <span className="rw-tag rw-tag-campaign">{campaignNames(k, w.campaigns)}</span>}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="rw-digest-main">
        {selected && !current && <p className="rw-muted">{t('loading')}</p>}
        {current && !current.ok && <NotConnected failure={current.failure} t={tm} />}
        {current?.ok && <DigestView digest={current.data} k={k} />}
      </main>
    </div>
  );
}
