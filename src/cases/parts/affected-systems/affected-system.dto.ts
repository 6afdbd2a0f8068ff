import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  ByteCountField,
  CountField,
  EnumField,
  IdField,
  TextField,
  TimestampField,
} from '../../../common/validators.js';
import { IMPACTS, type Impact } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateAffectedSystemDto {
  @IdField({ description: 'The inventory item affected.' })
  inventoryItemId: string;

  @EnumField(IMPACTS, { example: 'offline', description: 'seized and offline count as downtime.' })
  impact: Impact;

  @TimestampField({ example: '2015-01-15T09:45:00+01:00' })
  startedAt: string;

  @TimestampField({
    required: false,
    nullable: true,
    example: '2015-01-15T12:21:00+01:00',
    description: 'Omit or null while ongoing.',
  })
  endedAt?: string | null;

  @CountField({ required: false, nullable: true })
  usersAffected?: number | null;

  @ByteCountField({
    required: false,
    nullable: true,
    example: 5000000000000,
    description: 'Data affected, in bytes (a whole number; 5 TB = 5000000000000).',
  })
  dataVolumeBytes?: number | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateAffectedSystemDto extends PartialType(CreateAffectedSystemDto) {}
export class AffectedSystemDto extends IntersectionType(CasePartMetaDto, CreateAffectedSystemDto) {}
