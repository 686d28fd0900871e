// Microdata (itemscope/itemtype/itemprop) and RDFa Lite (vocab/typeof/property) turned into the
// JSON shape of JSON-LD, so one reader (schema.ts) serves all three. A property's value comes from
// the attribute HTML assigns it (content, href, src, datetime, value) before the element's text.
import type { AnyNode, Element, Text } from './dom.ts';
import type { FieldSource } from '../../store/model.ts';
import type { Json, JsonObject, ProductFacts } from './facts.ts';
import { findProductNodes } from './schema.ts';

const MAX_TEXT = 2000;
const URL_ATTR: Record<string, string> = { a: 'href', area: 'href', link: 'href', img: 'src', audio: 'src', video: 'src', source: 'src', embed: 'src', iframe: 'src', track: 'src', object: 'data' };

interface Dialect {
  source: FieldSource;
  scopeOf(el: Element): boolean;
  typeOf(el: Element): string | null;
  propsOf(el: Element): string[];
}

const MICRODATA: Dialect = {
  source: 'microdata',
  scopeOf: (el) => 'itemscope' in el.attribs,
  typeOf: (el) => el.attribs.itemtype ?? null,
  propsOf: (el) => (el.attribs.itemprop ?? '').split(/\s+/).filter(Boolean),
};

const RDFA: Dialect = {
  source: 'rdfa',
  scopeOf: (el) => 'typeof' in el.attribs,
  typeOf: (el) => el.attribs.typeof ?? null,
  // Open Graph's property="og:…" metas are read by meta.ts, not as RDFa properties.
  propsOf: (el) => (el.attribs.property ?? '').split(/\s+/).filter((p) => p && !/^(?:og|fb|product|twitter|article|al):/.test(p)),
};

function textContent(el: Element): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length && out.length < MAX_TEXT) {
    const node = stack.pop()!;
    if (node.type === 'text') out += (node as Text).data;
    else if (node.type === 'tag') {
      const children = (node as Element).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

function valueOf(el: Element): string {
  const a = el.attribs;
  if (a.content !== undefined) return a.content;
  const urlAttr = URL_ATTR[el.name];
  if (urlAttr && a[urlAttr]) return a[urlAttr];
  if (el.name === 'time' && a.datetime) return a.datetime;
  if ((el.name === 'data' || el.name === 'meter') && a.value !== undefined) return a.value;
  return textContent(el);
}

function addProp(item: JsonObject, name: string, value: Json): void {
  const existing = item[name];
  if (existing === undefined) item[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else item[name] = [existing, value];
}

/** Builds the item rooted at `root`, walking its subtree once with an explicit stack. */
function buildItem(root: Element, d: Dialect): JsonObject {
  const rootItem: JsonObject = {};
  const type = d.typeOf(root);
  if (type) rootItem['@type'] = type.split(/\s+/).filter(Boolean);
  const stack: { el: Element; item: JsonObject }[] = [];
  for (const c of root.children) if (c.type === 'tag') stack.push({ el: c as Element, item: rootItem });
  let visited = 0;
  while (stack.length && visited++ < 20000) {
    const { el, item } = stack.pop()!;
    const props = d.propsOf(el);
    let childItem = item;
    if (d.scopeOf(el)) {
      childItem = {};
      const t = d.typeOf(el);
      if (t) childItem['@type'] = t.split(/\s+/).filter(Boolean);
      for (const p of props) addProp(item, p, childItem);
    } else {
      for (const p of props) addProp(item, p, valueOf(el));
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c.type === 'tag') stack.push({ el: c as Element, item: childItem });
    }
  }
  return rootItem;
}

function readItems(elements: Element[], d: Dialect): ProductFacts[] {
  const scoped = new Set(elements);
  const roots: Json[] = [];
  for (const el of elements) {
    // Items that are a property of an enclosing item are built as part of it.
    let nestedInItem = false;
    if (d.propsOf(el).length) {
      for (let p = el.parent; p && p.type === 'tag'; p = p.parent) {
        if (scoped.has(p as Element)) {
          nestedInItem = true;
          break;
        }
      }
    }
    if (!nestedInItem) roots.push(buildItem(el, d));
  }
  return findProductNodes(roots, d.source);
}

export function readMicrodata(itemscopes: Element[]): ProductFacts[] {
  return itemscopes.length ? readItems(itemscopes, MICRODATA) : [];
}

export function readRdfa(typeofs: Element[]): ProductFacts[] {
  return typeofs.length ? readItems(typeofs, RDFA) : [];
}
