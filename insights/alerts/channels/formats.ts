// Webhook bodies in each platform's documented format, and each platform's documented signing:
// DingTalk HmacSHA256(secret, timestamp+"\n"+secret) in the query, Feishu HmacSHA256 keyed with
// timestamp+"\n"+secret in the body, and for generic JSON an X-RivalWatch-Signature header with the
// HMAC-SHA256 of the body. Scraped text is escaped for the markup each platform renders.
import { createHmac } from 'node:crypto';
import { linkLabel } from '../messages.ts';
import type { Notification } from './notification.ts';
import { plainText } from './notification.ts';

export type WebhookFormat = 'slack' | 'feishu' | 'dingtalk' | 'wecom' | 'json';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Slack mrkdwn: only &, < and > are special (they start links and mentions). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown for DingTalk and WeCom: neutralise link, emphasis and HTML syntax in scraped text. */
export function markdownEscape(text: string): string {
  return text.replace(/[\\`*_[\]()#!|~]/g, (c) => `\\${c}`).replace(/</g, '＜').replace(/>/g, '＞');
}

/** A URL fit to sit inside a markdown link target. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

const MAX_ITEMS = 40;

function clipped<T>(items: T[]): { shown: T[]; more: number } {
  return { shown: items.slice(0, MAX_ITEMS), more: Math.max(0, items.length - MAX_ITEMS) };
}

function moreLine(n: Notification, more: number): string {
  return n.language === 'en' ? `…and ${more} more (rivalwatch alerts list)` : `……另有 ${more} 条（rivalwatch alerts list）`;
}

function slack(n: Notification): unknown {
  const { shown, more } = clipped(n.items);
  const blocks: unknown[] = [];
  if (n.kind === 'summary') blocks.push({ type: 'header', text: { type: 'plain_text', text: n.title.slice(0, 150) } });
  for (const i of shown) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${slackEscape(i.message)} <${slackEscape(i.url)}|${linkLabel(n.language)}>` } });
  }
  if (more) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(moreLine(n, more)) }] });
  return { text: slackEscape(n.title), blocks };
}

function feishu(n: Notification): Record<string, unknown> {
  const { shown, more } = clipped(n.items);
  const lines = shown.map((i) => [
    { tag: 'text', text: `${i.message} ` },
    { tag: 'a', text: linkLabel(n.language), href: i.url },
  ]);
  if (more) lines.push([{ tag: 'text', text: moreLine(n, more) }]);
  // A "post" message renders text and link tags only: nothing scraped can become markup.
  const lang = n.language === 'en' ? 'en_us' : 'zh_cn';
  return { msg_type: 'post', content: { post: { [lang]: { title: n.kind === 'summary' ? n.title : '', content: lines } } } };
}

function markdownLines(n: Notification): string[] {
  const { shown, more } = clipped(n.items);
  const lines = shown.map((i) => `${n.kind === 'summary' ? '- ' : ''}${markdownEscape(i.message)} [${linkLabel(n.language)}](${markdownUrl(i.url)})`);
  if (more) lines.push(markdownEscape(moreLine(n, more)));
  return n.kind === 'summary' ? [`### ${markdownEscape(n.title)}`, '', ...lines] : lines;
}

function dingtalk(n: Notification): unknown {
  const title = n.title.slice(0, 64);
  return { msgtype: 'markdown', markdown: { title, text: markdownLines(n).join('\n\n') } };
}

function wecom(n: Notification): unknown {
  // WeCom limits markdown content to 4096 bytes; the item cap keeps a summary well under it.
  return { msgtype: 'markdown', markdown: { content: markdownLines(n).join('\n') } };
}

function json(n: Notification): unknown {
  return {
    type: n.kind === 'alert' ? 'rivalwatch.alert' : 'rivalwatch.summary',
    idempotencyKey: n.idempotencyKey,
    language: n.language,
    title: n.title,
    text: plainText(n),
    alerts: n.alerts.map(({ delivery: _delivery, ...alert }) => alert),
  };
}

export function hmacHex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** DingTalk: sign = Base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), ms timestamp. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu / Lark: sign = Base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), seconds. */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** The HTTP request for one notification in a platform's format, signed when a secret is set. */
export function webhookRequest(format: WebhookFormat, url: string, n: Notification, secret: string | undefined, now: Date): WebhookRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'idempotency-key': n.idempotencyKey,
    'x-rivalwatch-idempotency-key': n.idempotencyKey,
  };
  let target = url;
  let payload: unknown;
  switch (format) {
    case 'slack':
      payload = slack(n);
      break;
    case 'feishu': {
      const body = feishu(n);
      if (secret) {
        const timestamp = Math.floor(now.getTime() / 1000);
        payload = { timestamp: String(timestamp), sign: feishuSign(secret, timestamp), ...body };
      } else payload = body;
      break;
    }
    case 'dingtalk':
      payload = dingtalk(n);
      if (secret) {
        const timestamp = now.getTime();
        const u = new URL(url);
        u.searchParams.set('timestamp', String(timestamp));
        u.searchParams.set('sign', dingtalkSign(secret, timestamp));
        target = u.toString();
      }
      break;
    case 'wecom':
      payload = wecom(n);
      break;
    case 'json':
      payload = json(n);
      break;
  }
  const body = JSON.stringify(payload);
  // Slack, WeCom and generic receivers have no platform signing; the generic header serves them.
  if (secret && (format === 'json' || format === 'slack' || format === 'wecom')) headers['x-rivalwatch-signature'] = `sha256=${hmacHex(secret, body)}`;
  return { url: target, headers, body };
}

/** Platforms answer 200 with an error code in the body; a non-zero code is a failed delivery. */
export function responseError(format: WebhookFormat, status: number, text: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  if (format === 'json' || format === 'slack') return null;
  try {
    const body = JSON.parse(text) as { code?: number; StatusCode?: number; errcode?: number; msg?: string; errmsg?: string };
    const code = body.code ?? body.StatusCode ?? body.errcode ?? 0;
    return code === 0 ? null : `${format} answered code ${code}: ${body.msg ?? body.errmsg ?? text.slice(0, 200)}`;
  } catch {
    return null;
  }
}
