import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { settleEndState } from '../end-state.js';
import { notBefore } from '../not-before.js';
import { CreateSeizedItemDto, SeizedItemDto, UpdateSeizedItemDto } from './seized-item.dto.js';
import { SeizedItem } from './seized-item.entity.js';

export const SEIZED_ITEM: CasePartDefinition<SeizedItem> = {
  name: 'seized item',
  auditType: 'seized_item',
  plural: 'seized items',
  path: 'seized-items',
  entity: SeizedItem,
  fields: [
    'caseId',
    'description',
    'serialNumber',
    'diskHashes',
    'inOfficialInventory',
    'inventoryItemId',
    'seizedAt',
    'seizedAtPrecision',
    'returnedAt',
    'returnedAtPrecision',
    'returnState',
    'conditionOnReturn',
  ],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateSeizedItemDto,
  updateDto: UpdateSeizedItemDto,
  responseDto: SeizedItemDto,
  ...BOARD_WRITES,
  prepare: async (_m, item, existing) => [
    ...settleEndState(item, existing, 'returnedAt', 'returnState'),
    ...notBefore(item.seizedAt, item.returnedAt, 'returnedAt', 'seizedAt'),
  ],
};
