import type { EntityManager } from 'typeorm';
import { ConflictError, type FieldError } from '../errors/domain-errors.js';
import { Case } from '../cases/entities/case.entity.js';
import type { CasePartDefinition } from './case-part-definition.js';
import {
  AffectedSystemDto,
  CreateAffectedSystemDto,
  UpdateAffectedSystemDto,
} from './dto/affected-system.dto.js';
import {
  CaseAuthorityDto,
  CreateCaseAuthorityDto,
  UpdateCaseAuthorityDto,
} from './dto/case-authority.dto.js';
import { CreateDeadlineDto, DeadlineDto, UpdateDeadlineDto } from './dto/deadline.dto.js';
import { CreateDisclosureDto, DisclosureDto, UpdateDisclosureDto } from './dto/disclosure.dto.js';
import { CreateGagOrderDto, GagOrderDto, UpdateGagOrderDto } from './dto/gag-order.dto.js';
import { CreateLegalBasisDto, LegalBasisDto, UpdateLegalBasisDto } from './dto/legal-basis.dto.js';
import { CreateSeizedItemDto, SeizedItemDto, UpdateSeizedItemDto } from './dto/seized-item.dto.js';
import { CreateTargetDto, TargetDto, UpdateTargetDto } from './dto/target.dto.js';
import {
  CreateTimelineEventDto,
  TimelineEventDto,
  UpdateTimelineEventDto,
} from './dto/timeline-event.dto.js';
import { AffectedSystem } from './entities/affected-system.entity.js';
import { CaseAuthority } from './entities/case-authority.entity.js';
import { Deadline } from './entities/deadline.entity.js';
import { Disclosure } from './entities/disclosure.entity.js';
import { GagOrder } from './entities/gag-order.entity.js';
import { LegalBasis } from './entities/legal-basis.entity.js';
import { SeizedItem } from './entities/seized-item.entity.js';
import { Target } from './entities/target.entity.js';
import { TimelineEvent } from './entities/timeline-event.entity.js';
import { matchInventoryItem } from './inventory-match.js';
import { CreateLegalNoteDto, LegalNoteDto, UpdateLegalNoteDto } from './dto/legal-note.dto.js';
import { CreateRemedyDto, RemedyDto, UpdateRemedyDto } from './dto/remedy.dto.js';
import { LegalNote } from './entities/legal-note.entity.js';
import { Remedy } from './entities/remedy.entity.js';

/** Most parts: read by whoever reads the case, written by the board. */
const BOARD_WRITES = { read: ['cases.read'], write: ['cases.write'] } as const;

/** An error when `later` is before `earlier`, both set. */
function notBefore(
  earlier: Date | null,
  later: Date | null,
  field: string,
  earlierField: string,
): FieldError[] {
  return earlier && later && later.getTime() < earlier.getTime()
    ? [{ field, message: `must not be before ${earlierField}` }]
    : [];
}

export const CASE_AUTHORITY: CasePartDefinition<CaseAuthority> = {
  name: 'involved authority',
  plural: 'involved authorities',
  path: 'authorities',
  entity: CaseAuthority,
  fields: ['caseId', 'authorityId', 'role', 'fileNumber', 'notes'],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateCaseAuthorityDto,
  updateDto: UpdateCaseAuthorityDto,
  responseDto: CaseAuthorityDto,
  ...BOARD_WRITES,
};

