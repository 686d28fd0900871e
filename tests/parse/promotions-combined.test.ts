// Several promotions in one text, duplicates across texts, and the effective price of one unit.
import { describe, expect, it } from 'vitest';
import type { Money, Promotion } from '../../store/model.ts';
import { effectivePrice, parsePromotions, type PromotionContext } from '../../crawler/parse/promotions.ts';

const zh: PromotionContext = { currency: 'CNY', now: '2026-11-01T00:00:00Z', lang: 'zh-CN' };
const en: PromotionContext = { currency: 'USD', now: '2026-11-01T00:00:00Z', lang: 'en-US' };
const de: PromotionContext = { currency: 'EUR', lang: 'de-DE' };

describe('parsePromotions: splitting and de-duplicating', () => {
  const rows: [string[], PromotionContext, [Promotion['type'], string][]][] = [
    [['满200减20/满400减50'], zh, [['threshold', '满200减20/满400减50']]],
    [['包邮 | 8折'], zh, [['free_shipping', '包邮'], ['percent', '8折']]],
    [['满300减50 包邮'], zh, [['threshold', '满300减50'], ['free_shipping', '包邮']]],
    [['满300减50，包邮'], zh, [['threshold', '满300减50'], ['free_shipping', '包邮']]],
    [['限时秒杀 8折'], zh, [['flash_sale', '限时秒杀 8折']]],
    [['会员价 ¥89'], zh, [['member_price', '会员价 ¥89']]],
    [['领券 满199减20'], zh, [['coupon', '领券 满199减20']]],
    [['限时折扣 | 仅剩 02:13:45'], zh, [['flash_sale', '限时折扣 | 仅剩 02:13:45']]],
    [['第二件半价 · 赠品 · 顺丰包邮'], zh, [['bundle', '第二件半价'], ['gift', '赠品'], ['free_shipping', '顺丰包邮']]],
    [['买一送一；满99包邮'], zh, [['bundle', '买一送一'], ['free_shipping', '满99包邮']]],
    [['拼团价 ¥79 2人团'], zh, [['group_buy', '拼团价 ¥79 2人团']]],
    [['预售 定金¥100 尾款¥899'], zh, [['presale', '预售 定金¥100 尾款¥899']]],
    [['8折', '8折'], zh, [['percent', '8折']]],
    [['满300减50', ' 满300减50 '], zh, [['threshold', '满300减50']]],
    [['8折', '8折优惠'], zh, [['percent', '8折']]],
    [['双11狂欢', '618大促'], zh, [['other', '双11狂欢'], ['other', '618大促']]],
    [['Free shipping | 20% off'], en, [['free_shipping', 'Free shipping'], ['percent', '20% off']]],
    [['Free shipping over $35', 'FREE shipping over $35'], en, [['free_shipping', 'Free shipping over $35']]],
    [['Save 20% • Use code SAVE10 for 10% off'], en, [['percent', 'Save 20%'], ['coupon', 'Use code SAVE10 for 10% off']]],
    [['Lightning deal - Ends in 02:00:00'], en, [['flash_sale', 'Lightning deal - Ends in 02:00:00']]],
    [['Buy one get one 50% off'], en, [['bundle', 'Buy one get one 50% off']]],
    [['Buy 2, save 10%'], en, [['bundle', 'Buy 2, save 10%']]],
    [['每满300元，可减30元现金'], zh, [['threshold', '每满300元，可减30元现金']]],
    [['Spend $50, get $10 off'], en, [['threshold', 'Spend $50, get $10 off']]],
    [['Orders over $50, free shipping'], en, [['free_shipping', 'Orders over $50, free shipping']]],
    [['Buy 2, free shipping'], en, [['bundle', 'Buy 2'], ['free_shipping', 'free shipping']]],
    [['Kostenloser Versand ab 29 €, 20 % Rabatt'], de, [['free_shipping', 'Kostenloser Versand ab 29 €'], ['percent', '20 % Rabatt']]],
    [['限时折扣 | 仅剩 02:13:45 | 8折'], zh, [['flash_sale', '限时折扣 | 仅剩 02:13:45'], ['percent', '8折']]],
    [['', '   '], zh, []],
  ];
  it.each(rows)('%j', (texts, ctx, expected) => {
    expect(parsePromotions(texts, ctx).map((p) => [p.type, p.text])).toEqual(expected);
  });
});

const cny = (major: number): Money => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });
const jpy = (major: number): Money => ({ amountMinor: major, currency: 'JPY' });

