// Promotion texts as shops show them → structured promotions (type, threshold, amount, percent,
// tiers, quantity, code, end time).
import { describe, expect, it } from 'vitest';
import type { Money, Promotion } from '../../store/model.ts';
import { looksLikePromotion, parsePromotion, type PromotionContext } from '../../crawler/parse/promotions.ts';

const NOW = '2026-11-01T00:00:00Z';
const zh: PromotionContext = { currency: 'CNY', now: NOW, lang: 'zh-CN' };
const en: PromotionContext = { currency: 'USD', now: NOW, lang: 'en-US' };
const gb: PromotionContext = { currency: 'GBP', now: NOW, lang: 'en-GB' };
const de: PromotionContext = { currency: 'EUR', now: NOW, lang: 'de-DE' };
const fr: PromotionContext = { currency: 'EUR', now: NOW, lang: 'fr-FR' };
const es: PromotionContext = { currency: 'EUR', now: NOW, lang: 'es-ES' };
const it_: PromotionContext = { currency: 'EUR', now: NOW, lang: 'it-IT' };
const br: PromotionContext = { currency: 'BRL', now: NOW, lang: 'pt-BR' };
const pl: PromotionContext = { currency: 'PLN', now: NOW, lang: 'pl-PL' };
const jp: PromotionContext = { currency: 'JPY', now: NOW, lang: 'ja' };
const kr: PromotionContext = { currency: 'KRW', now: NOW, lang: 'ko-KR' };

const m = (major: number, currency: string, digits = 2): Money => ({ amountMinor: Math.round(major * 10 ** digits), currency });
const cny = (v: number) => m(v, 'CNY');
const usd = (v: number) => m(v, 'USD');
const eur = (v: number) => m(v, 'EUR');

type Row = [text: string, ctx: PromotionContext, expected: Partial<Promotion>];

