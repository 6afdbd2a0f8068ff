import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Injectable } from '@nestjs/common';
import { DataSource, ILike, IsNull, type FindOptionsWhere } from 'typeorm';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import { AUTHORITY } from './authority.definition.js';
import type { CreateAuthorityDto, UpdateAuthorityDto } from './dto/authority.dto.js';
import type { ListAuthoritiesQuery } from './dto/list-authorities.query.js';
import { Authority } from './entities/authority.entity.js';

const LIST_LIMIT = 500;
/** Archived authorities (deleted while a case still refers to them) are no longer in the directory. */
const IN_DIRECTORY: FindOptionsWhere<Authority> = { archivedAt: IsNull() };

/** The directory of authorities that cases refer to. */
@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list(query: ListAuthoritiesQuery) {
    const where: FindOptionsWhere<Authority> = { ...IN_DIRECTORY };
    if (query.country) where.country = query.country;
    if (query.kind) where.kind = query.kind;
    if (query.q) where.name = ILike(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const found = await this.dataSource.manager.find(Authority, {
      where,
      order: AUTHORITY.order,
      take: LIST_LIMIT,
    });
    return { items: found.map((a) => toRecordResponse(AUTHORITY, a)) };
  }

  async get(id: string) {
    return toRecordResponse(
      AUTHORITY,
      await this.records.get(this.dataSource.manager, AUTHORITY, IN_DIRECTORY, id),
    );
  }

  create(actor: Actor, dto: CreateAuthorityDto) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(AUTHORITY, await this.records.create(m, AUTHORITY, dto)),
    );
  }

  update(actor: Actor, id: string, dto: UpdateAuthorityDto, version?: number) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(
        AUTHORITY,
        await this.records.update(m, AUTHORITY, IN_DIRECTORY, id, dto, version),
      ),
    );
  }

  async remove(actor: Actor, id: string, version?: number) {
    await this.uow.run(actor, (m) => this.records.retire(m, AUTHORITY, id, version));
  }
}
