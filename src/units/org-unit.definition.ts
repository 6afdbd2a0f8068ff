import type { RecordDefinition } from '../records/record-definition.js';
import { OrgUnit } from './entities/org-unit.entity.js';
import { unitAndBelowSql } from './unit-tree.js';

export const ORG_UNIT: RecordDefinition<OrgUnit> = {
  name: 'organisational unit',
  auditType: 'org_unit',
  entity: OrgUnit,
  fields: ['name', 'kind', 'parentId', 'notes'],
  order: { name: 'ASC', id: 'ASC' },
  prepare: async (manager, unit, existing) => {
    if (!unit.parentId) {
      unit.parentId = null;
      return;
    }
    const [parent]: { id: string }[] = await manager.query(
      'SELECT id FROM org_units WHERE id = $1 AND archived_at IS NULL',
      [unit.parentId],
    );
    if (!parent) return [{ field: 'parentId', message: 'no such unit' }];
    // A unit cannot be placed below itself or one of its own sub-units.
    if (existing) {
      const [cycle]: unknown[] = await manager.query(
        `SELECT 1 WHERE $2::uuid IN ${unitAndBelowSql('$1')}`,
        [existing.id, unit.parentId],
      );
      if (cycle) return [{ field: 'parentId', message: 'must not be the unit itself or below it' }];
    }
  },
};
