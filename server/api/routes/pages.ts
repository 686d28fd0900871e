// Page routes: what the extension asks about the page the operator is looking at.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lookupPage } from '../lookup.ts';
import { scopeOf } from '../compute/scope.ts';
import { overlayFor, type QueryDeps } from '../queries.ts';
import { DaysSchema, ErrorSchema, OverlaySchema, PageLookupSchema, PageQuerySchema, ScopeSchema } from '../schemas.ts';

export async function pageRoutes(app: FastifyInstance, deps: QueryDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/lookup',
    {
      schema: {
        summary: 'Is this page a tracked listing or on a competitor domain?',
        description: 'The URL is normalized as the crawler does (tracking parameters and fragment dropped) and tried with its canonical URL and mobile/desktop host variants.',
        querystring: PageQuerySchema,
        response: { 200: PageLookupSchema, 400: ErrorSchema },
      },
    },
    async (req) => lookupPage(deps.store, deps.config, req.query),
  );
  r.get(
    '/api/overlay',
    {
      schema: {
        summary: 'Everything the overlay shows for a page, in one request',
        querystring: PageQuerySchema.extend({ days: DaysSchema }),
        response: { 200: OverlaySchema, 400: ErrorSchema },
      },
    },
    async (req) => overlayFor(deps, req.query, req.query.days),
  );
  r.get(
    '/api/scope',
    {
      schema: {
        summary: 'The competitor domains and listing hosts the extension asks about; it stays silent elsewhere',
        response: { 200: ScopeSchema },
      },
    },
    async () => scopeOf(deps.config, await deps.store.listListings()),
  );
  r.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness; the only route that needs no token',
        security: [],
        response: { 200: z.object({ ok: z.literal(true), service: z.literal('rivalwatch'), time: z.string() }) },
      },
    },
    async () => ({ ok: true as const, service: 'rivalwatch' as const, time: deps.now().toISOString() }),
  );
}
