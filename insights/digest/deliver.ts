// The channels a digest goes out on: email (the HTML digest as the body, Markdown as the text
// part, other formats attached) and webhooks (a short summary in each chat platform's format, or
// the whole digest as JSON). Signing and the platforms' error codes are the alerts' own, so a
// channel set up once for alerts works for the digest too.
import nodemailer from 'nodemailer';
import { dingtalkSign, feishuSign, hmacHex, markdownEscape, responseError, slackEscape, type WebhookFormat } from '../alerts/channels/formats.ts';
import { resolveSecret, type DigestSettings, type EmailTarget, type Language } from './config.ts';
import { CONTENT_TYPES, digestFileName, renderDigest } from './build.ts';
import type { Digest } from './types.ts';
import { renderHtml } from './render/html.ts';
import { renderMarkdown } from './render/markdown.ts';
import { buildView } from './render/view.ts';

export interface Delivery {
  /** Stable name, the key of the once-per-week record: "email:en", "webhook:0:host", "channel:NAME:en". */
  channel: string;
  send(digest: Digest, now: Date): Promise<void>;
}

interface WebhookSpec {
  url: string;
  format: WebhookFormat;
  secret?: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export function subjectOf(digest: Digest, lang: Language): string {
  const v = buildView(digest, lang);
  return `${v.title} · ${digest.shop} · ${v.week}`;
}

/** Headline figures and the actions, escaped for the markup of the platform that shows it. */
export function chatSummary(digest: Digest, lang: Language, escape: (s: string) => string = markdownEscape, bold = '**'): string {
  const v = buildView(digest, lang);
  const lines = [`${bold}${escape(`${v.title} · ${digest.shop}`)}${bold}`, escape(v.week), ''];
  for (const n of v.notes) lines.push(`> ${escape(n)}`);
  for (const k of v.kpis) lines.push(`- ${escape(k.label)}: ${bold}${escape(k.value)}${bold} (${escape(k.detail)})`);
  if (v.actions.length) lines.push('', `${bold}${escape(v.actionsTitle)}${bold}`, ...v.actions.map((a, i) => `${i + 1}. ${escape(a.text)}`));
  return lines.join('\n');
}

function webhookPayload(format: WebhookFormat, digest: Digest, lang: Language): unknown {
  const title = subjectOf(digest, lang);
  switch (format) {
    case 'slack':
      return { text: chatSummary(digest, lang, slackEscape, '*') };
    case 'feishu':
      // A text message renders no markup: nothing scraped can become a link.
      return { msg_type: 'text', content: { text: chatSummary(digest, lang, (s) => s, '') } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: title.slice(0, 64), text: chatSummary(digest, lang) } };
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: chatSummary(digest, lang) } };
    case 'json':
      return { type: 'rivalwatch.digest', week: digest.period.week, language: lang, title, text: chatSummary(digest, lang, (s) => s, ''), markdown: renderMarkdown(digest, lang), digest };
  }
}

async function postWebhook(spec: WebhookSpec, what: string, digest: Digest, lang: Language, now: Date): Promise<void> {
  const secret = spec.secret ? resolveSecret(spec.secret, `${what} secret`) : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-rivalwatch-idempotency-key': `digest-${digest.period.week}-${lang}` };
  for (const [k, v] of Object.entries(spec.headers)) headers[k.toLowerCase()] = resolveSecret(v, `${what} header ${k}`);
  let payload = webhookPayload(spec.format, digest, lang);
  let url = spec.url;
  if (secret && spec.format === 'feishu') {
    const ts = Math.floor(now.getTime() / 1000);
    payload = { timestamp: String(ts), sign: feishuSign(secret, ts), ...(payload as object) };
  }
  if (secret && spec.format === 'dingtalk') {
    const u = new URL(url);
    u.searchParams.set('timestamp', String(now.getTime()));
    u.searchParams.set('sign', dingtalkSign(secret, now.getTime()));
    url = u.toString();
  }
  const body = JSON.stringify(payload);
  if (secret && (spec.format === 'json' || spec.format === 'slack' || spec.format === 'wecom')) headers['x-rivalwatch-signature'] = `sha256=${hmacHex(secret, body)}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(spec.timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new Error(`${what} unreachable: ${cause?.code ?? (err as Error).message}`);
  }
  const problem = responseError(spec.format, res.status, await res.text().catch(() => ''));
  if (problem) throw new Error(`${what}: ${problem}`);
}

async function sendEmail(target: EmailTarget, what: string, settings: DigestSettings, digest: Digest, lang: Language): Promise<void> {
  const { smtp } = target;
  const pass = smtp.pass ? resolveSecret(smtp.pass, `${what} smtp.pass`) : '';
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ignoreTLS: smtp.ignoreTLS,
    auth: smtp.user ? { user: smtp.user, pass } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
  });
  try {
    await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: subjectOf(digest, lang),
      html: renderHtml(digest, lang),
      text: renderMarkdown(digest, lang),
      messageId: `<digest-${digest.period.week}-${lang}@rivalwatch>`,
      attachments: settings.formats
        .filter((f) => f !== 'html')
        .map((f) => ({ filename: digestFileName(digest, f, lang), content: renderDigest(digest, f, lang), contentType: CONTENT_TYPES[f] })),
    });
  } catch (err) {
    throw new Error(`${what} via ${smtp.host}:${smtp.port} failed: ${(err as Error).message}`);
  } finally {
    transport.close();
  }
}

/** Every delivery the settings ask for: email once per language, each webhook in its language. */
export function deliveriesOf(settings: DigestSettings): Delivery[] {
  const out: Delivery[] = [];
  const first = settings.languages[0];
  const email = (target: EmailTarget, name: string) => {
    for (const lang of settings.languages) {
      out.push({ channel: `${name}:${lang}`, send: (d) => sendEmail(target, `digest ${name}`, settings, d, lang) });
    }
  };
  if (settings.email) email(settings.email, 'email');
  settings.webhooks.forEach((w, i) => {
    const name = `webhook:${i}:${new URL(w.url).host}`;
    out.push({ channel: name, send: (d, now) => postWebhook(w, `digest ${name}`, d, w.language ?? first, now) });
  });
  for (const c of settings.channels) {
    if (c.type === 'email') email(c, `channel:${c.name}`);
    else {
      const spec: WebhookSpec = { url: c.url, format: c.format, secret: c.secret, headers: {}, timeoutMs: c.timeoutMs };
      out.push({ channel: `channel:${c.name}`, send: (d, now) => postWebhook(spec, `channel ${c.name}`, d, first, now) });
    }
  }
  return out;
}
