import { Injectable } from '@nestjs/common';
import { requireSignedIn, SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import { hashPassword } from '../auth/passwords.js';
import { ConflictError, ValidationFailedError } from '../errors/domain-errors.js';
import { Clock } from '../common/clock.js';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { USER } from './user.definition.js';
import { User } from '../auth/entities/user.entity.js';

/** Accounts, managed by admins. */
@Injectable()
export class UsersService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async list() {
    const users = await this.dataSource.manager.find(User, { order: USER.order });
    const enrolled = new Set(await this.auth.enrolledUserIds(this.dataSource.manager));
    return {
      items: users.map((u) => ({
        ...toRecordResponse(USER, u),
        secondFactorEnrolled: enrolled.has(u.id),
      })),
    };
  }

  async get(id: string) {
    return toRecordResponse(USER, await this.records.get(this.dataSource.manager, USER, {}, id));
  }

  async create(actor: Actor, dto: CreateUserDto) {
    // The HTTP route validates the DTO; the CLI and start-up bootstrap come through here directly.
    if (!/^[^@\s]+@[^@\s]+$/.test(dto.email)) {
      throw new ValidationFailedError([{ field: 'email', message: 'must be an e-mail address' }]);
    }
    await assertStrongPassword('password', dto.password, dto);
    const passwordHash = await hashPassword(dto.password);
    return this.uow.run(actor, async (m) => {
      const user = await this.records.create(m, USER, {
        email: dto.email.trim().toLowerCase(),
        displayName: dto.displayName,
        role: dto.role,
        passwordHash,
        passwordChangedAt: this.clock.now(),
      });
      return toRecordResponse(USER, user);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto, version: number) {
    const updated = await this.uow.run(actor, async (m) => {
      const { disabled, ...rest } = dto;
      if ((rest.role !== undefined && rest.role !== 'admin') || disabled) {
        await this.refuseRemovingLastAdmin(m, id);
      }
      const changes: Partial<User> = { ...rest };
      if (disabled !== undefined) changes.disabledAt = disabled ? this.clock.now() : null;
      const user = await this.records.update(m, USER, {}, id, changes, version);
      if (disabled) await this.auth.revokeAll(m, id);
      return toRecordResponse(USER, user);
    });
    // A new role or a disabled account applies from the next request on (after commit).
    this.auth.forgetCheckedTokens();
    return updated;
  }

  /**
   * An installation without an active admin cannot manage its accounts any more. The active
   * admins are locked so that two admins demoting each other at once cannot both succeed.
   */
  private async refuseRemovingLastAdmin(m: EntityManager, id: string) {
    const admins: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
    );
    if (admins.some((a) => a.id === id) && admins.length <= 1) {
      throw new ConflictError(
        'last-admin',
        'This is the last active admin: make another user admin before demoting or disabling this one.',
      );
    }
  }

  /** An admin's reset: new password now, new password and second factor at the next sign-in. */
  async setPassword(actor: Actor, id: string, password: string) {
    const admin = requireSignedIn(actor);
    await this.uow.run(admin, async (m) => {
      const user = await this.records.get(m, USER, {}, id, true);
      await assertStrongPassword('password', password, user);
      await this.auth.setPassword(m, user, password, admin);
    });
    this.auth.forgetCheckedTokens();
  }

  /** Creates the first admin of a new installation; refuses once any user exists. */
  async createFirstAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    const [{ n }]: { n: number }[] = await this.dataSource.query('SELECT count(*) AS n FROM users');
    if (n > 0) return 'exists';
    await this.create(SYSTEM_ACTOR, {
      email,
      displayName: 'Administrator',
      role: 'admin',
      password,
    });
    return 'created';
  }
}
