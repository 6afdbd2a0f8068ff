import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import {
  CreateTimelineEventDto,
  TimelineEventDto,
  UpdateTimelineEventDto,
} from './timeline-event.dto.js';
import { TimelineEvent } from './timeline-event.entity.js';

export const TIMELINE_EVENT: CasePartDefinition<TimelineEvent> = {
  name: 'timeline event',
  auditType: 'timeline_event',
  plural: 'timeline events',
  path: 'timeline',
  entity: TimelineEvent,
  fields: ['caseId', 'occurredAt', 'occurredAtPrecision', 'type', 'description', 'automatic'],
  // An automatic event whose words or type the board changes becomes the board's own.
  prepare: (_m, record, existing) => {
    if (
      existing?.automatic &&
      (record.description !== existing.description || record.type !== existing.type)
    )
      record.automatic = null;
    return Promise.resolve();
  },
  order: { occurredAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
  createDto: CreateTimelineEventDto,
  updateDto: UpdateTimelineEventDto,
  responseDto: TimelineEventDto,
  ...BOARD_WRITES,
};
