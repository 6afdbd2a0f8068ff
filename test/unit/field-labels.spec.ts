import { describe, expect, it } from '@jest/globals';
import { AUTHORITY } from '../../src/authorities/authority.definition.js';
import { BUNDLE_AUDIT_ENTITY } from '../../src/bundle/bundle-format.js';
import { CASE } from '../../src/cases/case.definition.js';
import { CASE_PARTS } from '../../src/cases/parts/case-parts.js';
import {
  FIELD_LABELS,
  RECORD_KIND_LABELS,
  fieldLabel,
  spelledOut,
} from '../../src/i18n/field-labels.js';
import { INVENTORY_ITEM } from '../../src/inventory/inventory.definition.js';
import { ORG_UNIT } from '../../src/units/org-unit.definition.js';
import { USER } from '../../src/users/user.definition.js';

/** Every field the audit trail can name, of every kind of record. */
const FIELDS = [
  ...[CASE, AUTHORITY, INVENTORY_ITEM, ORG_UNIT, USER].flatMap((d) => d.fields as string[]),
  ...CASE_PARTS.flatMap((part) => part((def) => def.fields as string[])),
];

describe('field labels', () => {
  it.each(['en', 'de'] as const)(
    'name every audited field in words in %s, never by its code name',
    (language) => {
      const unnamed = [...new Set(FIELDS)].filter(
        (f) =>
          fieldLabel(f, language) === spelledOut(f) && !Object.hasOwn(FIELD_LABELS[language], f),
      );
      expect(unnamed).toEqual([]);
    },
  );

  it.each(['en', 'de'] as const)(
    'names every kind of record the trail records in %s',
    (language) => {
      // The audit trail's entity types (test/unit/audit-entity-types.spec.ts freezes those of records).
      const kinds = [
        ...[CASE, AUTHORITY, INVENTORY_ITEM, ORG_UNIT, USER].map((d) => d.auditType),
        ...CASE_PARTS.map((part) => part((def) => def.auditType)),
        ...['file', 'privileged_file', 'statement', 'case_file', 'canary', 'access_token'],
        ...['calendar_feed', 'reminder_preferences', 'transparency_report', 'publication'],
        BUNDLE_AUDIT_ENTITY,
      ];
      expect(kinds.filter((k) => !Object.hasOwn(RECORD_KIND_LABELS[language], k))).toEqual([]);
    },
  );

  it('names a precision after the time it belongs to', () => {
    expect(fieldLabel('receivedAtPrecision', 'de')).toBe('Eingang (Genauigkeit)');
    expect(fieldLabel('startedAtPrecision', 'en')).toBe('from (precision)');
  });
});
