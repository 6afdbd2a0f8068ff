/**
 * What syncing costs on the embedded database: commits per second with PGlite as shipped (no
 * sync reaches the disk) and with the durable filesystem (the WAL is flushed at every commit).
 * Each run uses a fresh data directory next to the default one (BENCH_SYNC_DIR to choose the disk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedDatabase } from '../src/database/pglite/durable-node-fs.js';

export interface SyncBenchResult {
  durable: boolean;
  commits: number;
  perSecond: number;
}

async function commitsPerSecond(
  durable: boolean,
  commits: number,
  parent: string,
): Promise<SyncBenchResult> {
  const dir = mkdtempSync(join(parent, 'tracker-sync-bench-'));
  try {
    const db = await openEmbeddedDatabase(join(dir, 'pglite'), { durable });
    try {
      await db.exec('CREATE TABLE probe (id serial PRIMARY KEY, payload text NOT NULL)');
      const payload = 'x'.repeat(200);
      const started = performance.now();
      for (let i = 0; i < commits; i++)
        await db.query('INSERT INTO probe (payload) VALUES ($1)', [payload]);
      return { durable, commits, perSecond: commits / ((performance.now() - started) / 1000) };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSyncBench(
  log: (line?: string) => void,
  commits = 500,
): Promise<SyncBenchResult[]> {
  const parent = process.env.BENCH_SYNC_DIR || tmpdir();
  log(`  ${commits} single-row commits, one after another, data directory under ${parent}`);
  const results: SyncBenchResult[] = [];
  for (const durable of [false, true]) {
    const result = await commitsPerSecond(durable, commits, parent);
    results.push(result);
    log(
      `  ${durable ? 'durable (WAL synced at each commit)' : 'PGlite as shipped (no sync)      '}  ${result.perSecond.toFixed(0).padStart(6)} commits/s`,
    );
  }
  log(
    `  syncing costs ${(results[0].perSecond / results[1].perSecond).toFixed(1)}x in commit rate`,
  );
  return results;
}
