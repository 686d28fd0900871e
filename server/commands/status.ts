// `rivalwatch status`: what is tracked, when each competitor was last crawled, and what is failing.
import type { RegisterCommand } from '../context.ts';
import type { Store } from '../../store/store.ts';
import type { CrawlRun, FailureKind } from '../../store/model.ts';

export interface CompetitorStatus {
  competitor: string;
  listings: { active: number; gone: number; paused: number };
  changePoints: number;
  lastRun: CrawlRun | null;
  /** Listings whose latest crawl failed, by failure kind, with the latest reason of each kind. */
  failing: Partial<Record<FailureKind, { count: number; example: string }>>;
  neverRead: number;
}

export interface StatusReport {
  store: string;
  listings: number;
  changePoints: number;
  competitors: CompetitorStatus[];
}

export async function buildStatus(store: Store): Promise<StatusReport> {
  const listings = await store.listListings();
  const histories = new Map((await store.getHistories(listings.map((l) => l.id))).map((h) => [h.listingId, h]));
  const runs = await store.listRuns();
  const byCompetitor = new Map<string, CompetitorStatus>();
  for (const l of listings) {
    let s = byCompetitor.get(l.competitor);
    if (!s) {
      const lastRun = runs.filter((r) => r.competitor === l.competitor).sort((a, b) => (a.at < b.at ? 1 : -1))[0] ?? null;
      s = { competitor: l.competitor, listings: { active: 0, gone: 0, paused: 0 }, changePoints: 0, lastRun, failing: {}, neverRead: 0 };
      byCompetitor.set(l.competitor, s);
    }
    s.listings[l.status]++;
    const h = histories.get(l.id);
    if (!h) continue;
    s.changePoints += Object.values(h.fields).reduce((n, pts) => n + pts.length, 0);
    if (!h.lastOkAt) s.neverRead++;
    const last = h.failures[h.failures.length - 1];
    if (h.consecutiveFailures > 0 && last) {
      const f = (s.failing[last.kind] ??= { count: 0, example: last.reason });
      f.count++;
    }
  }
  const competitors = [...byCompetitor.values()].sort((a, b) => a.competitor.localeCompare(b.competitor));
  return {
    store: store.location,
    listings: listings.length,
    changePoints: competitors.reduce((n, c) => n + c.changePoints, 0),
    competitors,
  };
}

export function formatRun(run: CrawlRun): string {
  const failures = Object.entries(run.failuresByKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return `${run.competitor}: ${run.ok}/${run.listings} read at ${run.at}${failures ? `; failed: ${failures}` : ''}`;
}

function formatStatus(report: StatusReport): string {
  const lines = [`Store: ${report.store}`, `${report.listings} listings, ${report.changePoints} change points`, ''];
  for (const c of report.competitors) {
    const l = c.listings;
    lines.push(`${c.competitor}: ${l.active} active${l.gone ? `, ${l.gone} gone` : ''}${l.paused ? `, ${l.paused} paused` : ''}; ${c.changePoints} change points`);
    lines.push(c.lastRun ? `  last run: ${formatRun(c.lastRun)}` : '  never crawled');
    for (const [kind, f] of Object.entries(c.failing)) lines.push(`  failing now: ${f!.count} × ${kind} (e.g. ${f!.example})`);
    if (c.neverRead) lines.push(`  never read successfully: ${c.neverRead}`);
  }
  return lines.join('\n');
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('status')
    .description('summarize listings, history, the last run and the failures per competitor')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await ctx.openExistingStore();
      if (!store) {
        console.log(opts.json ? JSON.stringify({ store: null, listings: 0, changePoints: 0, competitors: [] }) : 'Nothing recorded yet: run "rivalwatch crawl" once or "rivalwatch start".');
        return;
      }
      try {
        const report = await buildStatus(store);
        const { PostgresStore } = await import('../../store/postgres/store.ts');
        if (store instanceof PostgresStore) {
          const { queueStatus, formatQueueStatus } = await import('../queue/status.ts');
          const queue = await queueStatus(store);
          console.log(opts.json ? JSON.stringify({ ...report, queue }, null, 2) : `${formatStatus(report)}\n\n${formatQueueStatus(queue)}`);
        } else {
          console.log(opts.json ? JSON.stringify(report, null, 2) : formatStatus(report));
        }
      } finally {
        await store.close();
      }
    });
};
