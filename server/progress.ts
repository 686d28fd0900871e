// Progress for long runs: a bar on a terminal, plain lines otherwise (logs, CI, pipes).
import cliProgress from 'cli-progress';

export interface Progress {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const multi = new cliProgress.MultiBar(
      { stream, format: ' {label} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      update(label, done, total) {
        let bar = bars.get(label);
        if (!bar) {
          bar = multi.create(total, 0, { label: label.padEnd(20) });
          bars.set(label, bar);
        }
        bar.setTotal(total);
        bar.update(done, { label: label.padEnd(20) });
      },
      stop: () => multi.stop(),
    };
  }
  const lastPrinted = new Map<string, number>();
  return {
    update(label, done, total) {
      // One line per 10% step and at the end keeps logs readable.
      const step = Math.max(1, Math.ceil(total / 10));
      const last = lastPrinted.get(label) ?? -1;
      if (done === total || done - last >= step) {
        stream.write(`${label}: ${done}/${total}\n`);
        lastPrinted.set(label, done);
      }
    },
    stop() {},
  };
}
