import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  assertDataDirectoryFree,
  currentOwner,
  lockDataDirectory,
  type LockOwner,
} from '../../src/database/pglite/data-dir-lock.js';

const HOUR_AGO = () => new Date(Date.now() - 3_600_000);

describe('data directory lock', () => {
  let root: string;
  let dataDir: string;
  let lockPath: string;
  const children: ChildProcess[] = [];

  /** A lock left behind by `owner`, as a killed process leaves it. */
  function leaveLock(owner: LockOwner, mtime = new Date()) {
    mkdirSync(join(lockPath, 'held'), { recursive: true });
    writeFileSync(join(lockPath, 'owner.json'), JSON.stringify(owner));
    utimesSync(join(lockPath, 'held'), mtime, mtime);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tracker-lock-'));
    dataDir = join(root, 'pglite');
    mkdirSync(dataDir);
    lockPath = `${realpathSync(dataDir)}.lock`;
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('removes its lock when released, and a new owner can take it', async () => {
    const first = await lockDataDirectory(dataDir);
    await first();
    expect(existsSync(lockPath)).toBe(false);
    const second = await lockDataDirectory(dataDir);
    await second();
  });

  it('treats a lock written by an older version (no owner record) as held for 30 s', async () => {
    mkdirSync(lockPath);
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(/in use by another process/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    const release = await lockDataDirectory(dataDir);
    await release();
  });

  it('takes over at once a fresh lock whose owner process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    leaveLock(currentOwner(gone));
    await expect(assertDataDirectoryFree(dataDir)).resolves.toBeUndefined();
    const release = await lockDataDirectory(dataDir);
    expect(JSON.parse(readFileSync(join(lockPath, 'owner.json'), 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('takes over a lock whose pid now belongs to another process (a restarted container)', async () => {
    const me = currentOwner();
    if (me.startTicks === null) return; // no /proc: the pid alone decides
    leaveLock({ ...me, startTicks: me.startTicks - 1 });
    const release = await lockDataDirectory(dataDir);
    await release();
  });

  it('refuses a lock held by a live process, however long ago it was refreshed', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], {
      stdio: 'ignore',
    });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    // A busy machine delays the refresh by minutes; the owner still runs and keeps the lock.
    leaveLock(currentOwner(child.pid), HOUR_AGO());
    await expect(assertDataDirectoryFree(dataDir)).rejects.toThrow(/in use by another process/);
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(/in use by another process/);
  });

  it('refuses a second opener in the same process while the first holds the lock, its refresh late', async () => {
    const release = await lockDataDirectory(dataDir);
    utimesSync(join(lockPath, 'held'), HOUR_AGO(), HOUR_AGO());
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(/in use by another process/);
    await release();
  });

  it('reports a compromised lock without ending the process', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const logged = new Promise<void>((resolve) => {
      jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        if (String(args[0]).includes('Lost the lock')) resolve();
      });
    });
    const release = await lockDataDirectory(dataDir, { updateMs: 1_000 });
    // Someone else touched the lock: the next refresh notices that it is no longer ours.
    utimesSync(join(lockPath, 'held'), HOUR_AGO(), HOUR_AGO());
    await logged;
    expect(exit).not.toHaveBeenCalled();
    await release();
    expect(existsSync(join(lockPath, 'held'))).toBe(true); // not ours to remove any more
  }, 120_000);
});
