// Promotion rules: a promotion started, ended or changed (same type, new terms), as events on the
// promotions change point. Promotions compare by the store's promotionKey (end time left out, so
// a countdown is not a change).
import type { Promotion } from '../../../store/model.ts';
import { promotionKey } from '../../../store/changepoints.ts';
import type { RuleOf } from '../config.ts';
import type { Signal } from '../types.ts';
import { lastChangeAt, type RuleContext } from './context.ts';

interface PromotionDiff {
  started: Promotion[];
  ended: Promotion[];
  changed: { before: Promotion; after: Promotion }[];
}

/** Set difference by promotionKey; a new and an old promotion of the same type pair up as "changed". */
export function diffPromotions(before: readonly Promotion[], after: readonly Promotion[]): PromotionDiff {
  const beforeKeys = new Set(before.map(promotionKey));
  const afterKeys = new Set(after.map(promotionKey));
  const ended = before.filter((p) => !afterKeys.has(promotionKey(p)));
  const started = after.filter((p) => !beforeKeys.has(promotionKey(p)));
  const changed: PromotionDiff['changed'] = [];
  for (const p of [...started]) {
    const i = ended.findIndex((e) => e.type === p.type);
    if (i < 0) continue;
    changed.push({ before: ended[i], after: p });
    ended.splice(i, 1);
    started.splice(started.indexOf(p), 1);
  }
  return { started, ended, changed };
}

export function promotion(rule: RuleOf<'promotion'>, ctx: RuleContext): Signal[] {
  const { result } = ctx;
  // The first crawl of a listing has no "before": promotions already running did not start now.
  if (!result.ok || !result.changed.includes('promotions') || result.previous.promotions === undefined) return [];
  const diff = diffPromotions(result.previous.promotions, result.current.promotions ?? []);
  const at = lastChangeAt(ctx.history, 'promotions', ctx.at);
  const wanted = (p: Promotion) => rule.types === undefined || rule.types.includes(p.type);
  const effective = result.current.effectivePrice ?? null;
  const signals: Signal[] = [];
  const push = (event: 'started' | 'ended' | 'changed', p: Promotion, before?: Promotion) => {
    if (!rule.events.includes(event) || !wanted(p)) return;
    signals.push({
      type: 'event',
      condition: `${event}:${p.type}`,
      occurrence: `${at}|${promotionKey(p)}`,
      severity: rule.severity,
      facts: {
        new: event === 'ended' ? null : { type: 'promotion', promotion: p },
        old: event === 'ended' ? { type: 'promotion', promotion: p } : before ? { type: 'promotion', promotion: before } : null,
        promotionBefore: before,
        effectivePrice: effective,
        ourPrice: ctx.ourPrice,
      },
    });
  };
  for (const p of diff.started) push('started', p);
  for (const p of diff.ended) push('ended', p);
  for (const c of diff.changed) push('changed', c.after, c.before);
  return signals;
}
