// The background worker: the only part of the extension that holds the token and calls the API.
// Content scripts and extension pages send it validated requests and get data back.
import { createAlertWatch } from './lib/alert-watch.ts';
import type { AddListingResult, CatalogueEntry, OverlayData } from './lib/api-types.ts';
import { ApiClient } from './lib/client.ts';
import type { Digest, DigestList } from './lib/digest-types.ts';
import { parseRequest, type Reply, type Request, type Responses, type Status } from './lib/protocol.ts';
import { inScope, outOfScope, type Scope } from './lib/scope.ts';
import { loadSettings, onSettingsChanged } from './lib/settings.ts';

const client = new ApiClient(loadSettings);
const alerts = createAlertWatch(client, loadSettings);
onSettingsChanged(() => {
  client.clearCache();
  // Paired again (or with another server): the badge must show that server's unread count.
  void alerts.refresh();
});
// The worker starts with the browser, on install and whenever an event wakes it: the badge is
// brought up to date each time, and then every minute by the alarm.
void alerts.refresh();

async function status(): Promise<Reply<Status>> {
  const { serverUrl, token } = await loadSettings();
  const configured = Boolean(serverUrl && token);
  // The catalogue needs the token, so an answer proves the server is there and accepts us.
  const probe = await client.request<unknown>('GET', '/api/products?limit=1');
  return { ok: true, data: { configured, serverUrl: serverUrl || null, connected: probe.ok, failure: probe.ok ? null : probe.failure } };
}

async function handle(request: Request): Promise<Reply<unknown>> {
  switch (request.type) {
    case 'overlay': {
      const scope = await client.cachedGet<Scope>('/api/scope');
      if (!scope.ok) return scope;
      const wanted = inScope(request.url, scope.data) || (request.canonical !== null && inScope(request.canonical, scope.data));
      if (!wanted) return { ok: true, data: outOfScope(request.url) };
      const params = new URLSearchParams({ url: request.url, days: String(request.days) });
      if (request.canonical) params.set('canonical', request.canonical);
      return client.cachedGet<OverlayData>(`/api/overlay?${params.toString()}`);
    }
    case 'search': {
      const reply = await client.cachedGet<{ products: CatalogueEntry[] }>(`/api/products?limit=50&q=${encodeURIComponent(request.q)}`);
      return reply.ok ? { ok: true, data: reply.data.products } : reply;
    }
    case 'track': {
      const reply = await client.request<AddListingResult>('POST', '/api/listings', { url: request.url, sku: request.sku, ...(request.label ? { label: request.label } : {}) });
      // The page is tracked now: its cached "untracked" answer must not linger.
      if (reply.ok) client.clearCache();
      return reply;
    }
    case 'ui-settings': {
      const s = await loadSettings();
      return { ok: true, data: { language: s.language, position: s.position, configured: Boolean(s.serverUrl && s.token) } };
    }
    case 'status':
      return status();
    case 'alerts':
      return alerts.refresh();
    case 'ack':
      return alerts.ack(request.ids);
    case 'digests':
      return client.request<DigestList>('GET', '/api/digests');
    case 'digest':
      return client.cachedGet<Digest>(`/api/digests/${request.week}?format=json`);
    case 'open-options':
      // Content scripts cannot open the options page themselves.
      await chrome.runtime.openOptionsPage();
      return { ok: true, data: null };
  }
}

chrome.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  // Only this extension's own content scripts and pages; other extensions and web pages cannot ask.
  if (sender.id !== chrome.runtime.id) return false;
  const request = parseRequest(raw);
  if (!request) {
    sendResponse({ ok: false, failure: { kind: 'refused', status: 400, code: 'bad-message', message: 'malformed request to the RivalWatch background' } });
    return false;
  }
  handle(request).then(sendResponse, (err: unknown) =>
    sendResponse({ ok: false, failure: { kind: 'unreachable', message: err instanceof Error ? err.message : String(err) } }),
  );
  return true;
});