export const LEGAL_BASIS: CasePartDefinition<LegalBasis> = {
  name: 'legal basis',
  plural: 'legal bases',
  path: 'legal-bases',
  entity: LegalBasis,
  fields: [
    'caseId',
    'jurisdiction',
    'citation',
    'documentType',
    'issuedAt',
    'issuedBy',
    'authorityId',
    'notes',
  ],
  order: { issuedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
  createDto: CreateLegalBasisDto,
  updateDto: UpdateLegalBasisDto,
  responseDto: LegalBasisDto,
  ...BOARD_WRITES,
};

export const TARGET: CasePartDefinition<Target> = {
  name: 'target',
  plural: 'targets',
  path: 'targets',
  entity: Target,
  fields: [
    'caseId',
    'kind',
    'value',
    'periodFrom',
    'periodUntil',
    'dataCategories',
    'existence',
    'inventoryItemId',
    'notes',
  ],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateTargetDto,
  updateDto: UpdateTargetDto,
  responseDto: TargetDto,
  ...BOARD_WRITES,
  prepare: async (manager: EntityManager, target: Target, existing: Target | undefined) => {
    const valueChanged =
      existing &&
      existing.value !== target.value &&
      existing.inventoryItemId === target.inventoryItemId;
    if (target.inventoryItemId === undefined || valueChanged) {
      target.inventoryItemId = await matchInventoryItem(manager, target.kind, target.value);
    }
    // A target that designates one of our systems exists, unless someone recorded otherwise.
    if (target.inventoryItemId && (target.existence ?? 'unknown') === 'unknown')
      target.existence = 'exists';
    return notBefore(target.periodFrom, target.periodUntil, 'periodUntil', 'periodFrom');
  },
};

export const AFFECTED_SYSTEM: CasePartDefinition<AffectedSystem> = {
  name: 'affected system',
  plural: 'affected systems',
  path: 'affected-systems',
  entity: AffectedSystem,
  fields: ['caseId', 'inventoryItemId', 'impact', 'startedAt', 'endedAt', 'usersAffected', 'notes'],
  order: { startedAt: 'ASC', id: 'ASC' },
  createDto: CreateAffectedSystemDto,
  updateDto: UpdateAffectedSystemDto,
  responseDto: AffectedSystemDto,
  ...BOARD_WRITES,
  prepare: async (_m, s) => notBefore(s.startedAt, s.endedAt, 'endedAt', 'startedAt'),
};

export const DISCLOSURE: CasePartDefinition<Disclosure> = {
  name: 'disclosure',
  plural: 'disclosures',
  path: 'disclosures',
  entity: Disclosure,
  fields: [
    'caseId',
    'dataCategory',
    'description',
    'accountsCount',
    'itemsCount',
    'handedOverAt',
    'recipientAuthorityId',
    'recipient',
    'handoverReference',
    'sha256',
  ],
  order: { handedOverAt: 'ASC', id: 'ASC' },
  createDto: CreateDisclosureDto,
  updateDto: UpdateDisclosureDto,
  responseDto: DisclosureDto,
  ...BOARD_WRITES,
  prepare: async (manager, d, existing) => {
    if (!existing) {
      const parent = await manager.findOne(Case, {
        where: { id: d.caseId },
        select: { id: true, nothingHandedOver: true },
      });
      if (parent?.nothingHandedOver) {
        throw new ConflictError(
          'nothing-handed-over',
          'The case records that nothing was handed over. Set nothingHandedOver to false on the case before adding a disclosure.',
        );
      }
    }
    d.sha256 = d.sha256 ? d.sha256.toLowerCase() : d.sha256;
  },
};

export const SEIZED_ITEM: CasePartDefinition<SeizedItem> = {
  name: 'seized item',
  plural: 'seized items',
  path: 'seized-items',
  entity: SeizedItem,
  fields: [
    'caseId',
    'description',
    'serialNumber',
    'diskHashes',
    'inOfficialInventory',
    'inventoryItemId',
    'seizedAt',
    'returnedAt',
    'conditionOnReturn',
  ],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateSeizedItemDto,
  updateDto: UpdateSeizedItemDto,
  responseDto: SeizedItemDto,
  ...BOARD_WRITES,
  prepare: async (_m, item) => notBefore(item.seizedAt, item.returnedAt, 'returnedAt', 'seizedAt'),
};

export const TIMELINE_EVENT: CasePartDefinition<TimelineEvent> = {
  name: 'timeline event',
  plural: 'timeline events',
  path: 'timeline',
  entity: TimelineEvent,
  fields: ['caseId', 'occurredAt', 'type', 'description'],
  order: { occurredAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
  createDto: CreateTimelineEventDto,
  updateDto: UpdateTimelineEventDto,
  responseDto: TimelineEventDto,
  ...BOARD_WRITES,
};

export const DEADLINE: CasePartDefinition<Deadline> = {
  name: 'deadline',
  plural: 'deadlines',
  path: 'deadlines',
  entity: Deadline,
  fields: ['caseId', 'kind', 'dueAt', 'doneAt', 'notes'],
  order: { dueAt: 'ASC', id: 'ASC' },
  createDto: CreateDeadlineDto,
  updateDto: UpdateDeadlineDto,
  responseDto: DeadlineDto,
  read: ['cases.read'],
  write: ['cases.write', 'legal.write'],
};

export const GAG_ORDER: CasePartDefinition<GagOrder> = {
  name: 'gag order',
  plural: 'gag orders',
  path: 'gag-orders',
  entity: GagOrder,
  fields: ['caseId', 'legalBasis', 'binding', 'until', 'reviewAt', 'liftedAt', 'notes'],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateGagOrderDto,
  updateDto: UpdateGagOrderDto,
  responseDto: GagOrderDto,
  ...BOARD_WRITES,
  restrictsCase: true,
};

export const LEGAL_NOTE: CasePartDefinition<LegalNote> = {
  name: 'legal note',
  plural: 'legal notes',
  path: 'legal-notes',
  entity: LegalNote,
  fields: ['caseId', 'topic', 'body', 'authorId'],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateLegalNoteDto,
  updateDto: UpdateLegalNoteDto,
  responseDto: LegalNoteDto,
  // Privileged: lawyers write them; lawyers and the board read them; auditors do not.
  read: ['legal.read'],
  write: ['legal.write'],
  prepare: async (_m, note, existing, actor) => {
    if (!existing) note.authorId = actor?.userId ?? null;
  },
};

export const REMEDY: CasePartDefinition<Remedy> = {
  name: 'remedy',
  plural: 'remedies',
  path: 'remedies',
  entity: Remedy,
  fields: ['caseId', 'kind', 'legalBasis', 'filedAt', 'decidedAt', 'result', 'notes'],
  order: { filedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
  createDto: CreateRemedyDto,
  updateDto: UpdateRemedyDto,
  responseDto: RemedyDto,
  read: ['cases.read'],
  write: ['legal.write', 'cases.write'],
  prepare: async (_m, r) => notBefore(r.filedAt, r.decidedAt, 'decidedAt', 'filedAt'),
};

export const CASE_PARTS = [
  CASE_AUTHORITY,
  LEGAL_BASIS,
  TARGET,
  AFFECTED_SYSTEM,
  DISCLOSURE,
  SEIZED_ITEM,
  TIMELINE_EVENT,
  DEADLINE,
  GAG_ORDER,
  LEGAL_NOTE,
  REMEDY,
] as unknown as readonly CasePartDefinition[];
