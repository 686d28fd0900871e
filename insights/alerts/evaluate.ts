// Pure rule evaluation: one recorded crawl of one listing in, the alerts it fires and the new
// condition state out. Conditions fire once per episode and level, re-arm when they clear, and
// respect the rule's cooldown; events fire once per occurrence. No I/O: the engine persists.
import type { Listing } from '../../store/model.ts';
import type { AlertRule, RuleKind, RuleOf, Severity } from './config.ts';
import type { AlertEvent, ConditionState, RuleState, Signal } from './types.ts';
import type { ProductInfo, RuleContext } from './rules/context.ts';
import { priceChange, priceThreshold, undercut } from './rules/price.ts';
import { promotion } from './rules/promotions.ts';
import { backInStock, listingGone, outOfStock } from './rules/stock.ts';
import { ratingDrop, reviewSpike } from './rules/reviews.ts';
import { blocked, extractionFailing, priceGlitch } from './rules/quality.ts';

type Detector<K extends RuleKind> = (rule: RuleOf<K>, ctx: RuleContext) => Signal[];

const DETECTORS: { [K in RuleKind]: Detector<K> } = {
  price_change: priceChange,
  undercut,
  price_threshold: priceThreshold,
  promotion,
  out_of_stock: outOfStock,
  back_in_stock: backInStock,
  rating_drop: ratingDrop,
  review_spike: reviewSpike,
  listing_gone: listingGone,
  extraction_failing: extractionFailing,
  blocked,
  price_glitch: priceGlitch,
};

/** Rules about crawler health; they also watch our own pages, which market rules skip. */
export const DATA_QUALITY_KINDS: ReadonlySet<RuleKind> = new Set(['listing_gone', 'extraction_failing', 'blocked', 'price_glitch']);

export function inScope(rule: AlertRule, listing: Listing, product: ProductInfo | null): boolean {
  if (!rule.enabled) return false;
  if (listing.own && !DATA_QUALITY_KINDS.has(rule.kind)) return false;
  const s = rule.scope;
  if (s.all) return true;
  if (s.sku !== undefined) return listing.sku === s.sku;
  if (s.competitor !== undefined) return listing.competitor === s.competitor;
  if (s.tag !== undefined) return product?.tags.includes(s.tag) ?? false;
  if (s.category !== undefined) return product?.category === s.category;
  return false;
}

/** Whose state a rule keeps: a blocking site is one problem per competitor, not one per page. */
export function subjectOf(rule: AlertRule, listing: Listing): string {
  return rule.kind === 'blocked' ? `competitor:${listing.competitor}` : listing.id;
}

export function stateKey(ruleId: string, subject: string): string {
  return `${ruleId}|${subject}`;
}

const RANK: Record<Severity, number> = { warning: 1, critical: 2 };
const rank = (s: Severity | null) => (s === null ? 0 : RANK[s]);

const FRESH: ConditionState = { level: null, firedLevel: null, episode: 0, since: null, lastFiredAt: null };

function cooled(state: ConditionState, at: string, cooldownMinutes: number): boolean {
  return state.lastFiredAt === null || Date.parse(at) - Date.parse(state.lastFiredAt) >= cooldownMinutes * 60_000;
}

/**
 * One condition reading applied to its state. A new episode starts when the condition starts to
 * hold; it fires unless the cooldown since the last alert has not passed (then it fires on a later
 * reading if it still holds). A rise from warning to critical fires at once; a fall does not.
 */
export function stepCondition(
  prev: ConditionState | undefined,
  level: Severity | null,
  at: string,
  cooldownMinutes: number,
): { next: ConditionState | undefined; fire: { episode: number; level: Severity } | null } {
  const state = prev ?? FRESH;
  if (level === null) {
    if (state.level === null && state.firedLevel === null) return { next: prev, fire: null };
    return { next: { ...state, level: null, firedLevel: null, since: null }, fire: null };
  }
  const starting = state.level === null;
  const next: ConditionState = {
    ...state,
    level,
    episode: starting ? state.episode + 1 : state.episode,
    since: starting ? at : state.since,
  };
  if (rank(level) <= rank(next.firedLevel)) return { next, fire: null };
  const escalation = next.firedLevel !== null;
  if (!escalation && !cooled(state, at, cooldownMinutes)) return { next, fire: null };
  return { next: { ...next, firedLevel: level, lastFiredAt: at }, fire: { episode: next.episode, level } };
}

export interface EvaluateInput extends RuleContext {
  rules: readonly AlertRule[];
  /** Current state by `stateKey(rule, subject)`; missing = never fired, not holding. */
  states: ReadonlyMap<string, RuleState>;
}

export interface Evaluation {
  events: AlertEvent[];
  /** States that changed and must be saved. */
  states: RuleState[];
}

export function evaluate(input: EvaluateInput): Evaluation {
  const events: AlertEvent[] = [];
  const changed: RuleState[] = [];
  const { listing, product } = input;
  const subject = {
    listingId: listing.id,
    url: listing.url,
    competitor: listing.competitor,
    sku: listing.sku,
    productName: product?.name ?? null,
    title: input.result.current.title ?? listing.label ?? null,
  };
  for (const rule of input.rules) {
    if (!inScope(rule, listing, product)) continue;
    const signals = (DETECTORS[rule.kind] as Detector<RuleKind>)(rule, input);
    if (signals.length === 0) continue;
    const who = subjectOf(rule, listing);
    const key = stateKey(rule.id, who);
    const before = input.states.get(key);
    const conditions = { ...(before?.conditions ?? {}) };
    let dirty = false;
    for (const signal of signals) {
      const prev = conditions[signal.condition];
      const base = { ruleId: rule.id, ruleKind: rule.kind, owner: rule.owner, condition: signal.condition, at: input.at, subject, facts: signal.facts };
      if (signal.type === 'condition') {
        const { next, fire } = stepCondition(prev, signal.level, input.at, rule.cooldownMinutes);
        if (next !== prev && next !== undefined) {
          conditions[signal.condition] = next;
          dirty = true;
        }
        if (fire) events.push({ ...base, severity: fire.level, eventKey: `${key}|${signal.condition}|ep${fire.episode}|${fire.level}` });
        continue;
      }
      const state = prev ?? FRESH;
      if (!cooled(state, input.at, rule.cooldownMinutes)) continue;
      events.push({ ...base, severity: signal.severity, eventKey: `${key}|${signal.condition}|${signal.occurrence}` });
      // Without a cooldown there is nothing to remember: the occurrence already names the event.
      if (rule.cooldownMinutes > 0) {
        conditions[signal.condition] = { ...state, lastFiredAt: input.at };
        dirty = true;
      }
    }
    if (dirty) changed.push({ ruleId: rule.id, subject: who, conditions });
  }
  return { events, states: changed };
}
