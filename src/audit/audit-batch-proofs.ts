import type { DataSource } from 'typeorm';
import { toBuffer } from './audit-hash.js';
import { LogGap } from './audit-proofs.js';
import { hashChildren, hashLeaf, HASH_SIZE, inclusionProofRanges } from './merkle.js';

const BATCH = 50_000;

/** Subtrees smaller than this are recomputed when needed rather than remembered. */
const REMEMBER_FROM = 64;

/**
 * RFC 9162 inclusion proofs of many records (leaf index seq - 1) in the tree of the first `size`
 * records, in one read of the trail: what a case bundle needs for every record of its case.
 * The leaf hashes of records 1..size are read once (32 bytes each); every subtree root is computed
 * at most once (those of 64 leaves or more are remembered), so k proofs cost O(size + k log size)
 * hashes instead of k reads of the whole trail. Throws LogGap when a record is missing.
 */
export async function inclusionProofsFromLog(
  dataSource: DataSource,
  seqs: readonly number[],
  size: number,
): Promise<Map<number, Buffer[]>> {
  const leaves = Buffer.alloc(size * HASH_SIZE);
  let next = 1;
  while (next <= size) {
    const upTo = Math.min(next + BATCH, size + 1);
    const rows = (await dataSource.query(
      'SELECT seq, leaf_hash FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [next, upTo],
    )) as { seq: number | string; leaf_hash: unknown }[];
    for (const row of rows) {
      if (Number(row.seq) !== next) throw new LogGap(next);
      toBuffer(row.leaf_hash).copy(leaves, (next - 1) * HASH_SIZE);
      next++;
    }
    if (next < upTo) throw new LogGap(next);
  }
  const remembered = new Map<string, Buffer>();
  const root = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return hashLeaf(leaves.subarray(lo * HASH_SIZE, (lo + 1) * HASH_SIZE));
    const key = `${lo}:${hi}`;
    const known = remembered.get(key);
    if (known) return known;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    const node = hashChildren(root(lo, lo + k), root(lo + k, hi));
    if (hi - lo >= REMEMBER_FROM) remembered.set(key, node);
    return node;
  };
  const proofs = new Map<number, Buffer[]>();
  for (const seq of seqs) {
    proofs.set(
      seq,
      inclusionProofRanges(seq - 1, size).map(([lo, hi]) => root(lo, hi)),
    );
  }
  return proofs;
}
