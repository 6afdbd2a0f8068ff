import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import type { AuditService } from '../../src/audit/audit.service.js';
import { AUTHORITY } from '../../src/authorities/authority.definition.js';
import { CASE_PARTS } from '../../src/cases/parts/case-parts.js';
import { CASE } from '../../src/cases/case.definition.js';
import type { UnitOfWork } from '../../src/database/unit-of-work.js';
import { INVENTORY_ITEM } from '../../src/inventory/inventory.definition.js';
import type { RecordData, RecordDefinition } from '../../src/records/record-definition.js';
import { RecordsService } from '../../src/records/records.service.js';
import type { RecordBase } from '../../src/database/record-base.js';
import { USER } from '../../src/users/user.definition.js';
import { ORG_UNIT } from '../../src/units/org-unit.definition.js';

/**
 * The audit trail is append-only: the entity type it records for a kind of record is frozen here,
 * as the trail already holds it. Changing one splits a record's history in two.
 */
const RECORDED_TODAY: Record<string, string> = {
  case: 'case',
  authority: 'authority',
  'inventory item': 'inventory_item',
  user: 'user',
  'organisational unit': 'org_unit',
  authorities: 'involved_authority',
  'legal-bases': 'legal_basis',
  measures: 'measure',
  targets: 'target',
  'affected-systems': 'affected_system',
  disclosures: 'disclosure',
  'seized-items': 'seized_item',
  timeline: 'timeline_event',
  deadlines: 'deadline',
  'gag-orders': 'gag_order',
  'legal-notes': 'legal_note',
  remedies: 'remedy',
};

/** A manager that keeps records in memory: enough for RecordsService to write and audit. */
function memoryManager(): EntityManager {
  const rows = new Map<string, RecordBase>();
  let next = 0;
  const manager = {
    create: (entity: new () => RecordBase, data: object) => Object.assign(new entity(), data),
    save: async (record: RecordBase) => {
      record.id ??= `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
      record.version = (record.version ?? 0) + 1;
      rows.set(record.id, record);
      return record;
    },
    findOne: async (_entity: unknown, options: { where: { id: string } }) =>
      rows.get(options.where.id) ?? null,
    delete: async (_entity: unknown, where: { id: string }) => rows.delete(where.id),
    query: async () => [],
    connection: { getMetadata: () => ({ columns: [] }) },
  };
  return manager as unknown as EntityManager;
}

/** The entity types RecordsService records for one create, update and delete of `def`. */
async function recordedTypes<E extends RecordBase>(def: RecordDefinition<E>): Promise<string[]> {
  const entries: AuditEntry[] = [];
  const audit = { record: async (_m: EntityManager, e: AuditEntry) => void entries.push(e) };
  const records = new RecordsService({} as UnitOfWork, audit as unknown as AuditService);
  const manager = memoryManager();
  const created = await records.create(manager, def, {});
  const changed = Object.fromEntries([[def.fields[def.fields.length - 1], 'changed']]);
  await records.update(manager, def, {}, created.id, changed as RecordData<E>, undefined);
  await records.remove(manager, def, {}, created.id, undefined);
  return entries.map((e) => e.entityType);
}

describe('audit entity types', () => {
  const directory = [CASE, AUTHORITY, INVENTORY_ITEM, USER, ORG_UNIT].map((d) => [
    d.name,
    d.auditType,
  ]);
  const parts = CASE_PARTS.map((part) => part((d) => [d.path, d.auditType]));

  it('are the ones the audit trail already holds, for every kind of record', () => {
    expect(Object.fromEntries([...directory, ...parts])).toEqual(RECORDED_TODAY);
  });

  it('do not change when a case part is renamed', async () => {
    for (const part of CASE_PARTS) {
      const [path, types] = await part(async (def) => [
        def.path,
        await recordedTypes({ ...def, name: `renamed ${def.name}`, prepare: undefined }),
      ]);
      expect({ path, types }).toEqual({ path, types: Array(3).fill(RECORDED_TODAY[path]) });
    }
  });

  it('do not change when a directory record is renamed', async () => {
    const renamed = { ...AUTHORITY, name: 'issuing body' };
    expect(await recordedTypes(renamed)).toEqual(['authority', 'authority', 'authority']);
  });
});
