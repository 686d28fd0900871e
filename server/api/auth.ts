// Who may call the API: requests carrying the current token, from no browser page but the
// extension. Tokens are compared as SHA-256 digests so the comparison takes the same time
// whatever the token's length or how many leading characters match.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;

/** True for browser-extension origins, the only pages allowed to call the API cross-origin. */
export function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_ORIGIN.test(origin);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time check of an `Authorization` header against the expected token. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const presented = m?.[1] ?? '';
  // Always compare, even when the header is missing, so timing does not tell the two cases apart.
  const same = timingSafeEqual(digest(presented), digest(expected));
  return same && presented.length > 0 && expected.length > 0;
}

export const PUBLIC_ROUTES = new Set(['/api/health']);

/**
 * Refuses requests from web pages (a foreign Origin, which also defeats DNS rebinding) and
 * requests without the current token. `token` is read per request, so a rotation applies at once.
 */
export function installAuth(app: FastifyInstance, token: () => string): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !isExtensionOrigin(origin)) {
      throw new ApiError(403, 'forbidden-origin', `requests from ${origin} are refused: only the RivalWatch browser extension may call this API`);
    }
    if (req.method === 'OPTIONS') return;
    const path = req.url.split('?')[0];
    if (PUBLIC_ROUTES.has(path)) return;
    if (!bearerMatches(req.headers.authorization, token())) {
      const why = req.headers.authorization ? 'the token is wrong or was rotated' : 'the Authorization header is missing';
      throw new ApiError(401, 'unauthorized', `${why}: send "Authorization: Bearer <token>" with the token printed by "rivalwatch token"`);
    }
  });
}
