import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  embargoInForce,
  embargoInForceSql,
  gagInForce,
  gagInForceSql,
} from '../../src/domain/withheld.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { EMBARGO_CASES, GAG_CASES, NOW } from '../support/withheld-cases.js';

/**
 * The rule that keeps a case out of public output has a SQL form (reports, public routes) and a
 * TypeScript form (case file, publishing). Both are run on the same instants and must agree with
 * the table and with each other, down to the millisecond at the boundaries.
 */
describe('gag and embargo in force, in SQL and in TypeScript', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const iso = (d: Date | null) => d?.toISOString() ?? null;

  it('agree on every gag of the table', async () => {
    for (const g of GAG_CASES) {
      const [row] = await t.sql<{ in_force: boolean }>(
        `SELECT ${gagInForceSql('g', '$1::timestamptz')} AS in_force
           FROM (VALUES ($2::timestamptz, $3::timestamptz)) AS g(lifted_at, until)`,
        [iso(NOW), iso(g.liftedAt), iso(g.until)],
      );
      expect({ name: g.name, sql: row.in_force, ts: gagInForce(g, NOW) }).toEqual({
        name: g.name,
        sql: g.inForce,
        ts: g.inForce,
      });
    }
  });

  it('agree on every embargo of the table', async () => {
    for (const e of EMBARGO_CASES) {
      const [row] = await t.sql<{ in_force: boolean }>(
        `SELECT ${embargoInForceSql('c', '$1::timestamptz')} AS in_force
           FROM (VALUES ($2::timestamptz)) AS c(embargo_until)`,
        [iso(NOW), iso(e.until)],
      );
      expect({ name: e.name, sql: row.in_force, ts: embargoInForce(e.until, NOW) }).toEqual({
        name: e.name,
        sql: e.inForce,
        ts: e.inForce,
      });
    }
  });
});
