import { ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import {
  ByteCountField,
  CountField,
  EnumField,
  IdField,
  TextField,
  PrecisionField,
  TimestampField,
} from '../../../common/validators.js';
import {
  DATA_CATEGORIES,
  type DataCategory,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateDisclosureDto {
  @EnumField(DATA_CATEGORIES, { example: 'ip_addresses' })
  dataCategory: DataCategory;

  @TextField({ max: 5000, example: 'Copies of the pad data of one Etherpad' })
  description: string;

  @CountField({ required: false, nullable: true })
  accountsCount?: number | null;

  @CountField({ required: false, nullable: true })
  itemsCount?: number | null;

  @ByteCountField({
    required: false,
    nullable: true,
    example: 5000000000000,
    description: 'Data affected, in bytes (a whole number; 5 TB = 5000000000000).',
  })
  dataVolumeBytes?: number | null;

  @TimestampField()
  handedOverAt: string;

  @PrecisionField('handedOverAt')
  handedOverAtPrecision?: TimePrecision;

  @IdField({ required: false, nullable: true, description: 'The authority it was handed to.' })
  recipientAuthorityId?: string | null;

  @TextField({ required: false, nullable: true, max: 300, description: 'To whom, in words.' })
  recipient?: string | null;

  @TextField({ required: false, nullable: true, max: 200 })
  handoverReference?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    pattern: '^[0-9a-fA-F]{64}$',
    description: 'SHA-256 of the material, hex.',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'must be a SHA-256 digest: 64 hexadecimal characters' })
  sha256?: string | null;
}
export class UpdateDisclosureDto extends PartialType(CreateDisclosureDto) {}
export class DisclosureDto extends IntersectionType(CasePartMetaDto, CreateDisclosureDto) {}
