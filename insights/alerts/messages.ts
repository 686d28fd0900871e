// One-line messages a person can act on, in English and Simplified Chinese: severity, product,
// competitor, old → new, our price and the gap, the promotion. Plain text: channels add the link
// and escape for their markup (scraped text such as promotion wording is never trusted as markup).
import type { Availability, Money, Promotion } from '../../store/model.ts';
import { minorDigits } from '../../crawler/parse/money.ts';
import type { Language } from './config.ts';
import type { AlertEvent, AlertFacts, AlertValue } from './types.ts';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

const SEVERITY: Record<Language, Record<AlertEvent['severity'], string>> = {
  en: { warning: '[WARNING]', critical: '[CRITICAL]' },
  'zh-CN': { warning: '【警告】', critical: '【严重】' },
};

const AVAILABILITY: Record<Language, Record<Availability, string>> = {
  en: { in_stock: 'in stock', out_of_stock: 'out of stock', preorder: 'pre-order', limited: 'low stock', unknown: 'unknown' },
  'zh-CN': { in_stock: '有货', out_of_stock: '缺货', preorder: '预售', limited: '库存紧张', unknown: '未知' },
};

const formatters = new Map<string, Intl.NumberFormat>();

/** Money for people, with the formatter kept per language and currency (building one is slow). */
export function formatMoneyFor(m: Money, lang: Language): string {
  const key = `${lang}|${m.currency}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = minorDigits(m.currency);
    f = new Intl.NumberFormat(lang, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  // A safe integer over a power of ten is within far less than half a minor unit: the digits are exact.
  return f.format(m.amountMinor / 10 ** minorDigits(m.currency));
}

interface Words {
  lang: Language;
  timeZone: string;
  m: (money: Money | null | undefined) => string;
  pct: (n: number) => string;
}

function words(lang: Language, timeZone: string): Words {
  return {
    lang,
    timeZone,
    m: (money) => (money ? formatMoneyFor(money, lang) : '?'),
    pct: (n) => `${Math.abs(n).toFixed(1)}%`,
  };
}

function valueText(v: AlertValue | null | undefined, w: Words): string {
  if (!v) return '?';
  switch (v.type) {
    case 'money':
      return w.m(v.money);
    case 'availability':
      return AVAILABILITY[w.lang][v.availability];
    case 'rating':
      return `${round(v.rating)}/${v.scale}`;
    case 'count':
      return String(v.count);
    case 'promotion':
      return promotionText(v.promotion, w);
    case 'failure':
      return v.reason;
  }
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function promotionText(p: Promotion, w: Words): string {
  const text = p.text.replace(/\s+/g, ' ').trim();
  // Countdown texts already say when they end ("ends Nov 19, 11:59 PM", "23:59:59 结束").
  if (!p.endsAt || /\d{1,2}:\d{2}/.test(text)) return text;
  const ends = new Intl.DateTimeFormat(w.lang, { timeZone: w.timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(p.endsAt));
  return w.lang === 'en' ? `${text} (ends ${ends})` : `${text}（${ends} 结束）`;
}

/** Our price; a converted one is marked approximate and shown with the price we set. */
function ours(f: AlertFacts, w: Words): string {
  if (!f.ourPriceOriginal) return w.m(f.ourPrice);
  return `≈${w.m(f.ourPrice)} (${w.m(f.ourPriceOriginal)})`;
}

function ourSide(f: AlertFacts, w: Words): string {
  if (!f.ourPrice) return '';
  const gap = f.gap;
  if (w.lang === 'en') {
    if (!gap) return `; our price ${ours(f, w)}`;
    return `; our price ${ours(f, w)} (they are ${w.pct(gap.percent)} ${gap.percent >= 0 ? 'cheaper' : 'dearer'})`;
  }
  if (!gap) return `，我方 ${ours(f, w)}`;
  return `，我方 ${ours(f, w)}（对方${gap.percent >= 0 ? '低' : '高'} ${w.pct(gap.percent)}）`;
}

type Template = (e: AlertEvent, w: Words, who: string) => string;

const EN: Record<AlertEvent['ruleKind'], Template> = {
  undercut: (e, w, who) =>
    `${e.subject.competitor} undercuts us on ${who}: ${valueText(e.facts.new, w)}${e.facts.old ? ` (was ${valueText(e.facts.old, w)})` : ''} vs our ${ours(e.facts, w)} (−${w.pct(e.facts.gap?.percent ?? 0)}, ${w.m(e.facts.gap?.amount)} below)${e.facts.belowFloor ? `, below our floor ${w.m(e.facts.floor)}` : ''}`,
  price_change: (e, w, who) =>
    `${e.subject.competitor} ${e.condition === 'drop' ? 'cut' : 'raised'} the price of ${who} by ${w.pct(e.facts.changePercent ?? 0)}: ${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)}${e.facts.reference === 'avg7d' ? ' (vs 7-day average)' : ''}${ourSide(e.facts, w)}`,
  price_threshold: (e, w, who) =>
    `${e.subject.competitor}'s price for ${who} is ${e.facts.bound?.above ? `above ${w.m(e.facts.bound.above)}` : `below ${w.m(e.facts.bound?.below)}`}: ${valueText(e.facts.new, w)}${e.facts.old ? ` (was ${valueText(e.facts.old, w)})` : ''}`,
  promotion: (e, w, who) => {
    const [event] = e.condition.split(':');
    const p = event === 'ended' ? valueText(e.facts.old, w) : valueText(e.facts.new, w);
    const price = e.facts.effectivePrice ? `; effective price ${w.m(e.facts.effectivePrice)}` : '';
    if (event === 'changed') return `${e.subject.competitor} changed a promotion on ${who}: ${valueText(e.facts.old, w)} → ${p}${price}`;
    return `${e.subject.competitor} ${event === 'started' ? 'started' : 'ended'} a promotion on ${who}: ${p}${price}`;
  },
  out_of_stock: (e, w, who) => `${e.subject.competitor}'s ${who} is out of stock${e.facts.effectivePrice ? ` (last price ${w.m(e.facts.effectivePrice)})` : ''}`,
  back_in_stock: (e, w, who) => `${e.subject.competitor}'s ${who} is back in stock${e.facts.new?.type === 'money' ? ` at ${valueText(e.facts.new, w)}` : ''}${ourSide(e.facts, w)}`,
  rating_drop: (e, w, who) => `${e.subject.competitor}'s rating for ${who} fell ${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)} within ${e.facts.windowDays} days`,
  review_spike: (e, w, who) =>
    `Negative-review spike on ${e.subject.competitor}'s ${who}: +${e.facts.newReviews} reviews (+${w.pct(e.facts.reviewGrowthPercent ?? 0)}) in ${e.facts.windowDays} days while the rating fell ${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)}`,
  listing_gone: (e, w, who) => `${e.subject.competitor}'s page for ${who} is gone: ${valueText(e.facts.new, w)}`,
  extraction_failing: (e, w, who) =>
    `Crawling ${e.subject.competitor}'s page for ${who} failed ${e.facts.new?.type === 'failure' ? e.facts.new.count : '?'} times in a row: ${valueText(e.facts.new, w)}`,
  blocked: (e, w) =>
    `${e.subject.competitor} is blocking our crawler: ${e.facts.new?.type === 'failure' ? e.facts.new.count : '?'} blocked crawls in a row (${valueText(e.facts.new, w)})`,
  price_glitch: (e, w, who) =>
    `Data quality: ${e.subject.competitor}'s ${who} read ${valueText(e.facts.new, w)} once (was ${valueText(e.facts.old, w)}); a re-crawl read ${w.m(e.facts.recrawled)}, so no price alert was sent`,
};

