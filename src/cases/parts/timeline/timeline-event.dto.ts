import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumField,
  PrecisionField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import {
  AUTOMATIC_EVENT_KINDS,
  CASE_STATUSES,
  CHANNELS,
  TIMELINE_EVENT_TYPES,
  type AutomaticEventKind,
  type CaseStatus,
  type Channel,
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

/** An event the service wrote itself: documents and the web app word it in their language. */
export class AutomaticEventDto {
  @ApiProperty({ enum: AUTOMATIC_EVENT_KINDS })
  kind: AutomaticEventKind;

  @ApiPropertyOptional({
    enum: CHANNELS,
    nullable: true,
    description: 'request_received: how it came.',
  })
  channel?: Channel | null;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'status_changed: the status before.' })
  from?: CaseStatus;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'status_changed: the status after.' })
  to?: CaseStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'status_changed: why.' })
  note?: string | null;
}

export class TimelineEventDto extends IntersectionType(CasePartMetaDto, CreateTimelineEventDto) {
  @ApiProperty({
    type: AutomaticEventDto,
    nullable: true,
    description:
      'Set when the service wrote the event (receipt, status changes): its kind and parameters. ' +
      '`description` then holds the English wording; changing the description or type makes it ' +
      "the board's own event (null).",
  })
  automatic: AutomaticEventDto | null;
}
