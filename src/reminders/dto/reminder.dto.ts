import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DEADLINE_KINDS } from '../../domain/vocabulary.js';
import { REMINDER_MODES, type ReminderMode } from '../reminders.repository.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export const DELIVERIES = ['immediate', 'digest', 'none', 'mail_off'] as const;

export class SetReminderModeDto {
  @ApiProperty({
    enum: REMINDER_MODES,
    description:
      'immediate: every reminder by mail at once; digest: one mail a day, emergencies at once; none: in the app only.',
  })
  @IsIn(REMINDER_MODES, { message: `must be one of: ${REMINDER_MODES.join(', ')}` })
  mode: ReminderMode;
}

class CalendarFeedStateDto {
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
}

export class ReminderPreferencesDto {
  @ApiProperty({ enum: REMINDER_MODES }) mode: ReminderMode;
  @ApiProperty({ description: 'False: no SMTP_URL; reminders are shown in the app only.' })
  mailEnabled: boolean;
  @ApiProperty({ type: CalendarFeedStateDto }) calendarFeed: CalendarFeedStateDto;
}

export class ReminderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) deadlineId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseReference: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) rule: string | null;
  @ApiProperty({ description: 'The deadline was due (or overdue) when reminded.' })
  overdue: boolean;
  @ApiProperty({
    type: 'integer',
    description: 'Minutes before due at which this reminder went out (0: due).',
  })
  leadMinutes: number;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() emergency: boolean;
  @ApiProperty({ enum: DELIVERIES }) delivery: string;
  @ApiProperty({
    enum: OUTBOX_STATUSES,
    nullable: true,
    description: 'The mail, if one was written.',
  })
  mailStatus: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReminderListDto {
  @ApiProperty({ type: ReminderDto, isArray: true }) items: ReminderDto[];
}

export class OutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `must be one of: ${OUTBOX_STATUSES.join(', ')}` })
  status?: (typeof OUTBOX_STATUSES)[number];
}

export class OutboxMailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['reminder', 'digest'] }) kind: string;
  @ApiProperty() recipient: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed.' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class OutboxListDto {
  @ApiProperty() mailEnabled: boolean;
  @ApiProperty({ type: OutboxMailDto, isArray: true }) items: OutboxMailDto[];
}

export class CalendarFeedDto {
  @ApiProperty({ description: 'The secret feed URL; shown once, anyone with it reads the feed.' })
  url: string;
}
