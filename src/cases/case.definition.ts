import { ConflictError } from '../errors/domain-errors.js';
import type { RecordDefinition } from '../records/record-definition.js';
import { Case } from './entities/case.entity.js';

export const CASE: RecordDefinition<Case> = {
  name: 'case',
  entity: Case,
  fields: [
    'reference',
    'title',
    'summary',
    'requestType',
    'channel',
    'emergency',
    'receivedAt',
    'status',
    'outcome',
    'nothingHandedOver',
    'embargoUntil',
    'userNotificationRequired',
    'userNotifiedAt',
    'userNotificationDelayReason',
    'restricted',
  ],
  order: { receivedAt: 'DESC', id: 'DESC' },
  prepare: async (manager, c, existing) => {
    if (c.nothingHandedOver && !existing?.nothingHandedOver && existing) {
      const [row]: { n: number }[] = await manager.query(
        'SELECT count(*) AS n FROM disclosures WHERE case_id = $1',
        [c.id],
      );
      if (row.n > 0) {
        throw new ConflictError(
          'disclosures-exist',
          `The case has ${row.n} disclosure(s); remove them before recording that nothing was handed over.`,
          [{ field: 'nothingHandedOver', message: 'conflicts with recorded disclosures' }],
        );
      }
    }
  },
};