const rows: Row[] = [
  // 满减
  ['满300减50', zh, { type: 'threshold', threshold: cny(300), amount: cny(50) }],
  ['满199减20', zh, { type: 'threshold', threshold: cny(199), amount: cny(20) }],
  ['满199元减20元', zh, { type: 'threshold', threshold: cny(199), amount: cny(20) }],
  ['店铺满减 满1,000减100', zh, { type: 'threshold', threshold: cny(1000), amount: cny(100) }],
  ['满200减20/满400减50', zh, { type: 'threshold', threshold: cny(200), amount: cny(20), tiers: [{ threshold: cny(200), amount: cny(20) }, { threshold: cny(400), amount: cny(50) }] }],
  ['满200减20，满400减50，满600减80', zh, { type: 'threshold', threshold: cny(200), amount: cny(20), tiers: [{ threshold: cny(200), amount: cny(20) }, { threshold: cny(400), amount: cny(50) }, { threshold: cny(600), amount: cny(80) }] }],
  ['满400减50 满200减20', zh, { type: 'threshold', threshold: cny(200), amount: cny(20), tiers: [{ threshold: cny(200), amount: cny(20) }, { threshold: cny(400), amount: cny(50) }] }],
  ['每满200减30', zh, { type: 'threshold', threshold: cny(200), amount: cny(30), repeat: true }],
  ['每满300减40，上不封顶', zh, { type: 'threshold', threshold: cny(300), amount: cny(40), repeat: true }],
  ['滿300減50', zh, { type: 'threshold', threshold: cny(300), amount: cny(50) }],
  ['满99-10', zh, { type: 'threshold', threshold: cny(99), amount: cny(10) }],
  ['满300打8折', zh, { type: 'threshold', threshold: cny(300), percent: 20 }],
  ['Spend $200, save $20', en, { type: 'threshold', threshold: usd(200), amount: usd(20) }],
  ['$20 off orders over $200', en, { type: 'threshold', threshold: usd(200), amount: usd(20) }],
  ['Save $10 when you spend $50', en, { type: 'threshold', threshold: usd(50), amount: usd(10) }],
  ['£5 off when you spend £30', gb, { type: 'threshold', threshold: m(30, 'GBP'), amount: m(5, 'GBP') }],
  ['10 € Rabatt ab 50 € Bestellwert', de, { type: 'threshold', threshold: eur(50), amount: eur(10) }],
  ['10 € de réduction dès 50 € d’achat', fr, { type: 'threshold', threshold: eur(50), amount: eur(10) }],
  ['-10€ dès 50€ d’achat', fr, { type: 'threshold', threshold: eur(50), amount: eur(10) }],
  ['10 € de descuento a partir de 50 €', es, { type: 'threshold', threshold: eur(50), amount: eur(10) }],
  ['R$ 20 de desconto em compras acima de R$ 200', br, { type: 'threshold', threshold: m(200, 'BRL'), amount: m(20, 'BRL') }],
  // 折扣 and amounts off
  ['8折', zh, { type: 'percent', percent: 20 }],
  ['8.5折', zh, { type: 'percent', percent: 15 }],
  ['85折', zh, { type: 'percent', percent: 15 }],
  ['9.5折', zh, { type: 'percent', percent: 5 }],
  ['五折', zh, { type: 'percent', percent: 50 }],
  ['全场7折', zh, { type: 'percent', percent: 30 }],
  ['-20%', en, { type: 'percent', percent: 20 }],
  ['−15 %', de, { type: 'percent', percent: 15 }],
  ['20% off', en, { type: 'percent', percent: 20 }],
  ['Save 20%', en, { type: 'percent', percent: 20 }],
  ['Extra 10% off', en, { type: 'percent', percent: 10 }],
  ['Up to 50% off', en, { type: 'percent', percent: 50 }],
  ['12.5% off', en, { type: 'percent', percent: 12.5 }],
  ['20 % Rabatt', de, { type: 'percent', percent: 20 }],
  ['Sie sparen 25%', de, { type: 'percent', percent: 25 }],
  ['-30% Extra', de, { type: 'percent', percent: 30 }],
  ['20 % de réduction', fr, { type: 'percent', percent: 20 }],
  ['Jusqu’à -17%', fr, { type: 'percent', percent: 17 }],
  ['20% de descuento', es, { type: 'percent', percent: 20 }],
  ['Ahorra 15%', es, { type: 'percent', percent: 15 }],
  ['Sconto 30%', it_, { type: 'percent', percent: 30 }],
  ['-25% di sconto', it_, { type: 'percent', percent: 25 }],
  ['20% de desconto', br, { type: 'percent', percent: 20 }],
  ['Rabat 10%', pl, { type: 'percent', percent: 10 }],
  ['-20% taniej', pl, { type: 'percent', percent: 20 }],
  ['10%OFF', jp, { type: 'percent', percent: 10 }],
  ['20% 할인', kr, { type: 'percent', percent: 20 }],
  ['半价', zh, { type: 'percent', percent: 50 }],
  ['立减20元', zh, { type: 'amount_off', amount: cny(20) }],
  ['直降100', zh, { type: 'amount_off', amount: cny(100) }],
  ['下单立减5元', zh, { type: 'amount_off', amount: cny(5) }],
  ['立省30', zh, { type: 'amount_off', amount: cny(30) }],
  ['Save $10', en, { type: 'amount_off', amount: usd(10) }],
  ['Save $10.50', en, { type: 'amount_off', amount: usd(10.5) }],
  ['$5 off', en, { type: 'amount_off', amount: usd(5) }],
  ['You save $1,200.00', en, { type: 'amount_off', amount: usd(1200) }],
  ['10 € Rabatt', de, { type: 'amount_off', amount: eur(10) }],
  ['Sie sparen 12,50 €', de, { type: 'amount_off', amount: eur(12.5) }],
  ['-10 €', fr, { type: 'amount_off', amount: eur(10) }],
  ['Ahorra 5 €', es, { type: 'amount_off', amount: eur(5) }],
  ['1,000円OFF', jp, { type: 'amount_off', amount: m(1000, 'JPY', 0) }],
  // coupons
  ['领券满199减20', zh, { type: 'coupon', threshold: cny(199), amount: cny(20) }],
  ['满199减20券', zh, { type: 'coupon', threshold: cny(199), amount: cny(20) }],
  ['优惠券 ¥10', zh, { type: 'coupon', amount: cny(10) }],
  ['10元优惠券', zh, { type: 'coupon', amount: cny(10) }],
  ['店铺券 满99减5', zh, { type: 'coupon', threshold: cny(99), amount: cny(5) }],
  ['新人券', zh, { type: 'coupon' }],
  ['新客专享券 立减15元', zh, { type: 'coupon', amount: cny(15) }],
  ['Clip coupon: save 5%', en, { type: 'coupon', percent: 5 }],
  ['Save $5 with coupon', en, { type: 'coupon', amount: usd(5) }],
  ['Apply 10% coupon', en, { type: 'coupon', percent: 10 }],
  ['Use code SAVE10 for 10% off', en, { type: 'coupon', percent: 10, code: 'SAVE10' }],
  ['Code: WELCOME15 – 15% off your first order', en, { type: 'coupon', percent: 15, code: 'WELCOME15' }],
  ['Extra 20% off with code BF2026', en, { type: 'coupon', percent: 20, code: 'BF2026' }],
  ['$10 off $50+ with code TAKE10', en, { type: 'coupon', threshold: usd(50), amount: usd(10), code: 'TAKE10' }],
  ['-15% avec le code ETE15', fr, { type: 'coupon', percent: 15, code: 'ETE15' }],
  ['10% Rabatt mit Gutscheincode HERBST10', de, { type: 'coupon', percent: 10, code: 'HERBST10' }],
  ['Cupón de 5 € con el código HOLA5', es, { type: 'coupon', amount: eur(5), code: 'HOLA5' }],
  ['Cupom de 10% OFF', br, { type: 'coupon', percent: 10 }],
  ['Kod rabatowy: LATO20 -20%', pl, { type: 'coupon', percent: 20, code: 'LATO20' }],
  ['クーポン利用で500円OFF', jp, { type: 'coupon', amount: m(500, 'JPY', 0) }],
  ['쿠폰 할인 10%', kr, { type: 'coupon', percent: 10 }],
  // flash sales with end times
  ['限时秒杀', zh, { type: 'flash_sale' }],
  ['限时折扣 仅剩 02:13:45', zh, { type: 'flash_sale', endsAt: '2026-11-01T02:13:45.000Z' }],
  ['限时8折', zh, { type: 'flash_sale', percent: 20 }],
  ['秒杀 直降200元', zh, { type: 'flash_sale', amount: cny(200) }],
  ['距结束 1天 02:00:00', zh, { type: 'flash_sale', endsAt: '2026-11-02T02:00:00.000Z' }],
  ['截止 11月30日 23:59', zh, { type: 'flash_sale', endsAt: '2026-11-30T15:59:00.000Z' }],
  ['限时特惠 截止2026年12月12日', zh, { type: 'flash_sale', endsAt: '2026-12-12T15:59:59.000Z' }],
  ['Lightning deal ends in 3h 12m', en, { type: 'flash_sale', endsAt: '2026-11-01T03:12:00.000Z' }],
  ['Lightning Deal 27% claimed Ends in 05:12:09', en, { type: 'flash_sale', endsAt: '2026-11-01T05:12:09.000Z' }],
  ['Limited time deal', en, { type: 'flash_sale' }],
  ['Deal of the Day: 30% off', en, { type: 'flash_sale', percent: 30 }],
  ['Ends 2026-11-30', en, { type: 'flash_sale', endsAt: '2026-11-30T23:59:59.000Z' }],
  ['Sale ends Nov 30', en, { type: 'flash_sale', endsAt: '2026-11-30T23:59:59.000Z' }],
  ['Ends today', en, { type: 'flash_sale', endsAt: '2026-11-01T23:59:59.000Z' }],
  ['Blitzangebot – endet in 5 Std.', de, { type: 'flash_sale', endsAt: '2026-11-01T05:00:00.000Z' }],
  ['Angebot endet am 30.11.2026', de, { type: 'flash_sale', endsAt: '2026-11-30T22:59:59.000Z' }],
  ['Vente flash -40%', fr, { type: 'flash_sale', percent: 40 }],
  ['Oferta relámpago', es, { type: 'flash_sale' }],
  ['Offerta lampo', it_, { type: 'flash_sale' }],
  ['タイムセール', jp, { type: 'flash_sale' }],
  ['타임딜', kr, { type: 'flash_sale' }],
  // bundles
  ['第二件半价', zh, { type: 'bundle', quantity: 2, percent: 50 }],
  ['第2件0元', zh, { type: 'bundle', quantity: 2 }],
  ['买一送一', zh, { type: 'bundle', quantity: 2, percent: 100 }],
  ['买2送1', zh, { type: 'bundle', quantity: 3, percent: 100 }],
  ['2件8折', zh, { type: 'bundle', quantity: 2, percent: 20 }],
  ['满2件9折', zh, { type: 'bundle', quantity: 2, percent: 10 }],
  ['任选3件减10元', zh, { type: 'bundle', quantity: 3, amount: cny(10) }],
  ['套餐', zh, { type: 'bundle' }],
  ['超值组合装', zh, { type: 'bundle' }],
  ['Buy 2 get 1 free', en, { type: 'bundle', quantity: 3, percent: 100 }],
  ['Buy one get one 50% off', en, { type: 'bundle', quantity: 2, percent: 50 }],
  ['BOGO', en, { type: 'bundle', quantity: 2, percent: 100 }],
  ['2 for $10', en, { type: 'bundle', quantity: 2, amount: usd(10) }],
  ['Bundle & save', en, { type: 'bundle' }],
  ['3 für 2', de, { type: 'bundle', quantity: 3, percent: 100 }],
  ['3 pour 2', fr, { type: 'bundle', quantity: 3, percent: 100 }],
  ['3x2', es, { type: 'bundle', quantity: 3, percent: 100 }],
  ['2ème à -50%', fr, { type: 'bundle', quantity: 2, percent: 50 }],
  ['Segunda unidad al 50%', es, { type: 'bundle', quantity: 2, percent: 50 }],
  ['1+1', kr, { type: 'bundle', quantity: 2, percent: 100 }],
  ['まとめ買い', jp, { type: 'bundle' }],
  // gifts
  ['赠品', zh, { type: 'gift' }],
  ['送运费险', zh, { type: 'gift' }],
  ['买就送保温杯', zh, { type: 'gift' }],
  ['下单赠送收纳袋', zh, { type: 'gift' }],
  ['满199赠好礼', zh, { type: 'gift', threshold: cny(199) }],
  ['Free gift with purchase', en, { type: 'gift' }],
  ['Free tote with every order', en, { type: 'gift' }],
  ['Gratis-Zugabe', de, { type: 'gift' }],
  ['Cadeau offert', fr, { type: 'gift' }],
  ['Regalo', es, { type: 'gift' }],
  ['Omaggio', it_, { type: 'gift' }],
  ['Brinde', br, { type: 'gift' }],
  ['사은품 증정', kr, { type: 'gift' }],
  // free shipping
  ['包邮', zh, { type: 'free_shipping' }],
  ['满99包邮', zh, { type: 'free_shipping', threshold: cny(99) }],
  ['满2件包邮', zh, { type: 'free_shipping' }],
  ['顺丰包邮', zh, { type: 'free_shipping' }],
  ['Free shipping', en, { type: 'free_shipping' }],
  ['FREE delivery', en, { type: 'free_shipping' }],
  ['Free shipping over $35', en, { type: 'free_shipping', threshold: usd(35) }],
  ['Free shipping on orders $35+', en, { type: 'free_shipping', threshold: usd(35) }],
  ['Free UK delivery on orders over £40', gb, { type: 'free_shipping', threshold: m(40, 'GBP') }],
  ['Kostenloser Versand ab 29 €', de, { type: 'free_shipping', threshold: eur(29) }],
  ['Versandkostenfrei ab 50 € Bestellwert', de, { type: 'free_shipping', threshold: eur(50) }],
  ['Livraison gratuite', fr, { type: 'free_shipping' }],
  ['Livraison offerte pour les commandes de plus de 34€*', fr, { type: 'free_shipping', threshold: eur(34) }],
  ['Envío gratis a partir de 30 €', es, { type: 'free_shipping', threshold: eur(30) }],
  ['Spedizione gratuita sopra i 29 €', it_, { type: 'free_shipping', threshold: eur(29) }],
  ['Frete grátis acima de R$ 199', br, { type: 'free_shipping', threshold: m(199, 'BRL') }],
  ['Darmowa dostawa od 100 zł', pl, { type: 'free_shipping', threshold: m(100, 'PLN') }],
  ['送料無料', jp, { type: 'free_shipping' }],
  ['무료배송', kr, { type: 'free_shipping' }],
  // pre-sale, member price, group buy, points
  ['预售 定金¥100', zh, { type: 'presale' }],
  ['预售价¥999', zh, { type: 'presale', amount: cny(999) }],
  ['Pre-order', en, { type: 'presale' }],
  ['Pre-order price $49.99', en, { type: 'presale', amount: usd(49.99) }],
  ['Vorbestellung', de, { type: 'presale' }],
  ['Précommande', fr, { type: 'presale' }],
  ['会员价¥89', zh, { type: 'member_price', amount: cny(89) }],
  ['PLUS价 ¥199.00', zh, { type: 'member_price', amount: cny(199) }],
  ['88VIP 9.5折', zh, { type: 'member_price', percent: 5 }],
  ['Prime price $9.99', en, { type: 'member_price', amount: usd(9.99) }],
  ['Member price: $24.99', en, { type: 'member_price', amount: usd(24.99) }],
  ['Mitgliederpreis 19,99 €', de, { type: 'member_price', amount: eur(19.99) }],
  ['拼团价¥79', zh, { type: 'group_buy', amount: cny(79) }],
  ['2人团', zh, { type: 'group_buy', quantity: 2 }],
  ['3人拼 ¥59', zh, { type: 'group_buy', quantity: 3, amount: cny(59) }],
  ['积分抵扣', zh, { type: 'points' }],
  ['送积分', zh, { type: 'points' }],
  ['购买可得 120 积分', zh, { type: 'points' }],
  ['Earn 250 points', en, { type: 'points' }],
  ['ポイント10倍', jp, { type: 'points' }],
  ['2x Punkte', de, { type: 'points' }],
  ['Cumulez 120 points fidélité', fr, { type: 'points' }],
  ['en point retrait (selon éligibilité des articles)', fr, { type: 'other' }],
  ['Geschenkoptionen hinzufügen', de, { type: 'other' }],
  ['Gratis Geschenk zu jeder Bestellung', de, { type: 'gift' }],
  // texts as marketplaces print them
  ['店铺优惠 满299减30', zh, { type: 'threshold', threshold: cny(299), amount: cny(30) }],
  ['跨店满减 每满300减50', zh, { type: 'threshold', threshold: cny(300), amount: cny(50), repeat: true }],
  ['满1件享9折', zh, { type: 'percent', percent: 10 }],
  ['京东秒杀 ¥99 距结束 05:12:09', zh, { type: 'flash_sale', endsAt: '2026-11-01T05:12:09.000Z' }],
  ['PLUS会员专享价 ¥89', zh, { type: 'member_price', amount: cny(89) }],
  ['领券立减10元', zh, { type: 'coupon', amount: cny(10) }],
  ['券后价¥89', zh, { type: 'coupon' }],
  ['新人首单立减5元', zh, { type: 'amount_off', amount: cny(5) }],
  ['前100名半价', zh, { type: 'percent', percent: 50 }],
  ['双11预售 定金50抵100', zh, { type: 'presale' }],
  ['百亿补贴', zh, { type: 'other' }],
  ['12期免息', zh, { type: 'other' }],
  ['-23% $49.99', en, { type: 'percent', percent: 23 }],
  ['Was $59.99 Save $10', en, { type: 'amount_off', amount: usd(10) }],
  ['Save $3.00 with coupon', en, { type: 'coupon', amount: usd(3) }],
  ['Apply $15 coupon', en, { type: 'coupon', amount: usd(15) }],
  ['Prime Day Deal', en, { type: 'other' }],
  ['Prime exclusive deal', en, { type: 'member_price' }],
  ['Subscribe & Save 15%', en, { type: 'percent', percent: 15 }],
  ['Lightning Deal 27% claimed', en, { type: 'flash_sale' }],
  ['Spare 10 € ab 100 € Einkaufswert', de, { type: 'threshold', threshold: eur(100), amount: eur(10) }],
  ['2 für 1', de, { type: 'bundle', quantity: 2, percent: 100 }],
  ['Nur für kurze Zeit', de, { type: 'flash_sale' }],
  ['Code promo : NOEL10', fr, { type: 'coupon', code: 'NOEL10' }],
  ["Remise de 10 € dès 50 € d'achat", fr, { type: 'threshold', threshold: eur(50), amount: eur(10) }],
  ['Soldes -50%', fr, { type: 'percent', percent: 50 }],
  ['Oferta: 2ª unidad al 50%', es, { type: 'bundle', quantity: 2, percent: 50 }],
  ['Envío gratis en pedidos superiores a 29€', es, { type: 'free_shipping', threshold: eur(29) }],
  ['Spedizione gratuita per ordini superiori a 29€', it_, { type: 'free_shipping', threshold: eur(29) }],
  ['Frete grátis para compras acima de R$ 99', br, { type: 'free_shipping', threshold: m(99, 'BRL') }],
  ['Бесплатная доставка от 2000 ₽', { currency: 'RUB', lang: 'ru' }, { type: 'free_shipping', threshold: m(2000, 'RUB') }],
  ['10%OFFクーポン', jp, { type: 'coupon', percent: 10 }],
  ['最大10%ポイント還元', jp, { type: 'points' }],
  ['タイムセール 残り2時間', jp, { type: 'flash_sale', endsAt: '2026-11-01T02:00:00.000Z' }],
  ['1+1 행사', kr, { type: 'bundle', quantity: 2, percent: 100 }],
  ['타임특가', kr, { type: 'flash_sale' }],
  ['加购价 ¥9.9', zh, { type: 'bundle' }],
  ['购买本商品送价值199元的礼品', zh, { type: 'gift' }],
  ['单品满2件打9折', zh, { type: 'bundle', quantity: 2, percent: 10 }],
  ['Sparen Sie 20 € beim Kauf von 2 Artikeln', de, { type: 'amount_off', amount: eur(20) }],
  ['Offre spéciale : 3 achetés = le 4ème offert', fr, { type: 'bundle', quantity: 4, percent: 100 }],
  ['Leve 3 pague 2', br, { type: 'bundle', quantity: 3, percent: 100 }],
  ['Kup 2, a trzeci gratis', pl, { type: 'bundle', quantity: 3, percent: 100 }],
  ['2点以上で10%OFF', jp, { type: 'bundle', quantity: 2, percent: 10 }],
  ['Offer ends 11/30/2026', en, { type: 'flash_sale', endsAt: '2026-11-30T23:59:59.000Z' }],
  ['Sale ends 30/11/2026', gb, { type: 'flash_sale', endsAt: '2026-11-30T23:59:59.000Z' }],
  ['Angebot gültig bis 30. November', de, { type: 'other', endsAt: '2026-11-30T22:59:59.000Z' }],
  ['Offre valable jusqu’au 30 novembre 2026', fr, { type: 'other', endsAt: '2026-11-30T22:59:59.000Z' }],
  // campaigns and unknowns are kept as 'other'
  ['双11狂欢', zh, { type: 'other' }],
  ['618大促', zh, { type: 'other' }],
  ['Black Friday Deal', en, { type: 'other' }],
  ['Sale', en, { type: 'other' }],
  ['Something special', en, { type: 'other' }],
];

