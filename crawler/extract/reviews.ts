// Review figures from the visible page, for pages without AggregateRating: the rating summary
// next to the title ("4.5 out of 5 stars", "4,5/5", a star bar drawn by its width), the count
// beside it ("511 ratings", "2.3万+条评价"), and 好评率. Ratings of other products (carousels,
// reviews of accessories) sit far from the title or in zones, and are skipped.
import type { Element } from './dom.ts';
import { parsePositiveRate, parseRating, parseReviewCount } from '../parse/reviews.ts';
import type { PageLayout } from './anchors.ts';

const REACH = 10;
const RATING_ATTRS = ['title', 'aria-label', 'data-rating', 'data-score', 'data-value', 'data-rate', 'alt'];
const RATING_HINT = /rating|stars?\b|star-|score|评分|評価/i;
const COUNT_HINT = /review|rating|comment|bewertung|avis|valoraci|recensi|opinion|评价|評價|口碑|count/i;
const STAR_WIDTH = /width\s*:\s*(\d{1,3}(?:\.\d+)?)%/i;
const POSITIVE_HINT = /好评|好評|满意|滿意|推荐|positive|positiv|recommend|empfehl|recomienda|consiglia/i;

export interface VisibleReviews {
  rating: { rating: number; scale: number } | null;
  reviewCount: number | null;
  positiveRate: number | null;
}

function attrText(el: Element): string[] {
  const out: string[] = [];
  for (const a of RATING_ATTRS) {
    const v = el.attribs[a];
    if (v && /\d/.test(v) && v.length <= 80) out.push(v);
  }
  return out;
}

export function visibleReviews(layout: PageLayout): VisibleReviews {
  const out: VisibleReviews = { rating: null, reviewCount: null, positiveRate: null };
  if (!layout.anchors.title) return out;
  let ratingDist = Infinity;
  let countDist = Infinity;
  for (const el of layout.scan.reviewEls) {
    const d = layout.distance(el);
    if (d > REACH || layout.zoneOf(el) || layout.scan.hiddenEls.has(el)) continue;
    const hints = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    const text = layout.scan.texts.get(el) ?? '';
    if (d < ratingDist && RATING_HINT.test(hints)) {
      const width = STAR_WIDTH.exec(el.attribs.style ?? '');
      let found: { rating: number; scale: number } | null = null;
      for (const t of [...attrText(el), text]) {
        if (!t || t.length > 80) continue;
        found = parseRating(t);
        if (found) break;
      }
      if (!found && width && /star/i.test(hints)) {
        const pct = Number(width[1]);
        if (pct >= 0 && pct <= 100) found = { rating: Math.round(pct / 2) / 10, scale: 5 };
      }
      if (found) {
        out.rating = found;
        ratingDist = d;
      }
    }
    if (d < countDist && COUNT_HINT.test(hints) && text && text.length <= 60) {
      const count = parseReviewCount(text);
      // A bare number ("(511)") counts only inside an element named for the review count.
      const bare = !/\p{L}/u.test(text);
      if (count !== null && (!bare || /review|count|anzahl|nombre/i.test(hints))) {
        out.reviewCount = count;
        countDist = d;
      }
    }
  }
  for (const { el } of layout.nearBlocks()) {
    const text = layout.scan.texts.get(el);
    if (!text || text.length > 40 || !POSITIVE_HINT.test(text)) continue;
    const rate = parsePositiveRate(text) ?? parsePositiveRate(layout.scan.texts.get(el.parent as Element) ?? '');
    if (rate !== null) {
      out.positiveRate = rate;
      break;
    }
  }
  return out;
}
