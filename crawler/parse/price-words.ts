// The words around a price: what makes it free, a from-price, a range, a unit or instalment
// price, a list price or the current one, and the numbers in price texts that are no prices.

export const FREE_WORDS = /(?<!\p{L})(?:free|gratis|kostenlos|gratuit|gratuite|gratuito|grátis|darmowy|darmowe|za darmo|bezpłatn\p{L}*|бесплатно|免费|免費|無料|무료)(?!\p{L})/iu;
/** "Free shipping" is not a price of zero. */
export const NOT_A_PRICE_FREE = /shipping|delivery|returns?|versand|lieferung|livraison|env[ií]o|spedizione|frete|dostaw|доставк|包邮|运费|配送|送料|배송|trial|gift|geschenk|cadeau|regalo|赠/iu;

export const FROM_BEFORE = /(?:^|[^\p{L}])(?:from|starting at|starts at|starting from|as low as|ab|à partir de|a partir de|dès|desde|da|od|от|vanaf|v\.a\.|fra|från|alkaen|από|低至|最低)\s*[:：]?\s*$/iu;
export const FROM_AFTER = /^\s*(?:起售|起价|起|から|부터|-?(?:tól|től)(?!\p{L})|alkaen|~(?!\s*\d)|〜(?!\s*\d)|～(?!\s*\d)|\+(?!\s*\d))/iu;
export const RANGE_GAP = /^\s*(?:-|–|—|−|~|〜|～|to|bis|à|a|al|hasta|até|do|до|至|到)\s*$/iu;
export const PER_UNIT = /^\s*(\/\s*(?:\d+(?:[.,]\d+)?\s*)?\p{L}[\p{L}\d]*\.?(?:\s(?:oz|ft|in|yd|m)\.?(?!\p{L}))?|(?:per|pro|par|por|al|je|за)\s+(?:\d+\s*)?\p{L}+|(?:a|an)\s+(?:month|year|week|day)|each|ea\.|mtl\.|monatlich|mensuel|mensual|\/\s*月|每月|\s*x\s*\d+\s*(?:months?|mois|Monate|meses|mesi|期))/iu;
/** Instalments written before the amount: "12x de R$ 108,33", "12 cuotas de $1.299", "月供¥99". */
const INSTALMENT_BEFORE = /(?:(\d+)\s*(?:x|×|cuotas|mensualidades|meses|parcelas|rate|raty|Raten|期)\s*(?:de|von|di|po|sin interés|sem juros)?|(月供|月付|每月|分期))\s*[:：]?\s*$/iu;

export function instalment(before: string): string | null {
  const m = INSTALMENT_BEFORE.exec(before);
  if (!m) return null;
  return m[1] ? `${m[1]}x` : '/月';
}

/** Replace with spaces, keeping every other character where it was. */
function blank(s: string, re: RegExp): string {
  return s.replace(re, (m) => ' '.repeat(m.length));
}

