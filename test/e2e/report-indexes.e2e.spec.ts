import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { citationKey, normalised, roleRank } from '../../src/reports/reports.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The report reads precomputed expressions from indexes of the migrations instead of computing
 * them for every row; the planner only does so when the query's expression is the index's, word
 * for word. Each index is compared with a probe index built from the repository's expressions,
 * both as PostgreSQL prints them back (casts and spacing normalised by the database itself).
 */
describe('report SQL and the indexes that serve it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** The key columns (expressions) and the predicate of an index, as PostgreSQL prints them. */
  const definition = async (index: string) => {
    const [row] = await t.sql<{ columns: string[]; predicate: string | null }>(
      `SELECT array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS columns,
              pg_get_expr(i.indpred, i.indrelid, true) AS predicate
         FROM pg_index i WHERE i.indexrelid = to_regclass($1)`,
      [index],
    );
    if (!row) throw new Error(`no index ${index}`);
    return row;
  };

  /** Builds an index from the repository's expressions and reads it back as PostgreSQL prints it. */
  const probe = async (table: string, columns: string[], predicate?: string) => {
    await t.sql(`DROP INDEX IF EXISTS report_expression_probe`);
    await t.sql(
      `CREATE INDEX report_expression_probe ON ${table} (${columns.map((c) => `(${c})`).join(', ')})` +
        (predicate ? ` WHERE ${predicate}` : ''),
    );
    try {
      return await definition('report_expression_probe');
    } finally {
      await t.sql(`DROP INDEX report_expression_probe`);
    }
  };

  it('ranks roles for the principal authority and the origin as case_authorities_report_idx does', async () => {
    const table = 'case_authorities';
    const index = await definition('case_authorities_report_idx');
    const mine = await probe(table, [
      `${table}.case_id`,
      roleRank('principal', table),
      roleRank('origin', table),
      `${table}.authority_id`,
    ]);
    expect(index.columns).toEqual(mine.columns);
    expect(index.columns[1]).toMatch(/^\(\s*CASE role\s+WHEN 'issuing'/);
  });

  it('keys and normalises citations as legal_bases_report_idx and legal_bases_citation_key_idx do', async () => {
    const table = 'legal_bases';
    const mine = await probe(table, [
      `${table}.case_id`,
      citationKey(table),
      normalised(`${table}.citation`),
    ]);
    expect((await definition('legal_bases_report_idx')).columns).toEqual(mine.columns);
    expect((await definition('legal_bases_citation_key_idx')).columns).toEqual([mine.columns[1]]);
  });
});
