import { STATEMENT_SECTIONS } from '../../../src/publications/statement.js';
import fc from 'fast-check';
import { ROLES } from '../../../src/access/permissions.js';
import {
  AUTHORITY_KINDS,
  AUTHORITY_ROLES,
  CASE_STATUSES,
  CHANNELS,
  DATA_CATEGORIES,
  DEADLINE_KINDS,
  GAG_BINDING,
  IMPACTS,
  INVENTORY_KINDS,
  ISSUERS,
  LEGAL_DOCUMENT_TYPES,
  LEGAL_NOTE_TOPICS,
  ORG_UNIT_KINDS,
  OUTCOMES,
  REMEDY_KINDS,
  REMEDY_RESULTS,
  REQUEST_TYPES,
  TARGET_EXISTENCE,
  TARGET_KINDS,
  TIMELINE_EVENT_TYPES,
} from '../../../src/domain/vocabulary.js';
import { REMINDER_MODES } from '../../../src/reminders/reminders.repository.js';
import type { PartPath } from './sample-bodies.js';

/**
 * What the write routes accept, field by field (written from the DTOs), and fast-check arbitraries
 * for values that each field must refuse. A generated request always carries at least one thing
 * that makes it invalid for certain, so that "4xx and nothing changed" is the only right answer.
 */

interface Presence {
  /** Absent is fine (PATCH bodies: every field). */
  optional?: boolean;
  /** null is fine (clears the field). */
  nullable?: boolean;
}
export type Field = Presence &
  (
    | { kind: 'text'; max: number; min?: number }
    | { kind: 'enum'; values: readonly string[] }
    | { kind: 'enumList'; values: readonly string[] }
    | { kind: 'timestamp' }
    | { kind: 'uuid' }
    | { kind: 'count' }
    | { kind: 'bool' }
    | { kind: 'country' }
    | { kind: 'stringList'; maxItems: number; maxLength: number }
    | { kind: 'uuidList'; maxItems: number }
    | { kind: 'email' }
    | { kind: 'reference' }
    | { kind: 'sha256' }
    | { kind: 'diskHashes' }
    | { kind: 'authorities' }
  );
export type Schema = Record<string, Field>;

const text = (max: number, o: Presence & { min?: number } = {}): Field => ({
  kind: 'text',
  max,
  ...o,
});
const oneOf = (values: readonly string[], o: Presence = {}): Field => ({
  kind: 'enum',
  values,
  ...o,
});
const ts = (o: Presence = {}): Field => ({ kind: 'timestamp', ...o });
const opt = { optional: true } as const;
const optNull = { optional: true, nullable: true } as const;

/** Every field optional: the schema of a PATCH body. */
export const partial = (schema: Schema): Schema =>
  Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, { ...f, optional: true }]));

