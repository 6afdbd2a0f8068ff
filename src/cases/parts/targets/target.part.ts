import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { notBefore } from '../not-before.js';
import { matchInventoryItem } from './inventory-match.js';
import { CreateTargetDto, TargetDto, UpdateTargetDto } from './target.dto.js';
import { Target } from './target.entity.js';

export const TARGET: CasePartDefinition<Target> = {
  name: 'target',
  auditType: 'target',
  plural: 'targets',
  path: 'targets',
  entity: Target,
  fields: [
    'caseId',
    'kind',
    'value',
    'periodFrom',
    'periodUntil',
    'dataCategories',
    'existence',
    'inventoryItemId',
    'notes',
  ],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateTargetDto,
  updateDto: UpdateTargetDto,
  responseDto: TargetDto,
  ...BOARD_WRITES,
  prepare: async (manager, target, existing) => {
    const valueChanged =
      existing &&
      existing.value !== target.value &&
      existing.inventoryItemId === target.inventoryItemId;
    if (target.inventoryItemId === undefined || valueChanged) {
      target.inventoryItemId = await matchInventoryItem(manager, target.kind, target.value);
    }
    // A target that designates one of our systems exists, unless someone recorded otherwise.
    if (target.inventoryItemId && (target.existence ?? 'unknown') === 'unknown')
      target.existence = 'exists';
    return notBefore(target.periodFrom, target.periodUntil, 'periodUntil', 'periodFrom');
  },
};
