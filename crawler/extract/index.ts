// The extraction engine: one product page's HTML → an Extraction. The page is parsed once and
// scanned once; structured data (JSON-LD, microdata, RDFa, meta, embedded state), the visible page
// and an optional per-site recipe each propose values, and the decision for every field records
// where it came from and which candidates lost and why, so `inspect` can explain it.
// Pure: no I/O, never throws (bad input yields nulls and notes).
import { load } from 'cheerio';
import type { Extraction } from '../../store/model.ts';
import { currencyFromContext, resolveCurrency } from '../parse/currency.ts';
import type { PriceContext } from '../parse/price.ts';
import type { Recipe } from '../recipe.ts';
import { PageLayout, titleText } from './anchors.ts';
import type { AnyNode } from './dom.ts';
import { judgeSightings } from './candidates.ts';
import { readJsonLd } from './jsonld.ts';
import { metaProduct, readMeta } from './meta.ts';
import { readMicrodata, readRdfa } from './microdata.ts';
import { pickMainProduct, sameProduct, normText, type PageIdentity } from './product.ts';
import { decidePrice } from './pricing.ts';
import { applyRecipe, type RecipeReading } from './recipe.ts';
import { fullText, scanPage } from './scan.ts';
import { statePrices } from './statejson.ts';
import { structuredPrices, toMoney } from './structured-prices.ts';
import { chooseVisible, rejectedVisible } from './visible.ts';
import { withoutSiteName } from './text.ts';
import { finishFields, type Gathered } from './fields.ts';

export { decodeHtml } from './decode.ts';

export interface ExtractOptions {
  /** The page's URL (resolves relative links, tells the domain's currency, matches variants). */
  url: string;
  /** Per-site CSS selectors; they win over every other source for the fields they name. */
  recipe?: Recipe;
  /** The HTML came from a browser after annotateLayout() ran, so data-rw-* layout marks exist. */
  rendered?: boolean;
  /** ISO time "now", for promotion end times written relative to today ("ends in 3 days"). */
  now?: string;
  /** The competitor's configured currency: used where the page itself does not tell. */
  currency?: string | null;
}

/** Pages beyond this are cut: nothing a product page needs lies 20 MB deep. */
const MAX_HTML = 20_000_000;

export function emptyExtraction(notes: string[] = []): Extraction {
  return {
    title: null,
    price: null,
    priceRange: null,
    listPrice: null,
    effectivePrice: null,
    promotions: [],
    availability: 'unknown',
    rating: null,
    ratingScale: null,
    reviewCount: null,
    positiveRate: null,
    sku: null,
    gtin: null,
    brand: null,
    image: null,
    canonicalUrl: null,
    sources: {},
    rejected: [],
    notes,
  };
}

