import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { CaseAccessService } from '../case-access.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { NotFoundError } from '../../errors/domain-errors.js';
import { toRecordResponse } from '../../records/record.mapper.js';
import type { RecordData } from '../../records/record-definition.js';
import { RecordsService } from '../../records/records.service.js';
import type { CasePartBase } from './case-part-base.entity.js';
import type { CasePartDefinition } from './case-part-definition.js';
import { LegalClocksService } from '../legal-clocks/legal-clocks.service.js';

/** The lookup scope of one case's parts. */
export const ofCase = <E extends CasePartBase>(caseId: string) =>
  ({ caseId }) as FindOptionsWhere<E>;

/** The parts of a case (targets, affected systems, …), each a sub-resource of its case. */
@Injectable()
export class CasePartsService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccessService,
    private readonly clocks: LegalClocksService,
  ) {}

  async list<E extends CasePartBase>(actor: Actor, def: CasePartDefinition<E>, caseId: string) {
    const manager = this.dataSource.manager;
    await this.access.requireVisible(manager, actor, caseId, 'read');
    const parts = await this.records.list(manager, def, ofCase<E>(caseId));
    return { items: parts.map((p) => toRecordResponse(def, p)) };
  }

  async get<E extends CasePartBase>(
    actor: Actor,
    def: CasePartDefinition<E>,
    caseId: string,
    id: string,
  ) {
    await this.access.requireVisible(this.dataSource.manager, actor, caseId, 'read');
    return toRecordResponse(
      def,
      await this.records.get(this.dataSource.manager, def, ofCase<E>(caseId), id),
    );
  }

  create<E extends CasePartBase>(
    actor: Actor,
    def: CasePartDefinition<E>,
    caseId: string,
    dto: RecordData<E>,
  ) {
    return this.uow.run(actor, async (m) => {
      await this.touchCase(m, actor, caseId);
      const created = await this.records.create(m, def, { ...dto, caseId });
      if (def.restrictsCase) await this.access.restrict(m, actor, caseId);
      if (def.restrictsCase) await this.clocks.recompute(m, caseId);
      return toRecordResponse(def, created);
    });
  }

  update<E extends CasePartBase>(
    actor: Actor,
    def: CasePartDefinition<E>,
    caseId: string,
    id: string,
    dto: RecordData<E>,
    version?: number,
  ) {
    return this.uow.run(actor, async (m) => {
      await this.touchCase(m, actor, caseId);
      const updated = await this.records.update(m, def, ofCase<E>(caseId), id, dto, version);
      if (def.restrictsCase) await this.access.restrictWhileGagged(m, actor, caseId);
      if (def.restrictsCase) await this.clocks.recompute(m, caseId);
      return toRecordResponse(def, updated);
    });
  }

  async remove<E extends CasePartBase>(
    actor: Actor,
    def: CasePartDefinition<E>,
    caseId: string,
    id: string,
    version?: number,
  ) {
    await this.uow.run(actor, async (m) => {
      await this.touchCase(m, actor, caseId);
      await this.records.remove(m, def, ofCase<E>(caseId), id, version);
      // Gag orders are facts the legal clocks count from (review, end, user notification).
      if (def.restrictsCase) await this.clocks.recompute(m, caseId);
    });
  }

  /**
   * Marks the case as changed (for "recently updated" lists) and locks its row, so that rules
   * spanning a case and its parts (case-invariants.ts) are checked one writer at a time.
   */
  private async touchCase(manager: EntityManager, actor: Actor, caseId: string) {
    await this.access.requireVisible(manager, actor, caseId, 'write');
    const rows: unknown[] = await manager.query(
      'WITH touched AS (UPDATE cases SET updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM touched',
      [caseId],
    );
    if (rows.length === 0) throw new NotFoundError('case', caseId);
  }
}
