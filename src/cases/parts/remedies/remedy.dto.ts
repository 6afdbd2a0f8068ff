import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumField,
  TextField,
  PrecisionField,
  TimestampField,
} from '../../../common/validators.js';
import {
  REMEDY_KINDS,
  REMEDY_RESULTS,
  type RemedyKind,
  type RemedyResult,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateRemedyDto {
  @EnumField(REMEDY_KINDS, { example: 'court_decision' })
  kind: RemedyKind;

  @TextField({ required: false, nullable: true, max: 200, example: 'StPO §98 Abs. 2' })
  legalBasis?: string | null;

  @TimestampField({ required: false, nullable: true })
  filedAt?: string | null;

  @PrecisionField('filedAt')
  filedAtPrecision?: TimePrecision;

  @TimestampField({ required: false, nullable: true })
  decidedAt?: string | null;

  @PrecisionField('decidedAt')
  decidedAtPrecision?: TimePrecision;

  @EnumField(REMEDY_RESULTS, { required: false })
  result?: RemedyResult;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateRemedyDto extends PartialType(CreateRemedyDto) {}
export class RemedyDto extends IntersectionType(CasePartMetaDto, CreateRemedyDto) {}
