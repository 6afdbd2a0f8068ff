import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import {
  CaseAuthorityDto,
  CreateCaseAuthorityDto,
  UpdateCaseAuthorityDto,
} from './case-authority.dto.js';
import { CaseAuthority } from './case-authority.entity.js';

export const CASE_AUTHORITY: CasePartDefinition<CaseAuthority> = {
  name: 'involved authority',
  auditType: 'involved_authority',
  plural: 'involved authorities',
  path: 'authorities',
  entity: CaseAuthority,
  fields: ['caseId', 'authorityId', 'role', 'fileNumber', 'notes'],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateCaseAuthorityDto,
  updateDto: UpdateCaseAuthorityDto,
  responseDto: CaseAuthorityDto,
  ...BOARD_WRITES,
  prepare: async (_m, a) => {
    a.authorityId ??= null;
    if (a.authorityId === null && a.role !== 'executing')
      return [
        {
          field: 'authorityId',
          message: 'is required unless the role is executing (executing unit not known)',
        },
      ];
  },
};
