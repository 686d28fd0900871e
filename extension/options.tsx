// Options: pair with a server (paste the pairing link, or type the URL and token), language and
// where the overlay sits. Settings live in chrome.storage.local; only extension pages see them.
import { useEffect, useState } from 'react';
import { failureText } from './components/NotConnected.tsx';
import { pageCss } from './components/styles.ts';
import { LANGUAGE_NAMES, translator } from './lib/i18n.ts';
import { ask, type Status } from './lib/protocol.ts';
import { LANGUAGES, loadSettings, normalizeServerUrl, parsePairingLink, POSITIONS, saveSettings, type Settings } from './lib/settings.ts';

export default function Options() {
  const [form, setForm] = useState<Settings | null>(null);
  const [pairing, setPairing] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    void loadSettings().then(setForm);
  }, []);
  if (!form) return null;
  const t = translator(form.language);
  const update = (patch: Partial<Settings>) => setForm({ ...form, ...patch });

  function onPairing(value: string) {
    setPairing(value);
    if (!value.trim()) return setMessage(null);
    const parsed = parsePairingLink(value);
    if (!parsed) return setMessage({ ok: false, text: t('invalidPairing') });
    setMessage(null);
    update({ serverUrl: parsed.serverUrl, token: parsed.token });
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!form) return;
    const serverUrl = form.serverUrl.trim() ? normalizeServerUrl(form.serverUrl) : '';
    if (serverUrl === null) return setMessage({ ok: false, text: t('invalidServer') });
    await saveSettings({ ...form, serverUrl, token: form.token.trim() });
    setForm({ ...form, serverUrl, token: form.token.trim() });
    setMessage({ ok: true, text: t('saved') });
    setStatus(null);
    const reply = await ask({ type: 'status' });
    setStatus(reply.ok ? reply.data : null);
  }

  return (
    <form className="rw-page" lang={form.language} onSubmit={save}>
      <style>{pageCss}</style>
      <h1>{t('optionsTitle')}</h1>
      <label htmlFor="rw-pairing">{t('pairingLink')}</label>
      <input id="rw-pairing" name="pairing" type="text" value={pairing} onChange={(e) => onPairing(e.target.value)} placeholder="rivalwatch://pair?server=…&token=…" autoComplete="off" />
      <p className="rw-muted">{t('pairingHelp')}</p>
      <label htmlFor="rw-server">{t('serverUrl')}</label>
      <input id="rw-server" name="serverUrl" type="url" value={form.serverUrl} onChange={(e) => update({ serverUrl: e.target.value })} placeholder="http://127.0.0.1:4477" />
      <label htmlFor="rw-token">{t('token')}</label>
      <input id="rw-token" name="token" type="password" value={form.token} onChange={(e) => update({ token: e.target.value })} autoComplete="off" />
      <label htmlFor="rw-language">{t('language')}</label>
      <select id="rw-language" name="language" value={form.language} onChange={(e) => update({ language: e.target.value as Settings['language'] })}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <label htmlFor="rw-position">{t('position')}</label>
      <select id="rw-position" name="position" value={form.position} onChange={(e) => update({ position: e.target.value as Settings['position'] })}>
        {POSITIONS.map((p) => (
          <option key={p} value={p}>
            {t(`position.${p}`)}
          </option>
        ))}
      </select>
      <p>
        <button type="submit" className="rw-primary" data-testid="rw-save">
          {t('save')}
        </button>
      </p>
      {message && (
        <p className={message.ok ? 'rw-ok' : 'rw-error'} data-testid="rw-options-message">
          {message.text}
        </p>
      )}
      {status && (
        <p className={status.connected ? 'rw-ok' : 'rw-error'} data-testid="rw-options-status" data-connected={status.connected ? 'true' : 'false'}>
          {status.connected ? t('connectedTo', { server: status.serverUrl ?? '' }) : status.failure ? failureText(status.failure, t) : t('notConnected')}
        </p>
      )}
    </form>
  );
}
