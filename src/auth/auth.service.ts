import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { requireSignedIn, SYSTEM_ACTOR, userActor, type Actor } from '../access/actor.js';
import { currentContext } from '../common/request-context.js';
import type { AccountsConfig, SecondFactorPolicy } from '../config/accounts.settings.js';
import { ACCOUNTS_CONFIG } from '../config/config.module.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  ConflictError,
  NotFoundError,
  SecondFactorRequiredError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationFailedError,
} from '../errors/domain-errors.js';
import { User } from './entities/user.entity.js';

/** An account as its owner and the sign-in answer show it. */
export function userSummary(user: User) {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
import { AccessToken } from './entities/access-token.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { assertStrongPassword } from './password-strength.js';
import {
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  verifyTotp,
} from './second-factor.js';
import { SecondFactorRepository, type ChallengeRow } from './second-factor.repository.js';
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

/** What a restricted session must do before it may do anything else. */
export type RequiredAction = 'change_password' | 'enrol_second_factor';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;

/** Sign-in, tokens and passwords. Every outcome that matters is written to the audit trail. */
@Injectable()
export class AuthService {
  /** Recently checked tokens by hash: one database round trip saved on most requests. */
  private readonly checked = new Map<string, { user: Actor; until: number }>();
  /**
   * Bumped by every forgetCheckedTokens(): a check that read the database before a revocation
   * committed must not put its (stale) answer into the cache after the revocation cleared it.
   */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
    private readonly secondFactors: SecondFactorRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  private get policy(): SecondFactorPolicy {
    return this.config.secondFactor;
  }

  /**
   * Step one: e-mail and password. Without a second factor this starts a session; with one it
   * throws SecondFactorRequiredError carrying a challenge for completeSignIn().
   */
  async signIn(email: string, password: string) {
    const normalised = email.trim().toLowerCase();
    const address = currentContext().clientAddress;
    await this.refuseIfThrottled(normalised, address);
    const user = await this.dataSource.manager.findOne(User, { where: { email: normalised } });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !valid || user.disabledAt) {
      await this.throttle.recordFailure(normalised, address, {
        reason: !user ? 'unknown_account' : !valid ? 'wrong_password' : 'disabled',
        accountKnown: !!user,
      });
      throw new UnauthorizedError('Unknown e-mail address or wrong password.');
    }
    const factor = await this.secondFactors.find(this.dataSource.manager, user.id);
    if (factor?.confirmed_at) {
      // The pair's failures are kept until the second step succeeds: wrong codes count too.
      const challenge = newToken();
      const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_TTL_MS);
      await this.uow.run(SYSTEM_ACTOR, async (m) => {
        await this.secondFactors.deleteExpiredChallenges(m, this.clock.now());
        await this.secondFactors.createChallenge(m, user.id, tokenHash(challenge), expiresAt);
      });
      throw new SecondFactorRequiredError(challenge, expiresAt);
    }
    await this.throttle.recordSuccess(normalised, address);
    return this.startSession(user, null);
  }

  /** Step two: the challenge from step one with a TOTP code or a recovery code. */
  async completeSignIn(challenge: string, proof: { code?: string; recoveryCode?: string }) {
    const address = currentContext().clientAddress;
    const hash = tokenHash(challenge);
    const now = this.clock.now();
    const usable = (c: ChallengeRow | null): c is ChallengeRow =>
      !!c && !c.used_at && c.expires_at > now && c.attempts < CHALLENGE_MAX_ATTEMPTS;
    const gone = () =>
      new UnauthorizedError('The sign-in challenge is unknown, expired or used up; sign in again.');
    const found = await this.secondFactors.findChallenge(this.dataSource.manager, hash);
    if (!usable(found)) throw gone();
    const user = await this.dataSource.manager.findOne(User, { where: { id: found.user_id } });
    if (!user || user.disabledAt) throw gone();
    await this.refuseIfThrottled(user.email, address);
    const outcome = await this.uow.run(SYSTEM_ACTOR, async (m) => {
      const current = await this.secondFactors.lockChallenge(m, hash);
      if (!usable(current)) return 'gone' as const;
      const factor = await this.secondFactors.find(m, user.id, true);
      if (!factor?.confirmed_at) return 'gone' as const;
      if (proof.code) {
        const step = await verifyTotp(
          factor.secret,
          proof.code,
          now,
          factor.last_used_step === null ? null : Number(factor.last_used_step),
        );
        if (step !== null) {
          await this.secondFactors.markStepUsed(m, user.id, step);
          await this.secondFactors.useChallenge(m, current.id, now);
          return { method: 'totp' as const, remaining: null };
        }
      } else if (proof.recoveryCode) {
        const remaining = await this.secondFactors.useRecoveryCode(
          m,
          user.id,
          recoveryCodeHash(proof.recoveryCode),
          now,
        );
        if (remaining !== null) {
          await this.secondFactors.useChallenge(m, current.id, now);
          return { method: 'recovery_code' as const, remaining };
        }
      }
      await this.secondFactors.countChallengeAttempt(m, current.id);
      return 'wrong' as const;
    });
    if (outcome === 'gone') throw gone();
    if (outcome === 'wrong') {
      await this.throttle.recordFailure(user.email, address, {
        reason: 'wrong_second_factor',
        accountKnown: true,
      });
      throw new UnauthorizedError('The code is wrong, expired or already used.');
    }
    await this.throttle.recordSuccess(user.email, address);
    return this.startSession(user, outcome.method, outcome.remaining);
  }

  private async refuseIfThrottled(email: string, address: string | null) {
    const refusal = await this.throttle.check(email, address);
    if (!refusal) return;
    await this.throttle.recordRefusal(email, address, refusal);
    throw new TooManyRequestsError(
      `Too many failed sign-ins; try again in ${refusal.retryAfterSeconds} s.`,
      refusal.retryAfterSeconds,
    );
  }

  private async startSession(
    user: User,
    secondFactor: 'totp' | 'recovery_code' | null,
    recoveryCodesLeft: number | null = null,
  ) {
    const requiredActions = await this.requiredActions(user, secondFactor !== null, true);
    const restricted = requiredActions.length > 0;
    return this.uow.run(SYSTEM_ACTOR, async (m) => {
      const issued = await this.issue(
        m,
        user.id,
        'session',
        null,
        new Date(this.clock.now().getTime() + SESSION_TTL_MS),
        restricted,
      );
      // The new session's user signs in: the events name them, not "system".
      const actor = userActor(user, issued.id);
      await this.audit.recordMany(m, [
        {
          actor,
          action: 'sign_in',
          entityType: 'user',
          entityId: user.id,
          caseId: null,
          details: {
            tokenId: issued.id,
            secondFactor,
            ...(restricted ? { restricted: true, requiredActions } : {}),
          },
        },
        ...(secondFactor === 'recovery_code'
          ? [
              {
                actor,
                action: 'recovery_code_used' as const,
                entityType: 'user',
                entityId: user.id,
                caseId: null,
                details: { remaining: recoveryCodesLeft },
              },
            ]
          : []),
      ]);
      return { ...issued, user, requiredActions };
    });
  }

  /**
   * What the account must do before a full session: a new password after an admin's reset, a
   * (new) second factor after a reset or once the role's grace period is over. `startGrace`
   * starts the grace period at the first sign-in that needs it.
   */
  async requiredActions(
    user: User,
    hasFactor: boolean | null,
    startGrace: boolean,
  ): Promise<RequiredAction[]> {
    const actions: RequiredAction[] = [];
    if (user.mustChangePassword) actions.push('change_password');
    const enrolled =
      hasFactor ??
      !!(await this.secondFactors.find(this.dataSource.manager, user.id))?.confirmed_at;
    if (enrolled) return actions;
    if (user.mustEnrolSecondFactor) {
      actions.push('enrol_second_factor');
    } else {
      const due = await this.secondFactorDueAt(user, startGrace);
      if (due && due <= this.clock.now()) actions.push('enrol_second_factor');
    }
    return actions;
  }

  async requiredActionsOf(userId: string): Promise<RequiredAction[]> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: userId });
    return this.requiredActions(user, null, false);
  }

  /** Makes a restricted session a full one once its account needs nothing more. */
  async liftRestriction(actor: Actor): Promise<void> {
    await this.dataSource.query('UPDATE access_tokens SET restricted = false WHERE id = $1', [
      actor.tokenId,
    ]);
    this.forgetCheckedTokens();
  }

  /** When the role's second factor becomes compulsory for this user; null if it is not required. */
  private async secondFactorDueAt(user: User, startGrace: boolean): Promise<Date | null> {
    if (!this.policy.requiredRoles.includes(user.role)) return null;
    let started = user.secondFactorGraceStartedAt;
    if (!started && startGrace) {
      started = this.clock.now();
      await this.dataSource.query(
        'UPDATE users SET second_factor_grace_started_at = $2 WHERE id = $1 AND second_factor_grace_started_at IS NULL',
        [user.id, started],
      );
    }
    return new Date((started ?? this.clock.now()).getTime() + this.policy.graceHours * 3600_000);
  }

  /** The signed-in user's account state, for /auth/me. */
  async accountState(user: User) {
    const factor = await this.secondFactors.find(this.dataSource.manager, user.id);
    const enrolled = !!factor?.confirmed_at;
    const due = enrolled ? null : await this.secondFactorDueAt(user, false);
    let resetBy: string | null = null;
    if (user.passwordResetBy) {
      const admin = await this.dataSource.manager.findOne(User, {
        where: { id: user.passwordResetBy },
      });
      resetBy = admin?.displayName ?? null;
    }
    return {
      requiredActions: await this.requiredActions(user, enrolled, false),
      secondFactor: {
        enrolled,
        required:
          enrolled || user.mustEnrolSecondFactor || this.policy.requiredRoles.includes(user.role),
        dueAt:
          user.mustEnrolSecondFactor && !enrolled
            ? (user.passwordResetAt?.toISOString() ?? null)
            : (due?.toISOString() ?? null),
      },
      passwordReset: user.passwordResetAt
        ? { at: user.passwordResetAt.toISOString(), by: resetBy }
        : null,
    };
  }

  /** Starts (or restarts) enrolment of a TOTP second factor: a new secret, not yet in force. */
  async startEnrolment(actor: Actor) {
    const me = requireSignedIn(actor);
    return this.uow.run(me, async (m) => {
      const factor = await this.secondFactors.find(m, me.userId, true);
      if (factor?.confirmed_at) {
        throw new ConflictError(
          'second-factor-exists',
          'Your account already has a second factor. To replace it, ask an admin to reset your password.',
        );
      }
      const secret = newTotpSecret();
      await this.secondFactors.startEnrolment(m, me.userId, secret);
      return { secret, otpauthUri: otpauthUri(secret, me.email) };
    });
  }

  /** Puts the enrolled second factor in force with a first code; returns recovery codes, shown once. */
  async confirmEnrolment(actor: Actor, code: string) {
    const me = requireSignedIn(actor);
    const address = currentContext().clientAddress;
    await this.refuseIfThrottled(me.email, address);
    const now = this.clock.now();
    const codes = await this.uow.run(me, async (m) => {
      const factor = await this.secondFactors.find(m, me.userId, true);
      if (!factor) {
        throw new ConflictError(
          'no-enrolment',
          'Start with POST /auth/second-factor, then confirm a code.',
        );
      }
      if (factor.confirmed_at) {
        throw new ConflictError(
          'second-factor-exists',
          'Your account already has a second factor.',
        );
      }
      const step = await verifyTotp(factor.secret, code, now, null);
      if (step === null) return null;
      await this.secondFactors.confirm(m, me.userId, now, step);
      const recoveryCodes = newRecoveryCodes();
      await this.secondFactors.replaceRecoveryCodes(
        m,
        me.userId,
        recoveryCodes.map(recoveryCodeHash),
      );
      await m.query(
        `UPDATE users SET must_enrol_second_factor = false, second_factor_grace_started_at = NULL WHERE id = $1`,
        [me.userId],
      );
      // A session restricted only for want of a second factor becomes a full one.
      await m.query(
        `UPDATE access_tokens t SET restricted = false FROM users u
          WHERE t.id = $1 AND u.id = t.user_id AND NOT u.must_change_password`,
        [me.tokenId],
      );
      await this.audit.record(m, {
        action: 'second_factor_enrolled',
        entityType: 'user',
        entityId: me.userId,
        caseId: null,
        details: { method: 'totp', recoveryCodes: recoveryCodes.length },
      });
      return recoveryCodes;
    });
    if (!codes) return this.refuseWrongCode(me.email, address);
    this.forgetCheckedTokens();
    return { recoveryCodes: codes };
  }

  /** New recovery codes (the old ones stop working), for a current TOTP code; shown once. */
  async renewRecoveryCodes(actor: Actor, code: string) {
    const me = requireSignedIn(actor);
    const address = currentContext().clientAddress;
    await this.refuseIfThrottled(me.email, address);
    const now = this.clock.now();
    const codes = await this.uow.run(me, async (m) => {
      const factor = await this.secondFactors.find(m, me.userId, true);
      if (!factor?.confirmed_at) {
        throw new ConflictError('no-second-factor', 'Your account has no second factor yet.');
      }
      const step = await verifyTotp(
        factor.secret,
        code,
        now,
        factor.last_used_step === null ? null : Number(factor.last_used_step),
      );
      if (step === null) return null;
      await this.secondFactors.markStepUsed(m, me.userId, step);
      const recoveryCodes = newRecoveryCodes();
      await this.secondFactors.replaceRecoveryCodes(
        m,
        me.userId,
        recoveryCodes.map(recoveryCodeHash),
      );
      await this.audit.record(m, {
        action: 'second_factor_enrolled',
        entityType: 'user',
        entityId: me.userId,
        caseId: null,
        details: { method: 'totp', recoveryCodesRenewed: recoveryCodes.length },
      });
      return recoveryCodes;
    });
    if (!codes) return this.refuseWrongCode(me.email, address);
    return { recoveryCodes: codes };
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
    const generation = this.generation;
    const rows: {
      token_id: string;
      user_id: string;
      email: string;
      role: NonNullable<Actor['role']>;
      restricted: boolean;
      last_used_at: Date | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id AS token_id, u.id AS user_id, u.email, u.role, t.restricted, t.last_used_at, t.created_at
           FROM access_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.disabled_at IS NULL`,
      [hash, now],
    );
    const row = rows[0];
    if (!row)
      throw new UnauthorizedError('The token is unknown, expired or revoked; sign in again.');
    const lastActive = row.last_used_at ?? row.created_at;
    if (options.idleTimeoutMs && now.getTime() - lastActive.getTime() > options.idleTimeoutMs)
      throw new UnauthorizedError(
        'The session ended after a period without activity; sign in again.',
      );
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
      await this.dataSource.query('UPDATE access_tokens SET last_used_at = $2 WHERE id = $1', [
        row.token_id,
        now,
      ]);
    }
    const user: Actor = {
      ...userActor({ id: row.user_id, email: row.email, role: row.role }, row.token_id),
      restricted: row.restricted,
    };
    if (generation !== this.generation) return user; // a revocation happened meanwhile: do not cache
    if (this.checked.size >= TOKEN_CACHE_MAX) this.checked.clear();
    this.checked.set(key, { user, until: now.getTime() + TOKEN_CACHE_MS });
    return user;
  }

  /**
   * Forgets every checked token, so that a revocation, a disabled user or a role change takes
   * effect on the next request. Call it AFTER the change has committed: cleared earlier, a
   * concurrent request could cache the old state again. (Other service processes, if any,
   * follow within TOKEN_CACHE_MS.)
   */
  forgetCheckedTokens() {
    this.generation += 1;
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
      await this.audit.record(m, {
        action: 'sign_out',
        entityType: 'user',
        entityId: user.userId,
        caseId: null,
        details: { tokenId: user.tokenId },
      });
    });
    this.forgetCheckedTokens();
  }

  /** The users with a confirmed second factor (for the admins' user list). */
  enrolledUserIds(m: EntityManager): Promise<string[]> {
    return this.secondFactors.confirmedUserIds(m);
  }

  /** Ends every session of the caller, this one included; their API tokens keep working. */
  async signOutEverywhere(actor: Actor): Promise<number> {
    const user = requireSignedIn(actor);
    const revoked = await this.uow.run(user, async (m) => {
      const open = { userId: user.userId, kind: 'session' as const, revokedAt: IsNull() };
      const count = await m.count(AccessToken, { where: open });
      await m.update(AccessToken, open, { revokedAt: this.clock.now() });
      await this.audit.record(m, {
        action: 'sign_out',
        entityType: 'user',
        entityId: user.userId,
        caseId: null,
        details: { tokenId: user.tokenId, everywhere: true, sessionsRevoked: count },
      });
      return count;
    });
    this.forgetCheckedTokens();
    return revoked;
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
      if (await verifyPassword(user.passwordHash, newPassword)) {
        throw new ValidationFailedError([
          {
            field: 'newPassword',
            message: 'must differ from your current password',
            code: 'password_unchanged',
          },
        ]);
      }
      await assertStrongPassword('newPassword', newPassword, user);
      await this.setPassword(m, user, newPassword);
    });
    this.forgetCheckedTokens();
  }

  /**
   * Sets a password and revokes all of the user's tokens. `resetBy` (an admin's reset) removes
   * the second factor and makes the next sign-in set a new password and a new second factor
   * first; the user sees the reset in /auth/me. The caller clears the token cache after commit.
   */
  async setPassword(m: EntityManager, user: User, newPassword: string, resetBy?: Actor) {
    const now = this.clock.now();
    await m.update(
      User,
      { id: user.id },
      {
        passwordHash: await hashPassword(newPassword),
        passwordChangedAt: now,
        mustChangePassword: !!resetBy,
        ...(resetBy
          ? { mustEnrolSecondFactor: true, passwordResetAt: now, passwordResetBy: resetBy.userId }
          : {}),
        version: user.version + 1,
      },
    );
    if (resetBy) await this.secondFactors.remove(m, user.id);
    await this.revokeAll(m, user.id);
    await this.audit.record(m, {
      action: resetBy ? 'password_reset' : 'password_changed',
      entityType: 'user',
      entityId: user.id,
      caseId: null,
      ...(resetBy ? { details: { secondFactorRemoved: true, sessionsRevoked: true } } : {}),
    });
  }

  /** Revokes every token of the user; the caller clears the token cache after commit. */
  async revokeAll(m: EntityManager, userId: string) {
    await m.update(AccessToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
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
      const token = await m.findOne(AccessToken, {
        where: { id, userId: me.userId, kind: 'api' },
      });
      if (!token) throw new NotFoundError('API token', id);
      if (!token.revokedAt) await m.update(AccessToken, { id }, { revokedAt: this.clock.now() });
      await this.audit.record(m, {
        action: 'token_revoked',
        entityType: 'access_token',
        entityId: id,
        caseId: null,
      });
    });
    this.forgetCheckedTokens();
  }

  /** The signed-in user's own account: what it still needs, and the last password reset by an admin. */
  async me(actor: Actor) {
    const me = requireSignedIn(actor);
    const user = await this.dataSource.manager.findOneBy(User, { id: me.userId });
    if (!user) throw new UnauthorizedError();
    return {
      ...userSummary(user),
      restrictedSession: !!me.restricted,
      ...(await this.accountState(user)),
    };
  }

  /** A wrong TOTP code counts in the sign-in throttle like a wrong password. */
  private async refuseWrongCode(email: string, address: string | null): Promise<never> {
    await this.throttle.recordFailure(email, address, {
      reason: 'wrong_second_factor',
      accountKnown: true,
    });
    throw new ValidationFailedError([
      { field: 'code', message: 'is not the current code of your authenticator app' },
    ]);
  }

  private async issue(
    m: EntityManager,
    userId: string,
    kind: 'session' | 'api',
    name: string | null,
    expiresAt: Date,
    restricted = false,
  ): Promise<IssuedToken> {
    const token = newToken();
    const saved = await m.save(
      m.create(AccessToken, {
        userId,
        kind,
        name,
        tokenHash: tokenHash(token),
        expiresAt,
        restricted,
      }),
    );
    return { id: saved.id, token, expiresAt };
  }
}