const CASE_FIELDS: Schema = {
  title: text(300),
  summary: text(20_000, { min: 0, optional: true }),
  requestType: oneOf(REQUEST_TYPES),
  channel: oneOf(CHANNELS, optNull),
  emergency: { kind: 'bool', ...opt },
  receivedAt: ts(),
  outcome: oneOf(OUTCOMES, opt),
  nothingHandedOver: { kind: 'bool', ...opt },
  embargoUntil: ts(optNull),
  userNotificationRequired: { kind: 'bool', ...optNull },
  userNotifiedAt: ts(optNull),
  userNotificationDelayReason: text(5000, optNull),
  restricted: { kind: 'bool', ...opt },
};
export const SCHEMAS = {
  createCase: {
    ...CASE_FIELDS,
    reference: { kind: 'reference', ...opt },
    authorities: { kind: 'authorities', ...opt },
  } as Schema,
  updateCase: partial({ ...CASE_FIELDS, reference: { kind: 'reference' } }),
  status: { status: oneOf(CASE_STATUSES), note: text(2000, opt), occurredAt: ts(opt) } as Schema,
  voidCase: { reason: text(2000) } as Schema,
  preservationExtension: { extendedAt: ts(opt), reason: text(2000) } as Schema,
  unit: {
    name: text(200),
    kind: oneOf(ORG_UNIT_KINDS),
    parentId: { kind: 'uuid', ...optNull },
    notes: text(10_000, optNull),
  } as Schema,
  reminderMode: { mode: oneOf(REMINDER_MODES) } as Schema,
  member: { userId: { kind: 'uuid' } } as Schema,
  authority: {
    name: text(300),
    kind: oneOf(AUTHORITY_KINDS),
    country: { kind: 'country' },
    jurisdiction: text(300, optNull),
    notes: text(10_000, optNull),
  } as Schema,
  inventory: {
    name: text(200),
    kind: oneOf(INVENTORY_KINDS),
    location: text(300, optNull),
    provider: text(300, optNull),
    services: { kind: 'stringList', maxItems: 100, maxLength: 200, ...opt },
    identifiers: { kind: 'stringList', maxItems: 100, maxLength: 500, ...opt },
    usersServed: { kind: 'count', ...optNull },
    notes: text(10_000, optNull),
  } as Schema,
  createUser: {
    email: { kind: 'email' },
    displayName: text(200),
    role: oneOf(ROLES),
    password: text(200, { min: 12 }),
  } as Schema,
  updateUser: {
    displayName: text(200, opt),
    role: oneOf(ROLES, opt),
    disabled: { kind: 'bool', ...opt },
  } as Schema,
  setPassword: { password: text(200, { min: 12 }) } as Schema,
  signIn: { email: { kind: 'email' }, password: text(200) } as Schema,
  changePassword: { currentPassword: text(200), newPassword: text(200, { min: 12 }) } as Schema,
  createToken: { name: text(100), expiresAt: ts() } as Schema,
  secondFactorSignIn: {
    challenge: text(100),
    code: text(6, opt),
    recoveryCode: text(40, opt),
  } as Schema,
  secondFactorCode: { code: text(6) } as Schema,
  statement: {
    caseId: { kind: 'uuid' },
    language: oneOf(['en', 'de']),
    title: text(200),
    position: text(20_000),
    sections: { kind: 'enumList', values: STATEMENT_SECTIONS },
    revisionNote: text(1000, opt),
    fileIds: { kind: 'uuidList', maxItems: 50, ...opt },
  } as Schema,
  publishReport: {
    from: ts(opt),
    to: ts(opt),
    language: oneOf(['en', 'de']),
    revisionNote: text(1000, opt),
  } as Schema,
};

