import fs, { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a descriptor points at, from /proc (Linux); the sync spies record paths, not numbers. */
function pathOf(fd: number): string {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return `fd ${fd}`;
  }
}

jest.setTimeout(300_000);

// The embedded database must flush its write-ahead log to the disk before a write is
// acknowledged, or a power cut loses acknowledged records. PGlite's own filesystem never syncs.
describe('embedded database: durability', () => {
  let dir: string;
  let t: TestApp;
  const events: string[] = [];
  const record = (kind: string) => (fd: number) => {
    events.push(`${kind} ${pathOf(fd)}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-durable-'));
    const realFsync = fs.fsyncSync;
    const realFdatasync = fs.fdatasyncSync;
    jest.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      record('fsync')(fd);
      realFsync(fd);
    });
    jest.spyOn(fs, 'fdatasyncSync').mockImplementation((fd) => {
      record('fdatasync')(fd);
      realFdatasync(fd);
    });
    t = await startTestApp({ dataDir: join(dir, 'pglite') });
  });
  afterAll(async () => {
    await t?.close();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the new data directory durable once initdb has written it', () => {
    expect(events).toContainEqual(expect.stringMatching(/sync .*\/pglite\/PG_VERSION$/));
    expect(events).toContainEqual(expect.stringMatching(/sync .*\/pglite\/global\/pg_control$/));
  });

  it('syncs the write-ahead log before POST /cases is answered', async () => {
    const authority = await fixtures(t.http).authority();
    events.length = 0;
    events.push('request sent');
    const created = await t.http
      .post('/cases')
      .send({
        title: 'Synced before it is acknowledged',
        requestType: 'other',
        receivedAt: '2024-01-01T00:00:00Z',
        authorities: [{ authorityId: authority.id, role: 'issuing' }],
      })
      .expect(201);
    // Everything recorded so far happened before the answer reached the client.
    const beforeAnswer = events.slice(events.indexOf('request sent'));
    expect(beforeAnswer).toContainEqual(expect.stringMatching(/sync .*\/pg_wal\/[0-9A-F]{24}$/));
    await t.http.get(`/cases/${created.body.id}`).expect(200);
  });
});
