// 乐享优品旗舰店 (Lexiang): a Tmall/JD-style flagship store in CNY (zh-CN). The price is in a
// `window.__INITIAL_STATE__` JSON blob and on the page as ¥1,299.00 with 原价 struck through;
// promotions as Chinese shops write them (满减 and tiers, 领券 coupons, 限时秒杀 with an end time,
// 预售 deposits, 包邮); reviews as 商品评分, "2.3万+条评价" and 好评率; 无货 / 到货通知 when out of stock;
// "猜你喜欢" shows other items as "￥99起".
// Schedule (shop-local, UTC+8): 618 = 1–18 Jun 满300减50, 18 Jun 限时秒杀 (~50 %); 双11 pre-sale
// 24–31 Oct (~30 % on 预售, availability preorder), 1–11 Nov 满200减20/满400减50, 11 Nov 限时秒杀
// (~50 %); 双12 = 10–12 Dec 满300减50; other days a 3 % chance of a one-day 限时秒杀 (15 % off);
// 领券满199减20 on ~half of the products, picked per month; 包邮 always.
import { dayOf, dayParts, endOfLocalDayIso, isoDate, within } from '../calendar.ts';
import { chineseCount, esc, jsonForScript } from '../html.ts';
import { decimalString, formatCny, groupDigits, shelfPrice } from '../money.ts';
import { rand } from '../prng.ts';
import { buildProducts, type BaseState, type DemoProduct, type Offer, type PageContext, type ProductSpec, type ShopDefinition, type ShownPromotion } from '../shop.ts';
import { dumpPrice, listPrice } from './common.ts';

const ID = 'lexiang';
const UTC_OFFSET = 480;

const specs: Omit<ProductSpec, 'path'>[] = [
  { id: '680012345601', sku: 'RW-EB-100', title: 'Aero真无线蓝牙耳机 主动降噪 超长续航 适用苹果华为小米' },
  { id: '680012345602', sku: 'RW-HP-200', title: 'Studio头戴式主动降噪耳机 无线蓝牙 游戏音乐' },
  { id: '680012345603', sku: 'RW-SP-300', title: 'Pulse便携蓝牙音箱 IPX7防水 户外低音炮' },
  { id: '680012345604', sku: 'RW-SB-400', title: 'Cinema回音壁 2.1声道 家庭影院电视音响' },
  { id: '680012345605', sku: 'RW-SW-110', title: 'Stride智能手表 GPS运动 血氧心率监测 AMOLED屏' },
  { id: '680012345606', sku: 'RW-FB-120', title: 'Stride运动手环 心率睡眠监测 防水计步' },
  { id: '680012345607', sku: 'RW-CAM-210', title: 'Sentry 2K家用监控摄像头 360度无线wifi' },
  { id: '680012345608', sku: 'RW-PLG-220', title: '智能插座4只装 WiFi远程定时 支持语音控制' },
  { id: '680012345609', sku: 'RW-BLB-230', title: '智能彩光灯泡E27 2只装 1600万色' },
  { id: '680012345610', sku: 'RW-VAC-240', title: 'S6扫地机器人 激光导航 扫拖一体 全自动' },
  { id: '680012345611', sku: 'RW-KET-310', title: '手冲咖啡细口壶 电热水壶 温控0.9L' },
  { id: '680012345612', sku: 'RW-AF-320', title: '空气炸锅家用5.5L大容量 无油智能 多功能', reviews: [1800, 2.5], special: { incident: true } },
  { id: '680012345613', sku: 'RW-BLN-330', title: '便携榨汁杯 小型家用料理机 随行杯' },
  { id: '680012345614', sku: 'RW-GRD-340', title: '锥刀磨豆机 电动咖啡豆研磨机 40档' },
  { id: '680012345615', sku: 'RW-CB-410', title: '埃塞俄比亚耶加雪菲 单品咖啡豆 340g 新鲜烘焙' },
  { id: '680012345616', sku: 'RW-CB-420', title: '意式拼配咖啡豆 907g 深度烘焙 油脂丰富' },
  { id: '680012345617', sku: 'RW-TEA-430', title: '宇治抹茶粉 礼仪级 100g 烘焙冲饮' },
  { id: '680012345618', sku: 'RW-LAN-510', title: 'Trailhead露营灯 LED充电 户外帐篷灯', special: { goneFrom: '2026-11-05', goneStatus: 404 } },
  { id: '680012345619', sku: 'RW-BTL-520', title: '316不锈钢保温杯 950ml 大容量 户外运动水壶' },
  { id: '680012345620', sku: 'RW-PAK-530', title: '城市通勤双肩包 22L 防泼水 电脑包' },
  { id: '680012345621', sku: 'RW-PB-540', title: '充电宝20000毫安 22.5W快充 移动电源', special: { monthlyStockOut: [1, 4] } },
  { id: '680012345622', sku: 'RW-CHG-610', title: '65W氮化镓充电器 多口快充头 适用笔记本' },
  { id: '680012345623', sku: 'RW-CBL-620', title: '编织Type-C数据线 2米 双头 2条装' },
  { id: '680012345624', sku: 'RW-MS-630', title: '静音无线鼠标 办公家用 笔记本通用' },
];