const ZH: Record<AlertEvent['ruleKind'], Template> = {
  undercut: (e, w, who) =>
    `竞品 ${e.subject.competitor} 的${who}价格 ${e.facts.old ? `${valueText(e.facts.old, w)} → ` : ''}${valueText(e.facts.new, w)}，低于我方 ${ours(e.facts, w)}（低 ${w.pct(e.facts.gap?.percent ?? 0)}，差 ${w.m(e.facts.gap?.amount)}）${e.facts.belowFloor ? `，已低于我方底价 ${w.m(e.facts.floor)}` : ''}`,
  price_change: (e, w, who) =>
    `竞品 ${e.subject.competitor} 的${who}${e.condition === 'drop' ? '降价' : '涨价'} ${w.pct(e.facts.changePercent ?? 0)}：${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)}${e.facts.reference === 'avg7d' ? '（对比7日均价）' : ''}${ourSide(e.facts, w)}`,
  price_threshold: (e, w, who) =>
    `竞品 ${e.subject.competitor} 的${who}价格${e.facts.bound?.above ? `高于 ${w.m(e.facts.bound.above)}` : `低于 ${w.m(e.facts.bound?.below)}`}：${valueText(e.facts.new, w)}${e.facts.old ? `（原 ${valueText(e.facts.old, w)}）` : ''}`,
  promotion: (e, w, who) => {
    const [event] = e.condition.split(':');
    const p = event === 'ended' ? valueText(e.facts.old, w) : valueText(e.facts.new, w);
    const price = e.facts.effectivePrice ? `，到手价 ${w.m(e.facts.effectivePrice)}` : '';
    if (event === 'changed') return `竞品 ${e.subject.competitor} 的${who}促销变更：${valueText(e.facts.old, w)} → ${p}${price}`;
    return `竞品 ${e.subject.competitor} 的${who}${event === 'started' ? '开始促销' : '促销结束'}：${p}${price}`;
  },
  out_of_stock: (e, w, who) => `竞品 ${e.subject.competitor} 的${who}缺货${e.facts.effectivePrice ? `（最后价格 ${w.m(e.facts.effectivePrice)}）` : ''}`,
  back_in_stock: (e, w, who) => `竞品 ${e.subject.competitor} 的${who}恢复有货${e.facts.new?.type === 'money' ? `，价格 ${valueText(e.facts.new, w)}` : ''}${ourSide(e.facts, w)}`,
  rating_drop: (e, w, who) => `竞品 ${e.subject.competitor} 的${who}评分 ${e.facts.windowDays} 天内下降：${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)}`,
  review_spike: (e, w, who) =>
    `竞品 ${e.subject.competitor} 的${who}疑似差评激增：${e.facts.windowDays} 天内新增 ${e.facts.newReviews} 条评价（+${w.pct(e.facts.reviewGrowthPercent ?? 0)}），评分 ${valueText(e.facts.old, w)} → ${valueText(e.facts.new, w)}`,
  listing_gone: (e, w, who) => `竞品 ${e.subject.competitor} 的${who}页面已失效：${valueText(e.facts.new, w)}`,
  extraction_failing: (e, w, who) =>
    `抓取竞品 ${e.subject.competitor} 的${who}连续失败 ${e.facts.new?.type === 'failure' ? e.facts.new.count : '?'} 次：${valueText(e.facts.new, w)}`,
  blocked: (e, w) =>
    `竞品 ${e.subject.competitor} 的网站正在拦截我们的爬虫：连续 ${e.facts.new?.type === 'failure' ? e.facts.new.count : '?'} 次被拦截（${valueText(e.facts.new, w)}）`,
  price_glitch: (e, w, who) =>
    `数据质量：竞品 ${e.subject.competitor} 的${who}单次读到价格 ${valueText(e.facts.new, w)}（原 ${valueText(e.facts.old, w)}），复抓为 ${w.m(e.facts.recrawled)}，未发送价格告警`,
};

