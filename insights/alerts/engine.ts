// The alert engine the daemon calls after each crawl: it evaluates the rules on what the crawl
// recorded, holds suspicious price moves until an immediate re-crawl confirms them, and writes the
// resulting alerts to the outbox (flushed before anything is sent; the Dispatcher sends).
//
// A glitch the re-crawl refutes: the store has already recorded the glitch value as a change point
// and the re-crawl records the true value right after, so the history shows a one-crawl blip. The
// engine records it as an 'alert-glitch' document (for people and for charts to discount), alerts
// the data-quality owner through `price_glitch` rules, and evaluates the re-crawl against the values
// from before the glitch, so neither the blip nor its reversal raises a price alert.
import type { Listing, Money, RecordResult, TrackedField, TrackedValues } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import { latest, sameValue, TRACKED_FIELDS } from '../../store/changepoints.ts';
import { ourPrice, type Config } from '../../server/config.ts';
import type { AlertsConfig } from './config.ts';
import { DATA_QUALITY_KINDS, evaluate, stateKey, stepCondition } from './evaluate.ts';
import { convert } from './fx.ts';
import { enqueueAlerts, toAlert } from './outbox.ts';
import type { ProductInfo } from './rules/context.ts';
import { confirmsMove, suspiciousMove, type WatchedPrice } from './suspicious.ts';
import { DOC, type Alert, type AlertEvent, type GlitchEvent, type RuleState } from './types.ts';

export interface AlertEngineOptions {
  store: Store;
  config: Config;
  alerts: AlertsConfig;
  /** The clock (the demo passes its simulated time). */
  now?: () => Date;
  /**
   * Crawls these listings again right away, records the observations and returns what recording
   * them changed. Without it, a suspicious move waits for the listing's next scheduled crawl.
   */
  recrawl?: (listingIds: string[]) => Promise<RecordResult[]>;
  /** Problems that do not stop processing (a re-crawl that threw). */
  onWarning?: (message: string) => void;
}

export interface ProcessReport {
  /** Alerts newly written to the outbox. */
  alerts: Alert[];
  glitches: GlitchEvent[];
  /** Suspicious moves still waiting for a confirming crawl. */
  awaitingConfirmation: string[];
}

export interface AlertEngine {
  /**
   * Evaluates recorded crawl results and writes alerts, state and glitches to the store. It flushes
   * unless told not to: pass `{ flush: false }` only when the caller flushes right after, ideally
   * together with the observations themselves (one atomic write, no window where an observation is
   * durable and the alert it causes is not).
   */
  process(results: readonly RecordResult[], opts?: { flush?: boolean }): Promise<ProcessReport>;
}

const LISTING_CACHE_MS = 5 * 60_000;

/** Condition state of every rule for one subject (document kind 'alert-state', id = subject). */
interface SubjectState {
  subject: string;
  rules: RuleState[];
}

/** A held suspicious crawl (document kind 'alert-pending', id = listing id). */
interface Pending {
  result: RecordResult;
  at: string;
  move: { field: WatchedPrice; direction: 'drop' | 'rise' };
}

export function productInfos(config: Config): Map<string, ProductInfo> {
  const out = new Map<string, ProductInfo>();
  for (const p of config.products) {
    const floor = p.floorPrice !== undefined ? ourPrice(config, { ...p, price: p.floorPrice }) : null;
    out.set(p.sku, { sku: p.sku, name: p.name, tags: p.tags, category: p.category ?? null, floor });
  }
  return out;
}

