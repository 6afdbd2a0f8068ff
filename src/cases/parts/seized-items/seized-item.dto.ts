import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateIf, ValidateNested } from 'class-validator';
import {
  BooleanField,
  EnumField,
  IdField,
  PrecisionField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import { END_STATES, type EndState, type TimePrecision } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class DiskHashDto {
  @TextField({ max: 20, example: 'sha256' })
  algorithm: string;

  @TextField({
    max: 200,
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  value: string;
}

export class CreateSeizedItemDto {
  @TextField({ max: 2000, example: 'Dell PowerEdge R610, 2 disks' })
  description: string;

  @TextField({ required: false, nullable: true, max: 200 })
  serialNumber?: string | null;

  @ApiPropertyOptional({ type: [DiskHashDto] })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DiskHashDto)
  diskHashes?: DiskHashDto[];

  @BooleanField({
    required: false,
    nullable: true,
    description: 'Listed in the official inventory of seized items (StPO §107, §109).',
  })
  inOfficialInventory?: boolean | null;

  @IdField({ required: false, nullable: true })
  inventoryItemId?: string | null;

  @TimestampField({ required: false, nullable: true })
  seizedAt?: string | null;

  @PrecisionField('seizedAt')
  seizedAtPrecision?: TimePrecision;

  @TimestampField({ required: false, nullable: true })
  returnedAt?: string | null;

  @PrecisionField('returnedAt')
  returnedAtPrecision?: TimePrecision;

  @EnumField(END_STATES, {
    required: false,
    example: 'ended',
    description:
      'ended (returned at returnedAt), ongoing (still held), ended_unknown (returned, time not known) or at_least_until ' +
      '(held at least until returnedAt). When omitted: ended if returnedAt is set, ongoing if not.',
  })
  returnState?: EndState;

  @TextField({ required: false, nullable: true, max: 2000 })
  conditionOnReturn?: string | null;
}
export class UpdateSeizedItemDto extends PartialType(CreateSeizedItemDto) {}
export class SeizedItemDto extends IntersectionType(CasePartMetaDto, CreateSeizedItemDto) {
  @ApiProperty({ type: [DiskHashDto] }) declare diskHashes: DiskHashDto[];
}
