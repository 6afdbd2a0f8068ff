import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  GENESIS_CHAIN_HASH,
  chainHexOf,
  compactJsonText,
  contentWithJson,
  leafHexOf,
  sha256Hex,
  toBuffer,
  type AuditContent,
} from './audit-hash.js';
import { CompactRange } from './merkle.js';

/** One stored event as verification reads it: position, stored hashes and (when checked) content. */
export interface StoredRow {
  seq: number;
  /** leaf_hash and chain_hash in hex. */
  leaf: string;
  chain: string | null;
  content: AuditContent | null;
  /**
   * changes and details as the jsonb text PostgreSQL sent, not yet parsed (the node-postgres fast
   * path): content.changes and content.details are then parsed only when needed (contentMatches).
   */
  jsonText?: { changes: string | null; details: string | null };
}

// occurred_at as text in UTC with microseconds: no Date parsing per row, and a change below the
// millisecond (which the application never writes) still shows.
const CONTENT_COLUMNS = `seq, leaf_hash, chain_hash, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at,
  actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id, client_address`;
const HASH_COLUMNS = 'seq, leaf_hash, chain_hash';

function isoOf(text: string): string {
  // 'YYYY-MM-DDTHH:MI:SS.ffffff' → toISOString form when the microseconds are whole milliseconds.
  return text.endsWith('000') ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

/** Values as the generic driver path returns them (typed by the driver's parsers). */
function fromObject(row: Record<string, unknown>, withContent: boolean): StoredRow {
  return {
    seq: Number(row.seq),
    leaf: toBuffer(row.leaf_hash).toString('hex'),
    chain: row.chain_hash === null ? null : toBuffer(row.chain_hash).toString('hex'),
    content:
      withContent && 'id' in row
        ? {
            id: row.id as string,
            occurred_at: isoOf(row.occurred_at as string),
            actor_id: row.actor_id as string | null,
            actor_label: row.actor_label as string,
            action: row.action as string,
            entity_type: row.entity_type as string,
            entity_id: row.entity_id as string | null,
            case_id: row.case_id as string | null,
            changes: row.changes,
            details: row.details,
            request_id: row.request_id as string | null,
            client_address: row.client_address as string | null,
          }
        : null,
  };
}

// bytea in text form is '\\x' followed by hex.
const hexBytea = (text: string | null) => (text === null ? null : text.slice(2));
const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Values as text, positionally (the fast path on node-postgres: no per-column parsers, no row objects). */
function fromArray(row: (string | null)[], withContent: boolean): StoredRow {
  const content = withContent && row.length > 3;
  return {
    seq: Number(row[0]),
    leaf: hexBytea(row[1]) as string,
    chain: hexBytea(row[2]),
    content: content
      ? {
          id: row[3] as string,
          occurred_at: isoOf(row[4] as string),
          actor_id: row[5],
          actor_label: row[6] as string,
          action: row[7] as string,
          entity_type: row[8] as string,
          entity_id: row[9],
          case_id: row[10],
          changes: undefined,
          details: undefined,
          request_id: row[13],
          client_address: row[14],
        }
      : null,
    jsonText: content ? { changes: row[11], details: row[12] } : undefined,
  };
}

/**
 * Whether a row's content matches its leaf hash. With the jsonb text at hand, first the canonical
 * text is formed from it by removing whitespace (no parsing): if that hashes to the leaf hash, it
 * is the very text that was hashed when the record was written, and so is what parsing would give
 * (canonical JSON reads back to itself). Otherwise, the exact way: parse and serialise (a number
 * or key order the database writes differently from JavaScript, or a changed record).
 */
function contentMatches(row: StoredRow, content: AuditContent): boolean {
  const text = row.jsonText;
  if (text) {
    const changes = compactJsonText(text.changes);
    const details = compactJsonText(text.details);
    if (
      changes !== null &&
      details !== null &&
      sha256Hex(contentWithJson(content, changes, details)) === row.leaf
    )
      return true;
    content.changes = json(text.changes);
    content.details = json(text.details);
  }
  return leafHexOf(content, true) === row.leaf;
}

const TEXT_TYPES = { getTypeParser: () => (value: string) => value };

/** Reads the rows of `sql` for seq in [from, to). */
export type RowReader = (sql: string, from: number, to: number) => Promise<StoredRow[]>;

/** The rows of a node-postgres pool, as text arrays (the per-row cost of verification is mostly parsing). */
export function poolRowReader(pool: pg.Pool, withContent: boolean): RowReader {
  return async (sql, from, to) => {
    const result = await pool.query<(string | null)[]>({
      text: sql,
      values: [from, to],
      rowMode: 'array',
      types: TEXT_TYPES,
    });
    return result.rows.map((r) => fromArray(r, withContent));
  };
}

/** The node-postgres pool behind a DataSource; null on the embedded database. */
export function poolOf(dataSource: DataSource): pg.Pool | null {
  const master = (dataSource.driver as unknown as { master?: unknown }).master;
  return master instanceof pg.Pool ? master : null;
}

/**
 * How batches are read: on node-postgres straight from its pool as text arrays; elsewhere
 * (PGlite) through the DataSource.
 */
export function rowReaderOf(dataSource: DataSource, withContent = true): RowReader {
  return rowReader(dataSource, withContent);
}

function rowReader(dataSource: DataSource, withContent: boolean): RowReader {
  const pool = poolOf(dataSource);
  if (pool) return poolRowReader(pool, withContent);
  return async (sql, from, to) => {
    const rows = (await dataSource.query(sql, [from, to])) as Record<string, unknown>[];
    return rows.map((r) => fromObject(r, withContent));
  };
}

export type BreakReason =
  | 'missing'
  | 'duplicate'
  | 'content_changed'
  | 'chain_mismatch'
  | 'checkpoint_mismatch'
  | 'checkpoint_untrusted'
  | 'checkpoint_missing'
  | 'truncated';

export interface Break {
  /** The first record that is not as it was written (for a checkpoint mismatch: the first record the checkpoint does not vouch for). */
  seq: number;
  /** When the evidence only bounds it: the first differing record is at most this one. */
  upTo?: number;
  reason: BreakReason;
  detail: string;
}

export class LogBroken extends Error {
  constructor(readonly broken: Break) {
    super(`seq ${broken.seq}: ${broken.detail}`);
  }
}

/** Where a scan of the log stands: the next seq expected, the chain hash so far, and the Merkle compact range. */
export class LogState {
  /** The chain hash of record `size`, as hex (kept current per record by scanLog). */
  chainHex: string;

  constructor(
    public next = 1,
    chain: Buffer = GENESIS_CHAIN_HASH,
    public range: CompactRange = new CompactRange(),
  ) {
    this.chainHex = chain.toString('hex');
  }

  get size(): number {
    return this.next - 1;
  }

  get chain(): Buffer {
    return Buffer.from(this.chainHex, 'hex');
  }

  clone(): LogState {
    return new LogState(this.next, this.chain, this.range.clone());
  }
}

export async function sequencedSize(dataSource: DataSource): Promise<number> {
  const rows = (await dataSource.query(
    'SELECT seq FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
  )) as {
    seq: number | string;
  }[];
  return rows.length ? Number(rows[0].seq) : 0;
}

/**
 * Reads the log from state.next up to `size` in keyset batches by seq and checks every record:
 * positions contiguous, content against its leaf hash (recomputed here, in Node), chain hash.
 * Extends `state` (chain and Merkle range); `onSize` is called after each record with the new
 * size (checkpoint comparisons). Throws LogBroken at the first broken record. The next batch is
 * fetched while the current one is checked.
 *
 * `checkContent: false` trusts the stored leaf hashes (a quick rebuild of the Merkle range).
 */
/** Rows per read when their content is checked. */
export const CONTENT_BATCH = 1_000;

export interface ScanOptions {
  batchSize?: number;
  checkContent?: boolean;
  onSize?: (state: LogState) => void;
}

export async function scanLog(
  dataSource: DataSource,
  state: LogState,
  size: number,
  options: ScanOptions = {},
): Promise<void> {
  return scanRows(rowReader(dataSource, options.checkContent ?? true), state, size, options);
}

/** scanLog over a given row reader (made with the same `checkContent`). */
export async function scanRows(
  read: RowReader,
  state: LogState,
  size: number,
  options: ScanOptions = {},
): Promise<void> {
  const checkContent = options.checkContent ?? true;
  // Rows with content in small batches: they die young, so garbage collection stays cheap (10,000
  // rows at once cost twice the CPU, most of it in the collector).
  const batchSize = options.batchSize ?? (checkContent ? CONTENT_BATCH : 10_000);
  const sql = `SELECT ${checkContent ? CONTENT_COLUMNS : HASH_COLUMNS} FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq`;
  const fetch = (from: number) =>
    from > size ? null : read(sql, from, Math.min(from + batchSize, size + 1));

  let from = state.next;
  let chainHex = state.chainHex;
  let pending = fetch(from);
  while (pending) {
    const rows = await pending;
    from += batchSize;
    pending = fetch(from);
    // If this batch throws, the prefetched one must not become an unhandled rejection.
    pending?.catch(() => {});
    for (const row of rows) {
      const seq = row.seq;
      if (seq > state.next)
        throw new LogBroken({
          seq: state.next,
          reason: 'missing',
          detail: `record ${state.next} is missing (the next one present is ${seq})`,
        });
      if (seq < state.next)
        throw new LogBroken({
          seq,
          reason: 'duplicate',
          detail: `seq ${seq} appears more than once`,
        });
      if (row.content && !contentMatches(row, row.content)) {
        throw new LogBroken({
          seq,
          reason: 'content_changed',
          detail: `record ${seq} (id ${row.content.id}) was changed after it was written: its content does not match its leaf hash`,
        });
      }
      const chain = chainHexOf(chainHex, row.leaf);
      if (row.chain !== chain) {
        throw new LogBroken({
          seq,
          reason: 'chain_mismatch',
          detail: `record ${seq} is not the record that was placed at this position: the chain hash does not match (moved, inserted or rehashed)`,
        });
      }
      chainHex = chain;
      state.chainHex = chain;
      state.range.appendLeafHex(row.leaf);
      state.next = seq + 1;
      options.onSize?.(state);
    }
    // (On a throw above, state is left half-advanced: callers scan a clone they discard.)
    if (state.next < Math.min(from, size + 1)) {
      throw new LogBroken({
        seq: state.next,
        reason: 'missing',
        detail: `record ${state.next} is missing`,
      });
    }
  }
}
