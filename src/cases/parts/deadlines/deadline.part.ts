import type { CasePartDefinition } from '../case-part-definition.js';
import { CreateDeadlineDto, DeadlineDto, UpdateDeadlineDto } from './deadline.dto.js';
import { Deadline } from './deadline.entity.js';

const time = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

export const DEADLINE: CasePartDefinition<Deadline> = {
  name: 'deadline',
  auditType: 'deadline',
  plural: 'deadlines',
  path: 'deadlines',
  entity: Deadline,
  fields: [
    'caseId',
    'kind',
    'dueAt',
    'doneAt',
    'dueAtPrecision',
    'doneAtPrecision',
    'notes',
    'rule',
    'ruleKey',
    'ruleDueAt',
    'overrideReason',
  ],
  order: { dueAt: 'ASC', id: 'ASC' },
  createDto: CreateDeadlineDto,
  updateDto: UpdateDeadlineDto,
  responseDto: DeadlineDto,
  read: ['cases.read'],
  write: ['cases.write', 'legal.write'],
  // A deadline a rule made moves only with a reason; a hand-made one has nothing to override.
  prepare: async (_m, d) => {
    if (!d.rule) {
      if (d.overrideReason)
        return [{ field: 'overrideReason', message: 'only for deadlines made by a rule' }];
      return;
    }
    if (time(d.dueAt) !== time(d.ruleDueAt) && !d.overrideReason?.trim())
      return [
        {
          field: 'overrideReason',
          message:
            'required to move a deadline made by a rule away from the time the rule computes',
        },
      ];
    if (time(d.dueAt) === time(d.ruleDueAt)) d.overrideReason = null;
  },
};
