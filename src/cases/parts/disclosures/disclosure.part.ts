import { refuseDisclosureIfNothingHandedOver } from '../case-invariants.js';
import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { CreateDisclosureDto, DisclosureDto, UpdateDisclosureDto } from './disclosure.dto.js';
import { Disclosure } from './disclosure.entity.js';

export const DISCLOSURE: CasePartDefinition<Disclosure> = {
  name: 'disclosure',
  auditType: 'disclosure',
  plural: 'disclosures',
  path: 'disclosures',
  entity: Disclosure,
  fields: [
    'caseId',
    'dataCategory',
    'description',
    'accountsCount',
    'itemsCount',
    'dataVolumeBytes',
    'handedOverAt',
    'handedOverAtPrecision',
    'recipientAuthorityId',
    'recipient',
    'handoverReference',
    'sha256',
  ],
  order: { handedOverAt: 'ASC', id: 'ASC' },
  createDto: CreateDisclosureDto,
  updateDto: UpdateDisclosureDto,
  responseDto: DisclosureDto,
  ...BOARD_WRITES,
  prepare: async (manager, d, existing) => {
    if (!existing) await refuseDisclosureIfNothingHandedOver(manager, d.caseId);
    d.sha256 = d.sha256 ? d.sha256.toLowerCase() : d.sha256;
  },
};
