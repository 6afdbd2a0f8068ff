import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { StatusHistoryAndAuditLeaves1763900000007 } from '../../migrations/1763900000007-status-history-and-audit-leaves.js';
import { fixtures } from '../support/fixtures.js';
import { loadDemoCases } from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Change = { case_id: string; from_status: string; to_status: string; changed_at: string };

/** Status changes are data (case_status_changes), written by the status route; reports count from it. */
describe('status history', () => {
  let t: TestApp;
  let demo: Record<string, string>;

  const changes = (caseId?: string) =>
    t.sql<Change>(
      `SELECT case_id, from_status, to_status, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS changed_at
         FROM case_status_changes ${caseId ? 'WHERE case_id = $1' : ''} ORDER BY case_id, changed_at, to_status`,
      caseId ? [caseId] : [],
    );
  /** The report's figures of each demo year, as published. */
  const figures = async () => {
    const years: Record<string, unknown> = {};
    for (const year of ['2011', '2015', '2020'])
      years[year] = (
        await t.http.get(`/reports/transparency?year=${year}`).expect(200)
      ).body.sections;
    return years;
  };
  /** What the reports counted before: status changes read from the text of timeline events. */
  const fromTimelineText = () =>
    t.sql<Change>(
      `SELECT te.case_id, m[1] AS from_status, m[2] AS to_status,
              to_char(te.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS changed_at
         FROM timeline_events te CROSS JOIN LATERAL regexp_match(te.description, '^Status changed from ([a-z_]+) to ([a-z_]+)[.:]') m
        WHERE te.type = 'status_changed' ORDER BY te.case_id, te.occurred_at, m[2]`,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    demo = await loadDemoCases(t);
  });
  afterAll(() => t.close());

  it('records each change of the status route, with the time given, in the same transaction', async () => {
    const c = await fixtures(t.http).case({ receivedAt: '2016-03-01T10:00:00Z' });
    await t.http
      .post(`/cases/${c.id}/status`)
      .send({ status: 'challenged', occurredAt: '2016-03-02T09:00:00+01:00' })
      .expect(200);
    // Refused moves and stale versions write nothing.
    await t.http.post(`/cases/${c.id}/status`).send({ status: 'received' }).expect(409);
    await t.http
      .post(`/cases/${c.id}/status`)
      .set('If-Match', '"1"')
      .send({ status: 'responded' })
      .expect(412);
    expect(await changes(c.id)).toEqual([
      {
        case_id: c.id,
        from_status: 'received',
        to_status: 'challenged',
        changed_at: '2016-03-02T08:00:00.000000',
      },
    ]);
    await expect(t.sql('DELETE FROM case_status_changes')).rejects.toThrow(/append-only/);
    await expect(t.sql(`UPDATE case_status_changes SET to_status = 'closed'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('keeps counting a challenge when the board edits or deletes the timeline entry', async () => {
    const c = await fixtures(t.http).case({ receivedAt: '2017-05-01T10:00:00Z' });
    await t.http.post(`/cases/${c.id}/status`).send({ status: 'challenged' }).expect(200);
    await t.http.post(`/cases/${c.id}/status`).send({ status: 'responded' }).expect(200);
    const challenged = async () =>
      (
        (await t.http.get('/reports/transparency?year=2017').expect(200)).body.sections as {
          key: string;
          rows: { key: string; value: number }[];
        }[]
      )
        .find((s) => s.key === 'outcome')!
        .rows.find((r) => r.key === 'challenged')!.value;
    expect(await challenged()).toBe(1);
    const timeline = (await t.http.get(`/cases/${c.id}/timeline`).expect(200)).body.items as {
      id: string;
      description: string;
    }[];
    const entries = timeline.filter((e) => e.description.startsWith('Status changed'));
    expect(entries).toHaveLength(2);
    expect(
      (
        await t.update(`/cases/${c.id}/timeline/${entries[0].id}`, {
          description: 'Complaint filed.',
        })
      ).status,
    ).toBe(200);
    expect((await t.remove(`/cases/${c.id}/timeline/${entries[1].id}`)).status).toBe(204);
    expect(await challenged()).toBe(1);
  });

  it('the demo data: the status history says what the timeline said, and the report figures are the same after the migration rebuilds it', async () => {
    expect(Object.keys(demo).sort()).toEqual(['2011-001', '2015-001', '2020-001']);
    const demoIds = new Set(Object.values(demo));
    const onDemo = (rows: Change[]) => rows.filter((r) => demoIds.has(r.case_id));
    expect(onDemo(await changes()).length).toBeGreaterThan(0);
    expect(onDemo(await changes())).toEqual(onDemo(await fromTimelineText()));

    const before = await figures();
    // The migration's copy from the timeline: undo it, then apply it again over the same data.
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      const migration = new StatusHistoryAndAuditLeaves1763900000007();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(onDemo(await changes())).toEqual(onDemo(await fromTimelineText()));
    expect(await figures()).toEqual(before);
  });
});
