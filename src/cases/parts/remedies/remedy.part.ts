import type { CasePartDefinition } from '../case-part-definition.js';
import { notBefore } from '../not-before.js';
import { CreateRemedyDto, RemedyDto, UpdateRemedyDto } from './remedy.dto.js';
import { Remedy } from './remedy.entity.js';

export const REMEDY: CasePartDefinition<Remedy> = {
  name: 'remedy',
  auditType: 'remedy',
  plural: 'remedies',
  path: 'remedies',
  entity: Remedy,
  fields: [
    'caseId',
    'kind',
    'legalBasis',
    'filedAt',
    'filedAtPrecision',
    'decidedAt',
    'decidedAtPrecision',
    'result',
    'notes',
  ],
  order: { filedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
  createDto: CreateRemedyDto,
  updateDto: UpdateRemedyDto,
  responseDto: RemedyDto,
  read: ['cases.read'],
  write: ['legal.write', 'cases.write'],
  prepare: async (_m, r) => notBefore(r.filedAt, r.decidedAt, 'decidedAt', 'filedAt'),
};
