// Alerts as people read them on a terminal: one block per alert with rule, severity, listing,
// old → new and the delivery state of every channel.
import { formatMoney } from '../../crawler/parse/money.ts';
import type { Alert, AlertValue } from './types.ts';

export function valueLabel(v: AlertValue | null | undefined): string {
  if (!v) return '—';
  switch (v.type) {
    case 'money':
      return formatMoney(v.money);
    case 'availability':
      return v.availability.replace(/_/g, ' ');
    case 'rating':
      return `${Math.round(v.rating * 100) / 100}/${v.scale}`;
    case 'count':
      return String(v.count);
    case 'promotion':
      return v.promotion.text;
    case 'failure':
      return `${v.kind}${v.httpStatus ? ` ${v.httpStatus}` : ''} ×${v.count}`;
  }
}

export function describeAlert(a: Alert): string[] {
  const delivery = a.channels.map((c) => {
    const d = a.delivery[c];
    return `${c}: ${d?.status ?? 'unknown'}${d && d.attempts > 1 ? ` (${d.attempts} attempts)` : ''}${d?.lastError && d.status !== 'delivered' ? ` — ${d.lastError}` : ''}`;
  });
  return [
    `${a.id}  ${a.at}  ${a.severity.toUpperCase()}  rule ${a.ruleId} (${a.ruleKind})${a.ackedAt ? '  [acknowledged]' : ''}`,
    `  ${a.messages[a.language]}`,
    `  listing ${a.subject.listingId}  ${a.subject.competitor} / ${a.subject.sku}  ${a.subject.url}`,
    `  ${valueLabel(a.facts.old)} → ${valueLabel(a.facts.new)}${a.facts.ourPrice ? `  (our ${formatMoney(a.facts.ourPrice)})` : ''}`,
    `  delivery: ${delivery.join('; ') || 'no channel'}`,
  ];
}