const products = buildProducts(
  { shopId: ID, currency: 'CNY', style: 'cny', reviews0: [300, 30000], reviewRate: [1, 30], positiveRate: true },
  specs.map((s) => ({ ...s, path: `item.htm?id=${s.id}` })),
);

interface Campaign {
  flash: number | null;
  presale: boolean;
  threshold: { text: string; tiers: [number, number][] } | null;
}

const MAN300 = { text: '满300减50', tiers: [[30000, 5000]] as [number, number][] };

function campaign(product: DemoProduct, day: number): Campaign {
  const { year } = dayParts(day);
  const c: Campaign = { flash: null, presale: false, threshold: null };
  const picked = (name: string, share: number) => rand(ID, product.id, name, year) < share;
  if (within(day, dayOf(year, 6, 1), dayOf(year, 6, 18))) c.threshold = MAN300;
  if (within(day, dayOf(year, 12, 10), dayOf(year, 12, 12))) c.threshold = MAN300;
  if (within(day, dayOf(year, 11, 1), dayOf(year, 11, 11))) c.threshold = { text: '满200减20/满400减50', tiers: [[20000, 2000], [40000, 5000]] };
  if (within(day, dayOf(year, 10, 24), dayOf(year, 10, 31)) && picked('presale', 0.3)) c.presale = true;
  if ((day === dayOf(year, 11, 11) && picked('d11', 0.5)) || (day === dayOf(year, 6, 18) && picked('d618', 0.5))) c.flash = 20;
  else if (rand(ID, product.id, 'flash', day) < 0.03) c.flash = 15;
  return c;
}

function offer(product: DemoProduct, base: BaseState): Offer {
  const c = campaign(product, base.day);
  let price = c.flash ? shelfPrice(Math.round((base.regularMinor * (100 - c.flash)) / 100), 'cny') : base.regularMinor;
  if (base.dump) price = Math.min(price, dumpPrice(base.regularMinor, 'cny'));
  const promotions: ShownPromotion[] = [];
  if (c.flash) promotions.push({ text: `限时秒杀 ${isoDate(base.day)} 23:59:59 结束`, endsAt: endOfLocalDayIso(base.day, UTC_OFFSET) });
  if (c.presale) promotions.push({ text: '预售 定金¥50抵¥100', endsAt: null });
  if (c.threshold) promotions.push({ text: c.threshold.text, endsAt: null, effect: { kind: 'tiers', tiers: c.threshold.tiers } });
  const { year, month } = dayParts(base.day);
  if (rand(ID, product.id, 'coupon', year, month) < 0.5) promotions.push({ text: '领券满199减20', endsAt: null, effect: { kind: 'amount', amountMinor: 2000, minSpendMinor: 19900 } });
  promotions.push({ text: '包邮', endsAt: null });
  return {
    priceMinor: price,
    listPriceMinor: listPrice(product.msrpMinor, base.regularMinor, price),
    promotions,
    availability: c.presale && base.availability !== 'out_of_stock' ? 'preorder' : base.availability,
    stockLeft: c.presale ? null : base.stockLeft,
  };
}

