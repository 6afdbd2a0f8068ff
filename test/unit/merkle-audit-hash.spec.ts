import { describe, expect, it } from '@jest/globals';
import {
  canonicalContent,
  canonicalJson,
  chainHashOf,
  compactJsonText,
  GENESIS_CHAIN_HASH,
  leafHashOf,
  type AuditContent,
} from '../../src/audit/audit-hash.js';
import { sha256Of } from '../../src/audit/merkle.js';

/** What the audit trail's leaf hashes cover (src/audit/audit-hash.ts): pinned, since stored hashes depend on it. */
describe('audit record hashing', () => {
  const content: AuditContent = {
    id: '0190f0c8-7a1b-7c3d-8e4f-0123456789ab',
    occurred_at: '2015-01-15T10:45:00.000Z',
    actor_id: null,
    actor_label: 'system',
    action: 'update',
    entity_type: 'case',
    entity_id: '5b96fd13-39f9-40cf-96c5-b1f6bb023ff9',
    case_id: '5b96fd13-39f9-40cf-96c5-b1f6bb023ff9',
    changes: { title: { before: 'alt', after: 'neu' } },
    details: null,
    request_id: 'req-1',
    client_address: '203.0.113.9',
  };

  it('serialises the content as JSON with the fields in alphabetical order and jsonb key order inside', () => {
    expect(canonicalContent(content)).toBe(
      '{"action":"update","actor_id":null,"actor_label":"system","case_id":"5b96fd13-39f9-40cf-96c5-b1f6bb023ff9",' +
        '"changes":{"title":{"after":"neu","before":"alt"}},"client_address":"203.0.113.9","details":null,' +
        '"entity_id":"5b96fd13-39f9-40cf-96c5-b1f6bb023ff9","entity_type":"case","id":"0190f0c8-7a1b-7c3d-8e4f-0123456789ab",' +
        '"occurred_at":"2015-01-15T10:45:00.000Z","request_id":"req-1"}',
    );
    expect(leafHashOf(content).equals(sha256Of(canonicalContent(content)))).toBe(true);
  });

  it('orders keys as jsonb does (shorter first, then bytewise), with integer-like keys first as JavaScript has them', () => {
    expect(canonicalJson({ bb: 1, a: 2, ä: 3, b: 4, '10': 5, '2': 6, ab: 7 })).toBe(
      '{"2":6,"10":5,"a":2,"b":4,"ab":7,"bb":1,"ä":3}',
    );
    expect(canonicalJson({ z: [{ b: 1, a: 2 }], y: undefined })).toBe('{"z":[{"a":2,"b":1}]}');
    expect(canonicalJson(JSON.parse('{"__proto__": 1, "a": 2}'))).toBe('{"a":2,"__proto__":1}');
    expect(canonicalJson(null)).toBe('null');
    // What jsonb gives back, parsed, serialises to the same text without sorting.
    const fromJsonb = JSON.parse(
      '{"2": 6, "10": 5, "a": 2, "b": 4, "ab": 7, "bb": 1, "ä": 3}',
    ) as unknown;
    expect(canonicalContent({ ...content, changes: fromJsonb }, true)).toBe(
      canonicalContent({
        ...content,
        changes: { bb: 1, a: 2, ä: 3, b: 4, '10': 5, '2': 6, ab: 7 },
      }),
    );
  });

  it('chains from 32 zero bytes', () => {
    const leaf = leafHashOf(content);
    expect(
      chainHashOf(GENESIS_CHAIN_HASH, leaf).equals(
        sha256Of(Buffer.concat([Buffer.alloc(32), leaf])),
      ),
    ).toBe(true);
  });
});

describe('audit event ids (UUIDv7)', () => {
  it('are valid version 7 UUIDs that sort in the order they were made, also within one millisecond', async () => {
    const { uuidV7 } = await import('../../src/audit/uuid-v7.js');
    const ids = Array.from({ length: 5000 }, () => uuidV7(1_700_000_000_000));
    expect(
      ids.every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseInt(uuidV7(Date.now()).replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(
      1_700_000_000_000,
    );
  });

  it('removes the whitespace between the tokens of jsonb text, never inside its strings', () => {
    const stored = '{"a": [1, 2, {"b": "x, \\"y\\": z \\\\"}], "c": null, "d": "\\\\", "e": " : "}';
    expect(compactJsonText(stored)).toBe(JSON.stringify(JSON.parse(stored)));
    expect(compactJsonText(null)).toBe('null');
    expect(compactJsonText('"no end')).toBeNull();
    expect(compactJsonText('{"a":1}')).toBe('{"a":1}');
  });
});
