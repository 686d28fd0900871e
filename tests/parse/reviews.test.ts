// Review score with its scale, review counts in every digit grouping, positive-review rates.
import { describe, expect, it } from 'vitest';
import { parsePositiveRate, parseRating, parseReviewCount } from '../../crawler/parse/reviews.ts';

describe('parseRating', () => {
  const rows: [string, number | null, number?][] = [
    ['4.5 out of 5 stars', 4.5, 5],
    ['4.7 out of 5', 4.7, 5],
    ['Rated 4.6 out of 5', 4.6, 5],
    ['4,5/5', 4.5, 5],
    ['4.5/5', 4.5, 5],
    ['4.8 / 5', 4.8, 5],
    ['4.8分', 4.8, 5],
    ['评分 4.9', 4.9, 5],
    ['综合评分4.7分', 4.7, 5],
    ['96/100', 96, 100],
    ['9.2/10', 9.2, 10],
    ['8,7/10', 8.7, 10],
    ['Note : 4,3 sur 5', 4.3, 5],
    ['4,3 sur 5 étoiles', 4.3, 5],
    ['5つ星のうち4.2', 4.2, 5],
    ['5つ星のうち 3.9', 3.9, 5],
    ['평점 4.7', 4.7, 5],
    ['별점 4.5점', 4.5, 5],
    ['4,5 von 5 Sternen', 4.5, 5],
    ['4.2 von 5 Sternen', 4.2, 5],
    ['Durchschnittliche Bewertung: 4,6', 4.6, 5],
    ['4,4 de 5 estrellas', 4.4, 5],
    ['Valoración: 4,1', 4.1, 5],
    ['4,6 su 5 stelle', 4.6, 5],
    ['4,7 de 5 estrelas', 4.7, 5],
    ['Ocena 4,8 z 5', 4.8, 5],
    ['4,9 из 5', 4.9, 5],
    ['Рейтинг 4.8', 4.8, 5],
    ['96%', 96, 100],
    ['92% recommend', 92, 100],
    ['4.5 stars', 4.5, 5],
    ['4 stars', 4, 5],
    ['★ 4.6', 4.6, 5],
    ['★★★★☆ 4.3', 4.3, 5],
    ['⭐ 4.9 (2,134)', 4.9, 5],
    ['4.6', 4.6, 5],
    ['(4.6)', 4.6, 5],
    ['4,6', 4.6, 5],
    ['Score 8.9', 8.9, 10],
    ['Rating: 87', 87, 100],
    ['3 out of 5', 3, 5],
    ['0 out of 5 stars', 0, 5],
    ['9/10', 9, 10],
    ['4.5 out of 5 stars 1,234 ratings', 4.5, 5],
    ['6 out of 5', null],
    ['81 Sternebewertungen', null],
    ['1.234 Sternebewertungen', null],
    ['', null],
    ['No reviews yet', null],
    ['Be the first to review', null],
    ['1,234 ratings', null],
    ['-20%', null],
  ];
  it.each(rows)('%j', (text, rating, scale) => {
    const r = parseRating(text);
    if (rating === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r).toEqual({ rating, scale });
  });
});

describe('parseReviewCount', () => {
  const rows: [string, number | null][] = [
    ['1,234 ratings', 1234],
    ['1,234 global ratings', 1234],
    ['12,345 customer reviews', 12345],
    ['2.3万+条评价', 23000],
    ['累计评价 2万+', 20000],
    ['1.2k reviews', 1200],
    ['1.2K', 1200],
    ['3k+ reviews', 3000],
    ['1.5M ratings', 1500000],
    ['(3.456 Bewertungen)', 3456],
    ['3.456 Sternebewertungen', 3456],
    ['1 234 avis', 1234],
    ['1\u202f234 évaluations', 1234],
    ['評価数 12,345', 12345],
    ['12,345件のレビュー', 12345],
    ['리뷰 1,234', 1234],
    ['상품평 (1,234)', 1234],
    ['10万+', 100000],
    ['评价 500+', 500],
    ['全部评价(9999+)', 9999],
    ['1.2亿', 120000000],
    ['4.5 out of 5 stars 1,234 ratings', 1234],
    ['4.6 (2,134)', 2134],
    ['★ 4.9 (12k)', 12000],
    ['(128)', 128],
    ['128 reviews', 128],
    ['1 review', 1],
    ['Based on 2,417 reviews', 2417],
    ['2.417 valoraciones', 2417],
    ['1.234 recensioni', 1234],
    ['1.234 avaliações', 1234],
    ['1 234 opinii', 1234],
    ['1 234 отзыва', 1234],
    ['1,234 reviews 98% positive', 1234],
    ['4,5 von 5 Sternen (1.234)', 1234],
    ["1'234 Bewertungen", 1234],
    ['81 Sternebewertungen', 81],
    ['5 Sterne', null],
    ['4 Sterne und mehr', null],
    ['4 stars & up', null],
    ['von 5', null],
    ['No reviews', null],
    ['', null],
    ['Write a review', null],
  ];
  it.each(rows)('%j → %s', (text, count) => expect(parseReviewCount(text)).toBe(count));
});

describe('parsePositiveRate', () => {
  const rows: [string, number | null][] = [
    ['好评率98%', 0.98],
    ['好评率 98%', 0.98],
    ['好评度 97%', 0.97],
    ['好評率 99.5%', 0.995],
    ['98% positive', 0.98],
    ['98% positive feedback', 0.98],
    ['Positive feedback: 99.2%', 0.992],
    ['97 % positive Bewertungen', 0.97],
    ['95% recommend this product', 0.95],
    ['98,5 % positiv', 0.985],
    ['满意度 96%', 0.96],
    ['98%', 0.98],
    ['好评率 98', 0.98],
    ['好评率 0.98', 0.98],
    ['100%好评', 1],
    ['-20%', null],
    ['Save 20%', null],
    ['好评', null],
    ['', null],
    ['120% positive', null],
  ];
  it.each(rows)('%j → %s', (text, rate) => expect(parsePositiveRate(text)).toBe(rate));
});
