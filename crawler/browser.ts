// The one Chromium a crawl renders pages with: the system's (Debian's /usr/bin/chromium by default),
// never a downloaded one. A crawl launches it when a page first needs it and closes it at the end;
// a caller running many crawls (the demo, the daemon) may launch one and pass it to each.
import { chromium, type Browser } from 'playwright';

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'];

export interface SharedBrowser {
  readonly browser: Browser;
  /** Closes the browser; safe to call twice. */
  close(): Promise<void>;
}

/** The Chromium binary to drive: RIVALWATCH_CHROMIUM, else Debian's. */
export function chromiumExecutable(): string {
  return process.env.RIVALWATCH_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<SharedBrowser> {
  const executablePath = chromiumExecutable();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new Error(`could not start Chromium at ${executablePath} (${why}); install the chromium package or set RIVALWATCH_CHROMIUM to a Chromium binary`);
  }
  let closing: Promise<void> | null = null;
  return {
    browser,
    close: () => (closing ??= browser.close().catch(() => {})),
  };
}
