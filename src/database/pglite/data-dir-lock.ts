import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirectoryLockedError extends Error {}

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it. Hold an
 * exclusive lock (kept fresh while we run, considered stale 10 s after a crash) instead.
 */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      stale: 10_000,
      update: 2_000,
      realpath: true,
      onCompromised: (err) => {
        // Losing the lock means another process may now open the directory: stop rather than corrupt it.
        console.error(
          `Lost the lock on the embedded database directory ${dataDir}: ${err.message}`,
        );
        process.exit(1);
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new DataDirectoryLockedError(
        `The embedded database in ${dataDir} is in use by another process. ` +
          'Stop that process, or set DATA_DIR to another directory (or DATABASE_URL to use PostgreSQL).',
      );
    }
    throw err;
  }
}
