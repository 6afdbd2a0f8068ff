import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors/domain-errors.js';
import { sendProblem, toProblem } from './problem-details.filter.js';

const logger = new Logger('Errors');

/** Route patterns (":id", "*") as regular expressions over a request path. */
function compile(routes: readonly { method: string; url: string }[]) {
  // OPTIONS answers CORS preflights on every path: it says nothing about which resources exist.
  return routes
    .filter((r) => r.method !== 'OPTIONS')
    .map((r) => ({
      method: r.method,
      regex: new RegExp(
        '^' +
          r.url
            .split('/')
            .map((segment) =>
              segment.startsWith(':')
                ? '[^/]+'
                : segment === '*'
                  ? '.*'
                  : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
            )
            .join('/') +
          '/?$',
      ),
    }));
}

/**
 * A method the path does not have is a 405 with `Allow` (RFC 9110 §15.5.6), not a 404: the
 * resource exists, the method does not. `routes` is the list the application registered; it is
 * complete by the time the first request arrives.
 */
export function registerMethodNotAllowed(
  fastify: FastifyInstance,
  routes: readonly { method: string; url: string }[],
) {
  let patterns: ReturnType<typeof compile> | null = null;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    patterns ??= compile(routes);
    const path = request.url.split('?')[0];
    const allowed = new Set(patterns.filter((p) => p.regex.test(path)).map((p) => p.method));
    if (allowed.size === 0) return done();
    if (allowed.has('GET')) allowed.add('HEAD');
    const list = [...allowed].sort().join(', ');
    void reply.header('allow', list);
    sendProblem(
      reply,
      request,
      toProblem(
        new DomainError(
          'method-not-allowed',
          405,
          'Method not allowed',
          `${request.method} is not a method of ${path}; it allows ${list}.`,
        ),
        logger,
      ),
    );
  });
}
