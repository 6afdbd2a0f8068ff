import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../config/package-root.js';

/** Where the web app is served, and where `npm run web:build` writes it. */
export const WEB_BASE = '/app/';
export function webDistDir() {
  return join(packageRoot(), 'dist', 'web');
}

/**
 * The app's pages run no inline script: only our own files. Mantine sets inline styles (CSS
 * variables), which is why styles may be inline; PDF previews are shown from blob: URLs.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function sendIndex(reply: FastifyReply) {
  return reply
    .header('content-security-policy', WEB_CSP)
    .header('cache-control', 'no-cache')
    .sendFile('index.html', webDistDir());
}

/**
 * Serves the built web app under /app/: hashed files in /app/assets/ are cached for a year,
 * index.html is revalidated on every load, and any other /app/… path (a route of the app, such as
 * /app/cases/…) answers with index.html so that the app's router takes over. The API keeps its own
 * paths; nothing outside /app/ is shadowed. Without a build (tests of the API only) /app/ answers 404.
 */
export async function registerWebApp(fastify: FastifyInstance) {
  const root = webDistDir();
  fastify.get('/', (_request, reply) => reply.redirect(WEB_BASE, 302));
  if (!existsSync(join(root, 'index.html'))) return;
  await fastify.register(fastifyStatic, {
    root,
    prefix: WEB_BASE,
    decorateReply: true,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('content-security-policy', WEB_CSP);
      void reply.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  fastify.get(WEB_BASE, (_request, reply) => sendIndex(reply));
  fastify.get(`${WEB_BASE}*`, (request, reply) => {
    // A missing asset is a 404, not the app: a stale tab must not parse HTML as JavaScript.
    if (request.url.startsWith(`${WEB_BASE}assets/`)) return reply.code(404).send();
    return sendIndex(reply);
  });
}
