import { IntersectionType, PartialType } from '@nestjs/swagger';
import {
  BooleanField,
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

  @TextField({
    required: false,
    nullable: true,
    max: 200,
    example: 'StPO §103',
    description:
      'The provision cited. Omit or null, with notStated true, when the document names none.',
  })
  citation?: string | null;

  @BooleanField({
    required: false,
    description:
      'The document names no provision. Exactly one of citation and notStated: true is given; reported as its own row.',
  })
  notStated?: boolean;

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
