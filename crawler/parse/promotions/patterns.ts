// The words that name each kind of promotion, in the languages of the shops the team watches.
// Kinds are tried in order: the specific ones (pre-sale, group buy, member price, free shipping,
// coupon, flash sale) claim a text before the generic money words ("减", "off", "save") do.
import type { PromotionType } from '../../../store/model.ts';

const TYPE_RULES: [PromotionType, RegExp][] = [
  [
    'presale',
    /预售|預售|定金|订金|尾款|(?<!\p{L})pre-?(?:order|sale)s?(?!\p{L})|vorbestell|vorverkauf|pr[ée]-?commande|pre-?venta|preordin|pr[ée]-?venda|pr[ée]-?encomenda|przedsprzeda|предзаказ|предпродаж|予約|예약/iu,
  ],
  ['group_buy', /拼团|拼團|拼单|拼購|\d+\s*人(?:团|團|拼|成团)|团购|團購|成团|group[- ]?(?:buy|price|deal)|team[- ]?buy|gruppenpreis|achat group|compra grupal|acquisto di gruppo|compra coletiva|zakupy grupowe|совместн\p{L}* покупк/iu],
  [
    'member_price',
    /会员价|會員價|会员专享|會員專享|会员折扣|会员\s*[\d.]+\s*折|plus\s*(?:价|會員價|会员价)|88\s*vip|vip\s*(?:价|價|price|专享)|(?<!\p{L})members?(?:hip)?[- ](?:price|deal|exclusive|only|discount|save|savings)|(?<!\p{L})prime[- ](?:price|exclusive|member|savings|discount)|mitgliederpreis|für mitglieder|mitglieder-?rabatt|prix (?:membre|adhérent|fidélité)|precio (?:socio|miembro|member)|prezzo (?:soci|membri|member)|pre[çc]o (?:s[óo]cio|membro|clube)|cena dla (?:członków|klubowiczów)|цена (?:для )?(?:участник|член|клуб)|club price|loyalty price|会員(?:価格|限定|特価)|회원가|회원 ?전용|멤버십/iu,
  ],
  [
    'free_shipping',
    /包邮|包郵|免运费|免運費|免邮|免郵|运费全免|free (?:standard |express |next[- ]day |2-day |two-day |uk |us )?(?:shipping|delivery|postage)|ships free|shipping is free|kostenlose[rn]? (?:versand|lieferung|zustellung)|versandkostenfrei|gratis[- ]?(?:versand|lieferung)|versand(?:kosten)?[- ]?frei|livraison (?:offerte|gratuite)|frais de port (?:offerts|gratuits)|env[ií]o (?:gratis|gratuito)|spedizion[ei] (?:gratuit[ae]|gratis)|consegna gratuita|frete gr[aá]tis|entrega gr[aá]tis|darmowa (?:dostawa|wysyłka)|bezpłatna (?:dostawa|wysyłka)|бесплатная доставка|送料無料|무료\s?배송/iu,
  ],
  [
    'coupon',
    /优惠券|優惠券|领券|領券|券|红包|紅包|优惠码|優惠碼|口令|coupon|voucher|promo ?code|discount code|(?:use|with|enter|apply) (?:the )?code|code promo|code de réduction|(?<!\p{L})code\s*[:：]|gutschein|rabattcode|aktionscode|cup[óo]n|c[óo]digo|codice (?:sconto|promo)|buono sconto|cupom|kupon|kod (?:rabatowy|promocyjny)|промокод|купон|クーポン|쿠폰/iu,
  ],
  [
    'flash_sale',
    /秒杀|秒殺|限时|限時|闪购|閃購|抢购|搶購|倒计时|倒計時|距结束|距結束|截止|(?<!\p{L})lightning deal|flash (?:sale|deal)|deal of the day|today'?s deal|limited[- ]time (?:deal|offer|sale|price)|today only|(?:sale|deal|offer) ends|ends (?:in|today|tonight|soon|on )|(?<!\p{L})ends\s+\d|time left|blitzangebot|tagesangebot|nur heute|angebot endet|vente flash|offre (?:éclair|flash)|se termine|oferta (?:relámpago|flash|del día)|termina en|offerta lampo|offerta a tempo|termina tra|oferta relâmpago|termina em|błyskawiczn|oferta dnia|kończy się|молниеносн|акция дня|nur für kurze zeit|zeitlich begrenzt|offre limitée|durée limitée|por tiempo limitado|per un tempo limitato|por tempo limitado|tylko teraz|タイムセール|期間限定|本日限り|타임\s?(?:딜|세일|특가)|오늘만/iu,
  ],
  [
    'bundle',
    /第\s*\d+\s*件|买\s*\d+\s*送\s*\d+|買\s*\d+\s*送\s*\d+|\d+\s*件\s*[\d.]+\s*折|满\s*\d+\s*件|\d+\s*件\s*(?:减|立减|\d+\s*元)|任选|任選|套餐|组合装|组合价|組合|搭配购|加价购|加购价|换购|換購|leve\s+\d+\s+pague|\d+\s+achet\p{L}*|(?<!\p{L})kup\s+\d+|\d+\s*(?:e|ème|º|ª)\s+(?:article\s+)?(?:offert|gratuit)|(?<!\p{L})buy\s+(?:\d+|one|two|three)\b|(?<!\p{L})bogo(?!\p{L})|(?<!\d)\d+\s+for\s+(?:\p{Sc}|\d)|bundle|multi-?buy|mix (?:&|and) match|(?<![\d.])[1-3]\s*\+\s*1(?![\d%])|(?:2nd|second) (?:item|one|pair|unit)|kauf(?:e|en)?\s+\d|\d+\s+für\s+\d+|(?<!\d)\d\s+(?:pour|por|per|za)\s+\d(?!\d)|(?<![\d.,])[2-5]\s*x\s*[1-4](?![\d.,])|(?:2e|2ème|deuxième|2nd) (?:à|article|produit)|segunda unidad|2\s*[ªa°]\s*unidad|seconda unità|segunda unidade|druga sztuka|второй товар|まとめ買い|セット割|\d+\s*点以上/iu,
  ],
  // "points" only with a figure or an earning word: "en point retrait" is a pick-up point.
  [
    'points',
    /积分|積分|\d\s*(?:x\s*)?(?:bonus |reward |loyalty |club )?(?:points?|punkte|puntos|punti|pontos|punkty|баллов|балла|баллы|pts)(?!\p{L})|(?<!\p{L})(?:earn|collect|get|gain|double|triple|bonus|reward|loyalty|sammle\p{L}*|cumulez|gagnez|acumula|guadagna|ganhe|zbieraj)\s+(?:\p{L}+\s+){0,2}(?:points?|punkte|puntos|punti|pontos|punkty)(?!\p{L})|points? (?:fidélité|de fidélité|back|rewards?)|payback|баллы|бонусы|ポイント|포인트|cashback|返现|返現/iu,
  ],
  [
    'gift',
    /赠品|贈品|赠送|贈送|附赠|附贈|^送|[买就再另还加并即]送|赠|贈|礼品|禮品|好礼|好禮|礼包|送价值|free gifts?|gift with purchase|(?<!\p{L})gwp(?!\p{L})|bonus gift|free .{1,30} with (?:purchase|order|every)|gratis-?zugabe|gratis dazu|(?<!\p{L})(?:gratis-?)?geschenk(?!\p{L})|cadeau (?:offert|gratuit)|offert(?:e)? pour|(?<!(?:para|de|per|da|confezione|envoltorio|embalaje|papel|carta|tarjeta|biglietto|opciones|opzioni)\s)regalo(?!\p{L})|omaggio|brinde|prezent gratis|gratis prezent|подарок|プレゼント|おまけ|ノベルティ|사은품|증정/iu,
  ],
];

