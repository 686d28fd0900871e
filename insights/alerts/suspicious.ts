// Noise control for prices: a move beyond the configured bound (a −60% "dump", a +200% jump) is
// more often a parsing glitch than a real price, so it is re-crawled before anyone is alerted.
import type { Money, RecordResult, TrackedValues } from '../../store/model.ts';
import type { AlertsConfig } from './config.ts';

export const WATCHED_PRICES = ['price', 'effectivePrice'] as const;
export type WatchedPrice = (typeof WATCHED_PRICES)[number];

function beyond(bound: AlertsConfig['suspiciousMoveBound'], from: Money | null | undefined, to: Money | null | undefined): 'drop' | 'rise' | null {
  if (!from || !to || from.currency !== to.currency || from.amountMinor <= 0) return null;
  const pct = ((to.amountMinor - from.amountMinor) / from.amountMinor) * 100;
  if (pct <= -bound.dropPercent) return 'drop';
  if (pct >= bound.risePercent) return 'rise';
  return null;
}

/** The price field whose change in this crawl is beyond the bound, or null. */
export function suspiciousMove(result: RecordResult, bound: AlertsConfig['suspiciousMoveBound']): { field: WatchedPrice; direction: 'drop' | 'rise' } | null {
  if (!result.ok) return null;
  for (const field of WATCHED_PRICES) {
    if (!result.changed.includes(field)) continue;
    const direction = beyond(bound, result.previous[field], result.current[field]);
    if (direction) return { field, direction };
  }
  return null;
}

/** Whether the re-crawl still shows the move (same direction, still beyond the bound) from the price before it. */
export function confirmsMove(
  before: Partial<TrackedValues>,
  recrawl: Partial<TrackedValues>,
  move: { field: WatchedPrice; direction: 'drop' | 'rise' },
  bound: AlertsConfig['suspiciousMoveBound'],
): boolean {
  return beyond(bound, before[move.field], recrawl[move.field]) === move.direction;
}
