import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  embargoInForce,
  embargoInForceSql,
  gagInForce,
  gagInForceSql,
} from '../../src/domain/withheld.js';
import { fixtures } from '../support/fixtures.js';
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

  it('applies the same rule in the case list filter hasGag as in the case file (a lift recorded for later)', async () => {
    const f = fixtures(t.http);
    const DAY = 86_400_000;
    const pending = await f.case({ title: 'Gag lifted only next month' });
    await t.http
      .post(`/cases/${pending.id}/gag-orders`)
      .send({
        legalBasis: 'StPO §95a',
        binding: 'yes',
        liftedAt: new Date(Date.now() + 30 * DAY).toISOString(),
      })
      .expect(201);
    const lifted = await f.case({ title: 'Gag lifted yesterday' });
    await t.http
      .post(`/cases/${lifted.id}/gag-orders`)
      .send({
        legalBasis: 'StPO §95a',
        binding: 'yes',
        liftedAt: new Date(Date.now() - DAY).toISOString(),
      })
      .expect(201);

    const active = async (id: string) =>
      (await t.http.get(`/cases/${id}`).expect(200)).body.gagOrders[0].active as boolean;
    expect([await active(pending.id), await active(lifted.id)]).toEqual([true, false]);
    const ids = async (q: string) =>
      ((await t.http.get(`/cases?${q}&limit=100`).expect(200)).body.items as { id: string }[]).map(
        (c) => c.id,
      );
    const withGag = await ids('hasGag=true');
    const without = await ids('hasGag=false');
    expect([withGag.includes(pending.id), withGag.includes(lifted.id)]).toEqual([true, false]);
    expect([without.includes(pending.id), without.includes(lifted.id)]).toEqual([false, true]);
  });
});