/** The promotion kind the words of a text name, or null when they name none. */
export function typeFromWords(text: string): PromotionType | null {
  for (const [type, re] of TYPE_RULES) if (re.test(text)) return type;
  return null;
}

/** Words of a reduction: "立减20", "Save $10", "10 € Rabatt", "20% de réduction". */
export const AMOUNT_OFF =
  /立减|立減|直降|立省|省\s*\d|减\s*\d|減\s*\d|降\s*\d|优惠\s*\d|値引|할인|(?<!\p{Script=Latin})(?:save|saving|off|discount|rabatt|sparen|spare|nachlass|réduction|remise|économisez|descuento|dto|ahorra|sconto|risparmi\p{L}*|desconto|economize|rabat\p{L}*|zniżk\p{L}*|taniej|скидк\p{L}*)(?!\p{Script=Latin})/iu;

const PERCENT = /\d+(?:[.,]\d+)?\s*%/u;
const PERCENT_WORDS = /(?<!\p{Script=Latin})(?:up to|upto|extra|bis zu|jusqu['’]à|hasta|fino al|até|do)(?!\p{Script=Latin})|オフ|引き/iu;

/** "20% off", "-20%", "Sconto 30%", "8折", "半价": a percentage that is a reduction. */
export function isPercentOff(s: string): boolean {
  if (/[-−–]\s*\d+(?:[.,]\d+)?\s*%|\d\s*折|半价|半價/u.test(s)) return true;
  return PERCENT.test(s) && (AMOUNT_OFF.test(s) || PERCENT_WORDS.test(s));
}

/** Sales and campaign words: a promotion even when it gives no figure. */
export const CAMPAIGN =
  /(?<!\d)618(?!\d)|双\s*11|雙\s*11|双十一|雙十一|双\s*12|双十二|年货节|年貨節|大促|狂欢|狂歡|特价|特價|优惠|優惠|活动价|活動價|促销|促銷|折扣|清仓|清倉|百亿补贴|百億補貼|补贴|國補|国补|以旧换新|免息|直播价|首发|首發|新品特惠|black friday|cyber monday|prime day|singles'? day|(?<!\p{L})(?:sale|deal|deals|clearance|special offer|promo(?:tion)?|angebot|aktion|sonderangebot|soldes|promotion|oferta|rebajas|offerta|saldi|promoção|promocja|wyprzedaż|распродажа|акция|скидки|セール|특가|세일)(?!\p{L})/iu;
