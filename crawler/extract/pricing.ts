// Deciding the price: structured data (JSON-LD, microdata, RDFa, meta, state JSON) is precise
// but can be stale, for another variant, or name the list price; the visible page is what the
// buyer sees but is harder to read. Structured data wins unless the page clearly says otherwise:
// it shows that amount struck through, or a confident visible price contradicts an amount the
// page does not show at all. Every losing candidate is kept with its reason.
import type { FieldSource, Money, RejectedCandidate } from '../../store/model.ts';
import { formatMoney } from '../parse/price.ts';
import type { VisiblePrice } from './candidates.ts';
import type { VisibleChoice } from './visible.ts';

/** A visible price this strong beats structured data the page does not show. */
const OVERRIDE_SCORE = 16;
/** Below this, a visible price with no structured data to back it is not believed. */
const MIN_VISIBLE_SCORE = 8;

export interface PriceCandidate {
  money: Money;
  range: { low: Money; high: Money } | null;
  source: FieldSource;
  /** Where it came from, for notes: "JSON-LD offer", "product:price:amount". */
  label: string;
}

export interface PriceDecision {
  price: Money | null;
  priceRange: { low: Money; high: Money } | null;
  listPrice: Money | null;
  priceSource: FieldSource | null;
  listSource: FieldSource | null;
  rejected: RejectedCandidate[];
  notes: string[];
  /** The visible sightings the decision used (so they are not listed as rejected). */
  usedVisible: Set<VisiblePrice>;
}

export interface PriceInputs {
  recipePrice: PriceCandidate | null;
  recipeList: PriceCandidate | null;
  /** Selling prices from structured data, most trusted first. */
  structured: PriceCandidate[];
  /** List prices structured data names. */
  structuredLists: PriceCandidate[];
  visible: VisibleChoice;
}

function fmt(m: Money): string {
  try {
    return formatMoney(m);
  } catch {
    return `${m.amountMinor} ${m.currency}`;
  }
}

function sameAmount(a: Money, b: { amountMinor: number; currency: string | null }): boolean {
  return a.amountMinor === b.amountMinor && (!b.currency || a.currency === b.currency);
}

function visibleMoney(v: VisiblePrice, fallbackCurrency: string | null): Money | null {
  const currency = v.parsed.currency ?? fallbackCurrency;
  return currency ? { amountMinor: v.parsed.amountMinor, currency } : null;
}

function visibleRange(v: VisiblePrice, currency: string): { low: Money; high: Money } | null {
  const r = v.parsed.range;
  return r ? { low: { amountMinor: r.lowMinor, currency }, high: { amountMinor: r.highMinor, currency } } : null;
}

