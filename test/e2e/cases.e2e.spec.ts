import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('cases', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
  });
  afterAll(() => t.close());

  it('records the 2015 case entirely through the API and reads back 2 h 36 min of downtime', async () => {
    const lka = await f.authority({
      name: 'Landeskriminalamt NRW',
      jurisdiction: 'Nordrhein-Westfalen',
    });
    const created = await t.http
      .post('/cases')
      .send({
        title: 'LKA NRW takes the IT of the state association offline',
        summary:
          'Seizure order (Beschlagnahmebeschluss) for the user accounts of one person; the accounts never existed.',
        requestType: 'search_and_seizure',
        channel: 'phone',
        receivedAt: '2015-01-15T11:12:00+01:00',
        authorities: [{ authorityId: lka.id, role: 'executing', fileNumber: 'LKA-2015-0815' }],
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body.reference).toBe('2015-001');
    expect(created.body.status).toBe('received');
    expect(created.body.authorities[0]).toMatchObject({
      role: 'executing',
      authority: { name: 'Landeskriminalamt NRW' },
    });

    await t.http
      .post(`/cases/${id}/legal-bases`)
      .send({ jurisdiction: 'DE', citation: 'StPO §94', documentType: 'order', issuedBy: 'judge' })
      .expect(201);
    await t.http
      .post(`/cases/${id}/targets`)
      .send({
        kind: 'account',
        value: 'accounts of one person',
        existence: 'never_existed',
        dataCategories: ['content'],
      })
      .expect(201);
    for (const name of [
      'Web server',
      'Mail server with lists',
      'Owncloud',
      'Groupware',
      'Member administration',
    ]) {
      const item = await f.inventoryItem({ name: `${name} NRW` });
      await t.http
        .post(`/cases/${id}/affected-systems`)
        .send({
          inventoryItemId: item.id,
          impact: 'offline',
          startedAt: '2015-01-15T09:45:00+01:00',
          endedAt: '2015-01-15T12:21:00+01:00',
        })
        .expect(201);
    }
    await t.http
      .post(`/cases/${id}/timeline`)
      .send({
        occurredAt: '2015-01-15T09:45:00+01:00',
        type: 'systems_offline',
        description: 'The infrastructure is unreachable.',
      })
      .expect(201);
    expect(
      (await t.update(`/cases/${id}`, { nothingHandedOver: true, outcome: 'none_no_data' })).status,
    ).toBe(200);

    const file = await t.http.get(`/cases/${id}`).expect(200);
    expect(file.body.impact.downtime.totalMinutes).toBe(156);
    expect(file.body.impact.downtime.systems).toHaveLength(5);
    expect(
      file.body.impact.downtime.systems.every((s: { minutes: number }) => s.minutes === 156),
    ).toBe(true);
    expect(file.body.impact.collateral).toEqual({ targetsNamed: 1, systemsAffected: 5, ratio: 5 });
    expect(file.body.impact.handover).toBe('nothing_handed_over');
    expect(file.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'systems_offline',
      'received',
    ]);
    expect(file.body.targets[0].existence).toBe('never_existed');
  });

  it('generates references per year and refuses a duplicate reference with 409', async () => {
    const a = await f.case({ receivedAt: '2031-03-01T10:00:00Z' });
    const b = await f.case({ receivedAt: '2031-06-01T10:00:00Z' });
    expect([a.reference, b.reference]).toEqual(['2031-001', '2031-002']);
    const dup = await t.http
      .post('/cases')
      .send({
        reference: '2031-001',
        title: 'x',
        requestType: 'other',
        receivedAt: '2031-07-01T10:00:00Z',
      })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(dup.body.errors).toEqual([{ field: 'reference', message: 'already exists' }]);
  });

  it('rejects bad input naming each field, and writes nothing', async () => {
    const before = await t.sql<{ n: number }>('SELECT count(*) AS n FROM cases');
    const res = await t.http
      .post('/cases')
      .send({
        title: '',
        requestType: 'raid',
        receivedAt: '2015-01-15 09:45',
        status: 'closed',
        emergency: 'yes',
      })
      .expect(400);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:validation-failed', status: 400 });
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['emergency', 'receivedAt', 'requestType', 'status', 'title']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'status').message).toBe(
      'is not a field of this request',
    );
    const after = await t.sql<{ n: number }>('SELECT count(*) AS n FROM cases');
    expect(after[0].n).toBe(before[0].n);
  });

  it('rejects impossible dates and timestamps without a time zone', async () => {
    for (const receivedAt of [
      '2015-02-30T10:00:00Z',
      '2015-01-15T10:00:00',
      'yesterday',
      20150115,
    ]) {
      const res = await t.http
        .post('/cases')
        .send({ title: 'x', requestType: 'other', receivedAt })
        .expect(400);
      expect(res.body.errors[0].field).toBe('receivedAt');
    }
  });

  it('creates a case and its involved authorities together or not at all', async () => {
    const before = await t.sql<{ n: number }>('SELECT count(*) AS n FROM cases');
    const res = await t.http
      .post('/cases')
      .send({
        title: 'x',
        requestType: 'other',
        receivedAt: '2015-01-15T10:00:00Z',
        authorities: [{ authorityId: '00000000-0000-4000-8000-000000000000', role: 'issuing' }],
      })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'authorityId', message: 'no record with this id' }]);
    const after = await t.sql<{ n: number }>('SELECT count(*) AS n FROM cases');
    expect(after[0].n).toBe(before[0].n);
  });

  it('returns 404 problems for unknown ids and 400 for malformed ones', async () => {
    const missing = await t.http.get('/cases/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body).toMatchObject({ status: 404, type: 'urn:problem-type:not-found' });
    const bad = await t.http.get('/cases/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect(
      (await t.update('/cases/00000000-0000-4000-8000-000000000000', { title: 'y' })).status,
    ).toBe(404);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const c = await f.case();
    const first = await t.http
      .patch(`/cases/${c.id}`)
      .set('If-Match', `"${c.version}"`)
      .send({ title: 'First edit' })
      .expect(200);
    expect(first.headers.etag).toBe(`"${c.version + 1}"`);
    const stale = await t.http
      .patch(`/cases/${c.id}`)
      .set('If-Match', `"${c.version}"`)
      .send({ title: 'Second edit' })
      .expect(412);
    expect(stale.body.type).toBe('urn:problem-type:version-mismatch');
    const now = await t.http.get(`/cases/${c.id}`).expect(200);
    expect(now.body.title).toBe('First edit');
    await t.http
      .patch(`/cases/${c.id}`)
      .set('If-Match', 'garbage')
      .send({ title: 'x' })
      .expect(400);
  });

  it('refuses null for required fields on update', async () => {
    const c = await f.case();
    const res = await t.update(`/cases/${c.id}`, { title: null, channel: null });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'title', message: 'must not be null' }]);
  });

  describe('status machine', () => {
    const transitions: [string[], string, number][] = [
      [[], 'under_review', 200],
      [['under_review'], 'responded', 200],
      [['under_review', 'responded'], 'challenged', 200],
      [['under_review', 'responded'], 'under_review', 200],
      [['withdrawn'], 'closed', 200],
      [['closed'], 'under_review', 200],
      [[], 'received', 409],
      [['withdrawn'], 'responded', 409],
      [['closed'], 'responded', 409],
      [['under_review', 'responded', 'closed'], 'withdrawn', 409],
      [['challenged'], 'under_review', 409],
    ];
    it.each(transitions)('after %j, moving to %s gives %i', async (path, to, expected) => {
      const c = await f.case();
      for (const step of path)
        await t.http.post(`/cases/${c.id}/status`).send({ status: step }).expect(200);
      const res = await t.http
        .post(`/cases/${c.id}/status`)
        .send({ status: to, note: 'by the board' });
      expect(res.status).toBe(expected);
      if (expected === 409) {
        expect(res.body.type).toBe('urn:problem-type:invalid-transition');
        expect(res.body.detail).toMatch(/cannot go from/);
      } else {
        expect(res.body.status).toBe(to);
        expect(res.body.timeline.at(-1)).toMatchObject({ type: 'status_changed' });
      }
    });

    it('marks a withdrawn pending case as outcome withdrawn', async () => {
      const c = await f.case();
      const res = await t.http
        .post(`/cases/${c.id}/status`)
        .send({ status: 'withdrawn' })
        .expect(200);
      expect(res.body.outcome).toBe('withdrawn');
    });

    it('does not let the status be set by PATCH', async () => {
      const c = await f.case();
      const res = await t.update(`/cases/${c.id}`, { status: 'closed' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({
        field: 'status',
        message: 'is not a field of this request',
      });
    });
  });
});
