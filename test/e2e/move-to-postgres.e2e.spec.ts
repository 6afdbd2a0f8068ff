import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { moveToPostgres } from '../../src/backup/move-to-postgres.js';
import { loadConfig } from '../../src/config/app-config.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, testDatabaseUrl } from '../support/test-app.js';

jest.setTimeout(300_000);

/** The key settings the test apps get (test-app.ts): checkpoints and backups use one key. */
const audit = loadConfig({}).audit;

const url = testDatabaseUrl();
(url ? describe : describe.skip)('moving from the embedded database to PostgreSQL', () => {
  let dir: string;
  let dataDir: string;
  const schema = `t_move_${Date.now().toString(36)}`;
  const created: { caseId?: string; authorityId?: string } = {};
  const sql = async <T extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<T>(text, params)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-move-'));
    dataDir = join(dir, 'pglite');
    const t = await startTestApp({ dataDir });
    try {
      const f = fixtures(t.http);
      const authority = await f.authority();
      created.authorityId = authority.id;
      created.caseId = (
        await f.case({
          title: 'Moves with its history',
          authorities: [{ authorityId: authority.id, role: 'issuing' }],
        })
      ).id;
      await t.http.get(`/cases/${created.caseId}`).expect(200);
    } finally {
      await t.close();
    }
    await sql(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row, audit trail included, and the chain and checkpoints verify there', async () => {
    const target = { kind: 'postgres' as const, url: url!, poolSize: 2, schema };
    const report = await moveToPostgres({ kind: 'pglite', dataDir }, audit, target);
    expect(report.verification.valid).toBe(true);
    expect(report.checkpoint).toBe('matched');
    expect(report.tables.cases).toBe(1);
    expect(report.tables.audit_events).toBe(
      report.verification.size + report.verification.unsequenced,
    );
    expect(report.verification.checkpointsChecked).toBeGreaterThan(0);

    const rows = await sql<{ title: string; authorities: number }>(
      `SELECT c.title, (SELECT count(*)::int FROM ${schema}.case_authorities a WHERE a.case_id = c.id) AS authorities
       FROM ${schema}.cases c WHERE c.id = $1`,
      [created.caseId],
    );
    expect(rows).toEqual([{ title: 'Moves with its history', authorities: 1 }]);
    // The generated search column is computed again in PostgreSQL.
    const found = await sql(
      `SELECT id FROM ${schema}.cases WHERE search @@ plainto_tsquery('simple', 'history')`,
    );
    expect(found).toHaveLength(1);

    await expect(moveToPostgres({ kind: 'pglite', dataDir }, audit, target)).rejects.toThrow(
      /not empty/,
    );
  });
});
