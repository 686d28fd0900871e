// Real local receivers for alert tests: an HTTP webhook server that can be taken down (503s or
// refused connections) and brought back on the same port, an SMTP server (smtp-server) keeping the
// raw messages, and a lowdb store in a temp folder.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { LowdbStore } from '../../store/lowdb.ts';

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** 'ok' answers 200, '503' answers Service Unavailable (recorded separately as `rejected`). */
  mode: 'ok' | '503';
  rejected: number;
  /** Closes the port: connections are refused until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Answer body for a path (platform JSON such as {"errcode":0}); default "ok". */
  answers: Map<string, string>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let server: Server | null = null;
  let port = 0;
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    mode: 'ok',
    rejected: 0,
    answers: new Map(),
    async down() {
      const s = server;
      server = null;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: () => listen(),
    close: () => receiver.down(),
  };
  async function listen(): Promise<void> {
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (receiver.mode === '503') {
          receiver.rejected++;
          res.writeHead(503).end('down for maintenance');
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://x');
        let body: unknown = null;
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
        receiver.received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, raw, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end(receiver.answers.get(url.pathname) ?? 'ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    receiver.url = `http://127.0.0.1:${port}`;
    server = s;
  }
  await listen();
  return receiver;
}

export interface SmtpReceiver {
  port: number;
  messages: { from: string; to: string[]; raw: string }[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: SmtpReceiver['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function tempStore(): Promise<{ dir: string; path: string; store: LowdbStore; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rw-alerts-'));
  const path = join(dir, 'store.json');
  const store = await LowdbStore.open(path, { writeDelayMs: 5, lockStaleMs: 2000 });
  return {
    dir,
    path,
    store,
    async cleanup() {
      await store.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