function who(e: AlertEvent, lang: Language): string {
  const name = (e.subject.productName ?? e.subject.title ?? '').replace(/\s+/g, ' ').trim();
  if (lang === 'en') return name ? `${e.subject.sku} '${name}'` : e.subject.sku;
  return name ? `「${name}」(${e.subject.sku})` : `(${e.subject.sku})`;
}

/** The one-liner in one language, without the link. */
export function renderMessage(event: AlertEvent, lang: Language, timeZone = 'UTC'): string {
  const template = (lang === 'en' ? EN : ZH)[event.ruleKind];
  const sep = lang === 'en' ? ' ' : '';
  return `${SEVERITY[lang][event.severity]}${sep}${template(event, words(lang, timeZone), who(event, lang))}`;
}

export function renderMessages(event: AlertEvent, timeZone = 'UTC'): Record<Language, string> {
  return { en: renderMessage(event, 'en', timeZone), 'zh-CN': renderMessage(event, 'zh-CN', timeZone) };
}

/** The heading of a quiet-hours summary. */
export function summaryTitle(lang: Language, count: number, critical: number): string {
  if (lang === 'en') return `RivalWatch: ${count} alert${count === 1 ? '' : 's'} during quiet hours${critical ? ` (${critical} critical)` : ''}`;
  return `RivalWatch：免打扰时段内共 ${count} 条告警${critical ? `（其中严重 ${critical} 条）` : ''}`;
}

export function linkLabel(lang: Language): string {
  return lang === 'en' ? 'Open page' : '查看页面';
}
