import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { requireSignedIn, SYSTEM_ACTOR, userActor, type Actor } from '../access/actor.js';
import { currentContext } from '../common/request-context.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  UnauthorizedError,
  TooManyRequestsError,
  ValidationFailedError,
  NotFoundError,
} from '../errors/domain-errors.js';
import { User } from './entities/user.entity.js';

/** An account as its owner and the sign-in answer show it. */
export function userSummary(user: User) {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
import { AccessToken } from './entities/access-token.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { looksLikeToken, newToken, tokenHash } from './tokens.js';

const SESSION_TTL_MS = 12 * 3600_000;
const MAX_API_TOKEN_TTL_MS = 366 * 24 * 3600_000;
const LAST_USED_PRECISION_MS = 60_000;
/** How long a checked token is trusted without asking the database again (revocations here clear it at once). */
const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: Date;
}

/** Sign-in, tokens and passwords. Every outcome that matters is written to the audit trail. */
@Injectable()
export class AuthService {
  /** Recently checked tokens by hash: one database round trip saved on most requests. */
  private readonly checked = new Map<string, { user: Actor; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
  ) {}

  async signIn(email: string, password: string) {
    const normalised = email.trim().toLowerCase();
    const address = currentContext().clientAddress;
    const wait = this.throttle.retryAfter(normalised, address);
    if (wait > 0) {
      await this.recordFailure(normalised, 'rate_limited');
      throw new TooManyRequestsError(`Too many failed sign-ins; try again in ${wait} s.`, wait);
    }
    const user = await this.dataSource.manager.findOne(User, { where: { email: normalised } });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !valid || user.disabledAt) {
      this.throttle.recordFailure(normalised, address);
      await this.recordFailure(
        normalised,
        !user ? 'unknown_account' : !valid ? 'wrong_password' : 'disabled',
      );
      throw new UnauthorizedError('Unknown e-mail address or wrong password.');
    }
    this.throttle.recordSuccess(normalised);
    return this.uow.run(SYSTEM_ACTOR, async (m) => {
      const issued = await this.issue(
        m,
        user.id,
        'session',
        null,
        new Date(this.clock.now().getTime() + SESSION_TTL_MS),
      );
      await this.audit.record(m, {
        // The new session's user signs in: the event names them, not "system".
        actor: userActor(user, issued.id),
        action: 'sign_in',
        entityType: 'user',
        entityId: user.id,
        caseId: null,
        details: { tokenId: issued.id },
      });
      return { ...issued, user };
    });
  }

  /** The user a bearer token belongs to, or null when there is none; a bad token is a 401. */
  async authenticate(
    authorization: string | undefined,
    options: { idleTimeoutMs?: number } = {},
  ): Promise<Actor | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match || !looksLikeToken(match[1]))
      throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
    const now = this.clock.now();
    const hash = tokenHash(match[1]);
    const key = hash.toString('hex');
    const cached = this.checked.get(key);
    if (cached && cached.until > now.getTime()) return cached.user;
    const rows: {
      token_id: string;
      user_id: string;
      email: string;
      role: NonNullable<Actor['role']>;
      last_used_at: Date | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id AS token_id, u.id AS user_id, u.email, u.role, t.last_used_at, t.created_at
           FROM access_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.disabled_at IS NULL`,
      [hash, now],
    );
    const row = rows[0];
    if (!row)
      throw new UnauthorizedError('The token is unknown, expired or revoked; sign in again.');
    const lastActive = row.last_used_at ?? row.created_at;
    if (options.idleTimeoutMs && now.getTime() - lastActive.getTime() > options.idleTimeoutMs)
      throw new UnauthorizedError('The session ended after a period without activity; sign in again.');
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
      await this.dataSource.query('UPDATE access_tokens SET last_used_at = $2 WHERE id = $1', [
        row.token_id,
        now,
      ]);
    }
    const user = userActor({ id: row.user_id, email: row.email, role: row.role }, row.token_id);
    if (this.checked.size >= TOKEN_CACHE_MAX) this.checked.clear();
    this.checked.set(key, { user, until: now.getTime() + TOKEN_CACHE_MS });
    return user;
  }

  /**
   * Forgets every checked token, so that a revocation, a disabled user or a role change takes
   * effect on the next request. (Other service processes, if any, follow within TOKEN_CACHE_MS.)
   */
  forgetCheckedTokens() {
    this.checked.clear();
  }

  /**
   * A short session for a command-line tool acting as `userId` (the demo loader), so that it goes
   * through the API and its rules like anyone else. Recorded as a sign-in by that tool.
   */
  async issueToolSession(userId: string, tool: string): Promise<string> {
    return this.uow.run(SYSTEM_ACTOR, async (m) => {
      const issued = await this.issue(
        m,
        userId,
        'session',
        tool,
        new Date(this.clock.now().getTime() + 3600_000),
      );
      await this.audit.record(m, {
        action: 'sign_in',
        entityType: 'user',
        entityId: userId,
        caseId: null,
        details: { tokenId: issued.id, via: tool },
      });
      return issued.token;
    });
  }

  async signOut(actor: Actor) {
    const user = requireSignedIn(actor);
    await this.uow.run(user, async (m) => {
      await m.update(AccessToken, { id: user.tokenId }, { revokedAt: this.clock.now() });
      this.forgetCheckedTokens();
      await this.audit.record(m, {
        action: 'sign_out',
        entityType: 'user',
        entityId: user.userId,
        caseId: null,
        details: { tokenId: user.tokenId },
      });
    });
  }

  /** Changes the caller's password and revokes every token of theirs, this session's too. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
    const me = requireSignedIn(actor);
    await this.uow.run(me, async (m) => {
      const user = await m.findOneOrFail(User, {
        where: { id: me.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new ValidationFailedError([
          { field: 'currentPassword', message: 'is not your current password' },
        ]);
      }
      await this.setPassword(m, user, newPassword);
    });
  }

  /** Sets a password (also used by admins) and revokes all of the user's tokens at once. */
  async setPassword(m: EntityManager, user: User, newPassword: string) {
    const now = this.clock.now();
    await m.update(
      User,
      { id: user.id },
      {
        passwordHash: await hashPassword(newPassword),
        passwordChangedAt: now,
        version: user.version + 1,
      },
    );
    await this.revokeAll(m, user.id);
    await this.audit.record(m, {
      action: 'password_changed',
      entityType: 'user',
      entityId: user.id,
      caseId: null,
    });
  }

  async revokeAll(m: EntityManager, userId: string) {
    await m.update(AccessToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    this.forgetCheckedTokens();
  }

  async createApiToken(actor: Actor, name: string, expiresAt: Date) {
    const me = requireSignedIn(actor);
    const now = this.clock.now().getTime();
    if (expiresAt.getTime() <= now || expiresAt.getTime() - now > MAX_API_TOKEN_TTL_MS) {
      throw new ValidationFailedError([
        { field: 'expiresAt', message: 'must be in the future and at most 366 days away' },
      ]);
    }
    return this.uow.run(me, async (m) => {
      const issued = await this.issue(m, me.userId, 'api', name, expiresAt);
      await this.audit.record(m, {
        action: 'token_created',
        entityType: 'access_token',
        entityId: issued.id,
        caseId: null,
        details: { name, expiresAt: expiresAt.toISOString() },
      });
      return { ...issued, name };
    });
  }

  async listApiTokens(actor: Actor) {
    const me = requireSignedIn(actor);
    const tokens = await this.dataSource.manager.find(AccessToken, {
      where: { userId: me.userId, kind: 'api' },
      order: { createdAt: 'DESC' },
    });
    return {
      items: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.createdAt.toISOString(),
        expiresAt: t.expiresAt.toISOString(),
        revokedAt: t.revokedAt?.toISOString() ?? null,
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      })),
    };
  }

  async revokeApiToken(actor: Actor, id: string) {
    const me = requireSignedIn(actor);
    await this.uow.run(me, async (m) => {
      const token = await m.findOne(AccessToken, { where: { id, userId: me.userId, kind: 'api' } });
      if (!token) throw new NotFoundError('API token', id);
      if (!token.revokedAt) await m.update(AccessToken, { id }, { revokedAt: this.clock.now() });
      this.forgetCheckedTokens();
      await this.audit.record(m, {
        action: 'token_revoked',
        entityType: 'access_token',
        entityId: id,
        caseId: null,
      });
    });
  }

  /** The signed-in user's own account. */
  async me(actor: Actor) {
    const me = requireSignedIn(actor);
    const user = await this.dataSource.manager.findOneBy(User, { id: me.userId });
    if (!user) throw new UnauthorizedError();
    return userSummary(user);
  }

  private async issue(
    m: EntityManager,
    userId: string,
    kind: 'session' | 'api',
    name: string | null,
    expiresAt: Date,
  ): Promise<IssuedToken> {
    const token = newToken();
    const saved = await m.save(
      m.create(AccessToken, { userId, kind, name, tokenHash: tokenHash(token), expiresAt }),
    );
    return { id: saved.id, token, expiresAt };
  }

  private recordFailure(email: string, reason: string) {
    return this.audit.recordStandalone(SYSTEM_ACTOR, {
      action: 'sign_in_failed',
      entityType: 'user',
      entityId: null,
      caseId: null,
      details: { email, reason },
    });
  }
}
