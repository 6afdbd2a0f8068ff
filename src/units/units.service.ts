import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type FindOptionsWhere } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import type { CreateOrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto.js';
import { ConflictError } from '../errors/domain-errors.js';
import { OrgUnit } from './entities/org-unit.entity.js';
import { ORG_UNIT } from './org-unit.definition.js';

/** Archived units (deleted while a case still belonged to them) are no longer listed. */
const IN_DIRECTORY: FindOptionsWhere<OrgUnit> = { archivedAt: IsNull() };

/** The organisation's units (a tree): read by everyone signed in, managed by admins. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list() {
    const found = await this.records.list(this.dataSource.manager, ORG_UNIT, IN_DIRECTORY);
    return { items: found.map((u) => toRecordResponse(ORG_UNIT, u)) };
  }

  async get(id: string) {
    return toRecordResponse(
      ORG_UNIT,
      await this.records.get(this.dataSource.manager, ORG_UNIT, IN_DIRECTORY, id),
    );
  }

  create(actor: Actor, dto: CreateOrgUnitDto) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(ORG_UNIT, await this.records.create(m, ORG_UNIT, dto)),
    );
  }

  update(actor: Actor, id: string, dto: UpdateOrgUnitDto, version?: number) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(
        ORG_UNIT,
        await this.records.update(m, ORG_UNIT, IN_DIRECTORY, id, dto, version),
      ),
    );
  }

  /**
   * Refused (409 in-use) while sub-units, which admins see, are below it. A unit that cases belong
   * to is archived instead of deleted, with the same answer: admins see no case, and the answer
   * must not tell them that one, perhaps restricted, exists.
   */
  async remove(actor: Actor, id: string, version?: number) {
    await this.uow.run(actor, async (m) => {
      await this.records.retire(m, ORG_UNIT, id, version, async () => {
        const [below]: unknown[] = await m.query(
          'SELECT 1 FROM org_units WHERE parent_id = $1 AND archived_at IS NULL LIMIT 1',
          [id],
        );
        if (below)
          throw new ConflictError(
            'in-use',
            'This unit still has sub-units; move or remove them first.',
          );
      });
    });
  }
}
