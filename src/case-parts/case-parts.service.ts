import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
  ) {}

  async list(def: CasePartDefinition, caseId: string) {
    const manager = this.dataSource.manager;
    await this.requireCase(manager, caseId);
    const parts = await this.records.list(manager, def, { caseId });
    return { items: parts.map((p) => toRecordResponse(def, p)) };
  }

  async get(def: CasePartDefinition, caseId: string, id: string) {
    return toRecordResponse(def, await this.records.get(this.dataSource.manager, def, { caseId }, id));
  }

  create(def: CasePartDefinition, caseId: string, dto: object) {
    return this.records.transaction(async (m) => {
      await this.touchCase(m, caseId);
      const created = await this.records.create(m, def, { ...dto, caseId } as RecordData<CasePartBase>);
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

  private async requireCase(manager: EntityManager, caseId: string) {
    const rows: unknown[] = await manager.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
    if (rows.length === 0) throw new NotFoundError('case', caseId);
  }

  /**
   * Marks the case as changed (for "recently updated" lists) and locks its row, so that rules
   * spanning a case and its parts (nothing handed over vs disclosures) are checked one writer at a time.
   */
  private async touchCase(manager: EntityManager, caseId: string) {
    const rows: unknown[] = await manager.query(
      'WITH touched AS (UPDATE cases SET updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM touched',
      [caseId],
    );
    if (rows.length === 0) throw new NotFoundError('case', caseId);
  }
}
