// Sending a notification over a channel: webhooks with fetch (timeout, platform error codes), email
// over SMTP with nodemailer (a plain-text and an HTML part; scraped text HTML-escaped). The
// extension channel sends nothing: its alerts feed is the API.
import { createTransport, type Transporter } from 'nodemailer';
import type { Channel } from '../config.ts';
import { resolveSecret } from '../config.ts';
import { linkLabel } from '../messages.ts';
import { responseError, webhookRequest } from './formats.ts';
import { plainText, type Notification } from './notification.ts';

export type Sender = (channel: Channel, n: Notification, now: Date) => Promise<void>;

export async function sendWebhook(channel: Extract<Channel, { type: 'webhook' }>, n: Notification, now: Date): Promise<void> {
  const request = webhookRequest(channel.format, channel.url, n, resolveSecret(channel.secret), now);
  let response: Response;
  try {
    response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(channel.timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`webhook ${channel.name} unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  const problem = responseError(channel.format, response.status, await response.text().catch(() => ''));
  if (problem) throw new Error(`webhook ${channel.name}: ${problem}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const COLORS = { warning: '#b26a00', critical: '#b3261e' } as const;

export function emailHtml(n: Notification): string {
  const items = n.items
    .map(
      (i) =>
        `<li style="margin:0 0 8px;color:${COLORS[i.severity]}"><span style="color:#111">${escapeHtml(i.message)}</span> <a href="${escapeHtml(i.url)}">${escapeHtml(linkLabel(n.language))}</a></li>`,
    )
    .join('\n');
  const heading = n.kind === 'summary' ? `<h2 style="font-size:16px">${escapeHtml(n.title)}</h2>\n` : '';
  return `<!doctype html>\n<html lang="${n.language}"><body style="font-family:sans-serif;font-size:14px">\n${heading}<ul style="padding-left:18px">\n${items}\n</ul>\n</body></html>`;
}

type EmailChannel = Extract<Channel, { type: 'email' }>;

/** Email with cached SMTP connections per channel; `close()` ends them. */
export function createEmailSender(): { send: (channel: EmailChannel, n: Notification) => Promise<void>; close: () => void } {
  const transports = new Map<string, Transporter>();
  function transportFor(channel: EmailChannel): Transporter {
    let t = transports.get(channel.name);
    if (!t) {
      const { host, port, secure, ignoreTLS, user, pass } = channel.smtp;
      t = createTransport({
        host,
        port,
        secure,
        ignoreTLS,
        auth: user ? { user, pass: resolveSecret(pass) } : undefined,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
      });
      transports.set(channel.name, t);
    }
    return t;
  }
  return {
    async send(channel, n) {
      const subject = n.title.length > 180 ? `${n.title.slice(0, 177)}…` : n.title;
      try {
        await transportFor(channel).sendMail({
          from: channel.from,
          to: channel.to,
          subject,
          text: plainText(n),
          html: emailHtml(n),
          messageId: `<${n.idempotencyKey}@rivalwatch>`,
          headers: { 'X-RivalWatch-Idempotency-Key': n.idempotencyKey },
        });
      } catch (err) {
        throw new Error(`email ${channel.name} via ${channel.smtp.host}:${channel.smtp.port} failed: ${(err as Error).message}`);
      }
    },
    close() {
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}
