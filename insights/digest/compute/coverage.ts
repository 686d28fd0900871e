// What the week's numbers rest on: listings added and gone, listings not read and why, and the
// figures broken down by our product categories and tags.
import type { Coverage, ListingRef, NotRead, PriceMove, PromotionEvent, Segment, StockEvent, Undercut } from '../types.ts';
import type { DigestContext, Week } from './context.ts';
import type { PriceIndex } from './prices.ts';

export function assortment(ctx: DigestContext): {
  added: ListingRef[];
  gone: (ListingRef & { at: string })[];
  previousAdded: number;
  previousGone: number;
} {
  const { W, P } = ctx;
  const inWeek = (ms: number | null, w: Week) => ms !== null && ms >= w.startMs && ms < w.endMs;
  return {
    added: ctx.entries.filter((e) => inWeek(e.addedMs, W)).map((e) => e.ref),
    gone: ctx.entries.filter((e) => inWeek(e.goneMs, W)).map((e) => ({ ...e.ref, at: e.listing.goneAt! })),
    previousAdded: ctx.entries.filter((e) => inWeek(e.addedMs, P)).length,
    previousGone: ctx.entries.filter((e) => inWeek(e.goneMs, P)).length,
  };
}

/** Listings expected this week (tracked, not gone) that no crawl read, with the reason, and coverage per competitor. */
export function dataQuality(ctx: DigestContext): { coverage: Coverage[]; notRead: NotRead[]; otherCurrency: ListingRef[] } {
  const { W } = ctx;
  const notRead: NotRead[] = [];
  const otherCurrency: ListingRef[] = [];
  const coverage = new Map<string, Coverage>(
    ctx.competitors().map((competitor) => [competitor, { competitor, listings: 0, read: 0, notRead: 0, withFailures: 0 }]),
  );
  // What each expected listing's history says about the week, read in the store's order.
  const readings = ctx.perEntry((e) => {
    if (!ctx.expected(e, W)) return null;
    const price = e.series.at('price', W.closeMs);
    return { failures: e.series.failuresIn(W.startMs, W.endMs), read: ctx.read(e, W), otherCurrency: !!price && !ctx.inCurrency(price) };
  });
  for (const e of ctx.entries) {
    const reading = readings[e.index];
    if (!reading) continue;
    const c = coverage.get(e.listing.competitor)!;
    c.listings++;
    const { failures } = reading;
    if (reading.read) {
      c.read++;
      if (failures.length > 0) c.withFailures++;
      if (reading.otherCurrency) otherCurrency.push(e.ref);
      continue;
    }
    c.notRead++;
    const latest = [...failures].sort((a, b) => (a.lastAt < b.lastAt ? -1 : 1)).at(-1) ?? null;
    const h = e.series.history;
    notRead.push({
      id: `unread:${e.listing.id}`,
      ref: e.ref,
      reason: e.listing.status === 'paused' ? 'paused' : latest ? 'failed' : h.lastOkAt === null ? 'never-read' : 'no-crawl',
      failureKind: latest?.kind ?? null,
      failureReason: latest?.reason ?? null,
      failures: failures.reduce((n, f) => n + f.count, 0),
      lastOkAt: h.lastOkAt,
    });
  }
  return { coverage: [...coverage.values()], notRead, otherCurrency };
}

export interface SectionItems {
  movements: readonly PriceMove[];
  undercuts: readonly Undercut[];
  started: readonly PromotionEvent[];
  wentOut: readonly StockEvent[];
}

/** The week by category and by tag of our products (a product may carry several tags). */
export function segments(ctx: DigestContext, index: PriceIndex, items: SectionItems, yearAgoAvailable: boolean): Segment[] {
  const groups = new Map<string, { kind: Segment['kind']; name: string; skus: Set<string> }>();
  const add = (kind: Segment['kind'], name: string, sku: string) => {
    const key = `${kind}\u0000${name}`;
    const g = groups.get(key) ?? { kind, name, skus: new Set<string>() };
    g.skus.add(sku);
    groups.set(key, g);
  };
  for (const p of ctx.products.values()) {
    if (p.category) add('category', p.category, p.sku);
    for (const t of p.tags) add('tag', t, p.sku);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'category' ? -1 : 1));
  return ordered.map(({ kind, name, skus }) => {
    const count = (xs: readonly { ref: ListingRef }[]) => xs.filter((x) => skus.has(x.ref.sku)).length;
    return {
      kind,
      name,
      skus: skus.size,
      priceIndex: index.figure(null, skus, yearAgoAvailable),
      byCompetitor: index.byCompetitor(skus, yearAgoAvailable),
      drops: items.movements.filter((m) => skus.has(m.ref.sku) && m.changePct < 0).length,
      rises: items.movements.filter((m) => skus.has(m.ref.sku) && m.changePct > 0).length,
      undercuts: count(items.undercuts),
      promotionsStarted: count(items.started),
      stockOuts: count(items.wentOut),
    };
  });
}
