import type { CasePartDefinition } from '../case-part-definition.js';
import { CreateDeadlineDto, DeadlineDto, UpdateDeadlineDto } from './deadline.dto.js';
import { Deadline } from './deadline.entity.js';

export const DEADLINE: CasePartDefinition<Deadline> = {
  name: 'deadline',
  auditType: 'deadline',
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
