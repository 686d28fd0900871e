// `rivalwatch alerts list|ack|test`: the alerts in the outbox with their delivery state, marking
// them read, and replaying stored history through the rules ("what would this rule have fired?").
import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../context.ts';
import { UsageError } from '../context.ts';
import { StoreError } from '../../store/store.ts';
import type { Store } from '../../store/store.ts';
import { parseAlertsConfig, type AlertsConfig } from '../../insights/alerts/config.ts';
import { ackAlerts, listAlerts } from '../../insights/alerts/outbox.ts';
import { describeAlert, valueLabel } from '../../insights/alerts/describe.ts';
import { replayHistory } from '../../insights/alerts/replay.ts';

/** "30d", "12h", "2w" before `now`, or an ISO date / time. */
export function parseSince(text: string, now: Date): string {
  const m = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (m) {
    const hours = { h: 1, d: 24, w: 168 }[m[2].toLowerCase() as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(m[1]) * hours * 3_600_000).toISOString();
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--since "${text}": give a duration such as 30d, 12h or 2w, or a date such as 2024-06-01`);
  return new Date(ms).toISOString();
}

function alertsConfigOf(ctx: CommandContext): AlertsConfig {
  const { config, file } = ctx.config();
  return parseAlertsConfig(config.alerts, file, config.shop);
}

async function withStore<T>(ctx: CommandContext, writable: boolean, fn: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await ctx.openStore({ readOnly: !writable });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'locked') {
      throw new StoreError(`${err.message}\nThe running daemon owns the store: acknowledge from the browser extension (POST /api/alerts/:id/ack), or stop "rivalwatch start" first.`, 'locked');
    }
    throw err;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const alerts = program.command('alerts').description('price alerts: list them, acknowledge them, test rules against stored history');

  alerts
    .command('list')
    .description('alerts newest first, with rule, severity, listing, old → new and delivery state per channel')
    .option('--all', 'include acknowledged alerts')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print the alerts as JSON')
    .action(async (opts: { all?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${opts.limit}": give a whole number of at least 1`);
      const found = await withStore(ctx, false, (store) => listAlerts(store, { unread: !opts.all, limit }));
      if (opts.json) {
        console.log(JSON.stringify(found, null, 2));
        return;
      }
      if (found.length === 0) {
        console.log(opts.all ? 'No alerts yet.' : 'No unread alerts. (--all shows acknowledged ones too.)');
        return;
      }
      for (const a of found) console.log(describeAlert(a).join('\n'));
    });

  alerts
    .command('ack')
    .argument('<ids...>', 'alert ids (from "alerts list"), or "all"')
    .description('acknowledge alerts (mark them read)')
    .option('--json', 'print the acknowledged ids as JSON')
    .action(async (ids: string[], opts: { json?: boolean }) => {
      const at = new Date().toISOString();
      const result = await withStore(ctx, true, async (store) => {
        if (ids.length === 1 && ids[0] === 'all') return { acked: await ackAlerts(store, 'all', at), unknown: [] as string[] };
        const known = new Set((await listAlerts(store)).map((a) => a.id));
        const unknown = ids.filter((id) => !known.has(id));
        if (unknown.length) throw new UsageError(`no alert ${unknown.join(', ')}; see "rivalwatch alerts list --all"`);
        return { acked: await ackAlerts(store, ids, at), unknown };
      });
      if (opts.json) console.log(JSON.stringify({ acknowledged: result.acked.map((a) => a.id) }));
      else console.log(result.acked.length ? `Acknowledged ${result.acked.length} alert(s).` : 'Nothing to acknowledge: already read.');
    });

  alerts
    .command('test')
    .description('replay stored history through the rules: what would they have fired?')
    .option('--rule <id...>', 'only these rules')
    .option('--since <when>', 'start of the replay: 30d, 12h, 2w or a date', '30d')
    .option('--json', 'print the replay as JSON')
    .action(async (opts: { rule?: string[]; since: string; json?: boolean }) => {
      const { config } = ctx.config();
      const alertsConfig = alertsConfigOf(ctx);
      const unknown = (opts.rule ?? []).filter((id) => !alertsConfig.rules.some((r) => r.id === id));
      if (unknown.length) throw new UsageError(`unknown rule ${unknown.join(', ')}; rules: ${alertsConfig.rules.map((r) => r.id).join(', ')}`);
      const now = new Date();
      const from = parseSince(opts.since, now);
      const report = await withStore(ctx, false, (store) => replayHistory({ store, config, alerts: alertsConfig, ruleIds: opts.rule, from, to: now.toISOString() }));
      if (opts.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(`Replayed ${report.listings} listing(s) from ${report.from} to ${report.to}: ${report.alerts.length} alert(s) would have fired.`);
      const language = config.shop.language;
      for (const a of report.alerts) {
        console.log(`${a.at}  ${a.severity.toUpperCase()}  ${a.ruleId}  ${a.messages[language]}  ${valueLabel(a.facts.old)} → ${valueLabel(a.facts.new)}  ${a.subject.url}`);
      }
      for (const g of report.glitches) {
        console.log(`${g.at}  glitch  ${g.listingId}: ${g.field} read once as ${g.glitch ? valueLabel({ type: 'money', money: g.glitch }) : '—'}, not alerted`);
      }
    });
};
