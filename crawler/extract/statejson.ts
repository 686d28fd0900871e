// Embedded application state (__NEXT_DATA__, window.__INITIAL_STATE__, __PRELOADED_STATE__,
// __APOLLO_STATE__, analytics dataLayers, other <script type="application/json">): client-side
// rendered shops often publish their price only there. The state holds prices of many products
// (related items, cart, recommendations), so a price counts only where the object that names it
// (or one of its parents) also names the page's product: its SKU, an id from its URL, its title.
import type { Json, JsonObject } from './facts.ts';
import { isObject } from './facts.ts';
import { execAll } from '../parse/regex.ts';
import { parseLenientJson, sliceBalanced } from './lenient-json.ts';

const MAX_SCRIPT = 6_000_000;
const MAX_NODES = 300_000;
const MAX_BLOBS = 24;
const SELLING_KEYS = /^(?:price|pricetext|price_text|pricestr|saleprice|sale_price|sellingprice|selling_price|currentprice|current_price|finalprice|final_price|offerprice|offer_price|priceamount|price_amount|displayprice|pricevalue|specialprice|special_price|promoprice|discountprice|discountedprice|nowprice|ourprice|actualprice|amount|sale|value|raw|current|formattedprice|pricestring|pricewithtax|grossprice|price_gross)$/;
const LIST_KEYS = /^(?:listprice|list_price|originalprice|original_price|original|regularprice|regular_price|wasprice|was_price|was|msrp|rrp|uvp|strikethroughprice|strikeprice|compareatprice|compare_at_price|oldprice|old_price|retailprice|marketprice|market_price|referenceprice|highprice)$/;
const PRICE_PARENT = /price|pricing|offer|amount/i;
const NOISE_PATH = /unit_?price|price_?per|per_?unit|base_?price|grundpreis|shipping|delivery|installment|instalment|monthly|related|recommend|similar|upsell|crossell|cross_sell|crosssell|carousel|cart|basket|bag|wishlist|recent|also|bundle|accessor|compare|sponsored|frequently|together|fbt|guess|rec_?list|ads?$/i;
const ID_KEYS = /^(?:sku|skuid|sku_id|id|productid|product_id|itemid|item_id|asin|gtin|gtin13|ean|upc|mpn|partnumber|articlenumber|code|productcode|variantid|variant_id|offerid|usitemid|catentryid)$/i;
const NAME_KEYS = /^(?:name|title|productname|product_name|displayname|itemname|item_name)$/i;
const CURRENCY_KEYS = /^(?:currency|currencycode|currency_code|pricecurrency|currencyiso|currencyisocode|currencyunit|curr)$/i;
/**
 * `= {`, `= [` or `= JSON.parse(`: where an assignment can hold a state object. The scan starts at
 * the "=" and looks back for the name: a regex that starts with the name would try a match at
 * every word character of megabytes of script.
 */
