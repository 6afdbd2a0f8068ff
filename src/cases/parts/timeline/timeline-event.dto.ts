import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumField,
  TextField,
  PrecisionField,
  TimestampField,
} from '../../../common/validators.js';
import {
  TIMELINE_EVENT_TYPES,
  type TimelineEventType,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateTimelineEventDto {
  @TimestampField({ example: '2015-01-15T11:12:00+01:00' })
  occurredAt: string;

  @PrecisionField('occurredAt')
  occurredAtPrecision?: TimePrecision;

  @EnumField(TIMELINE_EVENT_TYPES, { example: 'authority_contact' })
  type: TimelineEventType;

  @TextField({
    max: 5000,
    example: 'LKA calls: the infrastructure in Düsseldorf was taken offline.',
  })
  description: string;
}
export class UpdateTimelineEventDto extends PartialType(CreateTimelineEventDto) {}
export class TimelineEventDto extends IntersectionType(CasePartMetaDto, CreateTimelineEventDto) {}
