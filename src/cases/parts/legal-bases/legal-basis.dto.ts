import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  CountryField,
  EnumField,
  IdField,
  TextField,
  PrecisionField,
  TimestampField,
} from '../../../common/validators.js';
import {
  ISSUERS,
  LEGAL_DOCUMENT_TYPES,
  type Issuer,
  type LegalDocumentType,
  type TimePrecision,
} from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateLegalBasisDto {
  @CountryField({ description: 'Legal order (ISO 3166-1 alpha-2; EU for Union law).' })
  jurisdiction: string;

  @TextField({ max: 200, example: 'StPO §103' })
  citation: string;

  @EnumField(LEGAL_DOCUMENT_TYPES, { example: 'order' })
  documentType: LegalDocumentType;

  @TimestampField({ required: false, nullable: true })
  issuedAt?: string | null;

  @PrecisionField('issuedAt')
  issuedAtPrecision?: TimePrecision;

  @EnumField(ISSUERS, {
    required: false,
    nullable: true,
    description: 'By a judge, or on urgency (Gefahr im Verzug).',
  })
  issuedBy?: Issuer | null;

  @IdField({ required: false, nullable: true, description: 'The authority that issued it.' })
  authorityId?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}
export class UpdateLegalBasisDto extends PartialType(CreateLegalBasisDto) {}
export class LegalBasisDto extends IntersectionType(CasePartMetaDto, CreateLegalBasisDto) {}
