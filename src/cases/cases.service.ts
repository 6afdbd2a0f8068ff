import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorCan, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccessService, type CaseVisibility } from './case-access.service.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import {
  AFFECTED_SYSTEM,
  CASE_AUTHORITY,
  DEADLINE,
  DISCLOSURE,
  GAG_ORDER,
  LEGAL_BASIS,
  LEGAL_NOTE,
  MEASURE,
  REMEDY,
  SEIZED_ITEM,
  TARGET,
  TIMELINE_EVENT,
} from './parts/case-parts.js';
import { gagInForce } from '../domain/withheld.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../errors/domain-errors.js';
import type { AuthorityKind } from '../domain/vocabulary.js';
import { toRecordResponse } from '../records/record.mapper.js';
import type { RecordData } from '../records/record-definition.js';
import { RecordsService } from '../records/records.service.js';
import { CASE } from './case.definition.js';
import { LegalClocksService } from './legal-clocks/legal-clocks.service.js';
import { localDateOf } from './legal-clocks/calendar-time.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { unitPath } from '../units/unit-tree.js';
import type { CaseFileView } from './case-file.view.js';
import { impactFigures } from './case-file.mapper.js';
import { STATUS_TRANSITIONS, canTransition, statusChange, voidable } from './case-status.js';
import { CasesRepository, caseListItem } from './cases.repository.js';
import type {
  ChangeStatusDto,
  CreateCaseDto,
  ExtendPreservationDto,
  UpdateCaseDto,
  VoidCaseDto,
} from './dto/case.dto.js';
import { EPOC_PR_EXTENSION_DAYS } from './legal-clocks/legal-clock-rules.js';
import { MAX_PAGE_SIZE, type ListCasesQuery } from './dto/list-cases.query.js';
import type { Case } from './entities/case.entity.js';

const DEFAULT_PAGE_SIZE = 50;
const OPEN_DEADLINES_LIMIT = 500;

