import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { GENESIS_CHAIN_HASH } from './audit-hash.js';
import {
  CONTENT_BATCH,
  LogBroken,
  LogState,
  scanRows,
  type Break,
  type RowReader,
} from './audit-log-reader.js';
import { CompactRange } from './merkle.js';

/**
 * Verification in aligned chunks: the log is cut into blocks of `chunk` records (a power of two),
 * block j holding seq j*chunk+1 .. (j+1)*chunk. Each block is checked on its own (positions,
 * content against the leaf hash, chain hashes from the stored chain hash of the record before
 * it) and hashed into its own Merkle compact range. Because a block starts at a multiple of a
 * power of two at least as large as itself, the compact range of the log up to any size inside
 * block j is the log's range up to the block's start followed by the block's own nodes, and a
 * whole block is one perfect subtree: so blocks can be checked in parallel (worker threads) and
 * put together in order, with the very result and the very first broken record of one pass.
 *
 * The chain is continuous across blocks: block j starts from the stored chain hash of its
 * predecessor record, which block j-1 checked against the hash it computed.
 */

/** What a block reports: its first broken record, or its nodes and the states asked for. */
export interface ChunkResult {
  broken?: Break;
  /** The block's compact range nodes (hex): one node for a whole block. */
  nodes: string[];
  /** Chain hash (hex) of the block's last record. */
  chainHex: string;
  /** At each size asked for inside the block: its chain hash and the block's nodes up to it. */
  at: { size: number; chainHex: string; nodes: string[] }[];
}

/** Checks records lo..hi (one block); `sizes` are the log sizes (lo..hi) whose state is wanted. */
export async function verifyChunk(
  read: RowReader,
  lo: number,
  hi: number,
  sizes: readonly number[],
  batchSize = CONTENT_BATCH,
): Promise<ChunkResult> {
  let startChain = GENESIS_CHAIN_HASH.toString('hex');
  if (lo > 1) {
    const [before] = await read(
      'SELECT seq, leaf_hash, chain_hash FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      lo - 1,
      lo,
    );
    // Missing: the block before reports it (it must end at lo - 1); this one cannot start.
    if (!before?.chain)
      return {
        broken: { seq: lo - 1, reason: 'missing', detail: `record ${lo - 1} is missing` },
        nodes: [],
        chainHex: '',
        at: [],
      };
    startChain = before.chain;
  }
  const state = new LogState(lo, Buffer.from(startChain, 'hex'), new CompactRange());
  const at: ChunkResult['at'] = [];
  let next = 0;
  try {
    await scanRows(read, state, hi, {
      batchSize,
      onSize: (s) => {
        while (next < sizes.length && sizes[next] === s.size) {
          at.push({ size: s.size, chainHex: s.chainHex, nodes: hexNodes(s.range) });
          next++;
        }
      },
    });
  } catch (err) {
    if (err instanceof LogBroken) return { broken: err.broken, nodes: [], chainHex: '', at };
    throw err;
  }
  return { nodes: hexNodes(state.range), chainHex: state.chainHex, at };
}

const hexNodes = (range: CompactRange) => range.frontier().map((n) => n.toString('hex'));
const fromHex = (nodes: string[]) => nodes.map((n) => Buffer.from(n, 'hex'));

export type ChunkRunner = (lo: number, hi: number, sizes: number[]) => Promise<ChunkResult>;

/**
 * Scans the log from state.next (state.size a multiple of `chunk`) up to `size` block by block,
 * with up to `concurrency` blocks in flight, and extends `state` as scanLog does. `onSize` is
 * called, in order, with the state at each of `sizes` (ascending); throws LogBroken at the first
 * broken record.
 */
