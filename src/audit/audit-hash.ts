/**
 * What the hashes of the audit trail cover, and how they are computed. Used when recording
 * (leaf hash), by the sequencer (chain hash), by verification and by the benchmark's seeder:
 * one definition, so that they cannot drift apart.
 *
 * leaf_hash  = SHA-256(UTF-8(canonical serialisation of the record's content))
 * chain_hash = SHA-256(previous chain_hash || leaf_hash); the "previous" of seq 1 is 32 zero bytes.
 * Merkle leaf (RFC 6962) = SHA-256(0x00 || leaf_hash), in seq order.
 *
 * The canonical serialisation is JSON without whitespace: one object whose keys are exactly those
 * of AuditContent, in alphabetical order, absent values as null. Inside `changes` and `details`
 * (jsonb columns), object keys are in the order jsonb keeps them (shorter keys first, then
 * bytewise by UTF-8), which JavaScript reproduces when it parses the jsonb text: integer-like keys
 * ("0", "42") come first in numeric order, as in any JavaScript object. Numbers and strings as
 * JSON.stringify writes them. So the text is JSON.stringify of the values as parsed from the
 * database, and verification needs no key sorting per record.
 */
import { hash } from 'node:crypto';
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

/** jsonb's key order: shorter (in UTF-8 bytes) first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The same value with every object's keys inserted in jsonb order (what parsing jsonb text gives). */
function inJsonbOrder(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(inJsonbOrder);
  const obj = value as Record<string, unknown>;
  // No prototype: a key "__proto__" must become a property, as JSON.parse makes it.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(obj).sort(jsonbKeyOrder)) {
    if (obj[key] !== undefined) out[key] = inJsonbOrder(obj[key]);
  }
  return out;
}

/**
 * The canonical JSON of a value written by the application (plain JSON values, see
 * AuditService): keys in jsonb order at every depth, no whitespace. Equal to JSON.stringify of
 * the value after a round trip through a jsonb column.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(inJsonbOrder(value)) ?? 'null';
}

const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
// uuid columns and timestamps (validated on insert, formatted by the database on reading) need no escaping.
const plain = (v: string | null) => (v === null ? 'null' : `"${v}"`);

/**
 * The canonical serialisation of a record's content (the bytes the leaf hash covers).
 * `jsonFromDatabase`: changes and details were parsed from jsonb text, so their keys are already
 * in jsonb order and JSON.stringify gives the canonical form directly.
 */
export function canonicalContent(c: AuditContent, jsonFromDatabase = false): string {
  const json = jsonFromDatabase
    ? (v: unknown) => (v === null || v === undefined ? 'null' : JSON.stringify(v))
    : canonicalJson;
  return contentWithJson(c, json(c.changes), json(c.details));
}

/**
 * The canonical serialisation with `changes` and `details` given as JSON text (the rest from `c`).
 * Verification passes the stored jsonb text with its whitespace removed (compactJsonText): equal to
 * the canonical text whenever the record is intact, unless the database writes a number or orders
 * keys otherwise than JavaScript does; then it falls back to parsing (see audit-log-reader.ts).
 */
export function contentWithJson(c: AuditContent, changes: string, details: string): string {
  return (
    `{"action":${str(c.action)},"actor_id":${plain(c.actor_id)},"actor_label":${str(c.actor_label)},` +
    `"case_id":${plain(c.case_id)},"changes":${changes},"client_address":${str(c.client_address)},` +
    `"details":${details},"entity_id":${plain(c.entity_id)},"entity_type":${str(c.entity_type)},` +
    `"id":${plain(c.id)},"occurred_at":${plain(c.occurred_at)},"request_id":${str(c.request_id)}}`
  );
}

/**
 * JSON text (as PostgreSQL writes jsonb: ", " and ": " between tokens) without the whitespace
 * outside its strings; 'null' for SQL NULL. Null when the text ends inside a string.
 */
export function compactJsonText(text: string | null): string | null {
  if (text === null) return 'null';
  let out = '';
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped by an odd number of backslashes.
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q < 0) return null;
        let k = q - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        i = q;
        if ((q - 1 - k) % 2 === 0) break;
      }
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

export function leafHashOf(content: AuditContent, jsonFromDatabase = false): Buffer {
  return sha256Of(canonicalContent(content, jsonFromDatabase));
}

/** The leaf hash as hex (verification compares strings: no buffer per record). */
export function leafHexOf(content: AuditContent, jsonFromDatabase = false): string {
  return hash('sha256', canonicalContent(content, jsonFromDatabase), 'hex');
}

/** SHA-256 of a string's UTF-8 encoding, as hex. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

const chainScratch = Buffer.alloc(2 * HASH_BYTES);

/** chainHashOf on hex strings. */
export function chainHexOf(previousHex: string, leafHex: string): string {
  chainScratch.write(previousHex, 0, 'hex');
  chainScratch.write(leafHex, HASH_BYTES, 'hex');
  return hash('sha256', chainScratch, 'hex');
}

export function chainHashOf(previous: Uint8Array, leafHash: Uint8Array): Buffer {
  if (previous.length !== HASH_BYTES || leafHash.length !== HASH_BYTES)
    return sha256Of(Buffer.concat([previous, leafHash]));
  chainScratch.set(previous, 0);
  chainScratch.set(leafHash, HASH_BYTES);
  return sha256Of(chainScratch);
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
