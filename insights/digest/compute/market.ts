// Undercuts and stock-outs: what competitors' buyers saw this week compared with ours.
import type { CompetitorUndercuts, StockEvent, Undercut } from '../types.ts';
import { mean, round } from '../series.ts';
import { iso, type DigestContext, type Entry } from './context.ts';

/**
 * The start of the unbroken stretch, ending at `closeMs`, in which their effective price was below
 * ours; `open` when it reaches back to the first reading we have (it may have begun earlier).
 */
function undercutSince(ctx: DigestContext, e: Entry, closeMs: number): { ms: number; open: boolean } {
  const sku = e.listing.sku;
  const times = [...new Set([...e.series.effectiveChangeTimes(closeMs), ...ctx.ourPriceChangeTimes(sku, closeMs)])].sort((a, b) => b - a);
  let since = closeMs;
  for (const t of times) {
    const theirs = ctx.inCurrency(e.series.effectiveAt(t));
    const ours = ctx.ourPriceAt(sku, t);
    if (!theirs || !ours || theirs.amountMinor >= ours.amountMinor) return { ms: since, open: false };
    since = t;
  }
  return { ms: since, open: true };
}

/**
 * SKUs where a competitor's effective price at the end of the week is below ours, on an in-stock
 * listing read that week. One row per competitor and SKU: its cheapest listing.
 */
export function undercuts(ctx: DigestContext): { items: Undercut[]; byCompetitor: CompetitorUndercuts[] } {
  const { W } = ctx;
  const { effective, outOfStock } = ctx.weekPrices(W);
  const best = new Map<string, { e: Entry; theirs: number }>();
  for (const e of ctx.entries) {
    const theirs = effective[e.index];
    if (Number.isNaN(theirs) || outOfStock[e.index]) continue;
    const ours = ctx.ourPriceAt(e.listing.sku, W.closeMs);
    if (!ours || theirs >= ours.amountMinor) continue;
    const key = `${e.listing.competitor}\u0000${e.listing.sku}`;
    const prev = best.get(key);
    if (!prev || theirs < prev.theirs) best.set(key, { e, theirs });
  }
  const items: Undercut[] = [...best.values()].map(({ e, theirs }) => {
    const ours = ctx.ourPriceAt(e.listing.sku, W.closeMs)!;
    const listed = e.series.effectiveAt(W.closeMs)!;
    const since = undercutSince(ctx, e, W.closeMs);
    const gap = ours.amountMinor - theirs;
    return {
      id: `undercut:${e.listing.id}`,
      ref: e.ref,
      theirs: { amountMinor: theirs, currency: ctx.currency },
      theirsListed: listed,
      ours,
      gap: { amountMinor: gap, currency: ctx.currency },
      gapPct: round((gap / ours.amountMinor) * 100, 1),
      since: iso(since.ms),
      sinceFirstReading: since.open,
      newThisWeek: since.ms >= W.startMs && !since.open,
    };
  });
  items.sort((a, b) => b.gapPct - a.gapPct || (a.id < b.id ? -1 : 1));
  const byCompetitor: CompetitorUndercuts[] = [];
  for (const competitor of ctx.competitors()) {
    const mine = items.filter((u) => u.ref.competitor === competitor);
    if (mine.length === 0) continue;
    const earliest = mine.reduce((a, b) => (b.since < a.since ? b : a));
    byCompetitor.push({
      competitor,
      skus: mine.length,
      averageGapPct: round(mean(mine.map((u) => u.gapPct))!, 1),
      maxGapPct: Math.max(...mine.map((u) => u.gapPct)),
      since: earliest.since,
      sinceFirstReading: earliest.sinceFirstReading,
      newThisWeek: mine.filter((u) => u.newThisWeek).length,
    });
  }
  return { items, byCompetitor };
}

/** Stock-outs and returns recorded this week, and the listings still out of stock at its end. */
export function stock(ctx: DigestContext): { wentOut: StockEvent[]; returned: StockEvent[]; out: StockEvent[] } {
  const { W } = ctx;
  const wentOut: StockEvent[] = [];
  const returned: StockEvent[] = [];
  const out: StockEvent[] = [];
  const perEntry = ctx.perEntry((e) => {
    const found = { wentOut: [] as StockEvent[], returned: [] as StockEvent[], out: null as StockEvent | null };
    if (!ctx.inScope(e, W)) return found;
    const points = e.series.points('availability');
    const ours = ctx.ourAvailabilityAt(e.listing.sku, W.closeMs);
    for (const i of e.series.changesIn('availability', W.startMs, W.endMs)) {
      if (i === 0) continue;
      const before = points[i - 1].value;
      const after = points[i].value;
      const ev = (kind: string): StockEvent => ({ id: `${kind}:${e.listing.id}:${i}`, ref: e.ref, at: points[i].at, availability: after, ours });
      if (after === 'out_of_stock' && before !== 'out_of_stock') found.wentOut.push(ev('stock-out'));
      if (before === 'out_of_stock' && after !== 'out_of_stock') found.returned.push(ev('stock-back'));
    }
    if (ctx.live(e, W) && e.series.availabilityAt(W.closeMs) === 'out_of_stock') {
      found.out = { id: `stock:${e.listing.id}`, ref: e.ref, at: e.series.since('availability', W.closeMs)!, availability: 'out_of_stock', ours };
    }
    return found;
  });
  for (const found of perEntry) {
    wentOut.push(...found.wentOut);
    returned.push(...found.returned);
    if (found.out) out.push(found.out);
  }
  const byTime = (a: StockEvent, b: StockEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);
  return { wentOut: wentOut.sort(byTime), returned: returned.sort(byTime), out: out.sort(byTime) };
}