/** Review counts as the page shows them: "2.3万+" is read as 23,000. */
function shownReviewCount(count: number): number {
  return count < 10_000 ? count : Math.floor(count / 1000) * 1000;
}

function stockHtml(state: PageContext['state']): string {
  switch (state.availability) {
    case 'out_of_stock':
      return '<div class="tb-sold-out"><strong class="J_SoldOut">无货</strong> <a href="javascript:;" class="J_ArrivalNotice">到货通知</a></div>';
    case 'limited':
      return `<div class="tb-amount"><span class="tb-stock">仅剩${state.stockLeft}件</span></div>`;
    case 'preorder':
      return '<div class="tb-amount"><span class="tb-stock">预售中，付定金锁定优惠</span></div>';
    default:
      return '<div class="tb-amount"><span class="tb-stock">有货</span></div>';
  }
}

function render(page: PageContext): string {
  const { product, state, shopUrl } = page;
  const yuan = (minor: number) => groupDigits(minor, ',', '.');
  const initialState = {
    item: { itemId: product.id, title: state.title, brand: '乐享', model: product.sku, shopName: '乐享优品旗舰店' },
    price: {
      price: { priceTitle: state.listPriceMinor !== null ? '促销价' : '价格', priceText: decimalString(state.priceMinor), priceMoney: state.priceMinor },
      extraPrices: state.listPriceMinor !== null ? [{ priceTitle: '原价', priceText: decimalString(state.listPriceMinor), lineThrough: true }] : [],
    },
    currency: 'CNY',
    trade: { buyEnable: state.availability !== 'out_of_stock', stockStatus: state.availability },
    promotion: { items: state.promotionDetails.map((p) => ({ text: p.text, endTime: p.endsAt ? Date.parse(p.endsAt) : null })) },
    rate: { score: state.rating.toFixed(1), totalCount: chineseCount(state.reviewCount), goodRate: `${Math.round((state.positiveRate ?? 0) * 100)}%` },
  };
  const related = page.related
    .map((r) => `<li class="rec-item"><a href="${esc(r.url)}" title="${esc(r.state.title)}">${esc(r.state.title)}</a><p class="rec-price">￥${Math.floor(r.state.priceMinor / 100)}起</p></li>`)
    .join('\n        ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(state.title)}-乐享优品旗舰店</title>
<meta name="keywords" content="乐享,${esc(product.sku)}">
<link rel="stylesheet" href="${esc(shopUrl)}/static/detail.css">
<script>window.__INITIAL_STATE__ = ${jsonForScript(initialState)};</script>
</head>
<body class="detail">
<div id="site-nav"><a href="${esc(shopUrl)}/">乐享优品旗舰店</a> <a href="${esc(shopUrl)}/cart.htm" class="mini-cart">购物车<span class="mc-count">0</span></a></div>
<div id="J_DetailMeta" class="tm-detail-meta">
  <div class="tb-gallery"><img id="J_ImgBooth" src="${esc(shopUrl)}/img/${esc(product.id)}_800x800.jpg" alt=""></div>
  <div class="tb-property">
    <div class="tb-detail-hd">
      <h1 data-spm="1000983">${esc(state.title)}</h1>
      <p class="newp">官方正品 全国联保 7天无理由退换</p>
    </div>
    <div class="tm-fcs-panel">
      ${
        state.listPriceMinor !== null
          ? `<dl class="tm-price-panel" id="J_StrPriceModBox"><dt class="tb-metatit">原价</dt><dd><del class="tm-price-original"><em class="tm-yen">¥</em><span class="tm-price">${yuan(state.listPriceMinor)}</span></del></dd></dl>`
          : ''
      }
      <dl class="tm-promo-panel" id="J_PromoPrice"><dt class="tb-metatit">${state.listPriceMinor !== null ? '促销价' : '价格'}</dt><dd><div class="tm-promo-price"><em class="tm-yen">¥</em><span class="tm-price">${yuan(state.priceMinor)}</span></div></dd></dl>
      <ul class="J_PromoList tm-promo-list">
        ${state.promotionDetails.map((p) => `<li class="promo-item${p.endsAt ? ' promo-seckill' : ''}"${p.endsAt ? ` data-end-time="${Date.parse(p.endsAt)}"` : ''}>${esc(p.text)}</li>`).join('\n        ')}
      </ul>
    </div>
    <ul class="tm-ind-panel">
      <li class="tm-ind-item tm-ind-sellCount"><span class="tm-label">月销量</span> <span class="tm-count">${chineseCount(Math.round(state.reviewCount / 8) + 13)}</span></li>
      <li class="tm-ind-item tm-ind-reviewCount"><span class="tm-label">商品评分</span> <span class="rate-score">${state.rating.toFixed(1)}</span> <a href="#J_Reviews" class="comment-count">${chineseCount(state.reviewCount)}条评价</a></li>
      <li class="tm-ind-item tm-ind-goodRate"><span class="percent-con">好评率 <strong class="percent">${Math.round((state.positiveRate ?? 0) * 100)}%</strong></span></li>
    </ul>
    <dl class="tb-postage"><dt>运费</dt><dd>快递: 0.00 元</dd></dl>
    ${stockHtml(state)}
    <div class="tb-action"><a class="tb-btn-buy" href="javascript:;">${state.availability === 'preorder' ? '支付定金' : '立即购买'}</a> <a class="tb-btn-basket" href="javascript:;">加入购物车</a></div>
  </div>
</div>
<div id="J_AttrList"><ul id="J_AttrUL"><li title="乐享">品牌:&nbsp;乐享</li><li title="${esc(product.sku)}">型号:&nbsp;<span class="attr-model">${esc(product.sku)}</span></li></ul></div>
<div class="J_Recommend">
  <h3>猜你喜欢</h3>
  <ul class="rec-list">
        ${related}
  </ul>
</div>
</body>
</html>
`;
}

export const lexiang: ShopDefinition = {
  id: ID,
  name: '乐享优品旗舰店',
  kind: 'state-json',
  currency: 'CNY',
  lang: 'zh-CN',
  utcOffsetMinutes: UTC_OFFSET,
  style: 'cny',
  description:
    'A Tmall/JD-style flagship store in CNY: price in a window.__INITIAL_STATE__ blob and on the page (¥1,299.00, 原价 struck through), 满减 and tiered 满减, 领券 coupons, 限时秒杀 with an end time, 双11 pre-sale with deposit, 包邮, 2.3万+条评价 and 好评率, 无货 / 到货通知 when out of stock.',
  needsBrowser: false,
  needsRecipe: false,
  robotsDisallow: ['cart.htm', 'buy/'],
  ratingScale: 5,
  products,
  formatPrice: formatCny,
  offer,
  shownReviewCount,
  resolve: (rest, url) => {
    if (!/^item\.htm(?:\?|$)/.test(rest)) return null;
    const id = url.searchParams.get('id');
    return id && products.some((p) => p.id === id) ? id : null;
  },
  render,
  missingPage: (_status, shopUrl) =>
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>商品不存在</title></head><body><div class="error-notice"><h1>很抱歉，您查看的宝贝不存在，可能已下架或者被转移。</h1><p><a href="${esc(shopUrl)}/">返回店铺首页</a></p></div></body></html>`,
};
