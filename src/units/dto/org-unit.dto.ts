import { IntersectionType, PartialType } from '@nestjs/swagger';
import { EnumField, IdField, TextField } from '../../common/validators.js';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../domain/vocabulary.js';
import { RecordMetaDto } from '../../records/record-meta.dto.js';

export class CreateOrgUnitDto {
  @TextField({ max: 200, example: 'Landesverband NRW' })
  name: string;

  @EnumField(ORG_UNIT_KINDS, { example: 'state' })
  kind: OrgUnitKind;

  @IdField({
    required: false,
    nullable: true,
    description: 'The unit above (GET /units); omit or null for a top-level unit.',
  })
  parentId?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}

export class UpdateOrgUnitDto extends PartialType(CreateOrgUnitDto) {}

export class OrgUnitDto extends IntersectionType(RecordMetaDto, CreateOrgUnitDto) {}
