// robots.txt, read once per origin per crawl run with RivalWatch's own User-Agent, and applied to
// RivalWatch's product token. Crawlee's `respectRobotsTxtFile` is not used: it fetches robots.txt
// with a generated browser User-Agent, reads a robots.txt it cannot load as "allow everything",
// and says only "disallowed" — an operator needs the rule, and RFC 9309 wants an unreachable
// robots.txt (5xx, network) treated as "disallow everything" until it can be read.
import robotsParserModule from 'robots-parser';
import type { CrawlFailure } from '../../store/model.ts';
import { errorFailure, failure } from './failure.ts';

// robots-parser is CommonJS whose typings claim an ES default export; at run time the module is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robots = ReturnType<typeof robotsParser>;

/** RFC 9309 §2.5: crawlers must read at least 500 KiB; past that the file is cut. */
const MAX_ROBOTS_BYTES = 500 * 1024;

export type RobotsVerdict = { allowed: true; crawlDelayMs: number | null } | { allowed: false; failure: CrawlFailure };

type RobotsFile =
  | { kind: 'rules'; url: string; robots: Robots; lines: string[] }
  | { kind: 'allow-all' }
  | { kind: 'unreachable'; failure: CrawlFailure };

export interface RobotsPolicyOptions {
  /** Sent as User-Agent; its product token ("RivalWatch") is what the rules are matched against. */
  userAgent: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export class RobotsPolicy {
  private readonly files = new Map<string, Promise<RobotsFile>>();
  readonly token: string;

  constructor(private readonly opts: RobotsPolicyOptions) {
    this.token = opts.userAgent.split(/[/\s]/)[0] || opts.userAgent;
  }

  /** Whether `url` may be crawled, and the Crawl-delay robots.txt asks of RivalWatch. */
  async check(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let file = this.files.get(origin);
    if (!file) {
      file = this.load(origin);
      this.files.set(origin, file);
    }
    const loaded = await file;
    if (loaded.kind === 'allow-all') return { allowed: true, crawlDelayMs: null };
    if (loaded.kind === 'unreachable') return { allowed: false, failure: loaded.failure };
    if (loaded.robots.isAllowed(url, this.token) === false) {
      const line = loaded.robots.getMatchingLineNumber(url, this.token);
      const text = line > 0 ? loaded.lines[line - 1]?.trim() ?? '' : '';
      const rule = /^disallow\s*:\s*(\S+)/i.exec(text)?.[1] ?? new URL(url).pathname;
      return {
        allowed: false,
        failure: failure('robots', `robots.txt at ${loaded.url} disallows ${rule} for ${this.token}${line > 0 ? ` (line ${line})` : ''}; RivalWatch does not crawl it`),
      };
    }
    const delay = loaded.robots.getCrawlDelay(this.token);
    return { allowed: true, crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null };
  }

  private async load(origin: string): Promise<RobotsFile> {
    const url = `${origin}/robots.txt`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { ...this.opts.headers, 'user-agent': this.opts.userAgent, accept: 'text/plain,*/*;q=0.5' },
        redirect: 'follow',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const cause = errorFailure(err, url, this.opts.timeoutMs);
      return { kind: 'unreachable', failure: { ...cause, reason: `robots.txt could not be read, so nothing on ${new URL(origin).host} is crawled: ${cause.reason}` } };
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      return {
        kind: 'unreachable',
        failure: failure('robots', `robots.txt at ${url} answers HTTP ${response.status}; until it can be read RivalWatch treats the site as disallowed (RFC 9309)`, response.status),
      };
    }
    // 4xx: there is no robots.txt, which allows everything (RFC 9309 §2.3.1.3).
    if (response.status >= 400) {
      await response.body?.cancel();
      return { kind: 'allow-all' };
    }
    const text = (await response.text()).slice(0, MAX_ROBOTS_BYTES);
    return { kind: 'rules', url, robots: robotsParser(url, text), lines: text.split(/\r\n|\r|\n/) };
  }
}
