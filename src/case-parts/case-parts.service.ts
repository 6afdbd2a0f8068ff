import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAccessService } from '../cases/case-access.service.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { toRecordResponse } from '../records/record.mapper.js';
import type { RecordData } from '../records/record-definition.js';
import { RecordsService } from '../records/records.service.js';
import type { CasePartDefinition } from './case-part-definition.js';
import type { CasePartBase } from './entities/case-part-base.js';

/** The parts of a case (targets, affected systems, …), each a sub-resource of its case. */
@Injectable()
export class CasePartsService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
  ) {}

  async list(def: CasePartDefinition, caseId: string) {
    const manager = this.dataSource.manager;
    await this.access.requireVisible(manager, caseId, 'read');
    const parts = await this.records.list(manager, def, { caseId });
    return { items: parts.map((p) => toRecordResponse(def, p)) };
  }

  async get(def: CasePartDefinition, caseId: string, id: string) {
    await this.access.requireVisible(this.dataSource.manager, caseId, 'read');
    return toRecordResponse(
      def,
      await this.records.get(this.dataSource.manager, def, { caseId }, id),
    );
  }

  create(def: CasePartDefinition, caseId: string, dto: object) {
    return this.records.transaction(async (m) => {
      await this.touchCase(m, caseId);
      const created = await this.records.create(m, def, {
        ...dto,
        caseId,
      } as RecordData<CasePartBase>);
      if (def.restrictsCase) await this.access.restrict(m, caseId);
      return toRecordResponse(def, created);
    });
  }

  update(def: CasePartDefinition, caseId: string, id: string, dto: object, version?: number) {
    return this.records.transaction(async (m) => {
      await this.touchCase(m, caseId);
      return toRecordResponse(def, await this.records.update(m, def, { caseId }, id, dto, version));
    });
  }

  async remove(def: CasePartDefinition, caseId: string, id: string, version?: number) {
    await this.records.transaction(async (m) => {
      await this.touchCase(m, caseId);
      await this.records.remove(m, def, { caseId }, id, version);
    });
  }

  /**
   * Marks the case as changed (for "recently updated" lists) and locks its row, so that rules
   * spanning a case and its parts (nothing handed over vs disclosures) are checked one writer at a time.
   */
  private async touchCase(manager: EntityManager, caseId: string) {
    await this.access.requireVisible(manager, caseId, 'write');
    const rows: unknown[] = await manager.query(
      'WITH touched AS (UPDATE cases SET updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM touched',
      [caseId],
    );
    if (rows.length === 0) throw new NotFoundError('case', caseId);
  }
}
