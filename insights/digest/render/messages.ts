// Every sentence and label of the digest, in English and Simplified Chinese. Templates take
// "{name}" placeholders; values are filled in already formatted (and escaped by the HTML renderer).
import type { Availability, FailureKind, PromotionType } from '../../../store/model.ts';
import type { Language } from '../config.ts';
import type { ActionKind, NoteKey, NotReadReason } from '../types.ts';

export interface Messages {
  title: string;
  week: string;
  generated: string;
  sections: {
    actions: string;
    summary: string;
    index: string;
    prices: string;
    drops: string;
    rises: string;
    promotions: string;
    promotionsStarted: string;
    promotionsEnded: string;
    discounts: string;
    undercuts: string;
    stock: string;
    reviews: string;
    assortment: string;
    segments: string;
    quality: string;
  };
  intro: {
    index: string;
    prices: string;
    discounts: string;
    undercuts: string;
    reviews: string;
    quality: string;
  };
  col: Record<
    | 'competitor' | 'product' | 'index' | 'wow' | 'yoy' | 'trend' | 'matched' | 'average' | 'minimum' | 'likeForLike'
    | 'drops' | 'rises' | 'from' | 'to' | 'change' | 'ours' | 'type' | 'started' | 'ended' | 'running'
    | 'depth' | 'maxDepth' | 'promotion' | 'at' | 'was' | 'price' | 'low30' | 'claimed' | 'real' | 'since'
    | 'theirs' | 'gap' | 'rating' | 'newReviews' | 'positiveRate' | 'newNegative' | 'segment'
    | 'skus' | 'undercuts' | 'stockOuts' | 'listings' | 'read' | 'notRead' | 'withFailures' | 'reason' | 'lastRead'
    | 'title' | 'maxGap' | 'new' | 'spikes',
    string
  >;
  kpi: { index: string; read: string; undercuts: string; promotions: string; stockOuts: string; reviews: string };
  overall: string;
  none: string;
  more: string;
  stockWentOut: string;
  stockReturned: string;
  stockStillOut: string;
  added: string;
  gone: string;
  spike: string;
  category: string;
  tag: string;
  claimChecked: string;
  evidenceLink: string;
  footer: string;
  notes: Record<NoteKey, string>;
  actions: Record<ActionKind, string>;
  /** The same actions when they concern several SKUs of one competitor. */
  actionsMany: { 'price-dump': string; 'competitor-reviews': string };
  campaignSuffix: string;
  /** After a date that is the first reading we have. */
  sinceTracking: string;
  negativeSuffix: string;
  segmentPhrase: { overall: string; category: string; tag: string };
  promotionTypes: Record<PromotionType, string>;
  campaigns: Record<string, string>;
  availability: Record<Availability, string>;
  notReadReasons: Record<NotReadReason, string>;
  failureKinds: Record<FailureKind, string>;
}

