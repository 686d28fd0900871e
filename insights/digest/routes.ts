// The digest over HTTP, as a Fastify plugin the API registers behind its token check: the list of
// weeks for the extension's digest page, and one week's digest in any format and language.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { LoadedConfig } from '../../server/config.ts';
import { ApiError } from '../../server/api/errors.ts';
import { FORMATS, LANGUAGES, digestSettings } from './config.ts';
import { CONTENT_TYPES, DigestWeekError, getDigest, listDigestWeeks, renderDigest } from './build.ts';
import { lastCompleteWeek } from './week.ts';

export interface DigestRoutesDeps {
  store: Store;
  config: LoadedConfig;
  /** The clock; the demo passes its simulated time. */
  now?: () => Date;
  /** Archive complete weeks built on request (off for a read-only store). Default true. */
  archive?: boolean;
}

const WeekItem = z.object({
  week: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  campaigns: z.array(z.string()),
  archived: z.boolean(),
  generatedAt: z.string().nullable(),
  current: z.boolean(),
});

export function digestRoutes(deps: DigestRoutesDeps): (app: FastifyInstance) => Promise<void> {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/digests',
      {
        schema: {
          summary: 'Weeks with a digest: archived ones and recent weeks that can be built, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(260).default(26) }),
          response: { 200: z.object({ timeZone: z.string(), lastComplete: z.string(), weeks: z.array(WeekItem) }) },
        },
      },
      async (req) => {
        const s = digestSettings(deps.config);
        const at = now();
        return {
          timeZone: s.timeZone,
          lastComplete: lastCompleteWeek(at.getTime(), s.timeZone, s.weekStart),
          weeks: await listDigestWeeks(deps.store, deps.config, at, req.query.limit),
        };
      },
    );
    r.get(
      '/api/digests/:week',
      {
        schema: {
          summary: 'One week\'s digest ("last" = the last complete week) as JSON, HTML, Markdown or CSV, in English or Chinese',
          params: z.object({ week: z.string().regex(/^(\d{4}-W\d{2}|last)$/, 'an ISO week such as 2026-W47, or "last"') }),
          querystring: z.object({ format: z.enum(FORMATS).default('json'), lang: z.enum(LANGUAGES).optional() }),
        },
      },
      async (req, reply) => {
        const s = digestSettings(deps.config);
        const at = now();
        const week = req.params.week === 'last' ? lastCompleteWeek(at.getTime(), s.timeZone, s.weekStart) : req.params.week;
        let result;
        try {
          result = await getDigest(deps.store, deps.config, week, at, { archive: deps.archive ?? true });
        } catch (err) {
          if (err instanceof DigestWeekError) throw new ApiError(400, 'invalid-request', err.message);
          throw err;
        }
        const { format } = req.query;
        const lang = req.query.lang ?? s.languages[0];
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('x-rivalwatch-digest-archived', String(result.archived))
          .header('x-rivalwatch-digest-partial', String(result.digest.partial))
          .send(renderDigest(result.digest, format, lang));
      },
    );
  };
}
