// Price rules: a move against the previous price or the 7-day average (an event, fired on the
// change point), an undercut of our price or floor, and absolute thresholds (conditions).
import type { Money } from '../../../store/model.ts';
import type { RuleOf } from '../config.ts';
import type { Signal } from '../types.ts';
import { amountIn, averageBefore, lastChangeAt, levelOf, money, percentChange, type RuleContext } from './context.ts';

export function priceChange(rule: RuleOf<'price_change'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  if (!result.ok || !result.changed.includes(rule.field)) return [];
  const now = result.current[rule.field] ?? null;
  const previous = result.previous[rule.field] ?? null;
  if (now === null || previous === null || previous.currency !== now.currency) return [];
  const changeAt = lastChangeAt(ctx.history, rule.field, ctx.at);
  const average = rule.compareWith === 'avg7d' && ctx.history ? averageBefore(ctx.history, rule.field, changeAt, 7, now.currency) : null;
  const reference = average ?? previous.amountMinor;
  const delta = now.amountMinor - reference;
  const direction = delta < 0 ? 'drop' : 'rise';
  if (delta === 0 || (rule.direction !== 'any' && rule.direction !== direction)) return [];
  const pct = percentChange(reference, now.amountMinor);
  const severity = levelOf(
    rule,
    (l) => (l.percent !== undefined && Math.abs(pct) >= l.percent) || (l.amount !== undefined && Math.abs(delta) >= amountIn(l.amount, now.currency)),
  );
  if (severity === null) return [];
  const gap = ctx.ourPrice && ctx.ourPrice.currency === now.currency ? gapOf(ctx.ourPrice, now) : null;
  return [
    {
      type: 'event',
      condition: direction,
      occurrence: changeAt,
      severity,
      facts: {
        old: money(average !== null ? { amountMinor: average, currency: now.currency } : previous),
        new: money(now),
        reference: average !== null ? 'avg7d' : 'previous',
        changePercent: pct,
        ourPrice: ctx.ourPrice,
        ourPriceOriginal: ctx.ourPriceOriginal ?? null,
        gap,
      },
    },
  ];
}

/** How far `theirs` is below `ours`; positive when they are cheaper. */
export function gapOf(ours: Money, theirs: Money): { amount: Money; percent: number } {
  const amount = ours.amountMinor - theirs.amountMinor;
  return { amount: { amountMinor: amount, currency: ours.currency }, percent: ours.amountMinor === 0 ? 0 : (amount / ours.amountMinor) * 100 };
}

/** The price a buyer of one unit pays: the effective price where known, else the selling price. */
function buyerPrice(values: RuleContext['result']['current']): Money | null {
  return values.effectivePrice ?? values.price ?? null;
}

export function undercut(rule: RuleOf<'undercut'>, ctx: RuleContext): Signal[] {
  const theirs = ctx.result.ok ? buyerPrice(ctx.result.current) : null;
  const ours = ctx.ourPrice;
  const floor = ctx.product?.floor ?? null;
  if (theirs === null || ours === null || ours.currency !== theirs.currency) return [];
  const gap = gapOf(ours, theirs);
  const belowFloor = floor !== null && floor.currency === theirs.currency && theirs.amountMinor < floor.amountMinor;
  const level = levelOf(
    rule,
    (l) =>
      (l.percent !== undefined && gap.amount.amountMinor > 0 && gap.percent >= l.percent) ||
      (l.amount !== undefined && gap.amount.amountMinor > 0 && gap.amount.amountMinor >= amountIn(l.amount, ours.currency)) ||
      (l.belowFloor === true && belowFloor),
  );
  const before = buyerPrice(ctx.result.previous);
  return [
    {
      type: 'condition',
      condition: 'undercut',
      level,
      facts: { old: before ? money(before) : null, new: money(theirs), ourPrice: ours, ourPriceOriginal: ctx.ourPriceOriginal ?? null, gap, floor, belowFloor },
    },
  ];
}

export function priceThreshold(rule: RuleOf<'price_threshold'>, ctx: RuleContext): Signal[] {
  const price = ctx.result.ok ? (ctx.result.current.price ?? null) : null;
  if (price === null) return [];
  const before = ctx.result.previous.price ?? null;
  const bound = (v: string) => ({ amountMinor: amountIn(v, price.currency), currency: price.currency });
  const signal = (side: 'below' | 'above'): Signal => {
    const level = levelOf(rule, (l) => {
      const limit = l[side];
      if (limit === undefined) return false;
      const minor = amountIn(limit, price.currency);
      return side === 'below' ? price.amountMinor < minor : price.amountMinor > minor;
    });
    const limit = (level === 'critical' ? rule.critical : rule.warning)?.[side];
    return {
      type: 'condition',
      condition: side,
      level,
      facts: { old: before ? money(before) : null, new: money(price), bound: limit ? { [side]: bound(limit) } : {}, ourPrice: ctx.ourPrice },
    };
  };
  return [signal('below'), signal('above')];
}