const en: Messages = {
  title: 'Weekly competitor digest',
  week: 'Week {week}: {from} – {to}',
  generated: 'Generated {at} ({tz}). Compared with {previous} (week over week) and {yearAgo} (year over year).',
  sections: {
    actions: 'Recommended actions',
    summary: 'This week at a glance',
    index: 'Where we stand: price index',
    prices: 'Competitor prices',
    drops: 'Biggest price drops',
    rises: 'Biggest price rises',
    promotions: 'Promotions',
    promotionsStarted: 'Promotions started',
    promotionsEnded: 'Promotions ended',
    discounts: 'Discount honesty',
    undercuts: 'Undercuts',
    stock: 'Stock',
    reviews: 'Reviews',
    assortment: 'Assortment',
    segments: 'By category and tag',
    quality: 'Data quality',
  },
  intro: {
    index: '100 × our effective price ÷ the competitor’s, median over matched SKUs: above 100 we are dearer. Shaded weeks in the trends are campaign weeks.',
    prices: 'Selling prices of listings read this week. Like-for-like: the mean change of each listing’s own price.',
    discounts: 'Claimed discounts whose “was” price is above the lowest price of the 30 days before the claim (EU Omnibus rule).',
    undercuts: 'SKUs where a competitor’s effective price at the end of the week is below ours (in-stock listings).',
    reviews: 'Ratings on a 5-point scale. New negative reviews are estimated from the review count and the positive rate.',
    quality: 'Listings the figures above do not cover: not read this week, and why.',
  },
  col: {
    competitor: 'Competitor', product: 'Product', index: 'Index', wow: 'WoW', yoy: 'YoY', trend: 'Trend', matched: 'SKUs',
    average: 'Average', minimum: 'Minimum', likeForLike: 'Like-for-like', drops: 'Drops', rises: 'Rises',
    from: 'From', to: 'To', change: 'Change', ours: 'Ours', type: 'Type', started: 'Started', ended: 'Ended', running: 'Running',
    depth: 'Depth', maxDepth: 'Max depth', promotion: 'Promotion', at: 'When', was: 'Was', price: 'Price', low30: '30-day low',
    claimed: 'Claimed', real: 'Real', since: 'Since', theirs: 'Theirs', gap: 'Gap', rating: 'Rating',
    newReviews: 'New', positiveRate: 'Positive', newNegative: 'New negative', segment: 'Segment',
    skus: 'SKUs', undercuts: 'Undercuts', stockOuts: 'Stock-outs', listings: 'Listings', read: 'Read', notRead: 'Not read',
    withFailures: 'With failures', reason: 'Reason', lastRead: 'Last read',
    title: 'Title', maxGap: 'Max gap', new: 'New', spikes: 'Spikes',
  },
  kpi: { index: 'Price index', read: 'Listings read', undercuts: 'Undercut SKUs', promotions: 'Promotions started / ended', stockOuts: 'Stock-outs', reviews: 'Rating drops' },
  overall: 'All competitors',
  none: 'Nothing this week.',
  more: '… and {n} more (see the JSON or CSV).',
  stockWentOut: 'Went out of stock',
  stockReturned: 'Back in stock',
  stockStillOut: 'Out of stock at the end of the week',
  added: 'Listings added',
  gone: 'Listings gone',
  spike: 'negative-review spike',
  category: 'category',
  tag: 'tag',
  claimChecked: '{checked} claimed discounts checked; {unverifiable} without 30 days of history before the claim.',
  evidenceLink: 'evidence ({n})',
  footer: 'Every figure is computed from the RivalWatch store and can be reproduced; the JSON holds the data behind this digest.',
  notes: {
    'no-data': 'No data for {week}: no competitor listing was read this week, so there is nothing to compare.',
    'partial-week': '{week} has not ended yet: these are the figures so far.',
    'no-year-ago': 'No year-over-year comparison: no data for {week}.',
    'campaign-week': 'Campaign week ({campaigns}): prices and promotions are seasonal, do not read them as a trend.',
    'previous-campaign-week': 'The week before was a campaign week ({campaigns}): week-over-week changes compare with campaign prices.',
    'other-currency': '{count} listings are priced in a currency with no exchange rate to {currency} (config: exchangeRates) and are not compared.',
  },
  actions: {
    undercut: '{competitor} undercuts {skus} of our SKUs by {gap} on average since {since}: review the prices of {products}.',
    'price-dump': '{competitor} cut {products} by {change} to {to} (ours {ours}): check whether it is a clearance or a price dump before matching.',
    'stock-opportunity': '{competitor} is out of stock on {skus} of our SKUs since {since} ({products}): hold our price and push traffic while it lasts.',
    'counter-promotion': '{competitor} started promotions of up to {depth} off on our SKUs ({count}: {products}): decide on a counter-offer.',
    'priced-above': 'We are {gap} above the competitor median {segment} ({skus} SKUs): review our prices.',
    'misleading-discount': '{competitor} shows discounts whose “was” price is above the 30-day low ({count}, up to {claimed} claimed: {products}): do not match the claimed discount.',
    'competitor-reviews': '{products} at {competitor}: rating {previous} → {rating}{negative}: highlight our reviews and service on this product.',
    'fix-crawling': 'Only {read} of {listings} {competitor} listings were read this week ({reason}): fix crawling, the figures above miss the rest.',
  },
  actionsMany: {
    'price-dump': '{competitor} cut the prices of {count} of our SKUs by {dump} or more, up to {change} ({products}): check whether it is a clearance or a price dump before matching.',
    'competitor-reviews': '{competitor}: ratings fell or negative reviews spiked on {count} of our SKUs ({products}{negative}): highlight our reviews and service on these products.',
  },
  campaignSuffix: ' Campaign week ({campaign}): likely temporary, check again after it ends.',
  sinceTracking: '{date} (since tracking began)',
  negativeSuffix: ', about {n} new negative reviews',
  segmentPhrase: { overall: 'overall', category: 'in category “{name}”', tag: 'for tag “{name}”' },
  promotionTypes: {
    threshold: 'Spend & save (满减)', percent: 'Percent off', amount_off: 'Amount off', coupon: 'Coupon', flash_sale: 'Flash sale',
    bundle: 'Bundle', gift: 'Free gift', free_shipping: 'Free shipping', presale: 'Pre-sale', member_price: 'Member price',
    group_buy: 'Group buy', points: 'Points', other: 'Other',
  },
  campaigns: { '618': '618', double11: 'Double 11 (双11)', double12: 'Double 12 (双12)', 'black-friday': 'Black Friday', 'cyber-monday': 'Cyber Monday' },
  availability: { in_stock: 'in stock', out_of_stock: 'out of stock', preorder: 'pre-order', limited: 'limited', unknown: 'unknown' },
  notReadReasons: { failed: 'crawls failed', 'no-crawl': 'not crawled this week', paused: 'paused', 'never-read': 'never read' },
  failureKinds: {
    network: 'network error', timeout: 'timeout', http: 'HTTP error', blocked: 'blocked (captcha / login / 403)', gone: 'page gone',
    robots: 'robots.txt disallows', 'no-price': 'no price found',
  },
};