describe('parsePromotion', () => {
  it.each(rows)('%j', (text, ctx, expected) => {
    const p = parsePromotion(text, ctx);
    expect(p).toMatchObject({ text: text.replace(/\s+/g, ' ').trim(), ...expected });
    // Fields the row does not name must not be invented.
    for (const field of ['threshold', 'amount', 'percent', 'tiers', 'quantity', 'code', 'endsAt', 'repeat'] as const) {
      if (!(field in expected)) expect(p[field] ?? null, field).toBeNull();
    }
  });

  it('keeps the raw text trimmed and whitespace-collapsed', () => {
    expect(parsePromotion('  满300减50 \n ', zh).text).toBe('满300减50');
    expect(parsePromotion('Save\u00a0 $10', en).text).toBe('Save $10');
  });

  it('leaves relative end times unset without a crawl time, and absolute ones still set', () => {
    expect(parsePromotion('Ends in 3h', { currency: 'USD' }).endsAt ?? null).toBeNull();
    expect(parsePromotion('Ends 2026-11-30', { currency: 'USD' }).endsAt).toBe('2026-11-30T23:59:59.000Z');
    expect(parsePromotion('截止 11月30日', { currency: 'CNY' }).endsAt ?? null).toBeNull();
  });

  it('rolls a date without a year over to the next year once it has passed', () => {
    expect(parsePromotion('截止 1月5日 23:59', zh).endsAt).toBe('2027-01-05T15:59:00.000Z');
  });

  it('reads amounts in the page currency exponent', () => {
    expect(parsePromotion('满3000减500', { currency: 'JPY' })).toMatchObject({ threshold: m(3000, 'JPY', 0), amount: m(500, 'JPY', 0) });
    expect(parsePromotion('Save KWD 1.500', { currency: 'KWD' })).toMatchObject({ amount: m(1.5, 'KWD', 3) });
  });
});

