import type { RecordDefinition } from '../records/record-definition.js';
import { InventoryItem } from './entities/inventory-item.entity.js';

export const INVENTORY_ITEM: RecordDefinition<InventoryItem> = {
  name: 'inventory item',
  auditType: 'inventory_item',
  entity: InventoryItem,
  fields: [
    'name',
    'kind',
    'location',
    'provider',
    'owner',
    'services',
    'identifiers',
    'usersServed',
    'notes',
  ],
  order: { name: 'ASC', id: 'ASC' },
  prepare: async (_m, item) => {
    // Identifiers are compared case-insensitively; store them normalised.
    item.identifiers = [
      ...new Set((item.identifiers ?? []).map((i) => i.trim().toLowerCase()).filter(Boolean)),
    ];
  },
};
