// Searching our own catalogue (SKU, name, category, tags) for the popup and "Track this product".
import type { Money } from '../../../store/model.ts';
import { ourPrice, type Config } from '../../config.ts';

export interface CatalogueEntry {
  sku: string;
  name: string;
  category: string | null;
  tags: string[];
  price: Money | null;
}

function rank(query: string[], sku: string, haystack: string): number | null {
  if (!query.every((term) => haystack.includes(term))) return null;
  const whole = query.join(' ');
  if (sku === whole) return 0;
  if (sku.startsWith(whole)) return 1;
  return 2;
}

/** Products matching every word of `q` (case-insensitive), best first: exact SKU, SKU prefix, the rest by name. */
export function searchCatalogue(config: Config, q: string, limit: number): CatalogueEntry[] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits: Array<{ score: number; entry: CatalogueEntry }> = [];
  for (const p of config.products) {
    const sku = p.sku.toLowerCase();
    const haystack = [sku, p.name, p.category ?? '', ...p.tags].join(' ').toLowerCase();
    const score = rank(terms, sku, haystack);
    if (score === null) continue;
    hits.push({ score, entry: { sku: p.sku, name: p.name, category: p.category ?? null, tags: p.tags, price: ourPrice(config, p) } });
  }
  hits.sort((a, b) => a.score - b.score || a.entry.name.localeCompare(b.entry.name) || a.entry.sku.localeCompare(b.entry.sku));
  return hits.slice(0, limit).map((h) => h.entry);
}