export async function scanChunked(
  run: ChunkRunner,
  state: LogState,
  size: number,
  chunk: number,
  concurrency: number,
  sizes: readonly number[],
  onSize: (state: LogState) => void,
): Promise<void> {
  if (state.size % chunk) throw new RangeError(`a chunked scan starts at a multiple of ${chunk}`);
  const blocks: { lo: number; hi: number; sizes: number[] }[] = [];
  for (let lo = state.next; lo <= size; lo += chunk) {
    const hi = Math.min(lo + chunk - 1, size);
    blocks.push({ lo, hi, sizes: sizes.filter((s) => s >= lo && s <= hi) });
  }
  const pending: Promise<ChunkResult>[] = [];
  let started = 0;
  const startNext = () => {
    if (started >= blocks.length) return;
    const b = blocks[started++];
    const p = run(b.lo, b.hi, b.sizes);
    // If an earlier block throws, the ones in flight must not become unhandled rejections.
    p.catch(() => {});
    pending.push(p);
  };
  for (let i = 0; i < concurrency; i++) startNext();
  for (let j = 0; j < blocks.length; j++) {
    const result = await pending[j];
    startNext();
    const prefix = state.range.frontier();
    for (const a of result.at) {
      onSize(
        new LogState(
          a.size + 1,
          Buffer.from(a.chainHex, 'hex'),
          CompactRange.fromNodes(a.size, [...prefix, ...fromHex(a.nodes)]),
        ),
      );
    }
    if (result.broken) throw new LogBroken(result.broken);
    const { hi } = blocks[j];
    if (hi - blocks[j].lo + 1 === chunk) state.range.appendSubtree(fromHex(result.nodes)[0], chunk);
    else state.range = CompactRange.fromNodes(hi, [...prefix, ...fromHex(result.nodes)]);
    state.next = hi + 1;
    state.chainHex = result.chainHex;
  }
}

/** Records per block when verifying in worker threads: 2^16. */
export const PARALLEL_CHUNK = 65_536;

const WORKER_FILE = new URL('./audit-scan-worker.js', import.meta.url);

/**
 * Worker threads that verify blocks, each on its own connection of the pool's configuration: one
 * per two cores (each keeps a PostgreSQL backend busy too), at most 4. Null when they cannot run
 * or would not help: fewer than 4 cores (on 2, one pass here and its backend already use both),
 * or no worker script next to this module (the TypeScript sources under test).
 */
export function startScanWorkers(pool: pg.Pool, count?: number): ScanWorkers | null {
  const n = count ?? Math.min(4, Math.floor(availableParallelism() / 2));
  if (n < 2 || WORKER_FILE.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER_FILE)))
    return null;
  return new ScanWorkers(connectionOptions(pool), n);
}

/** The pool's connection settings that can be sent to a worker (no functions, no objects it made). */
function connectionOptions(pool: pg.Pool): Record<string, unknown> {
  const given = (pool as unknown as { options: Record<string, unknown> }).options;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (['Client', 'Promise', 'log', 'max', 'min'].includes(key)) continue;
    if (typeof value === 'function') continue;
    try {
      structuredClone(value);
      out[key] = value;
    } catch {
      continue;
    }
  }
  return out;
}

export class ScanWorkers {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly queue: (() => void)[] = [];
  private id = 0;

  constructor(
    connection: Record<string, unknown>,
    readonly size: number,
  ) {
    this.workers = Array.from(
      { length: size },
      () => new Worker(WORKER_FILE, { workerData: { connection } }),
    );
    for (const w of this.workers) w.unref();
    this.idle = [...this.workers];
  }

  /** A ChunkRunner on these workers (a block waits for a free worker). */
  readonly run: ChunkRunner = async (lo, hi, sizes) => {
    const worker = await this.acquire();
    try {
      return await new Promise<ChunkResult>((resolve, reject) => {
        const id = ++this.id;
        const onMessage = (msg: { id: number; result?: ChunkResult; error?: string }) => {
          if (msg.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', onError);
          if (msg.error !== undefined) reject(new Error(msg.error));
          else resolve(msg.result as ChunkResult);
        };
        const onError = (err: Error) => {
          worker.off('message', onMessage);
          reject(err);
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.postMessage({ id, lo, hi, sizes });
      });
    } finally {
      this.release(worker);
    }
  };

  private acquire(): Promise<Worker> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => this.queue.push(() => resolve(this.idle.pop() as Worker)));
  }

  private release(worker: Worker) {
    this.idle.push(worker);
    this.queue.shift()?.();
  }

  /** Closes the workers' connections, then the workers. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void w.terminate().then(() => resolve()), 2_000);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            w.postMessage('close');
          }),
      ),
    );
  }
}
