import { describe, expect, it } from '@jest/globals';
import { AUTHORITY } from '../../src/authorities/authority.definition.js';
import { CASE } from '../../src/cases/case.definition.js';
import { CASE_PARTS } from '../../src/cases/parts/case-parts.js';
import { FIELD_LABELS, fieldLabel, spelledOut } from '../../src/i18n/field-labels.js';
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

  it('names a precision after the time it belongs to', () => {
    expect(fieldLabel('receivedAtPrecision', 'de')).toBe('Eingang (Genauigkeit)');
    expect(fieldLabel('startedAtPrecision', 'en')).toBe('from (precision)');
  });
});