export function decidePrice(inp: PriceInputs, pageCurrency: string | null): PriceDecision {
  const d: PriceDecision = { price: null, priceRange: null, listPrice: null, priceSource: null, listSource: null, rejected: [], notes: [], usedVisible: new Set() };
  const vis = inp.visible;
  const visSelling = vis.all.filter((v) => v.role === 'selling');
  const visLists = vis.all.filter((v) => v.role === 'list');
  const reject = (field: 'price' | 'listPrice', c: PriceCandidate, reason: string) =>
    d.rejected.push({ field, value: fmt(c.money), source: c.source, reason });

  let chosen: PriceCandidate | null = inp.recipePrice;
  let visibleWon: VisiblePrice | null = null;
  let demotedToList: PriceCandidate | null = null;

  if (!chosen && inp.structured.length) {
    const s = inp.structured;
    const amounts = new Set(s.map((c) => `${c.money.amountMinor}:${c.money.currency}`));
    chosen = s[0];
    if (amounts.size > 1) {
      const shown = vis.price ? s.find((c) => sameAmount(c.money, vis.price!.parsed)) : undefined;
      const listed = (c: PriceCandidate) => inp.structuredLists.some((l) => sameAmount(l.money, c.money)) || visLists.some((v) => sameAmount(c.money, v.parsed));
      const lowestUnlisted = [...s].filter((c) => !listed(c)).sort((a, b) => a.money.amountMinor - b.money.amountMinor)[0];
      if (shown) chosen = shown;
      else if (lowestUnlisted && s.some(listed)) chosen = lowestUnlisted;
      d.notes.push(`structured data names several prices (${[...new Set(s.map((c) => `${fmt(c.money)} in ${c.label}`))].join(', ')}); took ${fmt(chosen.money)} from ${chosen.label}${shown ? ', the one the page shows' : ''}`);
      for (const c of s) if (!sameAmount(chosen.money, c.money)) reject('price', c, listed(c) ? 'named as the list price elsewhere' : `another structured price; ${chosen.label} preferred`);
    }
    const v = vis.price;
    if (v && !sameAmount(chosen.money, v.parsed) && (!v.parsed.currency || v.parsed.currency === chosen.money.currency)) {
      const shownSelling = visSelling.some((x) => sameAmount(chosen!.money, x.parsed));
      const shownStruck = visLists.some((x) => sameAmount(chosen!.money, x.parsed));
      if (shownStruck && v.parsed.amountMinor < chosen.money.amountMinor && !shownSelling) {
        demotedToList = chosen;
        visibleWon = v;
        d.notes.push(`${chosen.label} says ${fmt(chosen.money)}, which the page shows struck through; the selling price is the visible ${v.text}`);
      } else if (!shownSelling && !shownStruck && vis.confident && v.hinted && v.score >= OVERRIDE_SCORE && !chosen.range) {
        visibleWon = v;
        reject('price', chosen, 'structured data disagrees with the page (stale, or another variant)');
        d.notes.push(`${chosen.label} says ${fmt(chosen.money)} but the page shows ${v.text} near the product title; trusted the page`);
      } else {
        d.rejected.push({ field: 'price', value: v.text, source: 'visible', reason: shownSelling ? `the page also shows ${fmt(chosen.money)} (from ${chosen.label})` : `structured data (${chosen.label}) preferred over this visible price` });
      }
    }
  } else if (!chosen && vis.price) {
    if (vis.price.score >= MIN_VISIBLE_SCORE) visibleWon = vis.price;
    else d.rejected.push({ field: 'price', value: vis.price.text, source: 'visible', reason: `too weak to believe without structured data (score ${vis.price.score.toFixed(1)})` });
  }

  if (visibleWon) {
    const money = visibleMoney(visibleWon, pageCurrency);
    if (money) {
      chosen = { money, range: visibleRange(visibleWon, money.currency), source: 'visible', label: 'the visible page' };
      d.usedVisible.add(visibleWon);
      if (!vis.confident && inp.structured.length === 0) d.notes.push(`price read from the visible page only (${visibleWon.text}); no structured data names one`);
    } else {
      d.notes.push(`the visible price ${visibleWon.text} names no currency and the page declares none`);
      if (!inp.structured.length) chosen = null;
    }
  }
  if (!chosen) {
    if (!inp.structured.length && !vis.price) d.notes.push('no price found: no structured data names one and no price-like text sits near the product title or buy button');
    return d;
  }
  d.price = chosen.money;
  d.priceRange = chosen.range;
  d.priceSource = chosen.source;
  decideList(d, inp, chosen, demotedToList, pageCurrency);
  return d;
}

function decideList(d: PriceDecision, inp: PriceInputs, chosen: PriceCandidate, demoted: PriceCandidate | null, pageCurrency: string | null): void {
  const price = chosen.money;
  const options: PriceCandidate[] = [];
  if (inp.recipeList) options.push(inp.recipeList);
  if (demoted) options.push(demoted);
  options.push(...inp.structuredLists);
  const vl = inp.visible.listPrice;
  const vm = vl ? visibleMoney(vl, pageCurrency) : null;
  if (vl && vm) options.push({ money: vm, range: null, source: 'visible', label: 'the visible page' });
  for (const o of options) {
    if (o.money.currency !== price.currency || o.money.amountMinor <= price.amountMinor) {
      if (o.money.amountMinor !== price.amountMinor) reject(d, o, 'not above the selling price');
      continue;
    }
    if (!d.listPrice) {
      d.listPrice = o.money;
      d.listSource = o.source;
      if (o.source === 'visible' && vl) d.usedVisible.add(vl);
    }
  }
}

function reject(d: PriceDecision, c: PriceCandidate, reason: string): void {
  d.rejected.push({ field: 'listPrice', value: fmt(c.money), source: c.source, reason });
}
