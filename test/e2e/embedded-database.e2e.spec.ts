import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MEMORY_DATA_DIR, prepareDatabase } from '../../src/database/data-source-options.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Starting PGlite takes seconds, minutes on a loaded machine: the time limit is generous.
jest.setTimeout(300_000);

// These tests are about PGlite itself and run on it whatever database the rest of the suite uses.
describe('embedded database: concurrent transactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ forcePglite: true });
  });
  afterAll(() => t.close());

  it('runs overlapping transactions one after another, so a rollback undoes only its own writes', async () => {
    // The trap: PGlite has one session. If B's statements ran inside A's open transaction, A's
    // commit would also commit B's insert, and B's rollback would then have nothing to undo.
    const prepared = await prepareDatabase({ kind: 'pglite', dataDir: MEMORY_DATA_DIR });
    const dataSource = new DataSource(prepared.options);
    await dataSource.initialize();
    try {
      await dataSource.query('CREATE TABLE probe (x int)');
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const a = dataSource.transaction(async (m) => {
        await m.query('INSERT INTO probe VALUES (1)');
        await pause(50);
      });
      const b = dataSource
        .transaction(async (m) => {
          await pause(10);
          await m.query('INSERT INTO probe VALUES (2)');
          await pause(100);
          throw new Error('fails after writing');
        })
        .catch((e: Error) => e.message);
      const c = dataSource.transaction((m) => m.query('INSERT INTO probe VALUES (3)'));
      expect(await Promise.all([a, b, c])).toEqual([
        undefined,
        'fails after writing',
        expect.anything(),
      ]);
      const rows: { x: number }[] = await dataSource.query('SELECT x FROM probe ORDER BY x');
      expect(rows.map((r) => r.x)).toEqual([1, 3]);
    } finally {
      await dataSource.destroy();
      await prepared.dispose();
    }
  });

  it('loses no committed write when parallel requests roll back', async () => {
    expect(t.database).toBe('pglite');
    const authority = await fixtures(t.http).authority();
    const MISSING = '00000000-0000-4000-8000-000000000000';
    // Each failing request inserts a case, then fails on its second insert and rolls back,
    // while the others commit: without serialised transactions a rollback undoes their writes.
    const requests = Array.from({ length: 60 }, (_, i) =>
      t.http.post('/cases').send({
        reference: `PAR-${i}`,
        title: `Parallel ${i}`,
        requestType: 'other',
        receivedAt: '2024-01-01T00:00:00Z',
        authorities: [{ authorityId: i % 3 === 0 ? MISSING : authority.id, role: 'issuing' }],
      }),
    );
    const responses = await Promise.all(requests);
    const committed = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 422);
    expect(committed).toHaveLength(40);
    expect(refused).toHaveLength(20);

    const rows = await t.sql<{ reference: string }>(
      `SELECT reference FROM cases WHERE reference LIKE 'PAR-%' ORDER BY reference`,
    );
    expect(rows.map((r) => r.reference).sort()).toEqual(
      committed.map((r) => r.body.reference as string).sort(),
    );
    const orphans = await t.sql<{ n: number }>(
      `SELECT count(*) AS n FROM timeline_events t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id)`,
    );
    expect(orphans[0].n).toBe(0);
    for (const r of committed) await t.http.get(`/cases/${r.body.id}`).expect(200);
  });
});

describe('embedded database: data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-pglite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across restarts and refuses a second opener with a clear error', async () => {
    const dataDir = join(dir, 'pglite');
    const first = await startTestApp({ dataDir });
    const created = await fixtures(first.http).case({ title: 'Persisted across restarts' });

    await expect(prepareDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(
      /in use by another process/,
    );
    await first.close();

    const second = await startTestApp({ dataDir });
    try {
      const read = await second.http.get(`/cases/${created.id}`).expect(200);
      expect(read.body.title).toBe('Persisted across restarts');
    } finally {
      await second.close();
    }
  });
});
