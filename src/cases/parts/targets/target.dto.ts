import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumArrayField,
  EnumField,
  IdField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import {
  DATA_CATEGORIES,
  TARGET_EXISTENCE,
  TARGET_KINDS,
  type DataCategory,
  type TargetExistence,
  type TargetKind,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateTargetDto {
  @EnumField(TARGET_KINDS, { example: 'account' })
  kind: TargetKind;

  @TextField({ max: 500, example: 'jdoe' })
  value: string;

  @TimestampField({
    required: false,
    nullable: true,
    description: 'Start of the period asked for.',
  })
  periodFrom?: string | null;

  @TimestampField({ required: false, nullable: true, description: 'End of the period asked for.' })
  periodUntil?: string | null;

  @EnumArrayField(DATA_CATEGORIES, { required: false, description: 'Data categories requested.' })
  dataCategories?: DataCategory[];

  @EnumField(TARGET_EXISTENCE, {
    required: false,
    description:
      'Whether it exists at the organisation. Set to exists when it matches an inventory item.',
  })
  existence?: TargetExistence;

  @IdField({
    required: false,
    nullable: true,
    description: 'The inventory item it designates; when omitted, matched by name or identifier.',
  })
  inventoryItemId?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateTargetDto extends PartialType(CreateTargetDto) {}
export class TargetDto extends IntersectionType(CasePartMetaDto, CreateTargetDto) {}