const zh: Messages = {
  title: '竞品周报',
  week: '{week}：{from} – {to}',
  generated: '生成于 {at}（{tz}）。环比对照 {previous}，同比对照 {yearAgo}。',
  sections: {
    actions: '建议行动',
    summary: '本周概览',
    index: '我们的位置：价格指数',
    prices: '竞品价格',
    drops: '降价最多',
    rises: '涨价最多',
    promotions: '促销',
    promotionsStarted: '新开促销',
    promotionsEnded: '结束的促销',
    discounts: '折扣真实性',
    undercuts: '低于我们的价格',
    stock: '库存',
    reviews: '评价',
    assortment: '商品上下架',
    segments: '按品类和标签',
    quality: '数据质量',
  },
  intro: {
    index: '100 × 我们的到手价 ÷ 竞品到手价，取匹配 SKU 的中位数：高于 100 表示我们更贵。趋势图中的阴影为大促周。',
    prices: '本周读取到的商品售价。同款变动：每个商品自身价格变动的平均值。',
    discounts: '划线价高于宣称折扣开始前 30 天最低价的折扣（欧盟 Omnibus 规则）。',
    undercuts: '本周末竞品到手价低于我们价格的 SKU（仅计有货商品）。',
    reviews: '评分统一换算为 5 分制。新增差评根据评价数和好评率估算。',
    quality: '以上数字未覆盖的商品：本周未读取到的商品及原因。',
  },
  col: {
    competitor: '竞品', product: '商品', index: '指数', wow: '环比', yoy: '同比', trend: '趋势', matched: 'SKU 数',
    average: '均价', minimum: '最低价', likeForLike: '同款变动', drops: '降价', rises: '涨价',
    from: '原价', to: '现价', change: '变动', ours: '我们', type: '类型', started: '新开', ended: '结束', running: '进行中',
    depth: '力度', maxDepth: '最大力度', promotion: '促销', at: '时间', was: '划线价', price: '售价', low30: '30 天最低',
    claimed: '宣称折扣', real: '实际折扣', since: '起始', theirs: '竞品', gap: '差距', rating: '评分',
    newReviews: '新增', positiveRate: '好评率', newNegative: '新增差评', segment: '分组',
    skus: 'SKU 数', undercuts: '低价', stockOuts: '缺货', listings: '商品数', read: '已读取', notRead: '未读取',
    withFailures: '有失败', reason: '原因', lastRead: '最后读取',
    title: '标题', maxGap: '最大差距', new: '新增', spikes: '差评激增',
  },
  kpi: { index: '价格指数', read: '已读取商品', undercuts: '被低价 SKU', promotions: '新开 / 结束促销', stockOuts: '缺货', reviews: '评分下降' },
  overall: '全部竞品',
  none: '本周无。',
  more: '……另有 {n} 条（见 JSON 或 CSV）。',
  stockWentOut: '新缺货',
  stockReturned: '恢复有货',
  stockStillOut: '周末仍缺货',
  added: '新增商品',
  gone: '下架商品',
  spike: '差评激增',
  category: '品类',
  tag: '标签',
  claimChecked: '共检查 {checked} 个宣称折扣；{unverifiable} 个缺少折扣前 30 天的价格记录。',
  evidenceLink: '依据（{n}）',
  footer: '所有数字均由 RivalWatch 数据库计算，可复现；JSON 文件包含本周报的全部数据。',
  notes: {
    'no-data': '{week} 无数据：本周没有读取到任何竞品商品，无法比较。',
    'partial-week': '{week} 尚未结束：以下为截至目前的数字。',
    'no-year-ago': '无同比：{week} 没有数据。',
    'campaign-week': '大促周（{campaigns}）：价格和促销属季节性，不代表趋势。',
    'previous-campaign-week': '上周为大促周（{campaigns}）：环比变化是与大促价格相比。',
    'other-currency': '有 {count} 个商品的标价货币没有对 {currency} 的汇率（配置项 exchangeRates），未参与比较。',
  },
  actions: {
    undercut: '{competitor} 在我们 {skus} 个 SKU 上价格更低，平均低 {gap}，自 {since} 起：请复核 {products} 的定价。',
    'price-dump': '{competitor} 将 {products} 降价 {change} 至 {to}（我们 {ours}）：跟价前先判断是清仓还是低价倾销。',
    'stock-opportunity': '{competitor} 有 {skus} 个我们在售的 SKU 缺货，自 {since} 起（{products}）：保持价格，趁机加大推广。',
    'counter-promotion': '{competitor} 在我们的 SKU 上新开 {count} 个促销，力度最高 {depth}（{products}）：评估是否跟进促销。',
    'priced-above': '我们{segment}的价格比竞品中位数高 {gap}（{skus} 个 SKU）：请复核定价。',
    'misleading-discount': '{competitor} 有 {count} 个折扣的划线价高于 30 天最低价（宣称最高 {claimed}；{products}）：不要按宣称的折扣跟价。',
    'competitor-reviews': '{competitor} 的 {products}：评分 {previous} → {rating}{negative}：在该商品上突出我们的口碑与服务。',
    'fix-crawling': '{competitor} 本周仅读取 {read}/{listings} 个商品（{reason}）：请修复抓取，以上数字未覆盖其余商品。',
  },
  actionsMany: {
    'price-dump': '{competitor} 将我们 {count} 个 SKU 的价格下调 {dump} 以上，最多 {change}（{products}）：跟价前先判断是清仓还是低价倾销。',
    'competitor-reviews': '{competitor} 有 {count} 个我们的 SKU 评分下降或差评激增（{products}{negative}）：在这些商品上突出我们的口碑与服务。',
  },
  campaignSuffix: '（大促周 {campaign}：可能是临时调整，活动结束后再看。）',
  sinceTracking: '{date}（开始跟踪时即如此）',
  negativeSuffix: '，约 {n} 条新差评',
  segmentPhrase: { overall: '整体', category: '在品类“{name}”', tag: '在标签“{name}”' },
  promotionTypes: {
    threshold: '满减', percent: '折扣', amount_off: '立减', coupon: '优惠券', flash_sale: '限时秒杀', bundle: '套餐 / 第二件',
    gift: '赠品', free_shipping: '包邮', presale: '预售', member_price: '会员价', group_buy: '拼团', points: '积分', other: '其他',
  },
  campaigns: { '618': '618', double11: '双11', double12: '双12', 'black-friday': '黑色星期五', 'cyber-monday': '网络星期一' },
  availability: { in_stock: '有货', out_of_stock: '缺货', preorder: '预订', limited: '库存紧张', unknown: '未知' },
  notReadReasons: { failed: '抓取失败', 'no-crawl': '本周未抓取', paused: '已暂停', 'never-read': '从未读取成功' },
  failureKinds: {
    network: '网络错误', timeout: '超时', http: 'HTTP 错误', blocked: '被拦截（验证码 / 登录 / 403）', gone: '页面已下架',
    robots: 'robots.txt 禁止', 'no-price': '未找到价格',
  },
};

export function messages(lang: Language): Messages {
  return lang === 'zh-CN' ? zh : en;
}

/** Fills "{name}" placeholders; unknown names stay visible so a missing value is noticed. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
