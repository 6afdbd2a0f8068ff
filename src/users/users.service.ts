import { SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword, PASSWORD_MIN } from '../auth/passwords.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
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
    return { items: users.map((u) => toRecordResponse(USER, u)) };
  }

  async get(id: string) {
    return toRecordResponse(USER, await this.records.get(this.dataSource.manager, USER, {}, id));
  }

  async create(actor: Actor, dto: CreateUserDto) {
    // The HTTP route validates the DTO; the CLI and start-up bootstrap come through here directly.
    const errors = [
      ...(dto.password.length < PASSWORD_MIN
        ? [{ field: 'password', message: `must be at least ${PASSWORD_MIN} characters` }]
        : []),
      ...(/^[^@\s]+@[^@\s]+$/.test(dto.email)
        ? []
        : [{ field: 'email', message: 'must be an e-mail address' }]),
    ];
    if (errors.length) throw new ValidationFailedError(errors);
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

  update(actor: Actor, id: string, dto: UpdateUserDto, version: number) {
    return this.uow.run(actor, async (m) => {
      const { disabled, ...rest } = dto;
      const changes: Partial<User> = { ...rest };
      if (disabled !== undefined) changes.disabledAt = disabled ? this.clock.now() : null;
      const user = await this.records.update(m, USER, {}, id, changes, version);
      if (disabled) await this.auth.revokeAll(m, id);
      // A new role applies from the next request on.
      this.auth.forgetCheckedTokens();
      return toRecordResponse(USER, user);
    });
  }

  async setPassword(actor: Actor, id: string, password: string) {
    await this.uow.run(actor, async (m) => {
      const user = await this.records.get(m, USER, {}, id, true);
      await this.auth.setPassword(m, user, password);
    });
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