@Injectable()
export class CasesService {
  constructor(
    private readonly records: RecordsService,
    private readonly repository: CasesRepository,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly access: CaseAccessService,
    private readonly clocks: LegalClocksService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: ListCasesQuery) {
    const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repository.list(
      query,
      cursor,
      limit,
      this.clock.now(),
      actor.userId,
      actorCan(actor, 'legal.read'),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(caseListItem),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ value: last.sort_value, id: last.id }) : null,
    };
  }

  async openDeadlines(actor: Actor, overdueOnly: boolean) {
    const now = this.clock.now();
    const rows = await this.repository.openDeadlines(
      now,
      overdueOnly,
      OPEN_DEADLINES_LIMIT,
      actor.userId,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseReference: r.reference,
        caseTitle: r.title,
        kind: r.kind,
        rule: r.rule,
        dueAt: r.due_at.toISOString(),
        overdue: r.due_at.getTime() < now.getTime(),
        notes: r.notes,
      })),
    };
  }

  /** The whole case file: the case, every part, and the computed impact figures. */
  async get(actor: Actor, id: string): Promise<CaseFileView> {
    return this.load(actor, id, true);
  }

  /**
   * The case file; with `checkAccess` (a read) the access check is read in the same round trip
   * and decided before anything is used. Without: the answer to a write, which checked access
   * itself (and is no read of a restricted case to record).
   */
  private async load(actor: Actor, id: string, checkAccess = false): Promise<CaseFileView> {
    // All reads on one connection: a case file must not hold half the pool.
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await this.caseFile(runner.manager, actor, id, checkAccess);
    } finally {
      await runner.release();
    }
  }

  private async caseFile(
    manager: EntityManager,
    actor: Actor,
    id: string,
    checkAccess: boolean,
  ): Promise<CaseFileView> {
    // Privileged: only for roles that may read legal notes; nobody signed in may not.
    const privileged = actorCan(actor, 'legal.read');
    const ofThisCase = { caseId: id };
    // One round trip for the case, its parts and the names they refer to.
    const {
      records: [
        [found],
        involved,
        legalBases,
        measures,
        targets,
        affected,
        disclosures,
        seized,
        timeline,
        deadlines,
        gags,
        remedies,
        notes,
      ],
      extras: [systemNamesById, authoritiesById, ownersById, visibility],
    } = await this.records.listMany(
      manager,
      [
        { def: CASE, where: { id } },
        { def: CASE_AUTHORITY, where: ofThisCase },
        { def: LEGAL_BASIS, where: ofThisCase },
        { def: MEASURE, where: ofThisCase },
        { def: TARGET, where: ofThisCase },
        { def: AFFECTED_SYSTEM, where: ofThisCase },
        { def: DISCLOSURE, where: ofThisCase },
        { def: SEIZED_ITEM, where: ofThisCase },
        { def: TIMELINE_EVENT, where: ofThisCase },
        { def: DEADLINE, where: ofThisCase },
        { def: GAG_ORDER, where: ofThisCase },
        { def: REMEDY, where: ofThisCase },
        // Read for everyone in the same statement, shown only to the privileged (below).
        { def: LEGAL_NOTE, where: ofThisCase },
      ] as const,
      [
        this.repository.inventoryNamesOf(id),
        this.repository.authorityNamesOf(id),
        this.repository.inventoryOwnersOf(id),
        ...(checkAccess ? [this.access.visibilityOf(id, actor.userId)] : []),
      ],
    );
    if (checkAccess)
      await this.access.admit(actor, id, (visibility as CaseVisibility | null) ?? null, 'read');
    if (!found) throw new NotFoundError(CASE.name, id);
    const systemNames = new Map(Object.entries(systemNamesById as Record<string, string>));
    const owners = new Map(Object.entries(ownersById as Record<string, string>));
    const authorityNames = new Map(
      Object.entries(
        authoritiesById as Record<string, { name: string; kind: AuthorityKind; country: string }>,
      ),
    );
    const now = this.clock.now();
    const isPast = (d: Date | null) => d !== null && d.getTime() < now.getTime();
    return {
      ...toRecordResponse(CASE, found),
      authorities: involved.map((a) => ({
        ...toRecordResponse(CASE_AUTHORITY, a),
        authority: a.authorityId ? (authorityNames.get(a.authorityId) ?? null) : null,
      })),
      legalBases: legalBases.map((l) => toRecordResponse(LEGAL_BASIS, l)),
      measures: measures.map((m) => ({
        ...toRecordResponse(MEASURE, m),
        orderedBy: m.orderedById ? (authorityNames.get(m.orderedById) ?? null) : null,
        executedBy: m.executedById ? (authorityNames.get(m.executedById) ?? null) : null,
      })),
      unit: found.unitId ? await this.unit(manager, found.unitId) : null,
      targets: targets.map((t) => toRecordResponse(TARGET, t)),
      affectedSystems: affected.map((a) => ({
        ...toRecordResponse(AFFECTED_SYSTEM, a),
        owner: owners.get(a.inventoryItemId) ?? null,
      })),
      disclosures: disclosures.map((d) => toRecordResponse(DISCLOSURE, d)),
      seizedItems: seized.map((i) => toRecordResponse(SEIZED_ITEM, i)),
      timeline: timeline.map((e) => toRecordResponse(TIMELINE_EVENT, e)),
      deadlines: deadlines.map((d) => ({
        ...toRecordResponse(DEADLINE, d),
        overdue: d.doneAt === null && isPast(d.dueAt),
      })),
      gagOrders: gags.map((g) => ({
        ...toRecordResponse(GAG_ORDER, g),
        // In force as the reports and public routes see it: not (yet) lifted, not expired.
        active: gagInForce(g, now),
      })),
      remedies: remedies.map((r) => toRecordResponse(REMEDY, r)),
      // Privileged: present only for roles that may read legal notes (not auditors).
      ...(privileged ? { legalNotes: notes.map((n) => toRecordResponse(LEGAL_NOTE, n)) } : {}),
      impact: impactFigures(
        targets,
        affected,
        disclosures,
        found.nothingHandedOver,
        systemNames,
        now,
      ),
    };
  }

  /** The case's unit with its path from the top down, as the case file and documents show it. */
  private async unit(manager: EntityManager, id: string) {
    const path = await unitPath(manager, id);
    return { id, name: path[path.length - 1] ?? '', path };
  }

  async create(actor: Actor, dto: CreateCaseDto) {
    const { authorities = [], reference, ...fields } = dto;
    const id = await this.uow.run(actor, async (m) => {
      // The year of the reference is the organisation's (ORG_TIME_ZONE): a request received on
      // 31 December at 23:30 in Berlin belongs to that year, not to the next one as in UTC.
      const year = localDateOf(new Date(fields.receivedAt), this.config.timeZone).year;
      if (reference !== undefined) await this.refuseTakenReference(m, actor, reference, null);
      const ref =
        reference ??
        (fields.restricted
          ? await this.repository.nextRestrictedReference(m, year)
          : await this.repository.nextOpenReference(m, year));
      const created = await this.records.create(m, CASE, {
        ...fields,
        reference: ref,
        status: 'received',
      });
      // Whoever logs a case is a member of it, so restricting it later never locks them out.
      if (actor.userId) await this.access.addMember(m, actor, created.id, actor.userId);
      for (const involved of authorities) {
        await this.records.create(m, CASE_AUTHORITY, { ...involved, caseId: created.id });
      }
      await this.records.create(m, TIMELINE_EVENT, {
        caseId: created.id,
        occurredAt: created.receivedAt,
        occurredAtPrecision: created.receivedAtPrecision,
        type: 'received',
        automatic: { kind: 'request_received', channel: created.channel ?? null },
        description: `Request received${created.channel ? ` (${created.channel.replace('_', ' ')})` : ''}.`,
      });
      await this.clocks.recompute(m, created.id);
      return created.id;
    });
    return this.load(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateCaseDto, version?: number) {
    await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, id, 'write');
      if (dto.reference !== undefined) await this.refuseTakenReference(m, actor, dto.reference, id);
      const updated = await this.records.update(m, CASE, {}, id, dto, version);
      if (dto.restricted) await this.access.restrict(m, actor, updated.id);
      // The row is locked by the update: a gag recorded meanwhile waits, then restricts again.
      if (dto.restricted === false && (await this.access.underGag(m, id)))
        throw new ConflictError(
          'gag-in-force',
          'The case is under a gag order in force, so it stays restricted. Record when the gag was lifted (or let it expire) first.',
          [{ field: 'restricted', message: 'cannot be false while a gag order is in force' }],
        );
      await this.clocks.recompute(m, id);
    });
    return this.load(actor, id);
  }

  /**
   * References are unique among open cases (the database's rule) and among the cases the caller
   * can see (this check); a restricted case the caller cannot see never makes a reference taken.
   */
  private async refuseTakenReference(
    m: EntityManager,
    actor: Actor,
    reference: string,
    caseId: string | null,
  ) {
    if (await this.repository.referenceTakenFor(m, reference, caseId, actor.userId))
      throw new ConflictError('duplicate', 'A record with this reference already exists.', [
        { field: 'reference', message: 'already exists' },
      ]);
  }

  /** Moves the case along its lifecycle; the change is recorded as data (status history) and written to the timeline. */
  async changeStatus(actor: Actor, id: string, dto: ChangeStatusDto, version?: number) {
    await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, id, 'write');
      const current = await this.records.get(m, CASE, {}, id, true);
      if (!canTransition(current.status, dto.status)) {
        const allowed = STATUS_TRANSITIONS[current.status];
        throw new ConflictError(
          'invalid-transition',
          `A case cannot go from ${current.status} to ${dto.status}; from ${current.status} it can go to ${allowed.join(', ')}.`,
          [{ field: 'status', message: `not allowed from ${current.status}` }],
        );
      }
      const changes: RecordData<Case> = statusChange(dto.status, current.outcome);
      await this.records.update(m, CASE, {}, id, changes, version);
      const changedAt = dto.occurredAt ?? this.clock.now();
      await this.repository.recordStatusChange(m, {
        caseId: id,
        from: current.status,
        to: dto.status,
        changedAt,
        actorId: actor.userId,
      });
      await this.records.create(m, TIMELINE_EVENT, {
        caseId: id,
        occurredAt: changedAt,
        type: 'status_changed',
        automatic: {
          kind: 'status_changed',
          from: current.status,
          to: dto.status,
          note: dto.note ?? null,
        },
        description: `Status changed from ${current.status} to ${dto.status}${dto.note ? `: ${dto.note}` : '.'}`,
      });
    });
    return this.load(actor, id);
  }

  /**
   * Voids a case recorded in error (not the authority's withdrawal): status void with the reason,
   * kept with its parts and audit trail, left out of every report, list, publication and the
   * public routes. Audited as action `void`; the status change is recorded as data too.
   */
  async voidCase(actor: Actor, id: string, dto: VoidCaseDto, version?: number) {
    await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, id, 'write');
      const current = await this.records.get(m, CASE, {}, id, true);
      if (!voidable(current.status))
        throw new ConflictError('already-void', 'The case is void already.', [
          { field: 'status', message: 'already void' },
        ]);
      await this.records.update(
        m,
        CASE,
        {},
        id,
        { status: 'void', voidReason: dto.reason },
        version,
      );
      await this.repository.recordStatusChange(m, {
        caseId: id,
        from: current.status,
        to: 'void',
        changedAt: this.clock.now(),
        actorId: actor.userId,
      });
      await this.audit.record(m, {
        action: 'void',
        entityType: 'case',
        entityId: id,
        caseId: id,
        details: { reason: dto.reason, statusBefore: current.status },
      });
    });
    return this.load(actor, id);
  }

  /**
   * The issuing authority extends a preservation order (EPOC-PR) by 30 days, once, within its 60
   * days (Regulation (EU) 2023/1543 Art. 11(1)): recorded on the case with the reason, audited,
   * and the legal clock's deadline moves to day 90.
   */
  async extendPreservation(actor: Actor, id: string, dto: ExtendPreservationDto, version?: number) {
    await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, id, 'write');
      const current = await this.records.get(m, CASE, {}, id, true);
      if (current.status === 'void')
        throw new ConflictError('case-void', 'The case is void: nothing runs for it.', [
          { field: 'status', message: 'void' },
        ]);
      if (current.requestType !== 'e_evidence_preservation_order')
        throw new ConflictError(
          'not-a-preservation-order',
          'Only a preservation order (EPOC-PR) can be extended.',
          [{ field: 'requestType', message: 'must be e_evidence_preservation_order' }],
        );
      if (current.preservationExtendedAt)
        throw new ConflictError(
          'already-extended',
          'The preservation order was extended already; the regulation allows it once.',
          [{ field: 'preservationExtendedAt', message: 'already set' }],
        );
      const receivedAt = new Date(current.receivedAt);
      const extendedAt = dto.extendedAt ? new Date(dto.extendedAt) : this.clock.now();
      const dueBefore = this.clocks.dueAt({ days: 60 }, receivedAt);
      if (extendedAt < receivedAt)
        throw new ValidationFailedError([
          { field: 'extendedAt', message: 'must not be before the order was received' },
        ]);
      if (extendedAt > dueBefore)
        throw new ConflictError(
          'preservation-expired',
          'The 60 days of the preservation order are over; it can no longer be extended.',
          [{ field: 'extendedAt', message: 'after the end of the 60 days' }],
        );
      await this.records.update(
        m,
        CASE,
        {},
        id,
        { preservationExtendedAt: extendedAt, preservationExtensionReason: dto.reason },
        version,
      );
      await this.clocks.recompute(m, id);
      await this.audit.record(m, {
        action: 'preservation_extended',
        entityType: 'case',
        entityId: id,
        caseId: id,
        details: {
          extendedAt: extendedAt.toISOString(),
          reason: dto.reason,
          days: EPOC_PR_EXTENSION_DAYS,
          dueBefore: dueBefore.toISOString(),
          dueAfter: this.clocks
            .dueAt({ days: 60 + EPOC_PR_EXTENSION_DAYS }, receivedAt)
            .toISOString(),
        },
      });
    });
    return this.load(actor, id);
  }
}
