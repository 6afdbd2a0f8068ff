import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { settleEndState } from '../end-state.js';
import { notBefore } from '../not-before.js';
import {
  AffectedSystemDto,
  CreateAffectedSystemDto,
  UpdateAffectedSystemDto,
} from './affected-system.dto.js';
import { AffectedSystem } from './affected-system.entity.js';

export const AFFECTED_SYSTEM: CasePartDefinition<AffectedSystem> = {
  name: 'affected system',
  auditType: 'affected_system',
  plural: 'affected systems',
  path: 'affected-systems',
  entity: AffectedSystem,
  fields: [
    'caseId',
    'inventoryItemId',
    'impact',
    'startedAt',
    'startedAtPrecision',
    'endedAt',
    'endedAtPrecision',
    'endState',
    'usersAffected',
    'dataVolumeBytes',
    'notes',
  ],
  order: { startedAt: 'ASC', id: 'ASC' },
  createDto: CreateAffectedSystemDto,
  updateDto: UpdateAffectedSystemDto,
  responseDto: AffectedSystemDto,
  ...BOARD_WRITES,
  prepare: async (_m, s, existing) => [
    ...settleEndState(s, existing, 'endedAt', 'endState'),
    ...notBefore(s.startedAt, s.endedAt, 'endedAt', 'startedAt'),
  ],
};
