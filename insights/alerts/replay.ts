// "What would this rule have fired last month?": stored history replayed through the rules. Each
// change point becomes the crawl result that recorded it; failure spans become failed crawls at
// their first and last time (spans keep only those, so failure counts in between are approximate).
// A price seen by a single crawl and reversed by the next, beyond the suspicious-move bound, is
// treated as the live engine treats a glitch the re-crawl refuted: reported, never a price alert.
import type { ChangePoint, Listing, ListingHistory, Money, RecordResult, TrackedField, TrackedValues } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import { sameValue, TRACKED_FIELDS, valueAt } from '../../store/changepoints.ts';
import { ourPrice, type Config } from '../../server/config.ts';
import type { AlertRule, AlertsConfig } from './config.ts';
import { evaluate, stateKey } from './evaluate.ts';
import { productInfos } from './engine.ts';
import { convert } from './fx.ts';
import { renderMessages } from './messages.ts';
import { confirmsMove, suspiciousMove, WATCHED_PRICES } from './suspicious.ts';
import type { AlertEvent, GlitchEvent, RuleState } from './types.ts';

export interface ReplayOptions {
  store: Store;
  config: Config;
  alerts: AlertsConfig;
  /** Only these rules (all enabled rules when omitted). */
  ruleIds?: string[];
  from: string;
  to: string;
}

export interface ReplayedAlert extends AlertEvent {
  messages: Record<'en' | 'zh-CN', string>;
}

export interface ReplayReport {
  from: string;
  to: string;
  listings: number;
  alerts: ReplayedAlert[];
  glitches: Pick<GlitchEvent, 'listingId' | 'field' | 'at' | 'previous' | 'glitch' | 'recrawled'>[];
}

function valuesAt(history: ListingHistory, ms: number): Partial<TrackedValues> {
  const out: Partial<Record<TrackedField, unknown>> = {};
  const iso = new Date(ms).toISOString();
  for (const field of TRACKED_FIELDS) {
    const first = (history.fields[field] as ChangePoint<unknown>[])[0];
    if (first && Date.parse(first.at) <= ms) out[field] = valueAt(history, field, iso);
  }
  return out as Partial<TrackedValues>;
}

/** Removes single-crawl blips beyond the bound from the price series; returns them. */
function withoutBlips(history: ListingHistory, bound: AlertsConfig['suspiciousMoveBound']): { history: ListingHistory; blips: ReplayReport['glitches'] } {
  const blips: ReplayReport['glitches'] = [];
  const fields = { ...history.fields };
  for (const field of WATCHED_PRICES) {
    const points = history.fields[field] as ChangePoint<Money | null>[];
    const kept: ChangePoint<Money | null>[] = [];
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      const prev = kept[kept.length - 1];
      const next = points[i + 1];
      const probe: RecordResult = { listingId: history.listingId, ok: true, changed: [field], previous: { [field]: prev?.value }, current: { [field]: p.value } };
      const move = prev ? suspiciousMove(probe, bound) : null;
      if (move && next && p.lastSeenAt === p.at && !confirmsMove({ [field]: prev.value }, { [field]: next.value }, move, bound)) {
        blips.push({ listingId: history.listingId, field, at: p.at, previous: prev.value, glitch: p.value, recrawled: next.value });
        continue;
      }
      if (prev && sameValue(field, prev.value, p.value)) {
        kept[kept.length - 1] = { ...prev, lastSeenAt: p.lastSeenAt };
        continue;
      }
      kept.push(p);
    }
    (fields as Record<TrackedField, ChangePoint<unknown>[]>)[field] = kept;
  }
  return { history: { ...history, fields }, blips };
}

interface Step {
  at: string;
  result: RecordResult;
  history: ListingHistory;
}

