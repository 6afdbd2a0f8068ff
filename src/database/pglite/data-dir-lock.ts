import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirectoryLockedError extends Error {}

/**
 * A lock not refreshed for this long belongs to a crashed process. Generous, because loading the
 * database blocks the event loop for seconds on a busy machine and must not look like a crash.
 */
const STALE_MS = 30_000;

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it. Hold an
 * exclusive lock (kept fresh while we run, considered stale 30 s after a crash) instead.
 */
/** Fails early, before anything else starts, when another live process holds the directory. */
export async function assertDataDirectoryFree(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  if (await lockfile.check(dataDir, { stale: STALE_MS, realpath: true })) {
    throw new DataDirectoryLockedError(lockedMessage(dataDir));
  }
}

function lockedMessage(dataDir: string) {
  return (
    `The embedded database in ${dataDir} is in use by another process. ` +
    'Stop that process, or set DATA_DIR to another directory (or DATABASE_URL to use PostgreSQL). ' +
    'If that process crashed, its lock expires 30 s after it stopped.'
  );
}

export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      stale: STALE_MS,
      update: 5_000,
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
      throw new DataDirectoryLockedError(lockedMessage(dataDir));
    }
    throw err;
  }
}
