// Review figures as shops print them: a score with its scale ("4.5 out of 5 stars", "96/100",
// "5つ星のうち4.2"), a count in any digit grouping or with k / 万 ("2.3万+条评价"), and the
// positive-review rate ("好评率98%").
import { readNumber, shiftDecimal } from './separators.ts';

const NUM = '(\\d+(?:[.,]\\d+)?)';

function toNumber(written: string): number {
  return Number(written.replace(',', '.'));
}

/** The usual scale for a score shown without one: 4.8 → 5, 9.2 → 10, 87 → 100. */
function inferScale(value: number): number | null {
  if (value <= 5) return 5;
  if (value <= 10) return 10;
  if (value <= 100) return 100;
  return null;
}

function rating(value: number, scale: number | null): { rating: number; scale: number } | null {
  if (scale === null || !Number.isFinite(value) || !(scale > 0) || value < 0 || value > scale) return null;
  return { rating: value, scale };
}

const SCALE_PATTERNS: RegExp[] = [
  new RegExp(`${NUM}\\s*(?:out of|of|von|sur|su|de|z|из|van|av|/|／|の中で)\\s*(\\d+)(?![\\d.,]*\\d)`, 'iu'),
  new RegExp(`(\\d+)\\s*(?:つ星のうち|점 만점에|stars?,? rated)\\s*${NUM}`, 'iu'),
];
const KEYWORD = new RegExp(
  `(?:rating|rated|average|score|note|bewertung|durchschnitt|valoración|calificación|puntuación|valutazione|avaliação|nota|ocena|оценка|рейтинг|评分|評分|综合评分|评价|評価|평점|별점|星级|★|☆|⭐)\\s*[:：]?\\s*${NUM}`,
  'iu',
);
/** A score followed by its unit; "Sternebewertungen" and the like are counts, not the unit. */
const STAR_WORD = '(?:stars?|Sternen?|étoiles?|estrellas?|stelle|estrelas?|gwiazdk?[aiy]?|звезд[аы]?)(?!\\p{L})';
const UNIT_AFTER = new RegExp(`${NUM}\\s*(?:分|점|${STAR_WORD}|星|★|⭐)`, 'iu');

/** A review score and the scale it is on, or null when the text shows none. */
export function parseRating(text: string): { rating: number; scale: number } | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  let m = SCALE_PATTERNS[0].exec(s);
  if (m) return rating(toNumber(m[1]), Number(m[2]));
  m = SCALE_PATTERNS[1].exec(s);
  if (m) return rating(toNumber(m[2]), Number(m[1]));
  m = new RegExp(`${NUM}\\s*%`).exec(s);
  if (m && !/[-−]\s*$/.test(s.slice(0, m.index))) return rating(toNumber(m[1]), 100);
  m = KEYWORD.exec(s) ?? UNIT_AFTER.exec(s);
  if (m) return rating(toNumber(m[1]), inferScale(toNumber(m[1])));
  // A lone score, often followed by its count: "4.6", "(4.6)", "4.5 (1,234)", "4.7 | 2,417 reviews".
  m = /^\(?(\d(?:[.,]\d{1,2})?)\)?(?:\s*(?:[(|·•]|$))/u.exec(s);
  if (m) return rating(toNumber(m[1]), 5);
  return starGlyphs(s);
}

/** "★★★★☆" with no figure: the filled stars out of all shown. */
function starGlyphs(s: string): { rating: number; scale: number } | null {
  const glyphs = /[★☆]{3,10}/u.exec(s);
  if (!glyphs) return null;
  const filled = [...glyphs[0]].filter((c) => c === '★').length;
  return rating(filled, glyphs[0].length);
}

const COUNT_WORDS =
  /ratings?|reviews?|customer|global|comments?|votes?|Bewertungen|Rezensionen|Kundenbewertungen|Sternebewertungen|avis|évaluations|notes|valoraciones|opiniones|reseñas|recensioni|valutazioni|avaliações|opiniões|opinii|ocen|recenzj\p{L}*|отзыв\p{L}*|оцен\p{L}*|beoordelingen|recensioner|anmeldelser|条评价|条评论|条|人评价|人评|评价|評價|评论|評論|口碑|評価数?|件のレビュー|件の評価|レビュー|件|리뷰|후기|개의 상품평|상품평|평가/iu;

