// Coalesces many changes into one write. The first change starts a timer, later ones ride
// along; `flush()` writes at once. One write runs at a time, and a failed write leaves the
// changes pending for the next attempt.
import { performance } from 'node:perf_hooks';

/** Every write rewrites the whole file: wait at least this many times the last write's duration. */
const WRITE_COST_FACTOR = 100;
const MAX_ADAPTIVE_DELAY_MS = 60_000;

export class BatchedWriter {
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private lastWriteMs = 0;

  /**
   * `write` persists the current state; `delayMs` is the shortest wait before a batch is written.
   * A large store waits longer (100 times its last write, up to a minute), so rewriting the file
   * keeps the disk busy about 1% of the time.
   */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: number,
  ) {}

  changed(): void {
    this.dirty = true;
    if (this.timer !== null) return;
    const delay = Math.max(this.delayMs, Math.min(WRITE_COST_FACTOR * this.lastWriteMs, MAX_ADAPTIVE_DELAY_MS));
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed background write stays pending; the next `flush()` retries it and reports the error.
      this.flush().catch(() => undefined);
    }, delay);
    // A pending batch does not keep the process alive; its owner flushes on close or beforeExit.
    this.timer.unref();
  }

  /** Writes pending changes now; resolves once the write is done (rejects if it failed). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing !== null) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    const write = this.write();
    this.writing = write.then(
      () => undefined,
      () => undefined,
    );
    try {
      await write;
      this.lastWriteMs = performance.now() - started;
    } catch (err) {
      this.dirty = true;
      throw err;
    } finally {
      this.writing = null;
    }
  }
}
