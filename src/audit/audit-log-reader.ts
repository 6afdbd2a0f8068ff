import type { DataSource } from 'typeorm';
import {
  GENESIS_CHAIN_HASH,
  chainHashOf,
  leafHashOf,
  toBuffer,
  type AuditContent,
} from './audit-hash.js';
import { CompactRange, hashLeaf } from './merkle.js';

/** One stored event as verification reads it: its content and the hashes stored with it. */
interface StoredRow {
  seq: number | string;
  id: string;
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
  leaf_hash: unknown;
  chain_hash: unknown;
}

// occurred_at as text in UTC with microseconds: no Date parsing per row, and a change below the
// millisecond (which the application never writes) still shows.
const CONTENT_COLUMNS = `seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at,
  actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id, client_address, leaf_hash, chain_hash`;

export type BreakReason =
  | 'missing'
  | 'duplicate'
  | 'content_changed'
  | 'chain_mismatch'
  | 'checkpoint_mismatch'
  | 'checkpoint_signature'
  | 'truncated';

export interface Break {
  /** The first record that is not as it was written (for a checkpoint mismatch: the first record the checkpoint does not vouch for). */
  seq: number;
  reason: BreakReason;
  detail: string;
}

export class LogBroken extends Error {
  constructor(readonly broken: Break) {
    super(`seq ${broken.seq}: ${broken.detail}`);
  }
}

function isoOf(text: string): string {
  // 'YYYY-MM-DDTHH:MI:SS.ffffff' → toISOString form when the microseconds are whole milliseconds.
  return text.endsWith('000') ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

function contentOf(row: StoredRow): AuditContent {
  return {
    id: row.id,
    occurred_at: isoOf(row.occurred_at),
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    case_id: row.case_id,
    changes: row.changes,
    details: row.details,
    request_id: row.request_id,
    client_address: row.client_address,
  };
}

/** Where a scan of the log stands: the next seq expected, the chain hash so far, and the Merkle compact range. */
export class LogState {
  constructor(
    public next = 1,
    public chain: Buffer = GENESIS_CHAIN_HASH,
    public range: CompactRange = new CompactRange(),
  ) {}

  get size(): number {
    return this.next - 1;
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
export async function scanLog(
  dataSource: DataSource,
  state: LogState,
  size: number,
  options: { batchSize?: number; checkContent?: boolean; onSize?: (state: LogState) => void } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 10_000;
  const checkContent = options.checkContent ?? true;
  const columns = checkContent ? CONTENT_COLUMNS : 'seq, leaf_hash, chain_hash';
  const fetch = (from: number) =>
    from > size
      ? null
      : (dataSource.query(
          `SELECT ${columns} FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
          [from, Math.min(from + batchSize, size + 1)],
        ) as Promise<StoredRow[]>);

  let from = state.next;
  let pending = fetch(from);
  while (pending) {
    const rows = await pending;
    from += batchSize;
    pending = fetch(from);
    // If this batch throws, the prefetched one must not become an unhandled rejection.
    pending?.catch(() => {});
    for (const row of rows) {
      const seq = Number(row.seq);
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
      const stored = toBuffer(row.leaf_hash);
      if (checkContent && !leafHashOf(contentOf(row)).equals(stored)) {
        throw new LogBroken({
          seq,
          reason: 'content_changed',
          detail: `record ${seq} (id ${row.id}) was changed after it was written: its content does not match its leaf hash`,
        });
      }
      const chain = chainHashOf(state.chain, stored);
      if (row.chain_hash === null || !chain.equals(toBuffer(row.chain_hash))) {
        throw new LogBroken({
          seq,
          reason: 'chain_mismatch',
          detail: `record ${seq} is not the record that was placed at this position: the chain hash does not match (moved, inserted or rehashed)`,
        });
      }
      state.chain = chain;
      state.range.append(hashLeaf(stored));
      state.next = seq + 1;
      options.onSize?.(state);
    }
    if (state.next < Math.min(from, size + 1)) {
      throw new LogBroken({
        seq: state.next,
        reason: 'missing',
        detail: `record ${state.next} is missing`,
      });
    }
  }
}