export const PART_SCHEMAS: Record<PartPath, Schema> = {
  authorities: {
    authorityId: { kind: 'uuid' },
    role: oneOf(AUTHORITY_ROLES),
    fileNumber: text(200, optNull),
    notes: text(10_000, optNull),
  },
  'legal-bases': {
    jurisdiction: { kind: 'country' },
    citation: text(200),
    documentType: oneOf(LEGAL_DOCUMENT_TYPES),
    issuedAt: ts(optNull),
    issuedBy: oneOf(ISSUERS, optNull),
    authorityId: { kind: 'uuid', ...optNull },
    notes: text(10_000, optNull),
  },
  targets: {
    kind: oneOf(TARGET_KINDS),
    value: text(500),
    periodFrom: ts(optNull),
    periodUntil: ts(optNull),
    dataCategories: { kind: 'enumList', values: DATA_CATEGORIES, ...opt },
    existence: oneOf(TARGET_EXISTENCE, opt),
    inventoryItemId: { kind: 'uuid', ...optNull },
    notes: text(10_000, optNull),
  },
  'affected-systems': {
    inventoryItemId: { kind: 'uuid' },
    impact: oneOf(IMPACTS),
    startedAt: ts(),
    endedAt: ts(optNull),
    usersAffected: { kind: 'count', ...optNull },
    notes: text(10_000, optNull),
  },
  disclosures: {
    dataCategory: oneOf(DATA_CATEGORIES),
    description: text(5000),
    accountsCount: { kind: 'count', ...optNull },
    itemsCount: { kind: 'count', ...optNull },
    handedOverAt: ts(),
    recipientAuthorityId: { kind: 'uuid', ...optNull },
    recipient: text(300, optNull),
    handoverReference: text(200, optNull),
    sha256: { kind: 'sha256', ...optNull },
  },
  'seized-items': {
    description: text(2000),
    serialNumber: text(200, optNull),
    diskHashes: { kind: 'diskHashes', ...opt },
    inOfficialInventory: { kind: 'bool', ...optNull },
    inventoryItemId: { kind: 'uuid', ...optNull },
    seizedAt: ts(optNull),
    returnedAt: ts(optNull),
    conditionOnReturn: text(2000, optNull),
  },
  timeline: { occurredAt: ts(), type: oneOf(TIMELINE_EVENT_TYPES), description: text(5000) },
  deadlines: {
    kind: oneOf(DEADLINE_KINDS),
    dueAt: ts(),
    doneAt: ts(optNull),
    notes: text(10_000, optNull),
  },
  'gag-orders': {
    legalBasis: text(200),
    binding: oneOf(GAG_BINDING),
    until: ts(optNull),
    reviewAt: ts(optNull),
    liftedAt: ts(optNull),
    notes: text(10_000, optNull),
  },
  'legal-notes': { topic: oneOf(LEGAL_NOTE_TOPICS), body: text(50_000) },
  remedies: {
    kind: oneOf(REMEDY_KINDS),
    legalBasis: text(200, optNull),
    filedAt: ts(optNull),
    decidedAt: ts(optNull),
    result: oneOf(REMEDY_RESULTS, opt),
    notes: text(10_000, optNull),
  },
  measures: {
    type: oneOf(REQUEST_TYPES),
    legalBasisId: { kind: 'uuid', ...optNull },
    orderedById: { kind: 'uuid', ...optNull },
    executedById: { kind: 'uuid', ...optNull },
    orderedAt: ts(optNull),
    notes: text(10_000, optNull),
  },
};

// ---- Values a field must refuse ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Any JSON value, with awkward strings (unicode, lone surrogates, NUL) and numbers. */
export const anyJson: fc.Arbitrary<unknown> = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => v as unknown);

