import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { LOG_LEVELS, type AppConfig } from './config/app-config.js';
import { EtagInterceptor } from './common/etag.interceptor.js';
import { setupOpenApi } from './common/openapi.js';
import { registerSecurityHeaders } from './common/security-headers.js';
import { runWithContext } from './common/request-context.js';
import type { RequestWithActor } from './access/actor.decorator.js';
import { ProblemDetailsFilter, sendProblem, toProblem } from './common/problem-details.filter.js';
import {
  refuseMultipartOutsideUploads,
  registerJsonBodyParser,
  RejectedBodyInterceptor,
} from './common/json-body.js';
import { registerMethodNotAllowed } from './common/method-not-allowed.js';
import { PROBLEM_CONTENT_TYPE, problem } from './errors/problem-details.js';
import { createValidationPipe } from './errors/validation.js';
import { WEB_BASE, registerWebApp } from './web/web-app.js';

const frameworkLogger = new Logger('Errors');
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Node's parser refused the request (e.g. headers over 16 KiB): a problem, then the connection is closed. */
function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem(
          'request-header-fields-too-large',
          431,
          'Request header fields too large',
          'The request headers are larger than the server accepts (16 KiB in all).',
          [{ field: '(headers)', message: 'too large' }],
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? problem('request-timeout', 408, 'Request timeout', 'The request did not arrive in time.')
        : problem('bad-request', 400, 'Invalid request', 'The request is not valid HTTP.');
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.status} ${body.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

function logLevels(level: AppConfig['logLevel']): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
}

/** Builds the HTTP application exactly as it is served: used by main.ts, the tests and the benchmark. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A caller's X-Request-Id is kept when it is well-formed; otherwise we make one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Off unless TRUST_PROXY names the proxies: otherwise anyone could choose their own address
    // (and with it their sign-in throttle and what the audit trail records).
    // (Fastify takes a hop count too; the adapter's type omits it.)
    trustProxy: config.accounts.trustProxy as boolean | string[],
    // Errors of Fastify's router (a malformed URL, an over-long parameter) are problems too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, request, toProblem(error, frameworkLogger)),
    // And so are requests Node's HTTP parser refuses before any route runs (headers too large).
    clientErrorHandler: answerClientError,
  });
  const routes: RouteInfo[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({
      logLevels: logLevels(config.logLevel),
      json: config.logFormat === 'json',
    }),
    abortOnError: false,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  registerMethodNotAllowed(fastify, routes);
  // Each request runs in its own context: request id and client address (who acts is passed on
  // explicitly, from the access guard through the controllers).
  fastify.decorateRequest('actor', null);
  fastify.addHook('onRequest', (request, _reply, done) => {
    runWithContext({ requestId: request.id, clientAddress: request.ip }, done);
  });
  if (config.accessLog) {
    // One line per request. The route pattern, never the URL: no query string, no token.
    const accessLogger = new ConsoleLogger('Access', {
      logLevels: ['log'],
      json: config.logFormat === 'json',
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      accessLogger.log({
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        requestId: request.id,
        userId: (request as RequestWithActor).actor?.userId ?? null,
      });
      done();
    });
  }
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(fastify, {
    // Swagger UI at /docs is the only HTML; it needs inline styles and scripts.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    exposedHeaders: ['etag', 'x-request-id', 'retry-after'],
  });
  // The web app's session cookie (src/auth/browser-session.ts); bearer tokens need none of this.
  await app.register(cookie);
  // File uploads (src/files/upload-source.ts): streamed, with the limits set per route.
  // Only the routes marked MULTIPART_ROUTE take it; every other route answers it with 415.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1 } });
  refuseMultipartOutsideUploads(fastify);
  await registerWebApp(fastify);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new RejectedBodyInterceptor(), new EtagInterceptor());
  app.enableShutdownHooks();
  setupOpenApi(app);
  try {
    await app.init();
    await fastify.ready();
  } catch (e) {
    // A failed start (a broken template, a migration) must not leave timers or a pool open.
    await app.close().catch(() => undefined);
    throw e;
  }
  // The API's routes; the web app's own (/, /app/…) are tested on their own.
  ROUTES.set(
    app,
    routes.filter((r) => r.url !== '/' && !r.url.startsWith(WEB_BASE)),
  );
  return app;
}

export interface RouteInfo {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<NestFastifyApplication, RouteInfo[]>();

/** Every route the application serves, as Fastify registered it (for tests that must cover them all). */
export function routesOf(app: NestFastifyApplication): RouteInfo[] {
  return ROUTES.get(app) ?? [];
}
