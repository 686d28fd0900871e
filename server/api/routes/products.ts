// Our catalogue: search it, and compare one product's price with every competitor's.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchCatalogue } from '../compute/catalogue.ts';
import { comparisonFor, type QueryDeps } from '../queries.ts';
import { CatalogueEntrySchema, ComparisonSchema, ErrorSchema } from '../schemas.ts';

export async function productRoutes(app: FastifyInstance, deps: QueryDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/products',
    {
      schema: {
        summary: 'Search our catalogue by SKU, name, category or tag',
        querystring: z.object({ q: z.string().max(200).default(''), limit: z.coerce.number().int().min(1).max(200).default(20) }),
        response: { 200: z.object({ products: z.array(CatalogueEntrySchema) }), 400: ErrorSchema },
      },
    },
    async (req) => ({ products: searchCatalogue(deps.config, req.query.q, req.query.limit) }),
  );
  r.get(
    '/api/products/:sku/comparison',
    {
      schema: {
        summary: 'Our price against every competitor listing of one SKU',
        params: z.object({ sku: z.string().min(1) }),
        response: { 200: ComparisonSchema, 404: ErrorSchema },
      },
    },
    async (req) => (await comparisonFor(deps, req.params.sku)).comparison,
  );
}
