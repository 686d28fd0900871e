// The extension's settings in chrome.storage.local. Only extension pages and the background read
// them; content scripts ask the background for the few they need (never the token).
export type Language = 'en' | 'zh-CN';
export type Position = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export const POSITIONS: Position[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
export const LANGUAGES: Language[] = ['en', 'zh-CN'];

export interface Settings {
  serverUrl: string;
  token: string;
  language: Language;
  position: Position;
}

const KEY = 'rivalwatch.settings';

function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Build-time defaults (PLASMO_PUBLIC_RW_SERVER / PLASMO_PUBLIC_RW_TOKEN), for packaged test builds. */
export function defaults(): Settings {
  return {
    serverUrl: process.env.PLASMO_PUBLIC_RW_SERVER ?? '',
    token: process.env.PLASMO_PUBLIC_RW_TOKEN ?? '',
    language: browserLanguage(),
    position: 'bottom-right',
  };
}

function sanitize(raw: Partial<Settings> | undefined): Settings {
  const d = defaults();
  return {
    serverUrl: typeof raw?.serverUrl === 'string' ? raw.serverUrl : d.serverUrl,
    token: typeof raw?.token === 'string' ? raw.token : d.token,
    language: LANGUAGES.includes(raw?.language as Language) ? (raw?.language as Language) : d.language,
    position: POSITIONS.includes(raw?.position as Position) ? (raw?.position as Position) : d.position,
  };
}

export async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(KEY);
  return sanitize(stored[KEY] as Partial<Settings> | undefined);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: sanitize(settings) });
}

export function onSettingsChanged(listener: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) listener();
  });
}

/** "http://127.0.0.1:4477/" → "http://127.0.0.1:4477"; null when it is not an http(s) URL. */
export function normalizeServerUrl(input: string): string | null {
  try {
    const u = new URL(input.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Reads `rivalwatch://pair?server=...&token=...` as printed by `rivalwatch start` and `rivalwatch token`. */
export function parsePairingLink(input: string): { serverUrl: string; token: string } | null {
  const text = input.trim();
  const m = /^rivalwatch:\/\/pair\?(.*)$/i.exec(text);
  if (!m) return null;
  const params = new URLSearchParams(m[1]);
  const serverUrl = normalizeServerUrl(params.get('server') ?? '');
  const token = params.get('token') ?? '';
  return serverUrl && /^[A-Za-z0-9_-]{16,}$/.test(token) ? { serverUrl, token } : null;
}
