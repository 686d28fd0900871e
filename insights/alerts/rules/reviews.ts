// Review rules: the rating fell by at least X over a window, or reviews surge while the rating
// falls (a negative-review spike). Ratings compare on a 5-point scale whatever the page's scale.
import type { ChangePoint } from '../../../store/model.ts';
import type { RuleOf } from '../config.ts';
import type { Signal } from '../types.ts';
import { levelOf, valueDaysBefore, type RuleContext } from './context.ts';

function onFive(rating: number, scale: number | null | undefined): number {
  return (rating * 5) / (scale && scale > 0 ? scale : 5);
}

/** The value at the start of the window, or the first known one for a listing younger than it. */
function windowStart<T>(points: readonly ChangePoint<T>[], at: string, days: number): T | undefined {
  const found = valueDaysBefore(points, at, days);
  if (found !== undefined) return found;
  return points.length > 1 ? points[0].value : undefined;
}

function ratingMove(ctx: RuleContext, days: number): { before: number; now: number; drop: number; scale: number } | null {
  const { result, history } = ctx;
  const rating = result.current.rating ?? null;
  if (!result.ok || history === null || rating === null) return null;
  const before = windowStart(history.fields.rating, ctx.at, days);
  if (before === undefined || before === null) return null;
  const scale = result.current.ratingScale ?? 5;
  const beforeScale = windowStart(history.fields.ratingScale, ctx.at, days) ?? scale;
  const drop = onFive(before, beforeScale) - onFive(rating, scale);
  return { before: (before * scale) / (beforeScale || scale), now: rating, drop, scale };
}

export function ratingDrop(rule: RuleOf<'rating_drop'>, ctx: RuleContext): Signal[] {
  if (!ctx.result.changed.includes('rating') && !ctx.result.changed.includes('ratingScale')) return [];
  const move = ratingMove(ctx, rule.windowDays);
  if (move === null) return [];
  return [
    {
      type: 'condition',
      condition: 'rating_drop',
      level: levelOf(rule, (l) => move.drop >= l.drop),
      facts: {
        old: { type: 'rating', rating: move.before, scale: move.scale },
        new: { type: 'rating', rating: move.now, scale: move.scale },
        windowDays: rule.windowDays,
      },
    },
  ];
}

export function reviewSpike(rule: RuleOf<'review_spike'>, ctx: RuleContext): Signal[] {
  const { result, history } = ctx;
  if (!result.changed.includes('reviewCount') && !result.changed.includes('rating')) return [];
  const count = result.current.reviewCount ?? null;
  const move = ratingMove(ctx, rule.windowDays);
  if (history === null || count === null || move === null) return [];
  const before = windowStart(history.fields.reviewCount, ctx.at, rule.windowDays);
  if (before === undefined || before === null) return [];
  const added = count - before;
  const growth = before > 0 ? (added / before) * 100 : 0;
  const falling = move.drop >= rule.minRatingDrop && move.drop > 0;
  const level = falling
    ? levelOf(rule, (l) => (l.newReviews !== undefined && added >= l.newReviews) || (l.percent !== undefined && growth >= l.percent))
    : null;
  return [
    {
      type: 'condition',
      condition: 'review_spike',
      level,
      facts: {
        old: { type: 'rating', rating: move.before, scale: move.scale },
        new: { type: 'rating', rating: move.now, scale: move.scale },
        newReviews: added,
        reviewGrowthPercent: growth,
        windowDays: rule.windowDays,
      },
    },
  ];
}
