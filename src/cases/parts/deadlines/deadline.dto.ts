import { ApiProperty, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumField,
  PrecisionField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import {
  DEADLINE_KINDS,
  type DeadlineKind,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateDeadlineDto {
  @EnumField(DEADLINE_KINDS, { example: 'complaint' })
  kind: DeadlineKind;

  @TimestampField()
  dueAt: string;

  @PrecisionField('dueAt')
  dueAtPrecision?: TimePrecision;

  @TimestampField({
    required: false,
    nullable: true,
    description: 'When it was met; null while open.',
  })
  doneAt?: string | null;

  @PrecisionField('doneAt')
  doneAtPrecision?: TimePrecision;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}

export class UpdateDeadlineDto extends PartialType(CreateDeadlineDto) {
  @TextField({
    required: false,
    nullable: true,
    max: 1000,
    description:
      'Required to move a deadline made by a rule away from the time the rule computes (ruleDueAt); null together with dueAt = ruleDueAt undoes the override.',
  })
  overrideReason?: string | null;
}

/** Read-only fields of a deadline: which rule made it and what that rule computes. */
class DeadlineRuleFieldsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Id of the legal-clock rule that made it (GET /deadline-rules); null: entered by hand.',
  })
  rule: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Which of several deadlines of one rule (a gag order id).',
  })
  ruleKey: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Due time as the rule computes it.',
  })
  ruleDueAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was moved by hand; null: not overridden.',
  })
  overrideReason: string | null;
}

export class DeadlineDto extends IntersectionType(
  CasePartMetaDto,
  IntersectionType(CreateDeadlineDto, DeadlineRuleFieldsDto),
) {}
