// Per-host pacing: request starts to one host at least `intervalMs` apart, and none while the host
// asked us to back off (Retry-After). Crawlee's `sameDomainDelaySecs` is not used: it keys hosts by
// registrable domain and skips hosts that have none, so an IP address or `localhost` (the demo
// shops, our tests, intranet shops) would get no delay at all; it also knows nothing of Retry-After.
// One gate is shared by every crawl in the process, so two competitors on one marketplace host
// share that host's pace.

export class StoppedError extends Error {
  constructor() {
    super('the crawl was stopped before this page was requested');
    this.name = 'StoppedError';
  }
}

interface HostState {
  /** When the next request may start (epoch ms). */
  nextStart: number;
  /** Requests waiting for their turn, in arrival order. */
  queue: Promise<void>;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { nextStart: 0, queue: Promise.resolve() };
      this.hosts.set(host, s);
    }
    return s;
  }

  /**
   * Resolves when a request to `host` may start: after earlier callers, `intervalMs` after the
   * previous start, not before `notBefore` (this request's own backoff) nor a host pause.
   * Rejects with StoppedError when `signal` aborts while waiting.
   */
  turn(host: string, intervalMs: number, notBefore = 0, signal?: AbortSignal): Promise<void> {
    const s = this.state(host);
    const mine = s.queue.then(async () => {
      if (signal?.aborted) throw new StoppedError();
      const wait = Math.max(s.nextStart, notBefore) - Date.now();
      if (wait > 0) await sleep(wait, signal);
      s.nextStart = Date.now() + intervalMs;
    });
    // The next caller waits for this one to start, whether it started or was stopped.
    s.queue = mine.catch(() => {});
    return mine;
  }

  /** Holds every request to `host` until `untilMs` (a server's Retry-After). */
  pause(host: string, untilMs: number): void {
    const s = this.state(host);
    s.nextStart = Math.max(s.nextStart, untilMs);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The gate every crawl in this process shares. */
export const hostGate = new HostGate();
