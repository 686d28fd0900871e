// A per-site recipe: CSS selectors an operator writes in the config to read a site the generic
// extractor gets wrong. Declarative data, so a site is added without a release. Recipes win over
// every other source for the fields they name.
import { z } from 'zod';

const selector = z.string().min(1, 'a CSS selector');

export const recipeSchema = z
  .object({
    title: selector.optional(),
    price: selector.optional(),
    listPrice: selector.optional(),
    promotions: selector.optional(),
    availability: selector.optional(),
    rating: selector.optional(),
    reviewCount: selector.optional(),
    sku: selector.optional(),
    gtin: selector.optional(),
    brand: selector.optional(),
    /** Text that, when found in the availability element (or the page), means out of stock. */
    outOfStockText: z.array(z.string().min(1)).optional(),
    /** Read this attribute instead of the text for the price (e.g. "content", "data-price"). */
    priceAttribute: z.string().min(1).optional(),
  })
  .strict();

export type Recipe = z.infer<typeof recipeSchema>;