/** A page with no common tag near its start, or full of control characters, is not HTML (binary, JSON, an error blob). */
function looksLikeHtml(html: string): boolean {
  const head = html.slice(0, 4000);
  const controls = head.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return controls < head.length / 20 && /<(?:!doctype|html|head|body|div|p|span|meta|title|script|a|h1|main|section|table)[\s>/]/i.test(html.slice(0, 200_000));
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Reads one product page. Never throws: unusable input gives an empty Extraction with a note. */
export function extract(html: string, opts: ExtractOptions): Extraction {
  if (typeof html !== 'string' || !html.trim()) return emptyExtraction(['the page is empty']);
  try {
    return extractPage(html, opts);
  } catch (e) {
    return emptyExtraction([`extraction failed on this page: ${(e as Error).message}`]);
  }
}

function extractPage(input: string, opts: ExtractOptions): Extraction {
  const notes: string[] = [];
  let html = input;
  if (html.length > MAX_HTML) {
    html = html.slice(0, MAX_HTML);
    notes.push(`the page is ${(input.length / 1e6).toFixed(1)} MB; only its first ${MAX_HTML / 1e6} MB were read`);
  }
  if (html.includes('\u0000')) html = html.replace(/\u0000/g, '');
  // htmlparser2 (cheerio's non-XML "xml" mode) instead of the default parse5: ~7x faster on shop
  // pages, and on the 30 shared real pages and our 34 fixture pages every extracted field came out
  // the same under both. What parse5 adds is browser-exact repair of broken markup (foster-parented
  // table text, misnested formatting tags), which does not move a product's title, price or button.
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const rendered = !!opts.rendered;
  const scan = scanPage($.root()[0] as unknown as AnyNode, rendered);
  if (!looksLikeHtml(html)) notes.push('the response does not look like HTML');

  const meta = readMeta(scan.metas, scan.links, scan.htmlEl);
  const ld = readJsonLd(scan.scripts);
  notes.push(...ld.notes);
  const products = [...ld.products, ...readMicrodata(scan.itemscopes), ...readRdfa(scan.rdfaItems)];
  const metaProd = metaProduct(meta);
  const ogTitle = meta.values.get('og:title') ?? null;
  const docTitle = scan.titleText ? withoutSiteName(scan.titleText) : null;
  const h1Texts = scan.h1s.slice(0, 5).map((h) => normText(fullText(h, 400)));
  const identity: PageIdentity = {
    pageUrl: opts.url,
    urls: [opts.url, meta.canonical, meta.values.get('og:url')].filter((u): u is string => !!u),
    titles: [...h1Texts, ogTitle ? normText(ogTitle) : '', docTitle ? normText(docTitle) : ''].filter(Boolean),
  };
  const main = pickMainProduct(products, identity);
  const others = main ? products.filter((p) => sameProduct(main, p, identity)) : [];
  const layout = new PageLayout(scan, [main?.name, ogTitle, docTitle].filter((s): s is string => !!s));

  const domain = hostOf(opts.url);
  const baseCtx: PriceContext = { lang: meta.lang, domain, currency: opts.currency ?? null };
  const declaredRaw = [main, ...others, metaProd].flatMap((p) => p?.offers ?? []).map((o) => o.currency).find((c) => !!c && resolveCurrency(c, baseCtx));
  const declared = declaredRaw ? resolveCurrency(declaredRaw, baseCtx) : null;
  const ctx: PriceContext = { ...baseCtx, currency: declared ?? opts.currency ?? null };

  const recipe: RecipeReading | null = opts.recipe ? applyRecipe($, opts.recipe, ctx, scan.texts) : null;
  if (recipe) notes.push(...recipe.notes);

  const judged = judgeSightings(scan.sightings, layout, ctx, rendered);
  const visible = chooseVisible(judged);
  const skus = [main?.sku, main?.mpn, ...(main?.offers.map((o) => o.sku) ?? []), metaProd?.sku].filter((s): s is string => !!s);
  const urlIds = [...new Set((opts.url.match(/[A-Za-z0-9_-]{4,}/g) ?? []).filter((t) => /\d/.test(t)))];
  let structured = structuredPrices(main, others, metaProd, [], identity, ctx, visible);
  // Embedded state is big to walk: read it only when neither structured data nor a confident
  // visible price settles the price, or when the two disagree.
  const shown = visible.price;
  const disagree = !!shown && structured.selling.length > 0 && !structured.selling.some((c) => c.money.amountMinor === shown.parsed.amountMinor);
  if ((!structured.selling.length && !visible.confident) || disagree) {
    const state = statePrices(scan.scripts, { skus, urlIds, titles: identity.titles.filter((t) => t.length >= 6) });
    if (state.length) structured = structuredPrices(main, others, metaProd, state, identity, ctx, visible);
  }
  notes.push(...structured.notes);

  const recipePrice = recipe?.price ? toMoney(recipe.price.text, recipe.price.parsed.currency, ctx) : null;
  const recipeList = recipe?.listPrice ? toMoney(recipe.listPrice.text, recipe.listPrice.parsed.currency, ctx) : null;
  const decision = decidePrice(
    {
      recipePrice: recipePrice ? { money: recipePrice, range: null, source: 'recipe', label: 'the recipe' } : null,
      recipeList: recipeList ? { money: recipeList, range: null, source: 'recipe', label: 'the recipe' } : null,
      structured: structured.selling,
      structuredLists: structured.lists,
      visible,
    },
    ctx.currency ?? currencyFromContext(ctx),
  );
  notes.push(...decision.notes);

  const out = emptyExtraction(notes);
  out.price = decision.price;
  out.priceRange = decision.priceRange;
  out.listPrice = decision.listPrice;
  if (decision.priceSource) out.sources.price = decision.priceSource;
  if (decision.listSource) out.sources.listPrice = decision.listSource;
  out.rejected.push(...decision.rejected, ...rejectedVisible(visible, decision.usedVisible));

  const gathered: Gathered = {
    opts,
    layout,
    meta,
    main,
    others,
    metaProd,
    offer: structured.offer,
    offerFromUrl: structured.offerFromUrl,
    offerSource: structured.offerSource,
    recipe,
    ctx,
    title: { recipe: recipe?.title ?? null, structured: main?.name ?? null, h1: layout.anchors.title ? titleText(layout.anchors.title) : null, og: ogTitle, doc: docTitle },
  };
  finishFields(out, gathered);
  return out;
}