/** Objects nested `depth` levels deep (class-transformer and the validator recurse into them). */
const deep = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const nestedObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyJson, { minKeys: 1, maxKeys: 4 }),
  // Deeper nesting goes in raw JSON text (rawNotJson): a deep object here would overflow the test's own stack.
  fc.integer({ min: 2, max: 200 }).map((d) => deep(d)),
  fc.constant({ $gt: '' }),
  fc.constant({ toString: 'x', valueOf: 1 }),
);
/** Strings that are not UUIDs. */
const notUuid = fc
  .oneof(
    fc.constantFrom(
      '',
      'x',
      '0',
      'null',
      '00000000-0000-0000-0000-00000000000g',
      '{00000000-0000-4000-8000-000000000000}',
      "' OR '1'='1",
      '😀',
    ),
    fc.uuid().map((u) => `${u}x`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    fc.string({ maxLength: 40 }),
  )
  .filter((s) => !UUID.test(s));
const lengthOver = (max: number) =>
  fc.integer({ min: max + 1, max: max + 40 }).map((n) => 'ä'.repeat(n));
const withNul = fc
  .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
  .map(([a, b]) => `${a}\u0000${b}`);
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  nestedObject,
);
const notInteger = fc.oneof(
  fc.constantFrom(
    -1,
    -0.5,
    1.5,
    2_000_000_001,
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.constantFrom('5', '0x10', '1e3', '', true, false, [], [1]),
  nestedObject,
);
/**
 * Timestamps the API must refuse: no zone, impossible dates, other formats, numbers, and instants
 * outside what ISO 8601 with four-digit years (and PostgreSQL's input) can represent.
 */
export const OUT_OF_RANGE_TIMESTAMPS = [
  '9999-12-31T23:59:59-14:00',
  '9999-12-31T20:00:00-12:00',
  '0000-01-01T00:00:00Z',
  '0000-12-31T23:59:59+01:00',
];
const badTimestamp = fc.oneof(
  fc.constantFrom(
    '2015-01-15',
    '2015-01-15T10:00:00',
    '2015-01-15 10:00:00Z',
    '2015-02-30T10:00:00Z',
    '2015-02-29T10:00:00+01:00',
    '2015-13-01T10:00:00Z',
    '2015-00-10T10:00:00Z',
    '2015-01-32T10:00:00Z',
    '2015-01-15T25:00:00Z',
    '2015-01-15T10:61:00Z',
    '2015-01-15T10:00:00+25:00',
    '2015-01-15T10:00:00.1234567Z',
    '15.01.2015 10:00',
    'yesterday',
    'now',
    'infinity',
    '-infinity',
    '+275760-09-13T00:00:00Z',
    '2015-01-15T10:00:00ZZ',
    '2015-01-15T10:00:00Z\u0000',
    '',
    ...OUT_OF_RANGE_TIMESTAMPS,
  ),
  fc.integer().map((n) => n),
  fc.string({ maxLength: 30 }).filter((s) => !TIMESTAMP.test(s)),
  fc.date({ noInvalidDate: true }).map((d) => d.getTime()),
  notString,
);

/** Texts of white space only, at least `min` characters long: as empty as no text. */
export const BLANK_TEXTS = (min: number) =>
  fc
    .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003'), {
      minLength: Math.max(min, 1),
      maxLength: Math.max(min, 1) + 5,
    })
    .map((a) => a.join(''));

