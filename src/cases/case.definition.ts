import { refuseNothingHandedOverWithDisclosures } from './parts/case-invariants.js';
import type { RecordDefinition } from '../records/record-definition.js';
import { Case } from './entities/case.entity.js';

export const CASE: RecordDefinition<Case> = {
  name: 'case',
  auditType: 'case',
  entity: Case,
  fields: [
    'reference',
    'title',
    'summary',
    'requestType',
    'channel',
    'emergency',
    'receivedAt',
    'receivedAtPrecision',
    'status',
    'outcome',
    'nothingHandedOver',
    'embargoUntil',
    'userNotificationRequired',
    'userNotifiedAt',
    'userNotificationDelayReason',
    'restricted',
    'voidReason',
    'defects',
    'defectOutcome',
    'unitId',
    'preservationExtendedAt',
    'preservationExtensionReason',
  ],
  order: { receivedAt: 'DESC', id: 'DESC' },
  prepare: async (manager, c, existing) => {
    if (c.nothingHandedOver && !existing?.nothingHandedOver && existing)
      await refuseNothingHandedOverWithDisclosures(manager, c.id);
  },
};
