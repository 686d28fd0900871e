// JSON-LD: every <script type="application/ld+json"> on the page, parsed leniently, searched for
// product nodes in all the shapes shops publish (@graph, arrays, mainEntity, nested offers).
import type { Json } from './facts.ts';
import type { ProductFacts } from './facts.ts';
import { parseLenientJson } from './lenient-json.ts';
import { findProductNodes } from './schema.ts';

const ENTITY = /&(?:quot|#34|#x22|amp|#38|lt|gt|apos|#39);/g;
const ENTITIES: Record<string, string> = { '&quot;': '"', '&#34;': '"', '&#x22;': '"', '&amp;': '&', '&#38;': '&', '&lt;': '<', '&gt;': '>', '&apos;': "'", '&#39;': "'" };

export interface JsonLdResult {
  products: ProductFacts[];
  notes: string[];
}

export function readJsonLd(scripts: { type: string; text: string }[]): JsonLdResult {
  const roots: Json[] = [];
  const notes: string[] = [];
  let broken = 0;
  for (const s of scripts) {
    if (!s.type.includes('ld+json')) continue;
    let doc = parseLenientJson(s.text);
    // Some templates HTML-escape the whole document.
    if (doc === undefined && /&quot;/.test(s.text)) doc = parseLenientJson(s.text.replace(ENTITY, (m) => ENTITIES[m]));
    if (doc === undefined) broken++;
    else roots.push(doc);
  }
  if (broken) notes.push(`${broken} JSON-LD block${broken > 1 ? 's' : ''} could not be parsed even leniently and ${broken > 1 ? 'were' : 'was'} ignored`);
  return { products: findProductNodes(roots, 'json-ld'), notes };
}
