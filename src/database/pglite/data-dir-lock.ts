import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirectoryLockedError extends Error {}

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it. We hold an
 * exclusive lock directory (proper-lockfile) with a record of its owner inside. A lock whose owner
 * process is gone is taken over at once; a live owner on this machine is never displaced, however
 * long its lock went without a refresh (a busy machine delays refreshes, it does not end processes).
 */

/** Only for an owner on another machine, whose process we cannot check: its lock counts as abandoned after this long without a refresh. */
const OTHER_HOST_STALE_MS = 10 * 60_000;
const UNRECORDED_OWNER_STALE_MS = 30_000;
const UPDATE_MS = 5_000;
const NEVER_STALE_MS = 365 * 24 * 3_600_000;
const OWNER_FILE = 'owner.json';

/** Who holds a lock: enough to tell whether that process still runs. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** The kernel's boot id: pids start again after a reboot. */
  bootId: string | null;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid apart. */
  startTicks: number | null;
}

/** Emits 'lost' (dataDir, error) when the lock was taken away from this process; see main.ts. */
export const dataDirectoryLockEvents = new EventEmitter();

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function startTicksOf(pid: number): number | null {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Field 22 (starttime); the fields after the command name, which may hold spaces, start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

export function currentOwner(pid = process.pid): LockOwner {
  return {
    pid,
    hostname: hostname(),
    bootId: readOptional('/proc/sys/kernel/random/boot_id'),
    startTicks: startTicksOf(pid),
  };
}

/** true: the owner runs; false: it is gone; null: it runs on another machine, we cannot tell. */
export function ownerIsAlive(owner: LockOwner): boolean | null {
  const here = currentOwner();
  if (owner.hostname !== here.hostname) return null;
  if (owner.bootId && here.bootId && owner.bootId !== here.bootId) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid runs, but it may be another process that got the same number (a container restart).
  const ticks = startTicksOf(owner.pid);
  return !(owner.startTicks !== null && ticks !== null && ticks !== owner.startTicks);
}

/**
 * The lock lives next to the data directory: `<dir>.lock/held` is proper-lockfile's lock (an
 * atomic mkdir, its timestamp refreshed while we run), `<dir>.lock/owner.json` says who holds it.
 * They are apart so that writing the owner record does not touch the lock's timestamp.
 */
function lockPaths(dataDir: string) {
  const container = `${realpathSync(dataDir)}.lock`;
  return { container, held: join(container, 'held'), ownerFile: join(container, OWNER_FILE) };
}
type LockPaths = ReturnType<typeof lockPaths>;

function readOwner(paths: LockPaths): LockOwner | null {
  const raw = readOptional(paths.ownerFile);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LockOwner;
  } catch {
    return null;
  }
}

/**
 * Whether an existing lock belongs to nobody any more: its owner is gone or, when we cannot check
 * the owner's process (another machine), its timestamp was not refreshed for long. A lock without
 * an owner record (being taken this very moment, or written by an older version, which locked the
 * directory itself) counts as abandoned 30 s after its last refresh, as before.
 */
async function isAbandoned(dataDir: string, paths: LockPaths): Promise<boolean> {
  const owner = readOwner(paths);
  // An owner record without the lock itself: released on exit (proper-lockfile's exit handler).
  if (owner && !existsSync(paths.held)) return true;
  const alive = owner ? ownerIsAlive(owner) : null;
  if (alive !== null) return !alive;
  const lockfilePath = owner || existsSync(paths.held) ? paths.held : paths.container;
  const stale = owner ? OTHER_HOST_STALE_MS : UNRECORDED_OWNER_STALE_MS;
  return !(await lockfile.check(dataDir, { stale, realpath: true, lockfilePath }));
}

/** Fails early, before anything else starts, when another live process holds the directory. */
export async function assertDataDirectoryFree(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const paths = lockPaths(dataDir);
  if (existsSync(paths.container) && !(await isAbandoned(dataDir, paths))) {
    throw new DataDirectoryLockedError(lockedMessage(dataDir));
  }
}

function lockedMessage(dataDir: string) {
  return (
    `The embedded database in ${dataDir} is in use by another process. ` +
    'Stop that process, or set DATA_DIR to another directory (or DATABASE_URL to use PostgreSQL).'
  );
}

export interface LockOptions {
  /** How often the lock's timestamp is refreshed (for owners on other machines); tests shorten it. */
  updateMs?: number;
}

export async function lockDataDirectory(
  dataDir: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const paths = lockPaths(dataDir);
  if (existsSync(paths.container)) {
    if (!(await isAbandoned(dataDir, paths))) {
      throw new DataDirectoryLockedError(lockedMessage(dataDir));
    }
    // Its owner is gone (killed, crashed, the machine restarted): take the lock over now.
    rmSync(paths.container, { recursive: true, force: true });
  }
  mkdirSync(paths.container, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: paths.held,
      // Whether a lock is abandoned is decided above: proper-lockfile must never remove a lock
      // by its age alone, nor give up ours because a refresh came late.
      stale: NEVER_STALE_MS,
      update: options.updateMs ?? UPDATE_MS,
      realpath: true,
      onCompromised: (err) => {
        // Never exit from here: inside a test runner that would end every test. The service
        // listens to 'lost' and stops (main.ts).
        console.error(
          `Lost the lock on the embedded database directory ${dataDir}: ${err.message}`,
        );
        dataDirectoryLockEvents.emit('lost', dataDir, err);
      },
    });
  } catch (err) {
    // Another process took it between our check and now.
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new DataDirectoryLockedError(lockedMessage(dataDir));
    }
    throw err;
  }
  writeFileSync(paths.ownerFile, JSON.stringify(currentOwner()));
  return async () => {
    try {
      await release();
    } catch (err) {
      // Already lost (see onCompromised): what is there now may be another process's lock.
      if ((err as { code?: string }).code === 'ERELEASED') return;
      throw err;
    }
    rmSync(paths.container, { recursive: true, force: true });
  };
}
