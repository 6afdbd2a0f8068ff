import { existsSync, readdirSync, renameSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PreparedDatabase } from '../database/data-source-options.js';
import {
  DurableNodeFS,
  durableStartParams,
  syncDirectory,
  syncTree,
} from '../database/pglite/durable-node-fs.js';
import { dirname } from 'node:path';

/**
 * A consistent snapshot of the embedded database, taken while it runs: between two transactions
 * (the driver's lock), after a CHECKPOINT so that the data files are current, as a gzip'd tar of
 * the data directory (PGlite's dumpDataDir).
 */
export async function snapshotEmbedded(
  embedded: NonNullable<PreparedDatabase['embedded']>,
): Promise<Buffer> {
  return embedded.runExclusive(async () => {
    await embedded.db.query('CHECKPOINT');
    const tarball = await embedded.db.dumpDataDir('gzip');
    return Buffer.from(await tarball.arrayBuffer());
  });
}

export function isNonEmptyDirectory(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** Moves a directory aside (never deletes it) and returns where it went. */
export function moveAside(dir: string, now = new Date()): string {
  const aside = `${dir}.replaced-${now.toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')}`;
  renameSync(dir, aside);
  syncDirectory(dirname(aside));
  return aside;
}

/** Unpacks a snapshot into an empty data directory and makes it durable. */
export async function unpackEmbedded(tarball: Buffer, dataDir: string): Promise<void> {
  const db = await PGlite.create({
    fs: new DurableNodeFS(dataDir),
    startParams: durableStartParams(),
    loadDataDir: new Blob([new Uint8Array(tarball)]),
  });
  await db.close();
  syncTree(dataDir);
}