const COUNT_RE = /(\d+(?:[.,'’ ]\d+)*)\s*([kKmM千万萬亿億천만](?![a-zA-Z])|Tsd\.?|mil(?!\p{L})|тыс\.?)?\s*\+?/gu;
const EXPONENT: Record<string, number> = { k: 3, K: 3, 千: 3, 천: 3, tsd: 3, mil: 3, тыс: 3, m: 6, M: 6, 万: 4, 萬: 4, 만: 4, 亿: 8, 億: 8 };

/** Blank the score in texts such as "4.5 out of 5 stars 1,234 ratings" so only the count remains. */
function withoutScores(s: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return s
    // "★★★½": a star glyph's half ("1⁄2" after NFKC) is part of the score, not a count.
    .replace(/\d+\s*⁄\s*\d+/gu, blank)
    .replace(new RegExp(`${NUM}\\s*(?:out of|von|sur|su|de|z|из|/)\\s*\\d+(?:\\s*(?:stars?|Sternen?|étoiles|estrellas|stelle))?`, 'giu'), blank)
    .replace(/\d+\s*つ星のうち\s*\d(?:[.,]\d)?/gu, blank)
    .replace(/\d+(?:[.,]\d+)?\s*%/gu, blank)
    .replace(new RegExp(`\\d+(?:[.,]\\d+)?\\s*${STAR_WORD}|(?:out of|von|sur|su|de|z|из)\\s*\\d+\\s*$`, 'giu'), blank)
    .replace(/(?<![\d.,])\d[.,]\d(?![\d])(?!\s*(?:[kKmM万萬千亿億천만]|Tsd|mil(?!\p{L})|тыс))/gu, blank);
}

function countValue(written: string, multiplier: string | undefined): number | null {
  if (multiplier) {
    const compact = written.replace(/[ '’]/g, '');
    // Before k / 万 a lone mark is a decimal mark: "1.2k", "1,2 Tsd.", "2.3万".
    const d = readNumber(compact, { minorDigits: 3, decimalSeparator: compact.includes(',') ? ',' : '.' });
    if (!d) return null;
    const shifted = shiftDecimal(d, EXPONENT[multiplier] ?? EXPONENT[multiplier.replace(/\.$/, '').toLowerCase()]);
    return Number(shifted.int);
  }
  // A count has no fraction, so every mark in it groups digits: "3.456", "1 234", "1'234".
  const d = readNumber(written, { minorDigits: 0 });
  if (!d || d.frac) return null;
  return Number(d.int);
}

/** The number of reviews or ratings a text shows, or null. */
export function parseReviewCount(text: string): number | null {
  const s = withoutScores(text.normalize('NFKC').replace(/\s+/g, ' '));
  const candidates: { value: number; score: number }[] = [];
  for (const m of s.matchAll(COUNT_RE)) {
    const value = countValue(m[1].trim(), m[2]);
    if (value === null) continue;
    // Words count only right beside the number: its match swallows the spaces after it.
    const end = m.index + m[0].trimEnd().length;
    const before = s.slice(Math.max(0, m.index - 24), m.index);
    const after = s.slice(end, end + 24);
    let score = 0;
    if (COUNT_WORDS.test(after.slice(0, 16)) || COUNT_WORDS.test(before)) score += 2;
    if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) score += 1;
    candidates.push({ value, score });
  }
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  return best.value;
}

const POSITIVE_WORDS =
  /好评率|好评度|好評率|好评|好評|满意度|滿意度|推荐率|positive|positiv|positif|positiva|positivo|pozytywn|положительн|satisf|recommend|empfehl|recomienda|consiglia|recomenda|高評価|긍정|만족/iu;

/** The share of positive reviews as a fraction 0..1 ("好评率98%" → 0.98), or null. */
export function parsePositiveRate(text: string): number | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const percent = /(?<![-−\d.,])(\d{1,3}(?:[.,]\d+)?)\s*%/u.exec(s);
  const keyword = POSITIVE_WORDS.test(s);
  if (percent && (keyword || s === percent[0])) return fraction(toNumber(percent[1]) / 100);
  if (!keyword) return null;
  const bare = /(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)(?![\d.,]*\d)/u.exec(s);
  if (!bare) return null;
  const value = toNumber(bare[1]);
  return fraction(value > 1 ? value / 100 : value);
}

function fraction(value: number): number | null {
  if (!Number.isFinite(value) || value < 0 || value > 1) return null;
  return Number(value.toPrecision(12));
}
