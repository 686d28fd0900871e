// Stock rules: out of stock (a condition that re-arms when stock returns), back in stock (an event
// on the availability change), and a listing gone (404/410, cleared by the next good crawl).
import type { Availability } from '../../../store/model.ts';
import type { RuleOf } from '../config.ts';
import type { Signal } from '../types.ts';
import { lastChangeAt, money, type RuleContext } from './context.ts';

const AVAILABLE: ReadonlySet<Availability> = new Set(['in_stock', 'limited', 'preorder']);

export function outOfStock(rule: RuleOf<'out_of_stock'>, ctx: RuleContext): Signal[] {
  const availability = ctx.result.ok ? ctx.result.current.availability : undefined;
  if (availability === undefined || availability === 'unknown') return [];
  const price = ctx.result.current.price ?? null;
  return [
    {
      type: 'condition',
      condition: 'out_of_stock',
      level: availability === 'out_of_stock' ? rule.severity : null,
      facts: {
        old: ctx.result.previous.availability ? { type: 'availability', availability: ctx.result.previous.availability } : null,
        new: { type: 'availability', availability },
        effectivePrice: price,
      },
    },
  ];
}

export function backInStock(rule: RuleOf<'back_in_stock'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  if (!result.ok || !result.changed.includes('availability')) return [];
  const now = result.current.availability;
  if (result.previous.availability !== 'out_of_stock' || now === undefined || !AVAILABLE.has(now)) return [];
  const price = result.current.effectivePrice ?? result.current.price ?? null;
  return [
    {
      type: 'event',
      condition: 'back_in_stock',
      occurrence: lastChangeAt(ctx.history, 'availability', ctx.at),
      severity: rule.severity,
      facts: {
        old: { type: 'availability', availability: 'out_of_stock' },
        new: price ? money(price) : { type: 'availability', availability: now },
        ourPrice: ctx.ourPrice,
      },
    },
  ];
}

export function listingGone(rule: RuleOf<'listing_gone'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  if (result.ok) return [{ type: 'condition', condition: 'gone', level: null, facts: {} }];
  if (result.failure?.kind !== 'gone') return [];
  return [
    {
      type: 'condition',
      condition: 'gone',
      level: rule.severity,
      facts: {
        old: result.previous.price ? money(result.previous.price) : null,
        new: { type: 'failure', kind: 'gone', reason: result.failure.reason, count: 1, httpStatus: result.failure.httpStatus ?? null },
      },
    },
  ];
}