/** A value the field must refuse, whatever else the body holds. */
export function invalidValue(f: Field): fc.Arbitrary<unknown> {
  const nullIfRefused: fc.Arbitrary<unknown>[] = f.nullable ? [] : [fc.constant(null)];
  const choices: fc.Arbitrary<unknown>[] = [...nullIfRefused, nestedObject];
  switch (f.kind) {
    case 'text':
      choices.push(notString, lengthOver(f.max), withNul);
      if ((f.min ?? 1) >= 1) {
        choices.push(
          fc.string({ maxLength: (f.min ?? 1) - 1 }).filter((s) => s.length < (f.min ?? 1)),
        );
        choices.push(BLANK_TEXTS(f.min ?? 1));
      }
      break;
    case 'enum':
      choices.push(
        fc.string({ maxLength: 20 }).filter((s) => !f.values.includes(s)),
        fc.constantFrom(...f.values).map((v) => v.toUpperCase()),
        fc.constantFrom(...f.values).map((v) => ` ${v}`),
        fc.constantFrom(...f.values).map((v) => [v]),
        fc.integer(),
        fc.boolean(),
      );
      break;
    case 'enumList':
      choices.push(
        fc.array(
          fc.string({ maxLength: 12 }).filter((s) => !f.values.includes(s)),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(fc.oneof(fc.integer(), fc.boolean(), nestedObject), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.string({ maxLength: 12 }).filter((s) => !f.values.includes(s)),
        // One valid value, but not in a list.
        fc.constantFrom(...f.values),
      );
      break;
    case 'timestamp':
      choices.push(badTimestamp);
      break;
    case 'uuid':
      choices.push(
        notUuid,
        fc.integer(),
        fc.boolean(),
        fc.uuid().map((u) => [u]),
      );
      break;
    case 'count':
      choices.push(notInteger);
      break;
    case 'bool':
      choices.push(
        fc.constantFrom('true', 'false', 1, 0, 'yes', '', [], [true]),
        fc.string({ maxLength: 5 }),
      );
      break;
    case 'country':
      choices.push(
        fc.constantFrom('de', 'DEU', 'D', '', 'D1', 'Germany', 'ÄÖ', ' DE', 'DE '),
        fc.string({ maxLength: 5 }).filter((s) => !/^[A-Z]{2}$/.test(s)),
        fc.integer(),
      );
      break;
    case 'stringList':
      choices.push(
        fc.string({ maxLength: 10 }),
        fc.array(fc.oneof(fc.integer(), fc.constant(null), nestedObject), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(withNul, { minLength: 1, maxLength: 2 }),
        fc.constant(Array.from({ length: f.maxItems + 1 }, (_, i) => `item-${i}`)),
        lengthOver(f.maxLength).map((s) => [s]),
      );
      break;
    case 'uuidList':
      choices.push(
        // One id, but not in a list.
        fc.uuid(),
        fc.array(notUuid, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(fc.integer(), fc.constant(null), nestedObject), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.uuid().map((u) => [u, u]),
        fc.uniqueArray(fc.uuid(), { minLength: f.maxItems + 1, maxLength: f.maxItems + 1 }),
      );
      break;
    case 'email':
      choices.push(
        fc.constantFrom(
          'not-an-email',
          'a@b',
          '@example.org',
          'a@',
          '',
          'a b@example.org',
          `${'x'.repeat(320)}@example.org`,
          'a@example.org\u0000',
        ),
        notString,
      );
      break;
    case 'reference':
      choices.push(
        fc.constantFrom('', '-abc', '.abc', 'a b', 'a'.repeat(51), 'ä', 'a\u0000', '2015/ä'),
        fc.integer(),
      );
      break;
    case 'sha256':
      choices.push(
        fc.constantFrom(
          'abc',
          'g'.repeat(64),
          'a'.repeat(63),
          'a'.repeat(65),
          ` ${'a'.repeat(63)}`,
        ),
        fc.integer(),
      );
      break;
    case 'diskHashes':
      choices.push(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(
          [1],
          [null],
          [{}],
          [{ algorithm: 'sha256' }],
          [{ algorithm: 'x'.repeat(21), value: 'a' }],
          [{ algorithm: 'sha256', value: 'a', extra: 1 }],
          [{ algorithm: 'sha256', value: 'a\u0000' }],
          Array.from({ length: 51 }, () => ({ algorithm: 'sha256', value: 'a' })),
        ),
        fc.array(nestedObject, { minLength: 1, maxLength: 2 }),
      );
      break;
    case 'authorities':
      choices.push(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(
          [1],
          [null],
          [{}],
          [{ authorityId: 'x', role: 'issuing' }],
          [{ authorityId: '00000000-0000-4000-8000-000000000000', role: 'judge' }],
          [
            {
              authorityId: '00000000-0000-4000-8000-000000000000',
              role: 'issuing',
              caseId: '00000000-0000-4000-8000-000000000000',
            },
          ],
          Array.from({ length: 21 }, () => ({
            authorityId: '00000000-0000-4000-8000-000000000000',
            role: 'issuing',
          })),
        ),
        fc.array(nestedObject, { minLength: 1, maxLength: 2 }),
      );
      break;
  }
  return fc.oneof(...choices);
}

/** Field names no write accepts (plus anything random that is not a field of the schema). */
const FORBIDDEN_KEYS = [
  'id',
  'caseId',
  'version',
  'status',
  'createdAt',
  'updatedAt',
  'authorId',
  'passwordHash',
  'password_hash',
  'role',
  'restricted',
  'owner',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '__lookupGetter__',
  '',
  ' ',
  'title ',
  'Title',
  '$where',
  'a.b',
  'ü',
];
export const unknownKey = (schema: Schema) =>
  fc
    .oneof(fc.constantFrom(...FORBIDDEN_KEYS), fc.string({ maxLength: 12 }))
    .filter((k) => !(k in schema));

/** Request bodies that are JSON but not an object. (null is left out: it reads as "no body", a valid empty PATCH.) */
export const nonObjectBody = (valid: object) =>
  fc.oneof(
    fc.constant([valid]),
    fc.array(anyJson, { maxLength: 3 }),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
  );

/** Texts sent as application/json that are not JSON, or JSON that the parser refuses (prototype pollution). */
export const rawNotJson = (valid: object) => {
  const json = JSON.stringify(valid);
  return fc.oneof(
    fc.constantFrom(
      '{',
      '{"a":}',
      "{'a': 1}",
      '{"a": 1,}',
      '[1, 2',
      'NaN',
      'undefined',
      '{"a": 01}',
      '{"a": "\\x41"}',
      '{"__proto__": {"polluted": true}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '{"a": {"__proto__": {"polluted": true}}}',
      '{"a": [{"constructor": {"prototype": {"polluted": true}}}]}',
      `{"__proto__": {"polluted": true}, ${json.slice(1)}`,
      `${json}garbage`,
      `${json}${json}`,
      '\u0000',
    ),
    fc.integer({ min: 1, max: json.length - 1 }).map((n) => json.slice(0, n)),
    fc.integer({ min: 1_000, max: 150_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
    fc
      .integer({ min: 1_000, max: 150_000 })
      .map((d) => `{"title": ${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`),
  );
};

/** If-Match values that are not an ETag of this API. */
const VALID_IF_MATCH = /^\s*(?:W\/)?"(\d{1,9})"\s*$/;
const printable = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 20,
});
export const badIfMatch = fc
  .oneof(
    fc.constantFrom(
      'abc',
      '"abc"',
      '"-1"',
      '"1.5"',
      '"1234567890"',
      '*',
      'W/',
      '""',
      '"',
      "'1'",
      '1',
      'W/"x"',
      '"1", "2"',
      '"1"x',
      'w/"1"',
      '"0x1"',
      '" 1"',
    ),
    printable,
  )
  .filter((s) => !VALID_IF_MATCH.test(s) && s.trim() !== '');

/** Authorization headers that name nobody. */
export const badAuthorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNzd29yZA==',
    'Bearer null',
    'Bearer undefined',
    'Token abc',
    'bearer  x y',
  ),
  fc
    .string({
      unit: fc.constantFrom(
        ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
      ),
      minLength: 20,
      maxLength: 80,
    })
    .map((s) => `Bearer ${s}`),
  printable.map((s) => `Bearer ${s}`),
);

/** Ids in a path that are not UUIDs (encoded, so that they stay one path segment). */
export const badPathId = fc
  .oneof(
    fc.constantFrom(
      'not-a-uuid',
      '1',
      '-1',
      '0',
      'null',
      'undefined',
      '%00',
      '%2e%2e',
      "'%20OR%20'1'='1",
      '%F0%9F%98%80',
      'x'.repeat(300),
    ),
    // Not even valid percent-encoding.
    fc.constantFrom('%zz', '%E0%A4%A', '%', '%C0%AF', '%ED%A0%80'),
    notUuid.filter((s) => s !== '').map((s) => encodeURIComponent(s)),
  )
  .filter((s) => !UUID.test(decodeURIComponentSafe(s)));

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Query strings that no write route reads (noise: a write must not start reading them). */
export const junkQuery = fc.oneof(
  fc.constantFrom(
    '',
    '?',
    '?status=closed',
    '?__proto__[polluted]=1',
    '?constructor[prototype][polluted]=1',
    '?a[b][c]=d',
    '?%zz=1',
    '?limit=-1&cursor=%00',
    '?x=' + 'y'.repeat(2000),
  ),
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 16 }), {
      maxKeys: 3,
    })
    .map((d) => `?${new URLSearchParams(d).toString()}`),
);
