import type { RecordDefinition } from '../records/record-definition.js';
import { Authority } from './entities/authority.entity.js';

export const AUTHORITY: RecordDefinition<Authority> = {
  name: 'authority',
  auditType: 'authority',
  entity: Authority,
  fields: ['name', 'kind', 'country', 'jurisdiction', 'notes'],
  order: { name: 'ASC', id: 'ASC' },
};
