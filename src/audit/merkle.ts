/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, compact ranges and proofs: pure functions, no I/O.
 *
 * Terms (as in transparency-dev/merkle):
 * - leaf data: the bytes a log entry contributes (for the audit trail: the record's 32-byte leaf_hash);
 * - leaf hash: hashLeaf(data) = SHA-256(0x00 || data), the tree's leaf node;
 * - node hash: hashChildren(l, r) = SHA-256(0x01 || l || r);
 * - MTH(D[0:n]): the root of n leaves; the empty tree's root is SHA-256("").
 *
 * Proofs are lists of 32-byte node hashes, in the order of RFC 6962 section 2.1.1 / 2.1.2 (the same
 * order transparency-dev/merkle produces and verifies). Sizes and indexes are plain numbers
 * (exact up to 2^53); the bit arithmetic of verification uses BigInt so nothing wraps at 2^32.
 */
import { hash } from 'node:crypto';

export const HASH_SIZE = 32;

// crypto.hash (Node >= 20.12) is a one-shot digest, much cheaper per call than createHash. The
// fixed-size inputs below are assembled in scratch buffers (hashing is synchronous) rather than
// by Buffer.concat: verification hashes several times per record.
const sha256 = (data: Uint8Array | string): Buffer => hash('sha256', data, 'buffer') as Buffer;
// A digest as a string of 32 one-byte characters (latin1) costs a fraction of a new Buffer per
// call (measured: 0.3 vs 1.1 µs); compact ranges keep their nodes in that form.
const sha256Latin1 = (data: Uint8Array): string => hash('sha256', data, 'binary');

const leafScratch = Buffer.alloc(1 + 64);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;

/** SHA-256 of the given bytes (a string: of its UTF-8 encoding). */
export function sha256Of(data: Uint8Array | string): Buffer {
  return sha256(data);
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

/** The leaf node of `data`: SHA-256(0x00 || data). */
export function hashLeaf(data: Uint8Array): Buffer {
  if (data.length > 64) return sha256(Buffer.concat([Buffer.from([0x00]), data]));
  leafScratch[0] = 0x00;
  leafScratch.set(data, 1);
  return sha256(leafScratch.subarray(0, 1 + data.length));
}

/** hashLeaf of 32 bytes given as hex. */
export function hashLeafHex(hex: string): Buffer {
  leafScratch[0] = 0x00;
  const n = leafScratch.write(hex, 1, 'hex');
  return sha256(leafScratch.subarray(0, 1 + n));
}

/** hashLeafHex as a latin1 string (see CompactRange). */
function hashLeafHexLatin1(hex: string): string {
  leafScratch[0] = 0x00;
  const n = leafScratch.write(hex, 1, 'hex');
  return sha256Latin1(leafScratch.subarray(0, 1 + n));
}

/** hashChildren on nodes as latin1 strings. */
function hashChildrenLatin1(left: string, right: string): string {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE)
    return hashChildren(Buffer.from(left, 'latin1'), Buffer.from(right, 'latin1')).toString(
      'latin1',
    );
  nodeScratch.write(left, 1, 'latin1');
  nodeScratch.write(right, 1 + HASH_SIZE, 'latin1');
  return sha256Latin1(nodeScratch);
}

/** An interior node: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE)
    return sha256(Buffer.concat([Buffer.from([0x01]), left, right]));
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** The largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A compact range [0, size): the roots of the perfect subtrees that make up the first `size`
 * leaves, largest first (one per set bit of size). Appending a leaf costs O(1) amortised hashes,
 * the root O(log size), so a checkpoint at size n extends the previous one without rehashing.
 */
export class CompactRange {
  /** The frontier as latin1 strings (one character per byte): cheaper to hash into than Buffers. */
  private nodes: string[] = [];
  private count = 0;

  /** Starts from a known frontier (the nodes of a compact range of `size` leaves, largest first). */
  static fromNodes(size: number, nodes: Buffer[]): CompactRange {
    let bits = 0;
    for (let s = size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
    if (bits !== nodes.length)
      throw new Error(`a compact range of size ${size} has ${bits} nodes, not ${nodes.length}`);
    const range = new CompactRange();
    range.nodes = nodes.map((n) => Buffer.from(n).toString('latin1'));
    range.count = size;
    return range;
  }

  get size(): number {
    return this.count;
  }

  /** The frontier: roots of the perfect subtrees, largest (leftmost) first. */
  frontier(): Buffer[] {
    return this.nodes.map((n) => Buffer.from(n, 'latin1'));
  }

  /** Appends one leaf hash (already hashLeaf'ed). */
  append(leafHash: Buffer): void {
    this.push(Buffer.from(leafHash).toString('latin1'));
  }

  /** Appends the leaf node of a record's leaf hash given as hex: append(hashLeafHex(hex)). */
  appendLeafHex(hex: string): void {
    this.push(hashLeafHexLatin1(hex));
  }

  private push(leaf: string): void {
    let node = leaf;
    let s = this.count;
    while (s % 2 === 1) {
      node = hashChildrenLatin1(this.nodes.pop() as string, node);
      s = (s - 1) / 2;
    }
    this.nodes.push(node);
    this.count += 1;
  }

  /**
   * Appends a perfect subtree of `size` leaves (a power of two) by its root; the range's size
   * must be a multiple of `size`, as when whole aligned blocks of leaves were hashed elsewhere.
   */
  appendSubtree(root: Buffer, size: number): void {
    if (!Number.isSafeInteger(size) || size < 1 || (size & (size - 1)) !== 0 || this.count % size)
      throw new RangeError(`cannot append a subtree of ${size} leaves to a range of ${this.count}`);
    let node = Buffer.from(root).toString('latin1');
    let s = this.count / size;
    while (s % 2 === 1) {
      node = hashChildrenLatin1(this.nodes.pop() as string, node);
      s = (s - 1) / 2;
    }
    this.nodes.push(node);
    this.count += size;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.nodes.length === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) root = hashChildrenLatin1(this.nodes[i], root);
    return Buffer.from(root, 'latin1');
  }

  clone(): CompactRange {
    const range = new CompactRange();
    range.nodes = this.nodes.slice();
    range.count = this.count;
    return range;
  }
}

/** MTH(D[0:n]) of the given leaf hashes. */
export function rootOf(leafHashes: readonly Buffer[]): Buffer {
  const range = new CompactRange();
  for (const h of leafHashes) range.append(h);
  return range.root();
}

function checkSize(what: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole number >= 0, not ${value}`);
}

/** A subtree of the leaves [lo, hi) whose root is one node of a proof. */
export type NodeRange = readonly [lo: number, hi: number];

/**
 * Which subtrees make up the inclusion proof of leaf `index` in the tree of `size` leaves
 * (RFC 6962 PATH), in proof order. Their roots are the proof.
 */
export function inclusionProofRanges(index: number, size: number): NodeRange[] {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} is outside a tree of size ${size}`);
  const out: NodeRange[] = [];
  const path = (m: number, lo: number, hi: number) => {
    const n = hi - lo;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      path(m - k, lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  path(index, 0, size);
  return out;
}

/**
 * Which subtrees make up the consistency proof between the trees of `size1` and `size2` leaves
 * (RFC 6962 PROOF), in proof order; none when size1 is 0 or equals size2.
 */
export function consistencyProofRanges(size1: number, size2: number): NodeRange[] {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 > size2) throw new RangeError(`size1 ${size1} is larger than size2 ${size2}`);
  const out: NodeRange[] = [];
  if (size1 === 0 || size1 === size2) return out;
  const sub = (m: number, lo: number, hi: number, complete: boolean) => {
    const n = hi - lo;
    if (m === n) {
      if (!complete) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, lo, lo + k, complete);
      out.push([lo + k, hi]);
    } else {
      sub(m - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  sub(size1, 0, size2, true);
  return out;
}

/**
 * The roots of the given subtrees, computed in one pass over leaf hashes delivered in order
 * (the ranges of a proof do not overlap): memory O(log n) however large the tree.
 */
export class RangeRoots {
  private readonly ranges: { lo: number; hi: number; range: CompactRange }[];
  private position = 0;

  constructor(ranges: readonly NodeRange[]) {
    this.ranges = ranges.map(([lo, hi]) => ({ lo, hi, range: new CompactRange() }));
  }

  /** The leaves needed: [0, end). */
  get end(): number {
    return this.ranges.reduce((max, r) => Math.max(max, r.hi), 0);
  }

  /** Feeds the next leaf hash (leaf number `position`, counting from 0). */
  push(leafHash: Buffer): void {
    for (const r of this.ranges)
      if (this.position >= r.lo && this.position < r.hi) r.range.append(leafHash);
    this.position++;
  }

  roots(): Buffer[] {
    if (this.position < this.end)
      throw new RangeError(`${this.end} leaves needed, ${this.position} given`);
    return this.ranges.map((r) => r.range.root());
  }
}

function proofFrom(leafHashes: readonly Buffer[], ranges: NodeRange[]): Buffer[] {
  const roots = new RangeRoots(ranges);
  if (roots.end > leafHashes.length)
    throw new RangeError(`${roots.end} leaves needed, ${leafHashes.length} given`);
  for (let i = 0; i < roots.end; i++) roots.push(leafHashes[i]);
  return roots.roots();
}

/** The inclusion proof of leaf `index` in the tree of the first `size` of `leafHashes`. */
export function inclusionProof(
  leafHashes: readonly Buffer[],
  index: number,
  size: number,
): Buffer[] {
  if (size > leafHashes.length)
    throw new RangeError(`size ${size} exceeds the ${leafHashes.length} leaves given`);
  return proofFrom(leafHashes, inclusionProofRanges(index, size));
}

/** The consistency proof between the trees of the first `size1` and `size2` of `leafHashes`. */
export function consistencyProof(
  leafHashes: readonly Buffer[],
  size1: number,
  size2: number,
): Buffer[] {
  if (size2 > leafHashes.length)
    throw new RangeError(`size ${size2} exceeds the ${leafHashes.length} leaves given`);
  return proofFrom(leafHashes, consistencyProofRanges(size1, size2));
}

// ---- verification (the algorithm of transparency-dev/merkle proof/verify.go) ----

function bitLength(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

function onesCount(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

function trailingZeros(x: bigint): number {
  let n = 0;
  while (x > 0n && (x & 1n) === 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

/** How many proof nodes are "inner" (below the point where the paths to index and size-1 split) and "border". */
function decomposeInclusionProof(index: bigint, size: bigint): [inner: number, border: number] {
  const inner = bitLength(index ^ (size - 1n));
  const border = onesCount(index >> BigInt(inner));
  return [inner, border];
}

function chainInner(seed: Buffer, proof: readonly Buffer[], index: bigint): Buffer {
  proof.forEach((h, i) => {
    seed = ((index >> BigInt(i)) & 1n) === 0n ? hashChildren(seed, h) : hashChildren(h, seed);
  });
  return seed;
}

function chainInnerRight(seed: Buffer, proof: readonly Buffer[], index: bigint): Buffer {
  proof.forEach((h, i) => {
    if (((index >> BigInt(i)) & 1n) === 1n) seed = hashChildren(h, seed);
  });
  return seed;
}

function chainBorderRight(seed: Buffer, proof: readonly Buffer[]): Buffer {
  for (const h of proof) seed = hashChildren(h, seed);
  return seed;
}

const isHash = (h: Uint8Array) => h.length === HASH_SIZE;

/** Thrown by the verify functions: the proof does not prove what was claimed. */
export class ProofError extends Error {}

/** The root that an inclusion proof leads to; throws ProofError when the proof has the wrong shape. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: readonly Buffer[],
): Buffer {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new ProofError(`index ${index} is beyond the tree size ${size}`);
  if (!isHash(leafHash))
    throw new ProofError(`the leaf hash has ${leafHash.length} bytes, not ${HASH_SIZE}`);
  if (!proof.every(isHash)) throw new ProofError('a proof node is not a 32-byte hash');
  const [inner, border] = decomposeInclusionProof(BigInt(index), BigInt(size));
  if (proof.length !== inner + border)
    throw new ProofError(`wrong proof size ${proof.length}, want ${inner + border}`);
  const res = chainInner(leafHash, proof.slice(0, inner), BigInt(index));
  return chainBorderRight(res, proof.slice(inner));
}

/** Checks that `leafHash` is leaf `index` of the tree of `size` leaves with the given root; throws ProofError if not. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: readonly Buffer[],
  root: Buffer,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!computed.equals(root)) throw new ProofError('the proof leads to a different root');
}

/**
 * Checks that the tree of size2 leaves with root2 extends the tree of size1 leaves with root1;
 * throws ProofError if not (RFC 9162 section 2.1.4.2).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Buffer[],
  root1: Buffer,
  root2: Buffer,
): void {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size2 < size1) throw new ProofError(`size2 (${size2}) < size1 (${size1})`);
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('size1 = size2, but the proof is not empty');
    if (!root1.equals(root2)) throw new ProofError('size1 = size2, but the roots differ');
    return;
  }
  if (size1 === 0) {
    if (proof.length > 0)
      throw new ProofError(`expected an empty proof for size1 = 0, got ${proof.length} nodes`);
    return;
  }
  if (proof.length === 0) throw new ProofError('empty proof');
  if (!proof.every(isHash)) throw new ProofError('a proof node is not a 32-byte hash');

  const s1 = BigInt(size1);
  const [fullInner, border] = decomposeInclusionProof(s1 - 1n, BigInt(size2));
  const shift = trailingZeros(s1);
  const inner = fullInner - shift; // the proof does not contain the nodes of the perfect subtree that is the old tree's tail

  // When size1 is a power of two, the old root is itself a node of the new tree and starts the chain.
  let seed: Buffer;
  let start: number;
  if (s1 === 1n << BigInt(shift)) {
    seed = root1;
    start = 0;
  } else {
    seed = proof[0];
    start = 1;
  }
  if (proof.length !== start + inner + border)
    throw new ProofError(`wrong proof size ${proof.length}, want ${start + inner + border}`);
  const rest = proof.slice(start);
  const mask = (s1 - 1n) >> BigInt(shift);

  const hash1 = chainBorderRight(
    chainInnerRight(seed, rest.slice(0, inner), mask),
    rest.slice(inner),
  );
  if (!hash1.equals(root1)) throw new ProofError('the proof does not lead to root1');
  const hash2 = chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!hash2.equals(root2)) throw new ProofError('the proof does not lead to root2');
}
