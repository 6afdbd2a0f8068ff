import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  EnumField,
  PrecisionField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import { GAG_BINDING, type GagBinding, type TimePrecision } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateGagOrderDto {
  @TextField({ max: 200, example: 'StPO §95a' })
  legalBasis: string;

  @EnumField(GAG_BINDING, {
    example: 'disputed',
    description: 'Whether the organisation considers it binding.',
  })
  binding: GagBinding;

  @TimestampField({
    required: false,
    nullable: true,
    description: 'Expires by itself at; null: until lifted.',
  })
  until?: string | null;

  @PrecisionField('until')
  untilPrecision?: TimePrecision;

  @TimestampField({ required: false, nullable: true })
  reviewAt?: string | null;

  @PrecisionField('reviewAt')
  reviewAtPrecision?: TimePrecision;

  @TimestampField({ required: false, nullable: true })
  liftedAt?: string | null;

  @PrecisionField('liftedAt')
  liftedAtPrecision?: TimePrecision;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateGagOrderDto extends PartialType(CreateGagOrderDto) {}
export class GagOrderDto extends IntersectionType(CasePartMetaDto, CreateGagOrderDto) {}
