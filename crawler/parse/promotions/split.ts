// Shops print several promotions in one line ("包邮 | 8折", "满300减50 包邮") and one promotion
// across several pieces ("限时折扣 仅剩 02:13:45", "满200减20/满400减50"). Texts are cut at
// strong separators ("|", "•", ";"), and in CJK text also at spaces, commas and slashes where
// both sides are promotions of their own kinds; pieces that are no promotion alone (a
// countdown, a price) stay with the one before.
import type { Promotion, PromotionType } from '../../../store/model.ts';
import { arabicNumerals, moneyMentions, percentOff } from './fields.ts';
import { cleanText, looksLikePromotion, parsePromotion, promotionType, type PromotionContext } from './parse.ts';
import { parseEndsAt } from './time.ts';

/** Strong separators (group 1) always end a promotion; weak ones (group 2) only between two promotions. */
const SEPARATORS_CJK = /(\s*(?:[|｜•·;；\n\r\t]|\s\+\s|\s[-–—]\s(?![\p{Sc}\d]))\s*)|([\s,，、]+|\/(?!\s*\d+\s*(?:件|kg|g|ml|l)(?![\p{L}])))/gu;
const SEPARATORS_LATIN = /(\s*(?:[|｜•·;；\n\r\t]|\s\+\s|\s[-–—]\s(?![\p{Sc}\d]))\s*)|(\s*[,，]\s+)/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Kinds whose figures come in the pieces after their name ("会员价 ¥89", "领券 满199减20"). */
const ABSORBING: PromotionType[] = ['flash_sale', 'coupon', 'member_price', 'group_buy', 'presale', 'other'];

/** A bundle piece that only names how many to buy ("Buy 2", "买2件") takes its reward from the next piece ("save 10%"). */
const QUANTITY_ONLY = /^\s*(?:buy|kauf\p{L}*|ach[eè]te[sz]?|compra|acquista|compre|kup|买|買|任选|任選)\s*(?:any\s+)?\d+\s*(?:件|个|個|items?|pieces?|or more|und mehr|\+)?\s*$/iu;

const THRESHOLD_WORDS = /(?:满|滿)\s*\d|spend|orders? over|(?<!\p{L})(?:over|above|ab|dès)\s*\S*\d/iu;
const REDUCTION = /减|減|省|返|折|%|off|save|rabatt|remise|descuento|sconto|gratis|free|包邮|[-−]\s*\p{Sc}?\s*\d/iu;

/** A spend threshold without what it gives ("每满300元", "Spend $50") takes it from the next piece ("可减30元现金", "get $10 off"). */
function thresholdOnly(piece: string): boolean {
  const s = piece.normalize('NFKC');
  return THRESHOLD_WORDS.test(s) && !REDUCTION.test(s);
}

/** A piece that only says when something ends ("Ends in 02:00:00", "仅剩 3天") belongs to the one before. */
function onlyEndTime(piece: string): boolean {
  const s = arabicNumerals(piece.normalize('NFKC'));
  return parseEndsAt(s, '2000-01-01T00:00:00Z') !== null && percentOff(s) === null && moneyMentions(s, 'USD').length === 0;
}

function kindOf(piece: string): PromotionType | null {
  const s = arabicNumerals(piece.normalize('NFKC'));
  if (!looksLikePromotion(s)) return null;
  return promotionType(s, THRESHOLD_WORDS.test(s));
}

interface Piece {
  start: number;
  end: number;
  /** A strong separator stands before this piece. */
  strong: boolean;
}

function pieces(text: string): Piece[] {
  // Only CJK text separates promotions with bare spaces; Western phrases are words.
  const separators = CJK.test(text) ? SEPARATORS_CJK : SEPARATORS_LATIN;
  const out: Piece[] = [];
  let start = 0;
  let strong = false;
  for (const m of text.matchAll(separators)) {
    if (m.index > start) {
      out.push({ start, end: m.index, strong });
      strong = false;
    }
    strong ||= m[1] !== undefined;
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length, strong });
  return out;
}

/** Cut one text into the promotions it holds, each as the original substring. */
function splitText(text: string): string[] {
  const groups: { start: number; end: number; kind: PromotionType | null; hasFigure: boolean }[] = [];
  for (const piece of pieces(text)) {
    const cut = text.slice(piece.start, piece.end);
    const kind = kindOf(cut);
    const group = groups[groups.length - 1];
    const joins =
      group !== undefined &&
      (kind === null ||
        onlyEndTime(cut) ||
        (!piece.strong &&
          (kind === group.kind ||
            (group.kind !== null && ABSORBING.includes(group.kind) && !group.hasFigure && kind !== 'free_shipping') ||
            (group.kind === 'bundle' && QUANTITY_ONLY.test(arabicNumerals(text.slice(group.start, group.end).normalize('NFKC'))) && kind !== 'free_shipping') ||
            (kind !== null && (group.kind === null || group.kind === 'other' || group.kind === 'threshold') && thresholdOnly(text.slice(group.start, group.end))) ||
            (group.kind === 'other' && !group.hasFigure))));
    if (joins) {
      group.end = piece.end;
      if (group.kind === null || group.kind === 'other') group.kind = kind ?? group.kind;
      group.hasFigure ||= /\d/.test(cut);
    } else {
      groups.push({ start: piece.start, end: piece.end, kind, hasFigure: /\d/.test(cut) });
    }
  }
  return groups.map((g) => cleanText(text.slice(g.start, g.end))).filter(Boolean);
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
