import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../errors/domain-errors.js';

const MAX_DEPTH = 32;

/**
 * The only body parser: JSON, nested at most MAX_DEPTH levels, without keys that name members of
 * Object.prototype (`__proto__`, `constructor`, `toString`, …) or `prototype`. Such keys are dropped silently by
 * class-transformer, so they would slip past the check for unknown fields; deep nesting overflows
 * its stack. Any other content type is refused by Fastify with 415.
 */
export function registerJsonBodyParser(fastify: FastifyInstance) {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400 }));
      }
      try {
        checkShape(parsed);
      } catch (err) {
        return done(err as Error);
      }
      done(null, parsed);
    },
  );
}

function checkShape(root: unknown) {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
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