describe('looksLikePromotion', () => {
  const yes = [
    '满300减50', '8折', '-20%', '20% off', 'Save $10', '领券满199减20', '限时秒杀', '第二件半价', '包邮', 'Free shipping over $35',
    '会员价¥89', '拼团价¥79', '赠品', '预售', 'Lightning deal', 'Use code SAVE10', 'Black Friday', '双11', '618大促', 'Kostenloser Versand',
    '20 % Rabatt', 'Livraison gratuite', 'Oferta', 'Promo', 'Sconto 30%', 'Frete grátis', 'Darmowa dostawa', 'クーポン', '쿠폰', 'Buy 2 get 1 free',
  ];
  const no = [
    '', '¥1,299.00', '$12.99', 'In stock', 'Out of stock', '4.5 out of 5 stars', '1,234 ratings', 'Add to cart', 'Size M', 'Color: Black',
    '98% positive', 'Product description', '商品详情', 'Returns within 30 days', 'x'.repeat(400) + ' 20% off',
    // Counts of offers or sellers, pick-up points and gift wrapping are not offers.
    '(1 oferta)', '12 offers from $5.99', '3 Angebote', 'en point retrait (selon éligibilité des articles)', 'Point relais',
    'Geschenkoptionen hinzufügen', 'Geschenkverpackung', 'Envolver para regalo', 'Confezione regalo',
  ];
  it.each(yes)('%j is a promotion', (text) => expect(looksLikePromotion(text)).toBe(true));
  it.each(no)('%j is not', (text) => expect(looksLikePromotion(text)).toBe(false));
});