const ASSIGNMENT = /=\s*(?=[{[]|(JSON\.parse\(\s*))/g;
const ASSIGNED_NAME = /([\w$]{3,60})\s*$/;
/** Names shops give their state objects; generic names ("data", "config") hold code settings far more often. */
const STATE_NAME = /^__\w+__$|(?:initial|preloaded|redux|apollo|app|page|product|store|server)_?(?:state|data|props|json|info|details?)$|^(?:state|product|dataLayer|digitalData|utag_data|pageProps)$/i;
const PRICE_WORD = /price|amount|preis|prix|precio/i;

export interface StatePrice {
  amount: string;
  currency: string | null;
  kind: 'selling' | 'list';
  /** How the object was tied to the page's product: "sku", "url id", "title". */
  match: string;
  path: string;
}

export interface ProductIdentity {
  skus: string[];
  urlIds: string[];
  titles: string[];
}

function blobsOf(scripts: { type: string; id: string; text: string }[]): Json[] {
  const out: Json[] = [];
  for (const s of scripts) {
    if (out.length >= MAX_BLOBS || s.text.length > MAX_SCRIPT || s.type.includes('ld+json')) continue;
    if (s.type.includes('json')) {
      const doc = parseLenientJson(s.text);
      if (doc !== undefined) out.push(doc);
      continue;
    }
    if (s.type && !/javascript|ecmascript|^module$/.test(s.type)) continue;
    // Scripts that never mention a price cannot hold one: skip the regex scan of them.
    if (!PRICE_WORD.test(s.text)) continue;
    for (const m of execAll(ASSIGNMENT, s.text)) {
      // "==" and "===" compare; "!=", "<=", ">=" too.
      if (s.text[m.index + 1] === '=' || /[=!<>]/.test(s.text[m.index - 1] ?? '')) continue;
      const name = ASSIGNED_NAME.exec(s.text.slice(Math.max(0, m.index - 64), m.index));
      if (!name || !STATE_NAME.test(name[1])) continue;
      let start = m.index + m[0].length;
      if (m[1]) {
        start += m[1].length;
        // JSON.parse("…"): the state is a string literal holding JSON.
        const lit = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/.exec(s.text.slice(start, start + MAX_SCRIPT));
        const inner = lit ? parseLenientJson(lit[1]) : undefined;
        const doc = typeof inner === 'string' ? parseLenientJson(inner) : undefined;
        if (doc !== undefined) out.push(doc);
        continue;
      }
      while (s.text[start] === ' ') start++;
      const literal = sliceBalanced(s.text, start);
      if (!literal || literal.length < 20) continue;
      const doc = parseLenientJson(literal);
      if (doc !== undefined) out.push(doc);
      if (out.length >= MAX_BLOBS) break;
    }
  }
  return out;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function scalarText(v: Json): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Keys of a state's block about the page's item; its siblings (a "price" block beside "item") are about it too. */
const ITEM_BLOCK = /^(?:item|iteminfo|item_info|product|productinfo|product_info|goods|goodsinfo|goods_info|detail|skuinfo|sku_info|basicinfo|base)$/i;
/** A price entry drawn struck through or titled as the original price ({"priceTitle":"原价","lineThrough":true}). */
const LIST_MARK = /^(?:原价|原價|划线价|市场价|参考价|吊牌价|list price|was|uvp|rrp|msrp|original price|regular price)$/i;

function listMarked(obj: JsonObject): boolean {
  for (const [k, v] of Object.entries(obj)) {
    if (/^(?:linethrough|line_through|strikethrough|strike|isstrike|crossed)$/i.test(k) && v === true) return true;
    if (/^(?:pricetitle|price_title|title|label|pricelabel|price_label|pricename|name)$/i.test(k) && typeof v === 'string' && LIST_MARK.test(v.trim())) return true;
  }
  return false;
}

/** Which identity an object names, itself or through its item block, if any. */
function identityMatch(obj: JsonObject, id: ProductIdentity): string | null {
  const own = ownIdentity(obj, id);
  if (own) return own;
  for (const [k, v] of Object.entries(obj)) {
    if (ITEM_BLOCK.test(k) && isObject(v)) {
      const m = ownIdentity(v, id);
      if (m) return `${m} (in ${k})`;
    }
  }
  return null;
}

function ownIdentity(obj: JsonObject, id: ProductIdentity): string | null {
  for (const [k, v] of Object.entries(obj)) {
    const s = scalarText(v);
    if (!s) continue;
    if (ID_KEYS.test(k)) {
      if (id.skus.some((x) => x.toLowerCase() === s.toLowerCase())) return 'sku';
      if (id.urlIds.some((x) => x.toLowerCase() === s.toLowerCase())) return 'url id';
    } else if (NAME_KEYS.test(k) && s.length >= 6) {
      const n = norm(s);
      if (id.titles.some((t) => t === n)) return 'title';
    }
  }
  return null;
}

function readMoney(v: Json, inheritedCurrency: string | null): { amount: string; currency: string | null } | null {
  const s = scalarText(v);
  if (s !== null) {
    if (!/\d/.test(s) || s.length > 24) return null;
    return { amount: s, currency: inheritedCurrency };
  }
  if (isObject(v)) {
    const inner = v.amount ?? v.value ?? v.raw ?? v.price ?? v.current ?? v.formatted ?? v.displayValue;
    const currency = Object.entries(v).find(([k]) => CURRENCY_KEYS.test(k))?.[1];
    if (inner === undefined || isObject(inner) || Array.isArray(inner)) return null;
    return readMoney(inner, typeof currency === 'string' ? currency : inheritedCurrency);
  }
  return null;
}

interface Frame {
  v: Json;
  path: string;
  /** Nearest identity match among this node and its object ancestors. */
  match: string | null;
  noise: boolean;
  currency: string | null;
}

/** Prices in the page's state objects that belong to the page's product, best tied first. */
export function statePrices(scripts: { type: string; id: string; text: string }[], id: ProductIdentity): StatePrice[] {
  if (!id.skus.length && !id.urlIds.length && !id.titles.length) return [];
  const found: StatePrice[] = [];
  const stack: Frame[] = blobsOf(scripts).map((v) => ({ v, path: '', match: null, noise: false, currency: null }));
  let visited = 0;
  while (stack.length && visited++ < MAX_NODES) {
    const f = stack.pop()!;
    if (Array.isArray(f.v)) {
      // A long list of products is a listing (related items), not the page's product.
      const crowded = f.v.length > 3;
      for (let i = f.v.length - 1; i >= 0; i--) stack.push({ ...f, v: f.v[i], path: `${f.path}[${i}]`, match: crowded ? null : f.match });
      continue;
    }
    if (!isObject(f.v)) continue;
    const obj = f.v;
    const match = identityMatch(obj, id) ?? f.match;
    const currencyEntry = Object.entries(obj).find(([k, v]) => CURRENCY_KEYS.test(k) && typeof v === 'string');
    const currency = (currencyEntry?.[1] as string | undefined) ?? f.currency;
    for (const [k, v] of Object.entries(obj)) {
      const key = k.toLowerCase();
      const parentIsPrice = PRICE_PARENT.test(f.path.slice(f.path.lastIndexOf('.') + 1));
      const selling = SELLING_KEYS.test(key) && (/price|sale|current|final|offer|amount/.test(key) || parentIsPrice);
      const listed = LIST_KEYS.test(key) && (/price|msrp|rrp|uvp/.test(key) || parentIsPrice);
      if ((selling || listed) && match && !f.noise && !NOISE_PATH.test(k)) {
        const money = readMoney(v, currency);
        const kind = listed || listMarked(obj) ? 'list' : 'selling';
        // {"price": {"amount": 3.42}} is read at both levels; one reading is enough.
        if (money && !found.some((p) => p.amount === money.amount && p.kind === kind)) found.push({ ...money, kind, match, path: `${f.path}.${k}` });
      }
      if (typeof v === 'object' && v !== null) {
        stack.push({ v, path: `${f.path}.${k}`, match, noise: f.noise || NOISE_PATH.test(k), currency });
      }
    }
  }
  return found;
}