describe('effectivePrice', () => {
  const rows: [string, Money, Promotion[], number][] = [
    ['no promotions', cny(299), [], 29900],
    ['满300减50 not reached', cny(299), [{ type: 'threshold', text: '', threshold: cny(300), amount: cny(50) }], 29900],
    ['满300减50 reached exactly', cny(300), [{ type: 'threshold', text: '', threshold: cny(300), amount: cny(50) }], 25000],
    ['每满200减30 twice', cny(450), [{ type: 'threshold', text: '', threshold: cny(200), amount: cny(30), repeat: true }], 39000],
    ['每满200减30 once', cny(399), [{ type: 'threshold', text: '', threshold: cny(200), amount: cny(30), repeat: true }], 36900],
    [
      'best tier reached',
      cny(450),
      [{ type: 'threshold', text: '', threshold: cny(200), amount: cny(20), tiers: [{ threshold: cny(200), amount: cny(20) }, { threshold: cny(400), amount: cny(50) }] }],
      40000,
    ],
    [
      'lower tier only',
      cny(399),
      [{ type: 'threshold', text: '', threshold: cny(200), amount: cny(20), tiers: [{ threshold: cny(200), amount: cny(20) }, { threshold: cny(400), amount: cny(50) }] }],
      37900,
    ],
    ['8折', cny(299), [{ type: 'percent', text: '', percent: 20 }], 23920],
    ['8.5折 rounds half up', cny(99.9), [{ type: 'percent', text: '', percent: 15 }], 8492],
    ['half a cent rounds up', { amountMinor: 1, currency: 'USD' }, [{ type: 'percent', text: '', percent: 50 }], 1],
    ['best of two percents, not both', cny(100), [{ type: 'percent', text: '', percent: 10 }, { type: 'percent', text: '', percent: 30 }], 7000],
    ['立减20', cny(99), [{ type: 'amount_off', text: '', amount: cny(20) }], 7900],
    ['amount off larger than the price', cny(15), [{ type: 'amount_off', text: '', amount: cny(20) }], 0],
    ['flash percent', cny(200), [{ type: 'flash_sale', text: '', percent: 20 }], 16000],
    ['flash amount off', cny(200), [{ type: 'flash_sale', text: '', amount: cny(30) }], 17000],
    ['member price', cny(99), [{ type: 'member_price', text: '', amount: cny(89) }], 8900],
    ['member percent', cny(100), [{ type: 'member_price', text: '', percent: 5 }], 9500],
    ['group-buy price', cny(99), [{ type: 'group_buy', text: '', amount: cny(79), quantity: 2 }], 7900],
    ['pre-sale price', cny(999), [{ type: 'presale', text: '', amount: cny(899) }], 89900],
    ['fixed price above the price is ignored', cny(80), [{ type: 'member_price', text: '', amount: cny(89) }], 8000],
    ['best fixed price wins', cny(99), [{ type: 'member_price', text: '', amount: cny(89) }, { type: 'group_buy', text: '', amount: cny(79) }], 7900],
    ['coupon without threshold', cny(99), [{ type: 'coupon', text: '', amount: cny(10) }], 8900],
    ['coupon threshold reached', cny(199), [{ type: 'coupon', text: '', threshold: cny(199), amount: cny(20) }], 17900],
    ['coupon threshold not reached', cny(198), [{ type: 'coupon', text: '', threshold: cny(199), amount: cny(20) }], 19800],
    ['percent coupon', { amountMinor: 1999, currency: 'USD' }, [{ type: 'coupon', text: '', percent: 5 }], 1899],
    ['best coupon only', cny(300), [{ type: 'coupon', text: '', amount: cny(10) }, { type: 'coupon', text: '', threshold: cny(299), amount: cny(30) }], 27000],
    [
      'percent then threshold on the discounted price',
      cny(450),
      [{ type: 'percent', text: '', percent: 20 }, { type: 'threshold', text: '', threshold: cny(400), amount: cny(50) }],
      36000,
    ],
    [
      'percent, threshold and coupon stack',
      cny(500),
      [
        { type: 'percent', text: '', percent: 10 },
        { type: 'threshold', text: '', threshold: cny(300), amount: cny(30) },
        { type: 'coupon', text: '', threshold: cny(400), amount: cny(20) },
      ],
      40000,
    ],
    ['threshold with percent', cny(300), [{ type: 'threshold', text: '', threshold: cny(300), percent: 20 }], 24000],
    ['bundles do not lower one unit', cny(99), [{ type: 'bundle', text: '', quantity: 2, percent: 50 }], 9900],
    ['gifts do not lower one unit', cny(99), [{ type: 'gift', text: '' }], 9900],
    ['free shipping does not lower one unit', cny(99), [{ type: 'free_shipping', text: '', threshold: cny(99) }], 9900],
    ['points do not lower one unit', cny(99), [{ type: 'points', text: '' }], 9900],
    ['other does not lower one unit', cny(99), [{ type: 'other', text: '' }], 9900],
    ['other currency ignored', cny(99), [{ type: 'amount_off', text: '', amount: { amountMinor: 1000, currency: 'USD' } }], 9900],
    ['JPY has no minor digits', jpy(1299), [{ type: 'percent', text: '', percent: 15 }], 1104],
    ['percent out of range ignored', cny(99), [{ type: 'percent', text: '', percent: 120 }], 9900],
    ['never below zero', cny(10), [{ type: 'percent', text: '', percent: 100 }, { type: 'coupon', text: '', amount: cny(5) }], 0],
    ['zero price stays zero', cny(0), [{ type: 'threshold', text: '', threshold: cny(0), amount: cny(5) }], 0],
  ];
  it.each(rows)('%s', (_name, price, promotions, minor) => {
    const result = effectivePrice(price, promotions);
    expect(result).toEqual({ amountMinor: minor, currency: price.currency });
    expect(result.amountMinor).toBeLessThanOrEqual(price.amountMinor);
    expect(Number.isInteger(result.amountMinor)).toBe(true);
  });

  it('computes from parsed texts end to end', () => {
    const promotions = parsePromotions(['满200减20/满400减50', '8折', '包邮'], zh);
    expect(effectivePrice(cny(450), promotions)).toEqual(cny(340));
    expect(effectivePrice(cny(600), promotions)).toEqual(cny(430));
  });
});
