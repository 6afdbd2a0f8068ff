import { IntersectionType, PartialType } from '@nestjs/swagger';
import { EnumField, TextField, TimestampField } from '../../../common/validators.js';
import { DEADLINE_KINDS, type DeadlineKind } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateDeadlineDto {
  @EnumField(DEADLINE_KINDS, { example: 'complaint' })
  kind: DeadlineKind;

  @TimestampField()
  dueAt: string;

  @TimestampField({
    required: false,
    nullable: true,
    description: 'When it was met; null while open.',
  })
  doneAt?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateDeadlineDto extends PartialType(CreateDeadlineDto) {}
export class DeadlineDto extends IntersectionType(CasePartMetaDto, CreateDeadlineDto) {}
