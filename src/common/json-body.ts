import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../errors/domain-errors.js';

/**
 * A body the parser refused, kept until the caller is known: an anonymous request to a protected
 * route gets its 401 first, whatever its body (RejectedBodyInterceptor then raises the 400).
 */
export class RejectedBody {
  constructor(readonly error: Error) {}
}

/** Runs after the access guard: a refused body is now the caller's 400. */
@Injectable()
export class RejectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (body instanceof RejectedBody) throw body.error;
    return next.handle();
  }
}

const MAX_DEPTH = 32;

/**
 * The only body parser: JSON, nested at most MAX_DEPTH levels, without keys that name members of
 * Object.prototype (`__proto__`, `constructor`, `toString`, …) or `prototype`. Such keys are dropped silently by
 * class-transformer, so they would slip past the check for unknown fields; deep nesting overflows
 * its stack. Any other content type is refused by Fastify with 415. A body that fails these checks
 * becomes a RejectedBody, answered after the access guard.
 */
export function registerJsonBodyParser(fastify: FastifyInstance) {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (
      _request: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, value?: unknown) => void,
    ) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        const error = new ValidationFailedError(
          [{ field: '(body)', message: 'is not valid JSON' }],
          'The request body is not valid JSON.',
        );
        return done(null, new RejectedBody(error));
      }
      try {
        checkShape(parsed);
      } catch (err) {
        return done(null, new RejectedBody(err as Error));
      }
      done(null, parsed);
    },
  );
}

function checkShape(root: unknown) {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      throw new ValidationFailedError(
        [{ field: path || '(body)', message: `is nested more than ${MAX_DEPTH} levels deep` }],
        'The request body is nested too deeply.',
      );
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && (key in Object.prototype || key === 'prototype')) {
        throw new ValidationFailedError([{ field, message: 'is not a field of this request' }]);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
}

/**
 * Route config (`@RouteConfig(MULTIPART_ROUTE)`) of the only routes that take a
 * multipart/form-data body: the file uploads. @fastify/multipart's content-type parser is global.
 */
export const MULTIPART_ROUTE = { multipart: true } as const;

/**
 * Every other route refuses a multipart/form-data body with 415, as it refuses any body that is
 * not JSON: the multipart parser leaves the body empty, which a route would otherwise take for
 * "no changes" (200) or "fields missing" (400). Runs right after parsing, before the access guard,
 * as Fastify's own 415 for an unknown content type does.
 */
export function refuseMultipartOutsideUploads(fastify: FastifyInstance) {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const config = request.routeOptions.config as { multipart?: boolean } | undefined;
    if (request.isMultipart() && config?.multipart !== true) {
      return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
    }
    done();
  });
}
