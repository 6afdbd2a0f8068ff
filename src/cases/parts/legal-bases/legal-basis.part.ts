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
    'notStated',
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
  prepare: async (_m, b) => {
    if (b.citation === undefined) b.citation = null;
    b.notStated ??= false;
    if (b.notStated && b.citation !== null)
      return [{ field: 'citation', message: 'must be omitted or null when notStated is true' }];
    if (!b.notStated && b.citation === null)
      return [
        {
          field: 'citation',
          message: 'is required; set notStated to true when the document names no provision',
        },
      ];
  },
};
