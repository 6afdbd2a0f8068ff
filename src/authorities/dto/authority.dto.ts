import { IntersectionType, PartialType } from '@nestjs/swagger';
import { AUTHORITY_KINDS, type AuthorityKind } from '../../domain/vocabulary.js';
import { CountryField, EnumField, TextField } from '../../common/validators.js';
import { RecordMetaDto } from '../../records/record-meta.dto.js';

export class CreateAuthorityDto {
  @TextField({ max: 300, example: 'Staatsanwaltschaft Darmstadt' })
  name: string;

  @EnumField(AUTHORITY_KINDS, { example: 'prosecutor' })
  kind: AuthorityKind;

  @CountryField()
  country: string;

  @TextField({ required: false, nullable: true, max: 300, example: 'Hessen' })
  jurisdiction?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}

export class UpdateAuthorityDto extends PartialType(CreateAuthorityDto) {}

/** The response: every field above plus id, version and timestamps. */
export class AuthorityDto extends IntersectionType(RecordMetaDto, CreateAuthorityDto) {}
