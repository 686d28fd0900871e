// Structured prices as Money: the main product's offer (or, among several offers, the one the
// page shows, else the lowest with the range), the same product in other structured sources, the
// meta tags and the embedded state, in that order of trust. Written values are read by parsePrice
// with the offer's currency, so "1.299,00", "1299.00" and 1299 all become the same Money.
import type { FieldSource, Money } from '../../store/model.ts';
import { parsePrice, type PriceContext } from '../parse/price.ts';
import { resolveCurrency } from '../parse/currency.ts';
import type { OfferFacts, ProductFacts } from './facts.ts';
import type { PriceCandidate } from './pricing.ts';
import { chooseOffer, type PageIdentity } from './product.ts';
import type { StatePrice } from './statejson.ts';
import type { VisibleChoice } from './visible.ts';

export function toMoney(raw: string | null, currency: string | null, ctx: PriceContext): Money | null {
  if (!raw) return null;
  const declared = currency ? resolveCurrency(currency, ctx) : null;
  const parsed = parsePrice(raw, { ...ctx, currency: declared ?? ctx.currency });
  if (!parsed || parsed.free || parsed.amountMinor <= 0) return null;
  const code = declared ?? parsed.currency;
  return code ? { amountMinor: parsed.amountMinor, currency: code } : null;
}

const LABEL: Record<string, string> = { 'json-ld': 'JSON-LD', microdata: 'microdata', rdfa: 'RDFa', meta: 'meta tags', 'state-json': 'embedded state' };

export interface StructuredPrices {
  selling: PriceCandidate[];
  lists: PriceCandidate[];
  /** The offer the selling price came from (for sku/availability of that variant). */
  offer: OfferFacts | null;
  /** That offer is the variant the page URL names. */
  offerFromUrl: boolean;
  /** Where that offer was read. */
  offerSource: FieldSource | null;
  notes: string[];
}

function offerCandidate(o: OfferFacts, p: ProductFacts, ctx: PriceContext): PriceCandidate | null {
  const low = toMoney(o.lowPrice, o.currency, ctx);
  const high = toMoney(o.highPrice, o.currency, ctx);
  const price = toMoney(o.price, o.currency, ctx) ?? low;
  if (!price) return null;
  const range = low && high && high.amountMinor > low.amountMinor && high.currency === low.currency ? { low, high } : null;
  return { money: range ? low! : price, range, source: p.source, label: `${LABEL[p.source] ?? p.source} offer` };
}

/** Prices of one product's offers: the chosen offer, or the lowest of several with their range. */
function productPrices(p: ProductFacts, id: PageIdentity, ctx: PriceContext, visible: VisibleChoice, out: StructuredPrices, primary: boolean): void {
  const choice = chooseOffer(p, id);
  let offer = choice.chosen;
  if (!offer && choice.offers.length > 1) {
    const shown = visible.price;
    const priced = choice.offers.map((o) => ({ o, c: offerCandidate(o, p, ctx) })).filter((x): x is { o: OfferFacts; c: PriceCandidate } => !!x.c);
    const match = shown ? priced.find((x) => x.c.money.amountMinor === shown.parsed.amountMinor) : undefined;
    if (match) offer = match.o;
    else if (priced.length) {
      const sorted = [...priced].sort((a, b) => a.c.money.amountMinor - b.c.money.amountMinor);
      const low = sorted[0];
      const high = sorted[sorted.length - 1];
      const cand = { ...low.c };
      if (high.c.money.amountMinor > low.c.money.amountMinor && high.c.money.currency === low.c.money.currency) {
        cand.range = { low: low.c.money, high: (high.c.range?.high ?? high.c.money) };
      }
      if (primary) out.notes.push(`${choice.why}; took the lowest as the price, with the range`);
      out.selling.push(cand);
      if (primary) {
        out.offer = low.o;
        out.offerSource = p.source;
      }
      return;
    }
  }
  if (!offer) return;
  const cand = offerCandidate(offer, p, ctx);
  if (cand) out.selling.push(cand);
  const list = toMoney(offer.listPrice, offer.currency, ctx);
  if (list) out.lists.push({ money: list, range: null, source: p.source, label: `${LABEL[p.source] ?? p.source} list price` });
  if (primary) {
    out.offer = offer;
    out.offerSource = p.source;
    out.offerFromUrl = choice.chosen === offer && choice.why === 'variant in the URL';
  }
}

export function structuredPrices(
  main: ProductFacts | null,
  others: ProductFacts[],
  metaProduct: ProductFacts | null,
  state: StatePrice[],
  id: PageIdentity,
  ctx: PriceContext,
  visible: VisibleChoice,
): StructuredPrices {
  const out: StructuredPrices = { selling: [], lists: [], offer: null, offerFromUrl: false, offerSource: null, notes: [] };
  if (main) productPrices(main, id, ctx, visible, out, true);
  for (const o of others) productPrices(o, id, ctx, visible, out, false);
  if (metaProduct && metaProduct !== main) productPrices(metaProduct, id, ctx, visible, out, !main);
  for (const s of state.slice(0, 20)) {
    const money = toMoney(s.amount, s.currency, ctx);
    if (!money) continue;
    const cand: PriceCandidate = { money, range: null, source: 'state-json', label: `embedded state (${s.path.slice(-60)})` };
    (s.kind === 'list' ? out.lists : out.selling).push(cand);
  }
  return out;
}
