import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('restricted cases and privileged notes', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
  });
  afterAll(() => t.close());

  it('restricts a case when a gag order is recorded; its creator stays a member', async () => {
    const c = await f.case({ title: 'Server secured under a gag' });
    await t.as('lawyer').get(`/cases/${c.id}`).expect(200);
    await t.http
      .post(`/cases/${c.id}/gag-orders`)
      .send({ legalBasis: 'unknown', binding: 'yes' })
      .expect(201);
    const file = await t.http.get(`/cases/${c.id}`).expect(200);
    expect(file.body.restricted).toBe(true);
    await t.as('lawyer').get(`/cases/${c.id}`).expect(404);
    await t.as('lawyer').get(`/cases/${c.id}/timeline`).expect(404);
    const members = await t.http.get(`/cases/${c.id}/members`).expect(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([t.userIds.board]);
  });

  it('keeps a case under a gag order in force restricted: the flag cannot undo the gag', async () => {
    const c = await f.case({ title: 'Gagged server' });
    const gag = await t.http
      .post(`/cases/${c.id}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'yes' })
      .expect(201);
    const refused = await t.update(`/cases/${c.id}`, { restricted: false, title: 'Still gagged' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:problem-type:gag-in-force' });
    expect(refused.body.errors).toEqual([
      { field: 'restricted', message: 'cannot be false while a gag order is in force' },
    ]);
    const still = await t.http.get(`/cases/${c.id}`).expect(200);
    expect(still.body).toMatchObject({ restricted: true, title: 'Gagged server' });
    await t.as('lawyer').get(`/cases/${c.id}`).expect(404);

    // A lift recorded for later keeps the gag in force until then.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const gagPath = `/cases/${c.id}/gag-orders/${gag.body.id}`;
    expect((await t.update(gagPath, { liftedAt: tomorrow })).status).toBe(200);
    expect((await t.update(`/cases/${c.id}`, { restricted: false })).status).toBe(409);

    // Once the gag is lifted, the flag can be cleared and the case is visible again.
    const lifted = new Date(Date.now() - 60_000).toISOString();
    expect((await t.update(gagPath, { liftedAt: lifted })).status).toBe(200);
    const cleared = await t.update(`/cases/${c.id}`, { restricted: false });
    expect(cleared.status).toBe(200);
    expect(cleared.body.restricted).toBe(false);
    await t.as('lawyer').get(`/cases/${c.id}`).expect(200);

    // Taking the lift back (or moving it later) puts the gag in force again: restricted again.
    expect((await t.update(gagPath, { liftedAt: null })).status).toBe(200);
    expect((await t.http.get(`/cases/${c.id}`).expect(200)).body.restricted).toBe(true);
    await t.as('lawyer').get(`/cases/${c.id}`).expect(404);
  });

  it('lets the board assign and remove members, and audits both', async () => {
    const c = await f.case({ restricted: true });
    await t.as('lawyer').get(`/cases/${c.id}`).expect(404);
    await t
      .as('lawyer')
      .post(`/cases/${c.id}/members`)
      .send({ userId: t.userIds.lawyer })
      .expect(403);
    await t.http.post(`/cases/${c.id}/members`).send({ userId: t.userIds.lawyer }).expect(201);
    await t.http.post(`/cases/${c.id}/members`).send({ userId: t.userIds.lawyer }).expect(409);
    await t.http
      .post(`/cases/${c.id}/members`)
      .send({ userId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    await t.as('lawyer').get(`/cases/${c.id}`).expect(200);
    await t.http.delete(`/cases/${c.id}/members/${t.userIds.lawyer}`).expect(204);
    await t.as('lawyer').get(`/cases/${c.id}`).expect(404);
    const actions = await t.sql<{ action: string; name: string }>(
      `SELECT action, details->>'name' AS name FROM audit_events
        WHERE case_id = $1 AND action LIKE 'member_%' ORDER BY occurred_at`,
      [c.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'member_added',
      'member_added',
      'member_removed',
    ]);
    // Each record names the account as it was called then, for the history in words.
    const [{ display_name: lawyer }] = await t.sql<{ display_name: string }>(
      'SELECT display_name FROM users WHERE id = $1',
      [t.userIds.lawyer],
    );
    expect(actions[1].name).toBe(lawyer);
    expect(actions[2].name).toBe(lawyer);
  });

  it('records every read of a restricted case by a member', async () => {
    const c = await f.case({ restricted: true });
    const count = async () =>
      (
        await t.sql<{ n: number }>(
          `SELECT count(*) AS n FROM audit_events WHERE case_id = $1 AND action = 'read_restricted'`,
          [c.id],
        )
      )[0].n;
    const before = await count();
    await t.http.get(`/cases/${c.id}`).expect(200);
    await t.http.get(`/cases/${c.id}/targets`).expect(200);
    expect(await count()).toBe(before + 2);
  });

  it('records a write to a restricted case as the write, not also as a read', async () => {
    const c = await f.case({ restricted: true });
    const reads = async () =>
      (
        await t.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'read_restricted'`,
          [c.id],
        )
      )[0].n;
    const before = await reads();
    const changed = await t.update(`/cases/${c.id}`, { title: 'Renamed while restricted' });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe('Renamed while restricted');
    // t.update reads the case first (one read); the PATCH itself and its answer add none.
    expect(await reads()).toBe(before + 1);
    await t.http.post(`/cases/${c.id}/status`).send({ status: 'under_review' }).expect(200);
    expect(await reads()).toBe(before + 1);
  });

  it('shows legal notes to lawyers and the board but not to auditors', async () => {
    const c = await f.case();
    await t.http
      .post(`/cases/${c.id}/legal-notes`)
      .send({ topic: 'proportionality', body: 'x' })
      .expect(403);
    const note = await t
      .as('lawyer')
      .post(`/cases/${c.id}/legal-notes`)
      .send({ topic: 'proportionality', body: 'Disproportionate.' })
      .expect(201);
    expect(note.body.authorId).toBe(t.userIds.lawyer);
    expect((await t.http.get(`/cases/${c.id}`).expect(200)).body.legalNotes).toHaveLength(1);
    expect((await t.as('lawyer').get(`/cases/${c.id}`).expect(200)).body.legalNotes).toHaveLength(
      1,
    );
    const auditorView = await t.as('auditor').get(`/cases/${c.id}`).expect(200);
    expect(auditorView.body).not.toHaveProperty('legalNotes');
    expect(JSON.stringify(auditorView.body)).not.toContain('Disproportionate.');
    await t.as('auditor').get(`/cases/${c.id}/legal-notes`).expect(403);
  });

  it('lets lawyers record remedies and deadlines but not edit the case itself', async () => {
    const c = await f.case();
    await t
      .as('lawyer')
      .post(`/cases/${c.id}/remedies`)
      .send({
        kind: 'court_decision',
        legalBasis: 'StPO §98 Abs. 2',
        filedAt: '2015-01-20T10:00:00+01:00',
      })
      .expect(201);
    await t
      .as('lawyer')
      .post(`/cases/${c.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2015-02-15T00:00:00+01:00' })
      .expect(201);
    await t
      .as('lawyer')
      .post(`/cases/${c.id}/targets`)
      .send({ kind: 'domain', value: 'example.org' })
      .expect(403);
    expect((await t.update(`/cases/${c.id}`, { title: 'x' }, t.as('lawyer'))).status).toBe(403);
    const file = (await t.http.get(`/cases/${c.id}`).expect(200)).body;
    expect(file.remedies[0]).toMatchObject({ kind: 'court_decision', result: 'pending' });
  });
});
