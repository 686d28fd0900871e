// The local HTTP API the browser extension (and any integration) reads: Fastify with zod schemas,
// an OpenAPI document, a bearer token on every route but /api/health, and CORS for extensions only.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../../store/store.ts';
import type { Config } from '../config.ts';
import { installAuth, isExtensionOrigin } from './auth.ts';
import { installErrorHandling } from './errors.ts';
import { listingRoutes } from './routes/listings.ts';
import { pageRoutes } from './routes/pages.ts';
import { productRoutes } from './routes/products.ts';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ApiDeps {
  store: Store;
  config: Config;
  /** The current token, read on every request so a rotation takes effect at once. */
  token: () => string;
  /** The clock; the demo passes its simulated time. */
  now?: () => Date;
  /** Routes owned elsewhere (alerts, digest), registered behind the same token and CORS rules. */
  extraRoutes?: Array<(app: FastifyInstance) => Promise<void>>;
  logger?: FastifyServerOptions['logger'];
}

export async function createApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: deps.logger ?? false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text body would otherwise reach validation and fail with a less useful message.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && isExtensionOrigin(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  installAuth(app, deps.token);
  await app.register(swagger, {
    openapi: {
      info: { title: 'RivalWatch API', version: '1', description: 'Competitor prices, promotions and reviews recorded by RivalWatch. Send "Authorization: Bearer <token>" (see "rivalwatch token").' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  const query = { store: deps.store, config: deps.config, now: deps.now ?? (() => new Date()) };
  await pageRoutes(app, query);
  await productRoutes(app, query);
  await listingRoutes(app, query);
  for (const extra of deps.extraRoutes ?? []) await extra(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export interface RunningApi {
  /** http://host:port, with the port actually bound (port 0 picks a free one). */
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts the API; it listens on 127.0.0.1 unless told otherwise, since the token is its only guard. */
export async function startApi(deps: ApiDeps & { host?: string; port?: number }): Promise<RunningApi> {
  const app = await createApi(deps);
  const host = deps.host ?? '127.0.0.1';
  await app.listen({ host, port: deps.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : deps.port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shownHost}:${port}`, app, close: () => app.close() };
}
