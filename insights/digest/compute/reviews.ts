// Review movements: ratings and counts at the end of the week against the end of the week before,
// and negative-review spikes. Pages show rounded figures (98 %, 4.5★), and on thousands of reviews
// a rounding step hides dozens of reviews; a spike must stand out beyond that rounding, or it is
// not called one.
import type { CompetitorReviews, ReviewChange } from '../types.ts';
import type { ListingSeries } from '../series.ts';
import { mean, round } from '../series.ts';
import type { DigestContext } from './context.ts';

/** Half the step a shown figure was rounded to: 0.98 → 0.005, 4.5 → 0.05 (at least `minDecimals`). */
function halfStep(x: number, minDecimals: number): number {
  const text = String(x);
  const dot = text.indexOf('.');
  const decimals = Math.max(minDecimals, dot < 0 ? 0 : Math.min(4, text.length - dot - 1));
  return 0.5 * 10 ** -decimals;
}

interface Reading {
  count: number | null;
  /** 好评率 and the half step it was rounded to. */
  positive: number | null;
  positiveHalf: number;
  /** Rating on a 5-point scale and the half step it was rounded to, on that scale. */
  rating: number | null;
  ratingHalf: number;
}

function reading(s: ListingSeries, ms: number): Reading {
  const raw = s.at('rating', ms);
  const scale = s.at('ratingScale', ms) ?? 5;
  const positive = s.at('positiveRate', ms);
  return {
    count: s.at('reviewCount', ms),
    positive,
    positiveHalf: positive === null ? 0 : halfStep(positive, 2),
    rating: raw === null ? null : (raw / scale) * 5,
    ratingHalf: raw === null ? 0 : (halfStep(raw, 1) / scale) * 5,
  };
}

/** Negative reviews added between two readings, estimated as count × (1 − 好评率): the figure and its lower bound. */
function negatives(now: Reading, before: Reading): { estimate: number; low: number } | null {
  if (now.count === null || before.count === null || now.positive === null || before.positive === null) return null;
  return {
    estimate: Math.round(now.count * (1 - now.positive)) - Math.round(before.count * (1 - before.positive)),
    low: now.count * (1 - now.positive - now.positiveHalf) - before.count * (1 - before.positive + before.positiveHalf),
  };
}

export function reviews(ctx: DigestContext): { changes: ReviewChange[]; byCompetitor: CompetitorReviews[] } {
  const { W, P } = ctx;
  const { negativeSpikeMin, ratingMove } = ctx.options.thresholds;
  const changes: ReviewChange[] = [];
  const perCompetitor = new Map<string, { now: number[]; before: number[]; newReviews: number; drops: number; spikes: number }>();
  // Readings at the end of this week and the last, and the previous four weeks' negative
  // estimates, taken in the store's order.
  const readings = ctx.perEntry((e) => {
    if (!ctx.live(e, W)) return null;
    const now = reading(e.series, W.closeMs);
    const before = reading(e.series, P.closeMs);
    if (now.rating === null && now.count === null && now.positive === null) return null;
    const negative = negatives(now, before);
    const newReviews = now.count !== null && before.count !== null ? now.count - before.count : null;
    const baseline =
      negative && newReviews !== null && newReviews > 0
        ? [1, 2, 3, 4]
            .map((n) => negatives(reading(e.series, ctx.weekOffset(-n).closeMs), reading(e.series, ctx.weekOffset(-n - 1).closeMs))?.estimate ?? null)
            .filter((x): x is number => x !== null)
        : null;
    return { now, before, negative, newReviews, baseline };
  });
  for (const e of ctx.entries) {
    const r = readings[e.index];
    if (!r) continue;
    const { now, before, negative, newReviews } = r;
    const rating = now.rating === null ? null : round(now.rating, 2);
    const previousRating = before.rating === null ? null : round(before.rating, 2);
    const ratingChange = rating !== null && previousRating !== null ? round(rating - previousRating, 2) : null;

    // The average the week's new reviews must have had, when the rounding leaves it within half a star.
    let newReviewsRating: number | null = null;
    let newReviewsRatingHigh: number | null = null;
    if (now.rating !== null && before.rating !== null && newReviews !== null && newReviews > 0) {
      const implied = (now.rating * now.count! - before.rating * before.count!) / newReviews;
      const uncertainty = (now.ratingHalf * now.count! + before.ratingHalf * before.count!) / newReviews;
      if (uncertainty <= 0.5) {
        newReviewsRating = round(Math.min(5, Math.max(0, implied)), 2);
        newReviewsRatingHigh = implied + uncertainty;
      }
    }

    let spike = false;
    if (negative && r.baseline) {
      spike = negative.low >= negativeSpikeMin && negative.estimate >= 3 * (mean(r.baseline) ?? 0);
    } else if (!negative && newReviews !== null && newReviews >= 10 && newReviewsRatingHigh !== null) {
      spike = newReviewsRatingHigh <= 3;
    }

    const c = perCompetitor.get(e.listing.competitor) ?? { now: [], before: [], newReviews: 0, drops: 0, spikes: 0 };
    perCompetitor.set(e.listing.competitor, c);
    if (rating !== null) c.now.push(rating);
    if (previousRating !== null) c.before.push(previousRating);
    if (newReviews !== null && newReviews > 0) c.newReviews += newReviews;
    if (ratingChange !== null && ratingChange <= -ratingMove) c.drops++;
    if (spike) c.spikes++;
    const positiveRateChange = now.positive !== null && before.positive !== null ? round((now.positive - before.positive) * 100, 1) : null;
    if (!spike && !ratingChange && !newReviews && !positiveRateChange) continue;
    changes.push({
      id: `review:${e.listing.id}`,
      ref: e.ref,
      rating,
      previousRating,
      ratingChange,
      reviewCount: now.count,
      newReviews,
      positiveRate: now.positive,
      positiveRateChange,
      newNegative: negative?.estimate ?? null,
      newReviewsRating,
      spike,
    });
  }
  changes.sort((a, b) => Number(b.spike) - Number(a.spike) || (a.ratingChange ?? 0) - (b.ratingChange ?? 0) || (a.id < b.id ? -1 : 1));
  const avg = (xs: number[] | undefined) => {
    const m = mean(xs ?? []);
    return m === null ? null : round(m, 2);
  };
  const byCompetitor: CompetitorReviews[] = ctx.competitors().map((competitor) => {
    const c = perCompetitor.get(competitor);
    return {
      competitor,
      rated: c?.now.length ?? 0,
      averageRating: avg(c?.now),
      previousAverageRating: avg(c?.before),
      newReviews: c?.newReviews ?? 0,
      ratingDrops: c?.drops ?? 0,
      spikes: c?.spikes ?? 0,
    };
  });
  return { changes, byCompetitor };
}
