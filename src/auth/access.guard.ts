import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  ACCESS_KEY,
  RESTRICTED_SESSION_KEY,
  type AccessDeclaration,
} from '../access/access.decorator.js';
import { actorCan } from '../access/actor.js';
import type { RequestWithActor } from '../access/actor.decorator.js';
import {
  AccountActionRequiredError,
  ForbiddenError,
  UnauthorizedError,
} from '../errors/domain-errors.js';
import { AuthService } from './auth.service.js';
import { SESSION_IDLE_MS, assertSameOriginChange, browserSessionToken } from './browser-session.js';

/**
 * Deny by default: a route is reachable only if it declares @Public(), @Authenticated() or
 * @Allow(permission), and then only by callers the declaration admits.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(
      ACCESS_KEY,
      [context.getHandler(), context.getClass()],
    );
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
    if (!declaration) {
      this.logger.error(
        `${request.method} ${request.routeOptions.url} declares no access; refused`,
      );
      throw new ForbiddenError('This route is not open to anyone.');
    }
    if (declaration.kind === 'public') {
      // A token on a public route is looked at only so the audit trail can name the caller.
      request.actor = await this.caller(request).catch(() => null);
      return true;
    }
    const user = await this.caller(request);
    if (!user) throw new UnauthorizedError();
    request.actor = user;
    if (
      user.restricted &&
      !this.reflector.getAllAndOverride<boolean | undefined>(RESTRICTED_SESSION_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      const pending = await this.auth.requiredActionsOf(user.userId!);
      // Done meanwhile (e.g. in another session): this session becomes a full one.
      if (pending.length > 0) throw new AccountActionRequiredError(pending);
      await this.auth.liftRestriction(user);
      request.actor = { ...user, restricted: false };
    }
    if (
      declaration.kind === 'permission' &&
      !declaration.permissions.some((p) => actorCan(user, p))
    ) {
      throw new ForbiddenError(`Your role (${user.role}) may not do this.`);
    }
    return true;
  }

  /** The caller by bearer token, or by the web app's session cookie (same-origin changes only). */
  private async caller(request: FastifyRequest) {
    const cookieToken = browserSessionToken(request);
    if (cookieToken === undefined) return this.auth.authenticate(request.headers.authorization);
    assertSameOriginChange(request);
    return this.auth.authenticate(`Bearer ${cookieToken}`, { idleTimeoutMs: SESSION_IDLE_MS });
  }
}
