// The price the visible page shows for the main product: the best-scored selling sighting (the
// same amount seen several times counts a little more), the struck list price nearest to it, and
// the runner-up, so the decision layer can tell a confident page from an ambiguous one.
import type { Element } from './dom.ts';
import type { RejectedCandidate } from '../../store/model.ts';
import { distanceTo } from './anchors.ts';
import type { Judged, RuledOut, VisiblePrice } from './candidates.ts';

/** A score at which a visible price, with no structured data to back it, is believable. */
const CONFIDENT_SCORE = 14;
const LIST_REACH = 10;
const MAX_REJECTED = 12;

export interface VisibleChoice {
  price: VisiblePrice | null;
  listPrice: VisiblePrice | null;
  /** Best selling sighting with another amount. */
  runnerUp: VisiblePrice | null;
  /** The choice is strong and clearly ahead of any other amount. */
  confident: boolean;
  all: VisiblePrice[];
  ruledOut: RuledOut[];
}

function upMap(el: Element): Map<Element, number> {
  const m = new Map<Element, number>();
  let d = 0;
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) m.set(p, d++);
  return m;
}

interface Group {
  best: VisiblePrice;
  score: number;
}

function groupByAmount(list: VisiblePrice[]): Group[] {
  const groups = new Map<string, { best: VisiblePrice; count: number }>();
  for (const v of list) {
    const key = `${v.parsed.amountMinor}:${v.parsed.currency ?? ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { best: v, count: 1 });
    else {
      g.count++;
      if (v.score > g.best.score) g.best = v;
    }
  }
  return [...groups.values()]
    .map((g) => ({ best: g.best, score: g.best.score + Math.min(2, 0.5 * (g.count - 1)) }))
    .sort((a, b) => b.score - a.score || a.best.order - b.best.order);
}

export function chooseVisible(judged: Judged): VisibleChoice {
  const all = judged.candidates;
  const selling = all.filter((v) => v.role === 'selling');
  const groups = groupByAmount(selling);
  let top = groups[0] ?? null;
  let demoted: VisiblePrice | null = null;
  // "Regular price $79" is the list price only when a lower selling price stands right beside it.
  if (top?.best.weakList) {
    const up = upMap(top.best.el);
    const sale = groups.find((g) => g !== top && !g.best.weakList && g.best.parsed.amountMinor < top!.best.parsed.amountMinor && distanceTo(g.best.el, up) <= 8 && g.score >= top!.score - 8);
    if (sale) {
      demoted = top.best;
      top = sale;
    }
  }
  const price = top?.best ?? null;
  const runner = groups.find((g) => g !== top && g.best !== demoted && g.best.parsed.amountMinor !== price?.parsed.amountMinor) ?? null;
  let listPrice: VisiblePrice | null = null;
  if (price) {
    // The list price sits next to one of the places the selling price shows.
    const ups = selling.filter((v) => v.parsed.amountMinor === price.parsed.amountMinor).slice(0, 8).map((v) => upMap(v.el));
    let bestDist = Infinity;
    const lists = all.filter((v) => v.role === 'list' || v === demoted || (v.weakList && v !== price));
    for (const v of lists) {
      if (v.parsed.amountMinor <= price.parsed.amountMinor) continue;
      if (v.parsed.currency && price.parsed.currency && v.parsed.currency !== price.parsed.currency) continue;
      const d = Math.min(...ups.map((up) => distanceTo(v.el, up)));
      if (d <= LIST_REACH && d < bestDist) {
        listPrice = v;
        bestDist = d;
      }
    }
  }
  const confident = !!price && top!.score >= CONFIDENT_SCORE && (!runner || top!.score - runner.score >= 3);
  return { price, listPrice, runnerUp: runner?.best ?? null, confident, all, ruledOut: judged.ruledOut };
}

/** The sightings not taken, with why, for `inspect` (bounded: the nearest to the product first). */
export function rejectedVisible(choice: VisibleChoice, taken: Set<VisiblePrice>): RejectedCandidate[] {
  const out: RejectedCandidate[] = [];
  const rest = choice.all.filter((v) => !taken.has(v)).sort((a, b) => a.distance - b.distance || b.score - a.score);
  const seen = new Set<string>();
  for (const v of rest) {
    const reason =
      v.role === 'excluded'
        ? v.reason ?? 'excluded'
        : v.role === 'list'
          ? v.reason ?? 'list price'
          : choice.price && v.parsed.amountMinor === choice.price.parsed.amountMinor
            ? null
            : `weaker candidate (score ${v.score.toFixed(1)} vs ${choice.price?.score.toFixed(1) ?? '-'})`;
    if (!reason) continue;
    const key = `${v.text}|${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field: v.role === 'list' ? 'listPrice' : 'price', value: v.text, source: 'visible', reason });
    if (out.length >= MAX_REJECTED) break;
  }
  // Then the nearest of those ruled out by where they sit, a few per reason.
  const perReason = new Map<string, number>();
  for (const r of [...choice.ruledOut].sort((a, b) => a.distance - b.distance)) {
    if (out.length >= MAX_REJECTED * 2) break;
    const n = perReason.get(r.reason) ?? 0;
    if (n >= 3 || seen.has(`${r.text}|${r.reason}`)) continue;
    perReason.set(r.reason, n + 1);
    seen.add(`${r.text}|${r.reason}`);
    out.push({ field: 'price', value: r.text, source: 'visible', reason: r.reason });
  }
  return out;
}
