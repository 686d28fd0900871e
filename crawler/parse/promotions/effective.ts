// What a buyer of ONE unit pays after the promotions a single unit can use. Promotions of the
// same family do not stack (a shop runs one percentage, one 满减, one coupon at a time; a buyer
// picks the best), families apply in checkout order: a fixed price (member, group buy, pre-sale)
// replaces the price, then a percentage, then an amount off, then 满减 and coupons whose
// threshold the running price reaches. Bundles, gifts, points and free shipping do not lower
// one unit's price. All integer math, rounding half up to minor units.
import type { Money, Promotion } from '../../../store/model.ts';

/** price × (100 − percent) / 100, rounded half up, exactly (percent may be 8.5折 → 15, 12.5). */
function applyPercent(minor: number, percent: number): number {
  const [int, frac = ''] = String(percent).split('.');
  const scale = 10n ** BigInt(frac.length);
  const pct = BigInt(int + frac);
  const num = BigInt(minor) * (100n * scale - pct);
  const den = 100n * scale;
  return Number((num * 2n + den) / (2n * den));
}

function sameCurrency(m: Money | null | undefined, currency: string): m is Money {
  return !!m && m.currency === currency;
}

function validPercent(p: number | null | undefined): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p > 0 && p <= 100;
}

/** Reduction a threshold promotion gives at `running`: the best tier reached, repeated for 每满. */
function thresholdReduction(p: Promotion, running: number, currency: string): number {
  const tiers = p.tiers?.length ? p.tiers : p.threshold && p.amount ? [{ threshold: p.threshold, amount: p.amount }] : [];
  let best = 0;
  for (const tier of tiers) {
    if (!sameCurrency(tier.threshold, currency) || !sameCurrency(tier.amount, currency)) continue;
    const t = tier.threshold.amountMinor;
    if (running < t) continue;
    const times = p.repeat && t > 0 ? Math.floor(running / t) : 1;
    best = Math.max(best, tier.amount.amountMinor * times);
  }
  if (tiers.length === 0 && sameCurrency(p.threshold, currency) && validPercent(p.percent) && running >= p.threshold.amountMinor) {
    best = running - applyPercent(running, p.percent);
  }
  return best;
}

/** Reduction a coupon gives at `running`, when its threshold (if any) is reached. */
function couponReduction(p: Promotion, running: number, currency: string): number {
  if (p.tiers?.length || (p.threshold && p.amount)) return thresholdReduction(p, running, currency);
  if (sameCurrency(p.threshold, currency) && running < p.threshold.amountMinor) return 0;
  if (sameCurrency(p.amount, currency)) return p.amount.amountMinor;
  if (validPercent(p.percent)) return running - applyPercent(running, p.percent);
  return 0;
}

/** The best price for one unit after the promotions that apply to one unit; never below 0 or above `price`. */
export function effectivePrice(price: Money, promotions: Promotion[]): Money {
  const currency = price.currency;
  let running = price.amountMinor;

  for (const p of promotions) {
    if ((p.type === 'member_price' || p.type === 'group_buy' || p.type === 'presale') && sameCurrency(p.amount, currency) && !p.threshold) {
      if (p.amount.amountMinor > 0) running = Math.min(running, p.amount.amountMinor);
    }
  }

  const percents = promotions
    .filter((p) => (p.type === 'percent' || p.type === 'flash_sale' || p.type === 'member_price') && !p.threshold)
    .map((p) => p.percent)
    .filter(validPercent);
  if (percents.length) running = applyPercent(running, Math.max(...percents));

  const amountsOff = promotions
    .filter((p) => (p.type === 'amount_off' || p.type === 'flash_sale') && !p.threshold && sameCurrency(p.amount, currency))
    .map((p) => p.amount!.amountMinor);
  if (amountsOff.length) running -= Math.max(...amountsOff);
  running = Math.max(0, running);

  const thresholdCut = Math.max(0, ...promotions.filter((p) => p.type === 'threshold').map((p) => thresholdReduction(p, running, currency)));
  running = Math.max(0, running - thresholdCut);

  const couponCut = Math.max(0, ...promotions.filter((p) => p.type === 'coupon').map((p) => couponReduction(p, running, currency)));
  running = Math.max(0, running - couponCut);

  return { amountMinor: Math.min(price.amountMinor, running), currency };
}
