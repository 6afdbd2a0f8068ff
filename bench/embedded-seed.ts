/**
 * Seeding the embedded database and reading a process's memory: shared by the benches that run
 * the service as shipped, on PGlite (embedded.ts for its memory, web-list.ts in Chromium).
 */
import { readFileSync } from 'node:fs';
import { lockDataDirectory } from '../src/database/pglite/data-dir-lock.js';
import { openEmbeddedDatabase } from '../src/database/pglite/durable-node-fs.js';
import { seedWith, type SeedReport, type SeedClient } from './seed.js';

/**
 * Fills a migrated embedded data directory with `cases` bench cases and their parts, in-process
 * through PGlite: one session, multi-statement text through exec.
 */
export async function seedEmbedded(dataDir: string, cases: number): Promise<SeedReport> {
  const unlock = await lockDataDirectory(dataDir);
  const db = await openEmbeddedDatabase(dataDir);
  try {
    const client: SeedClient = {
      async query<R>(sql: string, params?: unknown[]) {
        if (!params?.length && sql.includes(';')) {
          const results = await db.exec(sql);
          const last = results[results.length - 1];
          return { rows: (last?.rows ?? []) as R[], rowCount: last?.affectedRows ?? null };
        }
        const result = await db.query<R>(sql, params);
        return { rows: result.rows, rowCount: result.affectedRows ?? null };
      },
    };
    // The seed splits its work in two halves by connection; PGlite runs them one after the other.
    return await seedWith([client, client], 'public', cases);
  } finally {
    await db.close();
    await unlock();
  }
}

/** Resident set of a process in MB: its peak (VmHWM) or its current size (VmRSS), or undefined. */
export function statusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
export const peakRssMb = (pid: number | undefined) => statusMb(pid, 'VmHWM');