export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { store, config, alerts: alertsConfig } = opts;
  const clock = () => (opts.now ? opts.now() : new Date()).toISOString();
  const products = productInfos(config);
  const configuredPrices = new Map(config.products.map((p) => [p.sku, ourPrice(config, p)]));
  const glitchRules = alertsConfig.rules.filter((r) => r.kind === 'price_glitch');
  let states: Map<string, RuleState> | null = null;
  /**
   * Conditions that a crawl changing nothing can still move, by subject: one waiting for its
   * cooldown to fire, and crawler-health conditions that a successful crawl clears.
   */
  const attention = new Map<string, Set<string>>();
  const kindOf = new Map(alertsConfig.rules.map((r) => [r.id, r.kind]));
  const usesAverage = alertsConfig.rules.some((r) => r.kind === 'price_change' && r.compareWith === 'avg7d');
  const usesReviews = alertsConfig.rules.some((r) => r.kind === 'rating_drop' || r.kind === 'review_spike');
  /** Reading a history is the costly part of evaluation: only rules that look back get one. */
  const needsHistory = (r: RecordResult): boolean =>
    !r.ok ||
    (usesAverage && (r.changed.includes('price') || r.changed.includes('effectivePrice'))) ||
    (usesReviews && (r.changed.includes('rating') || r.changed.includes('ratingScale') || r.changed.includes('reviewCount')));
  let primed = false;
  const listingCache = { map: new Map<string, Listing>(), loadedAt: -Infinity };

  const bySubject = new Map<string, Map<string, RuleState>>();

  function track(key: string, s: RuleState): void {
    const rules = bySubject.get(s.subject) ?? new Map<string, RuleState>();
    rules.set(key, s);
    bySubject.set(s.subject, rules);
    const set = attention.get(s.subject) ?? new Set<string>();
    const health = DATA_QUALITY_KINDS.has(kindOf.get(s.ruleId) ?? 'undercut');
    for (const [condition, c] of Object.entries(s.conditions)) {
      const waiting = c.level !== null && (c.firedLevel === null || (c.level === 'critical' && c.firedLevel === 'warning'));
      if (waiting || (health && c.level !== null)) set.add(`${key}|${condition}`);
      else set.delete(`${key}|${condition}`);
    }
    if (set.size > 0) attention.set(s.subject, set);
    else attention.delete(s.subject);
  }

  async function loadStates(): Promise<Map<string, RuleState>> {
    if (states) return states;
    states = new Map();
    for (const record of await store.listDocuments<SubjectState>(DOC.state)) {
      for (const s of record.doc.rules) {
        const key = stateKey(s.ruleId, s.subject);
        states.set(key, s);
        track(key, s);
      }
    }
    return states;
  }

  /** Listings change rarely (added, marked gone): re-read them all every few minutes, not per crawl. */
  async function listingsFor(results: readonly RecordResult[]): Promise<Map<string, Listing>> {
    if (Date.now() - listingCache.loadedAt > LISTING_CACHE_MS) {
      listingCache.map = new Map((await store.listListings()).map((l) => [l.id, l]));
      listingCache.loadedAt = Date.now();
    }
    for (const r of results) {
      if (listingCache.map.has(r.listingId)) continue;
      const l = await store.getListing(r.listingId);
      if (l) listingCache.map.set(l.id, l);
    }
    return listingCache.map;
  }

  return {
    async process(results, processOpts = {}) {
      const now = clock();
      const stateMap = await loadStates();
      const listings = await listingsFor(results);
      const repriced = new Set<string>();
      const ourPrices = new Map<string, Money | null>();
      const events: AlertEvent[] = [];
      const glitches: GlitchEvent[] = [];
      const dirty = new Map<string, RuleState>();

      async function priceOfOurs(sku: string): Promise<Money | null> {
        if (ourPrices.has(sku)) return ourPrices.get(sku) ?? null;
        let price = configuredPrices.get(sku) ?? null;
        if (price === null) {
          const own = [...listings.values()].find((l) => l.own && l.sku === sku);
          const history = own ? await store.getHistory(own.id) : null;
          const values = history ? latest(history).values : null;
          price = values ? (values.effectivePrice ?? values.price) : null;
        }
        ourPrices.set(sku, price);
        return price;
      }

      async function run(listing: Listing, result: RecordResult, extra: { glitch?: GlitchEvent; at?: string } = {}): Promise<void> {
        const history = needsHistory(result) ? await store.getHistory(listing.id) : null;
        // Our price and floor in the listing's currency, so a foreign shop compares at the configured rate.
        const currency = (result.current.effectivePrice ?? result.current.price)?.currency;
        const ours = await priceOfOurs(listing.sku);
        const ourPriceHere = ours && currency ? convert(config, ours, currency) : ours;
        const product = products.get(listing.sku) ?? null;
        const floor = product?.floor && currency ? convert(config, product.floor, currency) : (product?.floor ?? null);
        const out = evaluate({
          rules: extra.glitch ? glitchRules : alertsConfig.rules,
          listing,
          product: product && { ...product, floor },
          result,
          history,
          ourPrice: ourPriceHere,
          ourPriceOriginal: ours && ourPriceHere && ours.currency !== ourPriceHere.currency ? ours : null,
          at: extra.at ?? history?.lastCheckedAt ?? now,
          states: stateMap,
          ...(extra.glitch ? { glitch: extra.glitch } : {}),
        });
        for (const s of out.states) {
          const key = stateKey(s.ruleId, s.subject);
          stateMap.set(key, s);
          dirty.set(key, s);
          track(key, s);
        }
        events.push(...out.events);
      }

      async function resolvePending(listing: Listing, pending: Pending, check: RecordResult): Promise<void> {
        if (!check.ok) {
          // Could not tell: keep holding; the failure itself still counts for crawler-health rules.
          await run(listing, check);
          return;
        }
        await store.deleteDocument(DOC.pending, listing.id);
        if (confirmsMove(pending.result.previous, check.current, pending.move, alertsConfig.suspiciousMoveBound)) {
          await run(listing, pending.result, { at: pending.at });
          await run(listing, check);
          return;
        }
        const field = pending.move.field;
        const glitch: GlitchEvent = {
          id: `${listing.id}|${pending.at}`,
          listingId: listing.id,
          field,
          at: pending.at,
          detectedAt: now,
          previous: pending.result.previous[field] ?? null,
          glitch: pending.result.current[field] ?? null,
          recrawled: check.current[field] ?? null,
          reason: `a ${pending.move.direction} beyond the suspicious-move bound was not seen again by the re-crawl`,
        };
        glitches.push(glitch);
        await store.putDocument(DOC.glitch, glitch.id, glitch, now);
        await run(listing, check, { glitch });
        await run(listing, acrossGlitch(pending.result, check));
      }

      const pendingDocs = new Map((await store.listDocuments<Pending>(DOC.pending)).map((r) => [r.id, r.doc]));
      const suspicious: string[] = [];
      // Our own pages first: their prices are what competitor prices are compared with.
      const isOwn = (r: RecordResult) => listings.get(r.listingId)?.own === true;
      const ordered = [...results.filter(isOwn), ...results.filter((r) => !isOwn(r))];
      for (const result of ordered) {
        const listing = listings.get(result.listingId);
        if (!listing) continue;
        if (listing.own && result.ok) {
          ourPrices.set(listing.sku, result.current.effectivePrice ?? result.current.price ?? null);
          if (result.changed.includes('price') || result.changed.includes('effectivePrice')) repriced.add(listing.sku);
        }
        const pending = pendingDocs.get(listing.id);
        if (pending) {
          await resolvePending(listing, pending, result);
          continue;
        }
        const move = suspiciousMove(result, alertsConfig.suspiciousMoveBound);
        if (move) {
          const history = await store.getHistory(listing.id);
          const held: Pending = { result, at: history?.lastCheckedAt ?? now, move };
          await store.putDocument(DOC.pending, listing.id, held, now);
          pendingDocs.set(listing.id, held);
          suspicious.push(listing.id);
          continue;
        }
        // A crawl that changed nothing cannot start or end a market condition unless our price
        // moved; it only matters to conditions that need attention. The first batch sees all.
        const quiet = primed && result.ok && result.changed.length === 0 && !repriced.has(listing.sku);
        if (quiet && !attention.has(listing.id)) continue;
        await run(listing, result);
      }
      primed = true;

      // A crawl of a competitor in which no page was blocked ends its "blocking us" episode.
      const blockedSomewhere = new Map<string, boolean>();
      for (const r of results) {
        const competitor = listings.get(r.listingId)?.competitor;
        if (competitor !== undefined) blockedSomewhere.set(competitor, (blockedSomewhere.get(competitor) ?? false) || r.failure?.kind === 'blocked');
      }
      for (const rule of alertsConfig.rules.filter((r) => r.kind === 'blocked')) {
        for (const [competitor, blockedAny] of blockedSomewhere) {
          const key = stateKey(rule.id, `competitor:${competitor}`);
          const s = stateMap.get(key);
          const held = s?.conditions.blocked;
          if (blockedAny || !s || !held || held.level === null) continue;
          const cleared: RuleState = { ...s, conditions: { ...s.conditions, blocked: stepCondition(held, null, now, rule.cooldownMinutes).next ?? held } };
          stateMap.set(key, cleared);
          dirty.set(key, cleared);
          track(key, cleared);
        }
      }

      if (suspicious.length > 0 && opts.recrawl) {
        // Durable first: a crash during the re-crawl leaves the move held, confirmed by the next crawl.
        await store.flush();
        let checks: RecordResult[] = [];
        try {
          checks = await opts.recrawl(suspicious);
        } catch (err) {
          opts.onWarning?.(`re-crawl of ${suspicious.length} suspicious listing(s) failed: ${(err as Error).message}; they wait for their next crawl`);
        }
        for (const check of checks) {
          const listing = listings.get(check.listingId);
          const pending = pendingDocs.get(check.listingId);
          if (!listing || !pending) continue;
          await resolvePending(listing, pending, check);
          if (check.ok) pendingDocs.delete(check.listingId);
        }
      }

      // One document per listing (or competitor) holds every rule's state: fewer, larger writes.
      const subjects = new Set([...dirty.values()].map((s) => s.subject));
      for (const subject of subjects) {
        const rules = [...(bySubject.get(subject)?.values() ?? [])];
        await store.putDocument<SubjectState>(DOC.state, subject, { subject, rules }, now);
      }
      const added = await enqueueAlerts(store, events.map((e) => toAlert(e, alertsConfig, now)), now);
      if (processOpts.flush !== false) await store.flush();
      const awaiting = (await store.listDocuments<Pending>(DOC.pending)).map((r) => r.id);
      return { alerts: added, glitches, awaitingConfirmation: awaiting };
    },
  };
}

/** The re-crawl read as if the glitch had never been recorded: before-glitch values → re-crawl values. */
export function acrossGlitch(glitched: RecordResult, check: RecordResult): RecordResult {
  const changed: TrackedField[] = [];
  for (const field of TRACKED_FIELDS) {
    const before = glitched.previous[field];
    const after = check.current[field];
    if (after === undefined) continue;
    if (before === undefined || !sameValue(field, before as TrackedValues[typeof field], after as TrackedValues[typeof field])) changed.push(field);
  }
  return { ...check, previous: glitched.previous, changed };
}