/** Remove numbers that are not prices: percentages, dates, times, ratings, counts. */
export function blankNonPrices(s: string): string {
  let t = s;
  t = blank(t, /[-−–]?\s?\d+(?:[.,]\d+)?\s*%/gu);
  // Dates use one separator twice and plausible months ("1299.00-15" is a price and a number).
  t = blank(t, /(?<![\d.,])(?:19|20)\d{2}\s*([-/.])\s*(?:0?[1-9]|1[0-2])\s*\1\s*(?:0?[1-9]|[12]\d|3[01])(?![\d])|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?/gu);
  t = blank(t, /(?<![\d.,])\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d.,]*\d)/gu);
  t = blank(t, /\d{1,2}\s*月\s*\d{1,2}\s*[日号]?/gu);
  t = blank(t, /(?<![\d.,])\d{1,2}:\d{2}(?::\d{2})?(?![\d])/gu);
  t = blank(t, /©\s*(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?|(?<![\d.,\p{Sc}]\s?)(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?![\d.,]|\s?(?:\p{Sc}|元|円|원))/gu);
  t = blank(t, /\d\s*つ星のうち\s*\d(?:[.,]\d)?/gu);
  t = blank(t, /(?<![\d.,])\d(?:[.,]\d{1,2})?\s*(?:out of|von|sur|su|de|z|из|の)\s*(?:5|10)(?![\d.,])/giu);
  t = blank(t, /(?<![\p{Sc}\d.,]\s?)\d(?:[.,]\d{1,2})?\s*\/\s*(?:5|10)(?![\d.,])/gu);
  t = blank(t, /(?<![\d.,])\d(?:[.,]\d{1,2})?\s*(?:stars?|Sterne\p{L}*|étoiles?|estrellas?|stelle|estrelas?|gwiazd\p{L}*|звезд\p{L}*|星|분|分(?!钟))/giu);
  t = blank(t, /(?:已售|已拼|销量|月销|sold|verkauft)\s*[:：]?\s*\d[\d.,'’ ]*(?:\s*[kKmM万萬])?\s*\+?/giu);
  t = blank(
    t,
    /\d[\d.,'’ ]*(?:\s*[kKmM万萬])?\s*\+?\s*(?:customer |global )?(?:ratings?|reviews?|Bewertungen|Rezensionen|avis|évaluations|valoraciones|opiniones|recensioni|avaliações|opinii|отзыв\p{L}*|条评价|条评论|人评价|评价|sold|verkauft|vendus|vendidos|venduti|已售|人付款|人已购买|人收货|件已售|人想要)/giu,
  );
  return t;
}

/** Labels of a struck-through or reference price: a number after one is not the selling price. */
export const LIST_LABEL =
  /(?:(?<!\p{L})(?:was|list(?: price)?|rrp|msrp|uvp|statt|ursprünglich|originalpreis|regular(?: price)?|reg\.|typical price|original(?:ly)?(?: price)?|before|avant|prix barré|au lieu de|prix de référence|antes|precio anterior|prima|invece di|prezzo consigliato|było|cena regularna|старая цена|m\.?r\.?p\.?)|原价|原價|划线价|劃線價|吊牌价|市场价|市場價|参考价|参考価格|通常価格|定価|希望小売価格|정가|판매가 대비)\s*[:：]?\s*$/iu;
/** Labels of the selling price: among several marked numbers, one after these is the price. */
export const CURRENT_LABEL =
  /(?:(?<!\p{L})(?:now|sale(?: price)?|our price|deal price|price|jetzt|nur|aktionspreis|maintenant|prix|ahora|precio|ora|adesso|prezzo|agora|por|teraz|cena|сейчас|цена|incl\.?(?: vat| tax)?|inkl\.?(?: mwst\.?)?|brutto|ttc)|税込|现价|現價|到手价|到手價|券后价|券後價|促销价|促銷價|活动价|活動價|秒杀价|售价|售價|价格|價格|販売価格|セール価格|特価|판매가|할인가)\s*[:：]?\s*$/iu;

/** Words that may stand right after a bare amount without making it a count or a model number. */
export const AFTER_BARE_OK =
  /^\s*(?:[-–—~*†‡/(]|inkl\.?|incl\.?|zzgl\.?|excl\.?|ttc|ht|tax|vat|mwst|iva|tva|each|only|now|statt|instead|was|or|oder|ou|o|bis|to|à|a|hasta|até|\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|$)/iu;

/**
 * Written after an amount (and not before the next one): net-of-tax prices yield to the price a
 * buyer pays ("¥1,298 (税抜) ¥1,428 (税込)").
 */
export const AFTER_LIST_LABEL = /^\s*[(（]?\s*(?:excl\.?\s*(?:vat|tax|mwst)|zzgl\.?\s*mwst|netto|ht(?!\p{L})|hors taxes?|\+\s*(?:vat|iva|mwst)|税抜|税別)(?![\s:：]*[\p{Sc}\d])/iu;
export const AFTER_CURRENT_LABEL = /^\s*[(（]?\s*(?:incl\.?\s*(?:vat|tax|mwst)|inkl\.?\s*mwst|brutto|ttc(?!\p{L})|税込|含税)(?![\s:：]*[\p{Sc}\d])/iu;
