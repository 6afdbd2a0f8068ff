import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { CreateLegalBasisDto, LegalBasisDto, UpdateLegalBasisDto } from './legal-basis.dto.js';
import { LegalBasis } from './legal-basis.entity.js';

export const LEGAL_BASIS: CasePartDefinition<LegalBasis> = {
  name: 'legal basis',
  auditType: 'legal_basis',
  plural: 'legal bases',
  path: 'legal-bases',
  entity: LegalBasis,
  fields: [
    'caseId',
    'jurisdiction',
    'citation',
    'documentType',
    'issuedAt',
    'issuedAtPrecision',
    'issuedBy',
    'authorityId',
    'notes',
  ],
  order: { issuedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
  createDto: CreateLegalBasisDto,
  updateDto: UpdateLegalBasisDto,
  responseDto: LegalBasisDto,
  ...BOARD_WRITES,
};
