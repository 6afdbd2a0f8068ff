/**
 * What the hashes of the audit trail cover, and how they are computed. Used when recording
 * (leaf hash), by the sequencer (chain hash), by verification and by the benchmark's seeder:
 * one definition, so that they cannot drift apart.
 *
 * leaf_hash  = SHA-256(UTF-8(canonical JSON of the record's content))
 * chain_hash = SHA-256(previous chain_hash || leaf_hash); the "previous" of seq 1 is 32 zero bytes.
 * Merkle leaf (RFC 6962) = SHA-256(0x00 || leaf_hash), in seq order.
 *
 * Canonical JSON: an object with exactly the keys of AuditContent, absent values as null; object
 * keys sorted (JavaScript string order, i.e. by UTF-16 code units) at every depth; no whitespace;
 * strings and numbers as JSON.stringify writes them; array order kept.
 */
import { sha256Of } from './merkle.js';

export const HASH_BYTES = 32;

/** The chain's start: the "previous chain hash" of the record with seq 1. */
export const GENESIS_CHAIN_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/** Everything a record says, as stored (snake_case, like the columns); the hashes cover exactly this. */
export interface AuditContent {
  id: string;
  /** ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  case_id: string | null;
  changes: unknown;
  details: unknown;
  request_id: string | null;
  client_address: string | null;
}

/** JSON with sorted keys at every depth. Values are expected to be plain JSON (see toJsonValue). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = obj[key];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
        first = false;
      }
      return out + '}';
    }
    default:
      return 'null';
  }
}

/**
 * Turns a value into what jsonb will give back: Dates become ISO strings, undefined members
 * disappear, non-finite numbers become null. Stored and hashed in this form, so that the hash
 * computed on insert equals the hash recomputed from what the database returns.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const CONTENT_KEYS = [
  'action',
  'actor_id',
  'actor_label',
  'case_id',
  'changes',
  'client_address',
  'details',
  'entity_id',
  'entity_type',
  'id',
  'occurred_at',
  'request_id',
] as const satisfies readonly (keyof AuditContent)[];

/** The canonical serialisation of a record's content (the bytes the leaf hash covers). */
export function canonicalContent(c: AuditContent): string {
  // The top level is built by hand in sorted key order (faster than the generic path; same output).
  let out = '{';
  for (let i = 0; i < CONTENT_KEYS.length; i++) {
    const key = CONTENT_KEYS[i];
    out += (i ? ',"' : '"') + key + '":' + canonicalJson(c[key]);
  }
  return out + '}';
}

export function leafHashOf(content: AuditContent): Buffer {
  return sha256Of(canonicalContent(content));
}

export function chainHashOf(previous: Buffer, leafHash: Buffer): Buffer {
  return sha256Of(Buffer.concat([previous, leafHash], previous.length + leafHash.length));
}

/** A bytea value as a Buffer, whichever driver returned it (pg: Buffer, PGlite: Uint8Array). */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && value.startsWith('\\x'))
    return Buffer.from(value.slice(2), 'hex');
  throw new TypeError('not a bytea value');
}