/** The crawl results that would have produced this history, in time order, within [from, to]. */
function steps(history: ListingHistory, from: number, to: number): Step[] {
  const times = new Set<string>();
  for (const field of TRACKED_FIELDS) for (const p of history.fields[field] as ChangePoint<unknown>[]) times.add(p.at);
  const out: Step[] = [];
  for (const at of times) {
    const ms = Date.parse(at);
    if (ms < from || ms > to) continue;
    const changed = TRACKED_FIELDS.filter((f) => (history.fields[f] as ChangePoint<unknown>[]).some((p) => p.at === at));
    const result: RecordResult = { listingId: history.listingId, ok: true, changed, previous: valuesAt(history, ms - 1), current: valuesAt(history, ms) };
    out.push({ at, result, history: asOf(history, ms, 0) });
  }
  for (const span of history.failures) {
    const failure = { kind: span.kind, reason: span.reason, httpStatus: span.httpStatus };
    const ends = span.count > 1 && span.lastAt !== span.firstAt ? [[span.firstAt, 1], [span.lastAt, span.count]] as const : [[span.firstAt, span.count]] as const;
    for (const [at, count] of ends) {
      const ms = Date.parse(at);
      if (ms < from || ms > to) continue;
      const previous = valuesAt(history, ms);
      out.push({ at, result: { listingId: history.listingId, ok: false, changed: [], previous, current: {}, failure }, history: asOf(history, ms, count) });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || Number(a.result.ok) - Number(b.result.ok));
}

/** The history as it stood at `ms`, with `failures` consecutive failures then. */
function asOf(history: ListingHistory, ms: number, failures: number): ListingHistory {
  const fields = {} as Record<TrackedField, ChangePoint<unknown>[]>;
  for (const f of TRACKED_FIELDS) fields[f] = (history.fields[f] as ChangePoint<unknown>[]).filter((p) => Date.parse(p.at) <= ms);
  const spans = history.failures.filter((s) => Date.parse(s.firstAt) <= ms).map((s) => (Date.parse(s.lastAt) > ms ? { ...s, lastAt: new Date(ms).toISOString(), count: Math.max(1, failures) } : s));
  return { ...history, fields: fields as ListingHistory['fields'], failures: spans, lastCheckedAt: new Date(ms).toISOString(), consecutiveFailures: failures };
}

export async function replayHistory(opts: ReplayOptions): Promise<ReplayReport> {
  const { store, config, alerts } = opts;
  const rules: AlertRule[] = alerts.rules.filter((r) => r.enabled && (!opts.ruleIds || opts.ruleIds.includes(r.id)));
  const from = Date.parse(opts.from);
  const to = Date.parse(opts.to);
  const products = productInfos(config);
  const listings = await store.listListings();
  const own = new Map<string, ListingHistory>();
  for (const l of listings.filter((l: Listing) => l.own)) {
    const h = await store.getHistory(l.id);
    if (h) own.set(l.sku, h);
  }
  const ourPriceAt = (sku: string, ms: number): Money | null => {
    const product = config.products.find((p) => p.sku === sku);
    const configured = product ? ourPrice(config, product) : null;
    if (configured) return configured;
    const h = own.get(sku);
    if (!h) return null;
    const v = valuesAt(h, ms);
    return v.effectivePrice ?? v.price ?? null;
  };
  const report: ReplayReport = { from: opts.from, to: opts.to, listings: 0, alerts: [], glitches: [] };
  const owners = new Map(alerts.owners.map((o) => [o.name, o]));
  for (const listing of listings) {
    const stored = await store.getHistory(listing.id);
    if (!stored) continue;
    report.listings++;
    const { history, blips } = withoutBlips(stored, alerts.suspiciousMoveBound);
    report.glitches.push(...blips.filter((b) => Date.parse(b.at) >= from && Date.parse(b.at) <= to));
    const states = new Map<string, RuleState>();
    const product = products.get(listing.sku) ?? null;
    const run = (at: string, result: RecordResult, h: ListingHistory) => {
      const ms = Date.parse(at);
      const currency = (result.current.effectivePrice ?? result.current.price ?? result.previous.price)?.currency;
      const ours = ourPriceAt(listing.sku, ms);
      const here = ours && currency ? convert(config, ours, currency) : ours;
      const floor = product?.floor && currency ? convert(config, product.floor, currency) : (product?.floor ?? null);
      const out = evaluate({ rules, listing, product: product && { ...product, floor }, result, history: h, ourPrice: here, at, states });
      for (const s of out.states) states.set(stateKey(s.ruleId, s.subject), s);
      return out.events;
    };
    // Conditions already holding when the window opens fired before it: seed the state silently.
    const opening = valuesAt(history, from);
    run(opts.from, { listingId: listing.id, ok: true, changed: [], previous: opening, current: opening }, asOf(history, from, 0));
    for (const step of steps(history, from, to)) {
      for (const e of run(step.at, step.result, step.history)) report.alerts.push({ ...e, messages: renderMessages(e, owners.get(e.owner)?.timeZone ?? 'UTC') });
    }
  }
  report.alerts.sort((a, b) => a.at.localeCompare(b.at) || a.eventKey.localeCompare(b.eventKey));
  return report;
}
