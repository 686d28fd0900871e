// Listing routes: add one from the extension, and read its history, statistics and checks.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListingSchema } from '../../../store/schema.ts';
import {
  addListing,
  discountFor,
  freshnessFor,
  historyFor,
  listingOrThrow,
  statisticsFor,
  weeklyFor,
  type QueryDeps,
} from '../queries.ts';
import {
  AddListingResultSchema,
  AddListingSchema,
  DaysSchema,
  DiscountCheckSchema,
  ErrorSchema,
  FreshnessSchema,
  HistorySchema,
  StatisticsSchema,
  WeeklySchema,
} from '../schemas.ts';

const params = z.object({ id: z.string().min(1).max(200) });

export async function listingRoutes(app: FastifyInstance, deps: QueryDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/listings',
    {
      schema: {
        summary: 'Track a competitor page for one of our SKUs',
        description: 'Only pages on a configured competitor domain are accepted (403 otherwise); an unknown SKU is 422. A page already tracked answers 200 with created: false.',
        body: AddListingSchema,
        response: { 200: AddListingResultSchema, 201: AddListingResultSchema, 400: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => {
      const result = await addListing(deps, req.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
  r.get('/api/listings/:id', { schema: { summary: 'One listing', params, response: { 200: ListingSchema, 404: ErrorSchema } } }, async (req) =>
    listingOrThrow(deps.store, req.params.id),
  );
  r.get(
    '/api/listings/:id/history',
    {
      schema: {
        summary: 'Change points over 30, 90 or 365 days, promotion periods and our price',
        params,
        querystring: z.object({ days: DaysSchema }),
        response: { 200: HistorySchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => historyFor(deps, req.params.id, req.query.days),
  );
  r.get(
    '/api/listings/:id/statistics',
    { schema: { summary: 'Current, lowest, highest and average price over 30/90/365 days, lowest ever, out-of-stock share', params, response: { 200: StatisticsSchema, 404: ErrorSchema } } },
    async (req) => statisticsFor(deps, req.params.id),
  );
  r.get(
    '/api/listings/:id/discount-check',
    { schema: { summary: 'EU Omnibus check: is the claimed "was" price above the lowest of the 30 days before the reduction?', params, response: { 200: DiscountCheckSchema, 404: ErrorSchema } } },
    async (req) => discountFor(deps, req.params.id),
  );
  r.get(
    '/api/listings/:id/weekly',
    { schema: { summary: 'This week against last week: price, promotions, stock, rating and reviews', params, response: { 200: WeeklySchema, 404: ErrorSchema } } },
    async (req) => weeklyFor(deps, req.params.id),
  );
  r.get(
    '/api/listings/:id/freshness',
    { schema: { summary: 'When the listing was last crawled and whether its data is stale', params, response: { 200: FreshnessSchema, 404: ErrorSchema } } },
    async (req) => freshnessFor(deps, req.params.id),
  );
}
