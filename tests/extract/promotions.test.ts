// Promotions read off the page and the effective price of one unit: which texts are offers (not
// price labels, counts, stock statements or the buy button), and which offers the shown price
// already includes (the sale a page announces) against those that come on top (codes, coupons,
// 满减, "extra"), and that a multi-unit offer never lowers one unit's price.
import { describe, expect, it } from 'vitest';
import { extract } from '../../crawler/extract/index.ts';

const URL = 'https://shop.example.com/products/kettle';

function page(priceBlock: string, promos: string[], lang = 'en-US'): string {
  return `<!doctype html><html lang="${lang}"><head><title>Kettle</title></head><body>
    <div class="announcement-bar"><p>Black Friday: 20% off everything — members get early access</p></div>
    <main><div class="product"><h1>Gooseneck Kettle</h1>${priceBlock}
    <ul class="offers">${promos.map((p) => `<li class="offer">${p}</li>`).join('')}</ul>
    <span class="review-count">734 reviews</span>
    <button class="add-to-cart">Add to cart</button></div></main></body></html>`;
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const sale = '<div class="price"><s class="price--compare">$145.99</s> <span class="price--sale">$124.09</span></div>';

describe('effective price', () => {
  it('does not apply again a campaign the struck price shows, whether or not its figure matches the gap', () => {
    // 15% of $145.99 is the gap: the badge describes the sale.
    const matching = extract(page(sale, ['Weekend Sale: 15% off', 'Save $21.90']), { url: URL });
    expect(matching).toMatchObject({ price: usd(12409), listPrice: usd(14599), effectivePrice: usd(12409) });
    expect(matching.promotions.map((p) => p.type)).toEqual(['percent', 'amount_off']);
    // The struck price is an RRP far above the regular price: the 15% is still the sale shown.
    const rrp = extract(page('<div class="price"><s>$199.99</s> <span class="price--sale">$124.09</span></div>', ['Weekend Sale: 15% off', 'Midweek Deal: $10 off']), { url: URL });
    expect(rrp.effectivePrice).toEqual(usd(12409));
  });

  it('applies codes, coupons, thresholds and "extra" reductions on top of a sale', () => {
    const code = extract(page(sale, ['Extra 5% off with code BARN5']), { url: URL });
    expect(code.effectivePrice).toEqual(usd(11789));
    const extra = extract(page(sale, ['Extra 10% off at checkout']), { url: URL });
    expect(extra.effectivePrice).toEqual(usd(11168));
    const coupon = extract(page(sale, ['Clip coupon: Save 5%']), { url: URL });
    expect(coupon.effectivePrice).toEqual(usd(11789));
  });

  it('applies a plain percentage when the page shows no sale price of its own, but not a "you save" claim', () => {
    const x = extract(page('<div class="price"><span class="price--sale">$100.00</span></div>', ['20% off today']), { url: URL });
    expect(x.effectivePrice).toEqual(usd(8000));
    const saved = extract(page('<div class="price"><span class="price--sale">$100.00</span></div>', ['You save $25.00 (20%)']), { url: URL });
    expect(saved.promotions).toHaveLength(1);
    expect(saved.effectivePrice).toEqual(usd(10000));
  });

  it('reads "Buy 2, save 10%" as one bundle that leaves one unit at its price', () => {
    const x = extract(page('<div class="price"><span class="price">£54.99</span></div>', ['Buy 2, save 10%', 'Free UK delivery on orders over £40'], 'en-GB'), { url: 'https://shop.example.co.uk/p/kettle' });
    expect(x.promotions.map((p) => [p.type, p.text, p.quantity ?? null, p.percent ?? null])).toEqual([
      ['bundle', 'Buy 2, save 10%', 2, 10],
      ['free_shipping', 'Free UK delivery on orders over £40', null, null],
    ]);
    expect(x.effectivePrice).toEqual({ amountMinor: 5499, currency: 'GBP' });
  });
});

describe('promotion texts', () => {
  it('leaves out site-wide banners, review counts, price labels and offer counts', () => {
    const x = extract(page(sale, ['Save $21.90', '(1 offer)']), { url: URL });
    expect(x.promotions.map((p) => p.text)).toEqual(['Save $21.90']);
  });

  it('leaves out labels without their figure, other sellers\' offers, card offers behind a link and top promo strips', () => {
    const html = `<!doctype html><html lang="en-US"><head><title>Bench top</title></head><body>
      <div id="discount-promo"><p id="top-promo">Free shipping over 300</p></div>
      <main><h1>Maple Bench Top 60 x 24</h1><p class="price main">Price: $165.95</p>
      <div class="deal-flag promo">Save</div><div class="olp">New (6) from $159.00 FREE Shipping.</div>
      <div class="cc-info"><a href="/staticPopup/globalCreditCard" class="monthly-pay-info">Save 3%</a></div>
      <button class="btn-addcart">Add to cart</button></main></body></html>`;
    const x = extract(html, { url: 'https://www.tools.example.com/p/bench-top' });
    expect(x.price).toEqual(usd(16595));
    expect(x.promotions).toEqual([]);
    expect(x.effectivePrice).toEqual(usd(16595));
  });

  it('reads a Tmall-style panel: the 促销价 term and the buy button are not offers, 包邮 is', () => {
    const html = `<!doctype html><html lang="zh-CN"><head><title>手环</title></head><body><div class="tb-property">
      <h1>Stride运动手环 心率睡眠监测</h1>
      <div class="tm-fcs-panel">
        <dl class="tm-promo-panel"><dt class="tb-metatit">促销价</dt><dd><em>¥</em><span class="tm-price">309.00</span></dd></dl>
        <ul class="tm-promo-list"><li class="promo-item">包邮</li><li class="promo-item">领券满199减20</li></ul>
      </div>
      <div class="tb-amount"><span class="tb-stock">预售中，付定金锁定优惠</span></div>
      <div class="tb-action"><a class="tb-btn-buy" href="javascript:;">支付定金</a> <a class="tb-btn-basket" href="javascript:;">加入购物车</a></div>
    </div></body></html>`;
    const x = extract(html, { url: 'https://detail.shop.example.cn/item.htm?id=6', currency: 'CNY' });
    expect(x.promotions.map((p) => [p.type, p.text])).toEqual([
      ['free_shipping', '包邮'],
      ['coupon', '领券满199减20'],
    ]);
    expect(x.effectivePrice).toEqual({ amountMinor: 28900, currency: 'CNY' });
  });
});
