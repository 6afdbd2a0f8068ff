import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, computed once. They do not depend on the request (no
 * CSP nonces here), but @fastify/helmet builds helmet's middleware anew on every request, CSP
 * parsing included: a measurable share of the CPU of a small response.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)(
    {} as IncomingMessage,
    res as unknown as ServerResponse,
    (err?: unknown) => (failed = err),
  );
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

/** Sets helmet's headers on every response (a route may still replace one, e.g. its own CSP). */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions) {
  const headers = helmetHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
