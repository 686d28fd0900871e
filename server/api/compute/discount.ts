// The EU Omnibus check of a discount claim: the "was" price a shop shows beside a reduction must
// not be above the lowest price it charged in the 30 days before the reduction started.
import type { ListingHistory, Money } from '../../../store/model.ts';
import { valueAt } from '../../../store/changepoints.ts';
import { statistics } from '../../../store/stats.ts';
import { difference, formatMoney } from './money.ts';

const DAY_MS = 86_400_000;
export const OMNIBUS_DAYS = 30;

export type DiscountVerdict = 'no-discount' | 'genuine' | 'inflated' | 'unknown';

export interface DiscountClaim {
  /** `list-price`: a struck-through "was" price; `promotion`: a promotion lowers the price itself. */
  kind: 'list-price' | 'promotion';
  /** The price the reduction is measured from (the "was" price). */
  wasPrice: Money;
  /** What the page sells for now after the reduction. */
  price: Money;
  /** When the current uninterrupted reduction started, as far as the history shows. */
  startedAt: string;
  /** The reduction as claimed, percent of `wasPrice`. */
  claimedPercent: number | null;
}

export interface DiscountCheck {
  listingId: string;
  at: string;
  verdict: DiscountVerdict;
  claim: DiscountClaim | null;
  /** The 30 days before the reduction started and the lowest selling price recorded in them. */
  reference: { from: string; to: string; lowest: Money | null; complete: boolean } | null;
  /** The reduction measured from that lowest price, percent; negative when the "deal" costs more. */
  realPercent: number | null;
  reason: string;
}

type Predicate = (atIso: string) => { was: Money; now: Money } | null;

function lessThan(a: Money | null, b: Money | null): boolean {
  return a !== null && b !== null && a.currency === b.currency && a.amountMinor < b.amountMinor;
}

function listPriceClaim(history: ListingHistory): Predicate {
  return (at) => {
    const price = valueAt(history, 'price', at);
    const listPrice = valueAt(history, 'listPrice', at);
    return lessThan(price, listPrice) ? { was: listPrice as Money, now: price as Money } : null;
  };
}

function promotionClaim(history: ListingHistory): Predicate {
  return (at) => {
    const price = valueAt(history, 'price', at);
    const effective = valueAt(history, 'effectivePrice', at);
    return lessThan(effective, price) ? { was: price as Money, now: effective as Money } : null;
  };
}

/** The start of the run of change points, ending now, during which `holds` was true throughout. */
function runStart(history: ListingHistory, holds: Predicate, nowIso: string): string {
  const nowMs = Date.parse(nowIso);
  const times = [
    ...new Set(
      [...history.fields.price, ...history.fields.listPrice, ...history.fields.effectivePrice]
        .map((p) => Date.parse(p.at))
        .filter((ms) => ms <= nowMs),
    ),
  ].sort((a, b) => b - a);
  let start = nowIso;
  for (const ms of times) {
    const iso = new Date(ms).toISOString();
    if (!holds(iso)) break;
    start = iso;
  }
  return start;
}

function percentOff(was: Money, now: Money): number | null {
  const percent = difference(now, was)?.percent;
  return percent == null ? null : 0 - percent;
}

export function checkDiscount(history: ListingHistory, now: Date): DiscountCheck {
  const at = now.toISOString();
  const base = { listingId: history.listingId, at };
  const candidates: Array<{ kind: DiscountClaim['kind']; holds: Predicate }> = [
    { kind: 'list-price', holds: listPriceClaim(history) },
    { kind: 'promotion', holds: promotionClaim(history) },
  ];
  const current = candidates.map((c) => ({ ...c, claim: c.holds(at) })).find((c) => c.claim !== null);
  if (!current?.claim) {
    return { ...base, verdict: 'no-discount', claim: null, reference: null, realPercent: null, reason: 'no reduction is claimed: no list price above the price and no promotion lowering it' };
  }
  const startedAt = runStart(history, current.holds, at);
  const claim: DiscountClaim = {
    kind: current.kind,
    wasPrice: current.claim.was,
    price: current.claim.now,
    startedAt,
    claimedPercent: percentOff(current.claim.was, current.claim.now),
  };
  const startMs = Date.parse(startedAt);
  const refTo = new Date(startMs - 1).toISOString();
  const refFrom = new Date(startMs - OMNIBUS_DAYS * DAY_MS).toISOString();
  const firstPriceAt = history.fields.price[0]?.at;
  const complete = firstPriceAt !== undefined && Date.parse(firstPriceAt) <= Date.parse(refFrom);
  const lowest = firstPriceAt !== undefined && Date.parse(firstPriceAt) < startMs ? statistics(history, 'price', refTo, OMNIBUS_DAYS).lowest : null;
  const reference = { from: refFrom, to: startedAt, lowest, complete };
  const usable = lowest !== null && lowest.currency === claim.wasPrice.currency ? lowest : null;
  const realPercent = usable ? percentOff(usable, claim.price) : null;

  if (!usable) {
    return { ...base, verdict: 'unknown', claim, reference, realPercent, reason: `no price was recorded in the ${OMNIBUS_DAYS} days before the reduction started (${startedAt})` };
  }
  if (claim.wasPrice.amountMinor > usable.amountMinor) {
    return {
      ...base,
      verdict: 'inflated',
      claim,
      reference,
      realPercent,
      reason: `the "was" price ${formatMoney(claim.wasPrice)} is above the lowest price of the ${OMNIBUS_DAYS} days before the reduction (${formatMoney(usable)})`,
    };
  }
  if (!complete) {
    return { ...base, verdict: 'unknown', claim, reference, realPercent, reason: `the history covers less than the ${OMNIBUS_DAYS} days before the reduction started; no lower price was seen in the part it covers` };
  }
  return { ...base, verdict: 'genuine', claim, reference, realPercent, reason: `the "was" price is not above the lowest price of the ${OMNIBUS_DAYS} days before the reduction (${formatMoney(usable)})` };
}
