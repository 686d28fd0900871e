// What class names, ids and labels say about a number on the page: a price, the selling price,
// a struck list price, a unit price, an instalment, shipping, a saving. Shops in every language
// name these things alike ("old-price", "price--compare", "uvp", "was"), which is what makes a
// general reader possible.
import type { Element } from './dom.ts';

export const H_PRICE = 1;
export const H_SALE = 2;
export const H_LIST = 4;
export const H_WEAK_LIST = 8;
export const H_UNIT = 16;
export const H_INSTALMENT = 32;
export const H_SHIPPING = 64;
export const H_SAVING = 128;
export const H_TOTAL = 256;
export const H_ITEMPROP_PRICE = 512;

const ATTR_RULES: [RegExp, number][] = [
  [/price|preis|prix|precio|prezzo|pre[cç]o|cena|cijena|fiyat|kaina|hinta|pris|amount|价|價|価格/, H_PRICE],
  [/sale|special|current|now|final|actual|(?:^|[-_])our|deal|selling|offer|reduced|discounted|promo|buybox|buy-?box|member|today|main-?price|price-?main|primary|payable|to-?pay|apex|core-?price|coreprice|priceblock/, H_SALE],
  [/(?:^|[-_])(?:old|was|compare|strike|crossed|uvp|rrp|msrp|before|former|previous|prior|streich|barre|tachado|anterior|scratched|cut)(?:$|[-_])|oldprice|wasprice|compare-?at|comparePrice|strikethrough|strike|crossed|line-?through|streichpreis|price-?old|price-?was|basisprice|text-?strike/i, H_LIST],
  [/regular|original|list-?price|listprice|retail|reference|standard|rrp|before/, H_WEAK_LIST],
  [/unit-?price|price-?per|per-?unit|base-?price|baseprice|grundpreis|unitprice|price-?unit|prix-?unit|ppu|price-?per-?unit|perunit/, H_UNIT],
  [/instal|install|monthly|finance|financing|klarna|afterpay|affirm|clearpay|sezzle|zip-?pay|credit|(?:^|[-_])emi(?:$|[-_])|raten|cuota|leasing|paypal|payment-?plan|bnpl|laybuy|splitit|atome|huabei|分期/, H_INSTALMENT],
  [/shipping|delivery|freight|versand|livraison|envio|frete|spedizione|postage|carriage/, H_SHIPPING],
  [/saving|you-?save|save-?amount|discount-?amount|amount-?saved|ersparnis|economi|ahorro|risparmio|price-?diff|savings/, H_SAVING],
  [/(?:^|[-_])(?:sub)?total(?:$|[-_])|subtotal/, H_TOTAL],
];

/**
 * Names of an element's data attributes and their short values: shops mark their buy box and
 * price with them (`data-buy-box-region="price"`, `data-testid="price-now"`, `data-price-type`),
 * whatever their class names are. Long values (JSON, URLs) say nothing a token rule could read.
 */
