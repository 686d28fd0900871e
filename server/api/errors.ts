// Every API error leaves as `{ error: { code, message } }` with a message a person can act on.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden-origin'
  | 'invalid-request'
  | 'not-found'
  | 'not-a-competitor'
  | 'unknown-sku'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function errorBody(code: ApiErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function describeValidation(context: string | undefined, issues: ValidationIssue[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const path = i.params?.issue?.path?.map(String).join('.') || i.instancePath?.replace(/^\//, '').replace(/\//g, '.') || '';
    const where = [context, path].filter(Boolean).join('.');
    return `${where || 'request'}: ${i.params?.issue?.message ?? i.message ?? 'invalid'}`;
  });
  return parts.join('; ');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody('not-found', `no route ${req.method} ${req.url.split('?')[0]}; see GET /api/openapi.json`));
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send(errorBody('invalid-request', describeValidation(err.validationContext, err.validation as ValidationIssue[])));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('body-too-large', 'the request body is larger than the API accepts (64 KB)'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(errorBody('unsupported-media-type', 'send the body as application/json'));
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return reply.code(400).send(errorBody('invalid-request', `the body is not valid JSON: ${err.message}`));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.code(500).send(errorBody('internal', 'the server built a response that does not match its own schema; see the server log'));
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody('invalid-request', err.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal', `the server failed: ${err.message}`));
  });
}
