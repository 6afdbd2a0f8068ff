import type { DataSource } from 'typeorm';
import { toBuffer } from './audit-hash.js';
import { RangeRoots, consistencyProofRanges, hashLeaf, inclusionProofRanges } from './merkle.js';

const BATCH = 50_000;

/** A record the proof needs is not in the log (a gap): no proof can be given. */
export class LogGap extends Error {
  constructor(readonly seq: number) {
    super(`the audit trail has no record ${seq}`);
  }
}

/**
 * The roots of the given subtrees over the stored leaf hashes, read once from seq 1 in batches
 * (memory O(log n) however long the trail). Throws LogGap when a record is missing.
 */
async function proofFromLog(
  dataSource: DataSource,
  ranges: ReturnType<typeof inclusionProofRanges>,
): Promise<Buffer[]> {
  const roots = new RangeRoots(ranges);
  let next = 1;
  while (next <= roots.end) {
    const upTo = Math.min(next + BATCH, roots.end + 1);
    const rows = (await dataSource.query(
      'SELECT seq, leaf_hash FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [next, upTo],
    )) as { seq: number | string; leaf_hash: unknown }[];
    for (const row of rows) {
      if (Number(row.seq) !== next) throw new LogGap(next);
      roots.push(hashLeaf(toBuffer(row.leaf_hash)));
      next++;
    }
    if (next < upTo) throw new LogGap(next);
  }
  return roots.roots();
}

/** RFC 9162 consistency proof between the trees of the first `from` and `to` records. */
export function consistencyProofFromLog(
  dataSource: DataSource,
  from: number,
  to: number,
): Promise<Buffer[]> {
  return proofFromLog(dataSource, consistencyProofRanges(from, to));
}

/** RFC 9162 inclusion proof of record `seq` (leaf index seq - 1) in the tree of the first `size` records. */
export function inclusionProofFromLog(
  dataSource: DataSource,
  seq: number,
  size: number,
): Promise<Buffer[]> {
  return proofFromLog(dataSource, inclusionProofRanges(seq - 1, size));
}
