import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import type { CreateOrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto.js';
import { ORG_UNIT } from './org-unit.definition.js';

/** The organisation's units (a tree): read by everyone signed in, managed by admins. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list() {
    const found = await this.records.list(this.dataSource.manager, ORG_UNIT, {});
    return { items: found.map((u) => toRecordResponse(ORG_UNIT, u)) };
  }

  async get(id: string) {
    return toRecordResponse(
      ORG_UNIT,
      await this.records.get(this.dataSource.manager, ORG_UNIT, {}, id),
    );
  }

  create(actor: Actor, dto: CreateOrgUnitDto) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(ORG_UNIT, await this.records.create(m, ORG_UNIT, dto)),
    );
  }

  update(actor: Actor, id: string, dto: UpdateOrgUnitDto, version?: number) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(ORG_UNIT, await this.records.update(m, ORG_UNIT, {}, id, dto, version)),
    );
  }

  /** Refused (409 in-use) while cases or sub-units belong to the unit: nothing is orphaned. */
  async remove(actor: Actor, id: string, version?: number) {
    await this.uow.run(actor, (m) => this.records.remove(m, ORG_UNIT, {}, id, version));
  }
}
