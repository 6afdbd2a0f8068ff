import { IntersectionType, PartialType } from '@nestjs/swagger';
import { EnumField, IdField, TextField, TimestampField } from '../../../common/validators.js';
import { REQUEST_TYPES, type RequestType } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateMeasureDto {
  @EnumField(REQUEST_TYPES, {
    example: 'server_seizure',
    description: 'What was asked for or done; the vocabulary of the case request types.',
  })
  type: RequestType;

  @IdField({
    required: false,
    nullable: true,
    description: 'A legal basis of the same case (GET /cases/{caseId}/legal-bases).',
  })
  legalBasisId?: string | null;

  @IdField({
    required: false,
    nullable: true,
    description: 'The authority that ordered the measure (GET /authorities).',
  })
  orderedById?: string | null;

  @IdField({
    required: false,
    nullable: true,
    description: 'The authority that executed it; null when not known.',
  })
  executedById?: string | null;

  @TimestampField({ required: false, nullable: true, example: '2020-07-03T10:00:00+02:00' })
  orderedAt?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateMeasureDto extends PartialType(CreateMeasureDto) {}
export class MeasureDto extends IntersectionType(CasePartMetaDto, CreateMeasureDto) {}
