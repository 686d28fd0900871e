// Shops print several promotions in one line ("包邮 | 8折", "满300减50 包邮") and one promotion
// across several pieces ("限时折扣 仅剩 02:13:45", "满200减20/满400减50"). Texts are cut at
// strong separators, then at spaces/commas where both sides are promotions of their own kinds;
// pieces that are not promotions alone (a countdown, a price) stay with the one before.
import type { Promotion, PromotionType } from '../../../store/model.ts';
import { arabicNumerals } from './fields.ts';
import { cleanText, looksLikePromotion, parsePromotion, promotionType, type PromotionContext } from './parse.ts';

const STRONG = /\s*(?:[|｜•·;；\n\r\t]|\s\+\s|\s[-–—]\s(?![\p{Sc}\d]))\s*/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Kinds whose figures come in the pieces after their name ("会员价 ¥89", "领券 满199减20"). */
const ABSORBING: PromotionType[] = ['flash_sale', 'coupon', 'member_price', 'group_buy', 'presale', 'other'];

function kindOf(piece: string): PromotionType | null {
  const s = arabicNumerals(piece.normalize('NFKC'));
  if (!looksLikePromotion(s)) return null;
  return promotionType(s, /(?:满|滿)\s*\d|spend|orders? over|(?<!\p{L})(?:over|above|ab|dès)\s*\S*\d/iu.test(s));
}

/** Cut one text into the promotions it holds. */
function splitText(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(STRONG)) {
    const piece = cleanText(part);
    if (!piece) continue;
    // Only CJK text separates promotions with bare spaces; Western phrases are words.
    const cuts = CJK.test(piece) ? piece.split(/[\s,，、]+|\/(?!\s*\d+\s*(?:件|kg|g|ml|l)\b)/u) : piece.split(/\s*[,，]\s+(?=\S)/u);
    let group: string[] = [];
    let groupKind: PromotionType | null = null;
    let groupHasFigure = false;
    const flush = () => {
      if (group.length) out.push(group.join(' '));
      group = [];
      groupKind = null;
      groupHasFigure = false;
    };
    for (const cut of cuts.map(cleanText).filter(Boolean)) {
      const kind = kindOf(cut);
      const hasFigure = /\d/.test(cut);
      const joins =
        group.length > 0 &&
        (kind === null ||
          kind === groupKind ||
          (groupKind !== null && ABSORBING.includes(groupKind) && !groupHasFigure && kind !== 'free_shipping') ||
          (groupKind === 'other' && !groupHasFigure));
      if (!joins) flush();
      group.push(cut);
      if (groupKind === null || groupKind === 'other') groupKind = kind ?? groupKind;
      groupHasFigure ||= hasFigure;
    }
    flush();
  }
  return out;
}

function key(p: Promotion): string {
  const { text: _text, ...fields } = p;
  return JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
}

/** Parse many promotion texts: split combined ones, drop duplicates (same text or same terms). */
export function parsePromotions(texts: string[], ctx: PromotionContext): Promotion[] {
  const out: Promotion[] = [];
  const seenText = new Set<string>();
  const seenTerms = new Set<string>();
  for (const text of texts) {
    for (const piece of splitText(text)) {
      const normalized = piece.normalize('NFKC').toLowerCase();
      if (seenText.has(normalized)) continue;
      seenText.add(normalized);
      const promo = parsePromotion(piece, ctx);
      const terms = key(promo);
      // Two texts with the same figures ("8折" and "8折优惠") are one promotion; figureless
      // texts of kind 'other' are kept apart, since their text is all they say.
      if (promo.type !== 'other' && Object.keys(promo).length > 2 && seenTerms.has(terms)) continue;
      seenTerms.add(terms);
      out.push(promo);
    }
  }
  return out;
}