function dataHints(a: Record<string, string>): string {
  let out = '';
  for (const name in a) {
    if (!name.startsWith('data-') || name.startsWith('data-rw-')) continue;
    out += ` ${name.slice(5)}`;
    const v = a[name];
    if (v && v.length <= 40 && !/[/{"]/.test(v)) out += ` ${v}`;
  }
  return out;
}

/** Hint flags of one element from its class, id, itemprop and data attributes. */
export function attrHints(el: Element): number {
  const a = el.attribs;
  if (!a) return 0;
  let flags = 0;
  if (a.itemprop && /(?:^|\s)(?:price|lowPrice)(?:\s|$)/.test(a.itemprop)) flags |= H_PRICE | H_ITEMPROP_PRICE;
  if ('data-a-strike' in a || 'data-strike' in a) flags |= H_LIST;
  const type = a['data-price-type'];
  if (type) flags |= /old|regular|list/i.test(type) ? H_LIST : H_PRICE | H_SALE;
  const text = `${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''} ${dataHints(a)}`.toLowerCase();
  if (!text.trim()) return flags;
  for (const token of text.split(/\s+/)) {
    if (!token) continue;
    for (const [re, flag] of ATTR_RULES) if (re.test(token)) flags |= flag;
  }
  return flags;
}

/** Words next to a number that make it a list price: "was", "UVP", "statt", "原价"… */
export const LIST_WORDS =
  /(?:^|[^\p{L}])(?:was|were|list(?: price)?|rrp|msrp|m\.?r\.?p\.?|uvp|statt|ehemals|vorher|ursprünglich|streichpreis|unverbindliche preisempfehlung|typical price|suggested price|orig(?:inal|\.)?(?: price)?|old price|former price|ursprünglicher preis|ursprungspreis|früherer preis|alter preis|bisheriger preis|statt bisher|ancien prix|prix initial|prix d'origine|precio original|precio de venta sugerido|prezzo originale|prezzo pieno|cena pierwotna|oorspronkelijke prijs|compare(?: at)?|before|prix conseillé|prix barré|prix de référence|au lieu de|ancien prix|antes|precio anterior|precio de lista|precio recomendado|prezzo consigliato|prezzo di listino|invece di|cena katalogowa|cena regularna|poprzednia cena|adviesprijs|tidligere|ord\.?(?:inarie)? pris|förr|原价|原價|参考价|市场价|划线价|吊牌价|定价|专柜价|参考価格|通常価格|希望小売価格|定価|정가)\s*[:：]?\s*$/iu;
/** Labels of the price a shop shows struck only on sale ("Regular price" is also the plain price). */
export const WEAK_LIST_WORDS = /(?:^|[^\p{L}])(?:regular(?: price)?|reg\.|normalpreis|prix normal|precio normal|prezzo normale)\s*[:：]?\s*$/iu;
/** A marker right after a list price: "1.299,00 € UVP", "99元 原价". */
export const LIST_WORDS_AFTER = /^\s*(?:uvp|rrp|msrp)(?![\p{L}])/iu;
export const INSTALMENT_WORDS =
  /\/\s*(?:mo|mon|month|mth|mes|mois|monat|mese|mies|maand|月)\b|per month|a month|monthly|mensual|mensuel|monatlich|al mese|miesięcznie|per maand|(?:\d+|four|three|two|six|twelve)\s*(?:x|×|payments?|instal?lments?|interest-free|monthly|Raten|cuotas|parcelas|rate|mensualités|vezes)|\bx\s*\d+\s*(?:months?|mois|Monate|meses|mesi)|(?:^|[^\p{L}])(?:emi|raten|cuotas|parcelas|finanzierung|financing|klarna|afterpay|affirm|paypal)(?![\p{L}])|分期|月供|月付|×\s*\d+\s*期|ヶ月|개월/iu;
export const UNIT_WORDS =
  /\/\s*(?:\d+(?:[.,]\d+)?\s*)?(?:kg|g|mg|l|ml|cl|dl|m|m²|m2|cm|oz|fl\.?\s?oz|lb|lbs|ct|count|each|ea|stk|stück|st|pc|pcs|piece|unit|tablet|capsule|sheet|roll|load|wash|100\s?g|100\s?ml)\b|per (?:kg|g|l|ml|oz|lb|unit|count|item|100)|(?:^|[^\p{L}])(?:grundpreis|prix au (?:kg|litre)|le kg|le litre|al kg|al litro|precio por|prezzo al|cena za|単価|单价)(?![\p{L}])/iu;
export const SHIPPING_WORDS =
  /(?:^|[^\p{L}])(?:shipping|delivery|postage|versand(?:kosten)?|lieferung|livraison|frais de port|env[ií]o|gastos de envío|spedizione|frete|dostawa|verzending|frakt|运费|配送料|送料|배송비)(?![\p{L}])/iu;
export const SAVING_WORDS =
  /(?:^|[^\p{L}])(?:you save|save|saving|sparen|sie sparen|ersparnis|économisez|économie|ahorra|ahorras|ahorro|risparmi|risparmia|oszczędzasz|bespaar|省|立省|节省|お得)(?![\p{L}])/iu;
export const TOTAL_WORDS = /(?:^|[^\p{L}])(?:subtotal|sub-total|total|gesamtsumme|zwischensumme|summe|sous-total|totale|合计|小计|合計)(?![\p{L}])/iu;
/** The EU "lowest price of the last 30 days" statement: a reference price, neither the price nor the list price. */
export const LOWEST_30_DAYS =
  /(?:lowest|niedrigste\p{L}*|günstigste\p{L}*|le plus bas|más bajo|mas bajo|più basso|najniższa|laagste|lägsta|laveste|alin|nejnižší|legalacsonyabb|cel mai mic|najniža|najnižja)\s[^\d]{0,60}30|30\s*(?:days?|Tage|jours|días|dias|giorni|dni|dagen|dagar|dage|päivän|dní|nap|zile)[^\d]{0,40}(?:lowest|niedrigst|bas|bajo|basso|najniższ|laagst)/iu;
