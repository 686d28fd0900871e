// Data-quality rules for the team that keeps the crawler healthy: extraction failing N times in a
// row, a site blocking us (per competitor, not per page), and price glitches the re-crawl refuted.
import type { RuleOf } from '../config.ts';
import type { AlertValue, Signal } from '../types.ts';
import { levelOf, money, type RuleContext } from './context.ts';

function failureValue(ctx: RuleContext, count: number): AlertValue | null {
  const f = ctx.result.failure;
  return f ? { type: 'failure', kind: f.kind, reason: f.reason, count, httpStatus: f.httpStatus ?? null } : null;
}

export function extractionFailing(rule: RuleOf<'extraction_failing'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  if (result.ok) return [{ type: 'condition', condition: 'failing', level: null, facts: {} }];
  // Gone and blocked have rules of their own; counting them here would alert twice.
  if (!result.failure || result.failure.kind === 'gone' || result.failure.kind === 'blocked') return [];
  const count = ctx.history?.consecutiveFailures ?? 1;
  return [
    {
      type: 'condition',
      condition: 'failing',
      level: levelOf(rule, (l) => count >= l.consecutive),
      facts: { new: failureValue(ctx, count), old: result.previous.price ? money(result.previous.price) : null },
    },
  ];
}

/** Blocked crawls in a row at the end of the history (failure spans of kind `blocked`). */
function trailingBlocked(ctx: RuleContext): number {
  const spans = ctx.history?.failures ?? [];
  let count = 0;
  for (let i = spans.length - 1; i >= 0 && spans[i].kind === 'blocked'; i--) count += spans[i].count;
  return Math.max(1, Math.min(count, ctx.history?.consecutiveFailures ?? count));
}

/**
 * A site blocks us as a whole (one alert per competitor), while some of its pages may still get
 * through: one page served, or one blocked below the threshold, says nothing about the others. So
 * this rule only raises; the engine clears it after a crawl of the competitor with no page blocked.
 */
export function blocked(rule: RuleOf<'blocked'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  if (result.ok || result.failure?.kind !== 'blocked') return [];
  const count = trailingBlocked(ctx);
  const level = levelOf(rule, (l) => count >= l.consecutive);
  return level === null ? [] : [{ type: 'condition', condition: 'blocked', level, facts: { new: failureValue(ctx, count) } }];
}

export function priceGlitch(rule: RuleOf<'price_glitch'>, ctx: RuleContext): Signal[] {
  const g = ctx.glitch;
  if (!g) return [];
  return [
    {
      type: 'event',
      condition: `glitch:${g.field}`,
      occurrence: g.at,
      severity: rule.severity,
      facts: { old: g.previous ? money(g.previous) : null, new: g.glitch ? money(g.glitch) : null, recrawled: g.recrawled },
    },
  ];
}
