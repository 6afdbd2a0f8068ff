import { IntersectionType, PartialType } from '@nestjs/swagger';
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
  END_STATES,
  IMPACTS,
  type EndState,
  type Impact,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateAffectedSystemDto {
  @IdField({ description: 'The inventory item affected.' })
  inventoryItemId: string;

  @EnumField(IMPACTS, { example: 'offline', description: 'seized and offline count as downtime.' })
  impact: Impact;

  @TimestampField({ example: '2015-01-15T09:45:00+01:00' })
  startedAt: string;

  @PrecisionField('startedAt')
  startedAtPrecision?: TimePrecision;

  @TimestampField({
    required: false,
    nullable: true,
    example: '2015-01-15T12:21:00+01:00',
    description:
      'When the impact ended; with endState at_least_until, the last moment it is known to have lasted. Omit or null while ongoing or when the end is unknown.',
  })
  endedAt?: string | null;

  @PrecisionField('endedAt')
  endedAtPrecision?: TimePrecision;

  @EnumField(END_STATES, {
    required: false,
    example: 'ended',
    description:
      'ended (at endedAt), ongoing (still down), ended_unknown (ended, time not known: downtime counts as a lower bound until startedAt) ' +
      'or at_least_until (lasted at least until endedAt: a lower bound). When omitted: ended if endedAt is set, ongoing if not; ' +
      'a change of endedAt alone keeps at_least_until.',
  })
  endState?: EndState;

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
