import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors/domain-errors.js';

/**
 * Browser sessions: the web app's token lives in an HttpOnly cookie, so scripts (and an XSS)
 * never see it. A cookie is sent by the browser on its own, so every change made with one must
 * prove it comes from our own pages: SameSite=Strict, the Origin header, and a custom header that
 * a cross-site form cannot set and a cross-site fetch cannot send without a CORS preflight.
 */
export const SESSION_COOKIE = 'sct_session';
export const CSRF_HEADER = 'x-csrf-protection';
/** A browser session ends after this long without a request (the token's 12 h end it anyway). */
export const SESSION_IDLE_MS = 30 * 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from the cookie, when the request carries no Authorization header. */
export function browserSessionToken(request: FastifyRequest): string | undefined {
  if (request.headers.authorization) return undefined;
  const token = request.cookies?.[SESSION_COOKIE];
  return token ? token : undefined;
}

/** Refuses a state-changing request that did not come from one of our own pages. */
export function assertSameOriginChange(request: FastifyRequest) {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new ForbiddenError(
      `Changes made with a browser session need the header ${CSRF_HEADER}: 1.`,
    );
  }
  const origin = request.headers.origin;
  if (!origin || origin !== `${request.protocol}://${request.host}`) {
    throw new ForbiddenError(
      'Changes made with a browser session must come from this site (Origin).',
    );
  }
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}
