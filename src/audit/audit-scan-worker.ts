/**
 * A worker thread of the parallel audit verification (see audit-chunked-scan.ts): verifies the
 * blocks it is sent, on a connection of its own, and answers with each block's result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { verifyChunk } from './audit-chunked-scan.js';
import { poolRowReader } from './audit-log-reader.js';

const { connection } = workerData as { connection: pg.PoolConfig };
// Two connections: the next batch is read while the current one is checked.
const pool = new pg.Pool({ ...connection, max: 2 });
const read = poolRowReader(pool, true);

parentPort?.on(
  'message',
  (job: { id: number; lo: number; hi: number; sizes: number[] } | 'close') => {
    if (job === 'close') {
      void pool.end().finally(() => parentPort?.close());
      return;
    }
    verifyChunk(read, job.lo, job.hi, job.sizes).then(
      (result) => parentPort?.postMessage({ id: job.id, result }),
      (err: unknown) =>
        parentPort?.postMessage({ id: job.id, error: (err as Error)?.message ?? String(err) }),
    );
  },
);
