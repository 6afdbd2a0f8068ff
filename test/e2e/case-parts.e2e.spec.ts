import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('case parts', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let authorityId = '';
  let inventoryItemId = '';

  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
    authorityId = (await f.authority()).id;
    inventoryItemId = (
      await f.inventoryItem({ name: 'pad01', identifiers: ['piratenpad.de', '203.0.113.7'] })
    ).id;
  });
  afterAll(() => t.close());

  /** For each part: a valid body, a change, and a body with a bad field. */
  const parts: {
    path: string;
    table: string;
    body: () => Record<string, unknown>;
    change: Record<string, unknown>;
    bad: [Record<string, unknown>, string];
  }[] = [
    {
      path: 'authorities',
      table: 'case_authorities',
      body: () => ({ authorityId, role: 'issuing', fileNumber: '502 Js 1/11' }),
      change: { fileNumber: '502 Js 2/11' },
      bad: [{ authorityId, role: 'judge' }, 'role'],
    },
    {
      path: 'legal-bases',
      table: 'legal_bases',
      body: () => ({
        jurisdiction: 'DE',
        citation: 'StPO §103',
        documentType: 'order',
        issuedAt: '2011-05-19T12:00:00+02:00',
        issuedBy: 'judge',
        authorityId,
      }),
      change: { citation: 'StPO §102' },
      bad: [
        { jurisdiction: 'Germany', citation: 'StPO §103', documentType: 'order' },
        'jurisdiction',
      ],
    },
    {
      path: 'targets',
      table: 'targets',
      body: () => ({
        kind: 'domain',
        value: 'example.org',
        dataCategories: ['subscriber', 'traffic'],
      }),
      change: { notes: 'named in the order' },
      bad: [{ kind: 'domain', value: 'x', dataCategories: ['everything'] }, 'dataCategories'],
    },
    {
      path: 'affected-systems',
      table: 'affected_systems',
      body: () => ({
        inventoryItemId,
        impact: 'offline',
        startedAt: '2011-05-20T08:00:00+02:00',
        endedAt: '2011-05-20T17:25:00+02:00',
        usersAffected: 12000,
      }),
      change: { usersAffected: 11000 },
      bad: [
        {
          inventoryItemId,
          impact: 'offline',
          startedAt: '2011-05-20T08:00:00+02:00',
          usersAffected: -1,
        },
        'usersAffected',
      ],
    },
    {
      path: 'disclosures',
      table: 'disclosures',
      body: () => ({
        dataCategory: 'ip_addresses',
        description: 'IP addresses, probably useless behind a proxy',
        accountsCount: 0,
        itemsCount: 3,
        handedOverAt: '2011-05-20T15:41:00+02:00',
        recipientAuthorityId: authorityId,
        sha256: 'A'.repeat(64),
      }),
      change: { itemsCount: 4 },
      bad: [
        {
          dataCategory: 'content',
          description: 'x',
          handedOverAt: '2011-05-20T15:41:00+02:00',
          sha256: 'abc',
        },
        'sha256',
      ],
    },
    {
      path: 'seized-items',
      table: 'seized_items',
      body: () => ({
        description: 'Server, 2 disks',
        serialNumber: 'SN-1',
        diskHashes: [{ algorithm: 'sha256', value: 'b'.repeat(64) }],
        inOfficialInventory: false,
        seizedAt: '2020-07-03T10:00:00+02:00',
      }),
      change: { returnedAt: '2020-09-01T10:00:00+02:00', conditionOnReturn: 'seal broken' },
      bad: [{ description: 'x', diskHashes: [{ algorithm: 'sha256' }] }, 'diskHashes.0.value'],
    },
    {
      path: 'timeline',
      table: 'timeline_events',
      body: () => ({
        occurredAt: '2011-05-20T13:42:00+02:00',
        type: 'data_copied',
        description: 'Pad data copied under police supervision',
      }),
      change: { description: 'Pad data copied under the eyes of the police' },
      bad: [{ occurredAt: '2011-05-20T13:42:00+02:00', type: 'gossip', description: 'x' }, 'type'],
    },
    {
      path: 'deadlines',
      table: 'deadlines',
      body: () => ({ kind: 'complaint', dueAt: '2011-06-20T00:00:00+02:00' }),
      change: { doneAt: '2011-06-10T00:00:00+02:00' },
      bad: [{ kind: 'complaint' }, 'dueAt'],
    },
    {
      path: 'gag-orders',
      table: 'gag_orders',
      body: () => ({
        legalBasis: 'StPO §95a',
        binding: 'disputed',
        until: '2020-10-01T00:00:00+02:00',
      }),
      change: { liftedAt: '2020-07-07T12:00:00+02:00' },
      bad: [{ legalBasis: 'StPO §95a', binding: 'perhaps' }, 'binding'],
    },
  ];

  describe.each(parts)('/cases/{id}/$path', ({ path, table, body, change, bad }) => {
    it('creates, lists, reads, updates with If-Match and deletes', async () => {
      const c = await f.case();
      const created = await t.http.post(`/cases/${c.id}/${path}`).send(body()).expect(201);
      expect(created.body).toMatchObject({ caseId: c.id, version: 1 });
      const id = created.body.id as string;

      const list = await t.http.get(`/cases/${c.id}/${path}`).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);

      const read = await t.http.get(`/cases/${c.id}/${path}/${id}`).expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(created.body);

      await t.http.patch(`/cases/${c.id}/${path}/${id}`).send(change).expect(428);
      const updated = await t.http
        .patch(`/cases/${c.id}/${path}/${id}`)
        .set('If-Match', '"1"')
        .send(change)
        .expect(200);
      expect(updated.body).toMatchObject({ version: 2 });
      await t.http
        .patch(`/cases/${c.id}/${path}/${id}`)
        .set('If-Match', '"1"')
        .send(change)
        .expect(412);
      await t.http.delete(`/cases/${c.id}/${path}/${id}`).set('If-Match', '"1"').expect(412);

      await t.http.delete(`/cases/${c.id}/${path}/${id}`).set('If-Match', '"2"').expect(204);
      await t.http.get(`/cases/${c.id}/${path}/${id}`).expect(404);
    });

    it('rejects a bad field by name and writes nothing', async () => {
      const c = await f.case();
      const count = async () =>
        (
          await t.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [
            c.id,
          ])
        )[0].n;
      const before = await count();
      const [payload, field] = bad;
      const res = await t.http.post(`/cases/${c.id}/${path}`).send(payload).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const unknown = await t.http
        .post(`/cases/${c.id}/${path}`)
        .send({ ...body(), caseId: MISSING, id: MISSING })
        .expect(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'caseId',
        'id',
      ]);
      expect(await count()).toBe(before);
    });

    it('answers 404 for an unknown case and does not let a part be read through another case', async () => {
      await t.http.get(`/cases/${MISSING}/${path}`).expect(404);
      await t.http.post(`/cases/${MISSING}/${path}`).send(body()).expect(404);
      const a = await f.case();
      const b = await f.case();
      const created = await t.http.post(`/cases/${a.id}/${path}`).send(body()).expect(201);
      await t.http.get(`/cases/${b.id}/${path}/${created.body.id}`).expect(404);
      expect((await t.update(`/cases/${b.id}/${path}/${created.body.id}`, change)).status).toBe(
        404,
      );
      expect((await t.remove(`/cases/${b.id}/${path}/${created.body.id}`)).status).toBe(404);
    });
  });

  it('matches named targets against the inventory by name, identifier or host', async () => {
    const c = await f.case();
    const byHost = await t.http
      .post(`/cases/${c.id}/targets`)
      .send({ kind: 'url', value: 'https://piratenpad.de/p/abc' })
      .expect(201);
    expect(byHost.body).toMatchObject({ inventoryItemId, existence: 'exists' });
    const byIp = await t.http
      .post(`/cases/${c.id}/targets`)
      .send({ kind: 'ip_address', value: '203.0.113.7' })
      .expect(201);
    expect(byIp.body.inventoryItemId).toBe(inventoryItemId);
    const none = await t.http
      .post(`/cases/${c.id}/targets`)
      .send({ kind: 'account', value: 'jdoe', existence: 'never_existed' })
      .expect(201);
    expect(none.body).toMatchObject({ inventoryItemId: null, existence: 'never_existed' });
    const explicitNull = await t.http
      .post(`/cases/${c.id}/targets`)
      .send({ kind: 'domain', value: 'piratenpad.de', inventoryItemId: null })
      .expect(201);
    expect(explicitNull.body.inventoryItemId).toBeNull();
  });

  it('refuses intervals that end before they start', async () => {
    const c = await f.case();
    const res = await t.http
      .post(`/cases/${c.id}/affected-systems`)
      .send({
        inventoryItemId,
        impact: 'seized',
        startedAt: '2020-07-03T10:00:00Z',
        endedAt: '2020-07-02T10:00:00Z',
      })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'endedAt', message: 'must not be before startedAt' },
    ]);
    const ok = await t.http
      .post(`/cases/${c.id}/affected-systems`)
      .send({ inventoryItemId, impact: 'seized', startedAt: '2020-07-03T10:00:00Z' })
      .expect(201);
    expect(
      (
        await t.update(`/cases/${c.id}/affected-systems/${ok.body.id}`, {
          endedAt: '2020-07-01T00:00:00Z',
        })
      ).status,
    ).toBe(400);
    expect((await t.update(`/cases/${c.id}/targets/${MISSING}`, { notes: 'x' })).status).toBe(404);
  });

  it('keeps "nothing handed over" and disclosures mutually exclusive', async () => {
    const c = await f.case();
    expect((await t.update(`/cases/${c.id}`, { nothingHandedOver: true })).status).toBe(200);
    const refused = await t.http
      .post(`/cases/${c.id}/disclosures`)
      .send({
        dataCategory: 'content',
        description: 'pad data',
        handedOverAt: '2011-05-20T13:42:00+02:00',
      })
      .expect(409);
    expect(refused.body.type).toBe('urn:problem-type:nothing-handed-over');
    expect((await t.update(`/cases/${c.id}`, { nothingHandedOver: false })).status).toBe(200);
    await t.http
      .post(`/cases/${c.id}/disclosures`)
      .send({
        dataCategory: 'content',
        description: 'pad data',
        handedOverAt: '2011-05-20T13:42:00+02:00',
      })
      .expect(201);
    const conflict = await t.update(`/cases/${c.id}`, { nothingHandedOver: true });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors).toEqual([
      { field: 'nothingHandedOver', message: 'conflicts with recorded disclosures' },
    ]);
    expect((await t.http.get(`/cases/${c.id}`)).body.impact.handover).toBe('data_handed_over');
  });

  it('gives 422 naming the field for references to records that do not exist', async () => {
    const c = await f.case();
    const res = await t.http
      .post(`/cases/${c.id}/affected-systems`)
      .send({ inventoryItemId: MISSING, impact: 'offline', startedAt: '2020-07-03T10:00:00Z' })
      .expect(422);
    expect(res.body.errors).toEqual([
      { field: 'inventoryItemId', message: 'no record with this id' },
    ]);
    const lb = await t.http
      .post(`/cases/${c.id}/legal-bases`)
      .send({ jurisdiction: 'DE', citation: 'x', documentType: 'order', authorityId: MISSING })
      .expect(422);
    expect(lb.body.errors[0].field).toBe('authorityId');
  });

  it('archives directory records that cases refer to: gone from the directory, kept in the case file', async () => {
    const c = await f.case();
    const item = await f.inventoryItem();
    const authority = await f.authority();
    await t.http
      .post(`/cases/${c.id}/affected-systems`)
      .send({ inventoryItemId: item.id, impact: 'offline', startedAt: '2020-07-03T10:00:00Z' })
      .expect(201);
    await t.http
      .post(`/cases/${c.id}/authorities`)
      .send({ authorityId: authority.id, role: 'issuing' })
      .expect(201);
    expect((await t.remove(`/inventory/${item.id}`)).status).toBe(204);
    expect((await t.remove(`/authorities/${authority.id}`)).status).toBe(204);
    await t.http.get(`/inventory/${item.id}`).expect(404);
    await t.http.get(`/authorities/${authority.id}`).expect(404);
    const file = (await t.http.get(`/cases/${c.id}`).expect(200)).body;
    expect(file.authorities[0].authority.name).toBe(authority.name);
    expect(file.affectedSystems[0].inventoryItemId).toBe(item.id);
    // The case keeps its reference; a new one to the archived record is refused as to a deleted one.
    const dup = await t.http
      .post(`/cases/${c.id}/authorities`)
      .send({ authorityId: authority.id, role: 'court' })
      .expect(422);
    expect(dup.body.errors).toEqual([{ field: 'authorityId', message: 'no record with this id' }]);
  });

  it('shows the downtime of overlapping and ongoing impacts in the case file', async () => {
    const c = await f.case();
    const other = await f.inventoryItem();
    const send = (body: Record<string, unknown>) =>
      t.http.post(`/cases/${c.id}/affected-systems`).send(body).expect(201);
    await send({
      inventoryItemId,
      impact: 'offline',
      startedAt: '2015-01-15T09:45:00+01:00',
      endedAt: '2015-01-15T12:21:00+01:00',
    });
    await send({
      inventoryItemId,
      impact: 'seized',
      startedAt: '2015-01-15T12:00:00+01:00',
      endedAt: '2015-01-15T13:00:00+01:00',
    });
    await send({
      inventoryItemId: other.id,
      impact: 'imaged',
      startedAt: '2015-01-15T10:00:00+01:00',
      endedAt: '2015-01-15T11:00:00+01:00',
    });
    const file = (await t.http.get(`/cases/${c.id}`).expect(200)).body;
    expect(file.impact.downtime.totalMinutes).toBe(195);
    expect(file.impact.downtime.systems).toEqual([
      {
        inventoryItemId,
        name: 'pad01',
        minutes: 195,
        ongoing: false,
        lowerBound: false,
        approximate: false,
      },
    ]);
    expect(file.impact.collateral.systemsAffected).toBe(2);
    await send({
      inventoryItemId: other.id,
      impact: 'offline',
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const ongoing = (await t.http.get(`/cases/${c.id}`).expect(200)).body.impact.downtime;
    expect(ongoing.ongoing).toBe(true);
    expect(ongoing.totalMinutes).toBeGreaterThanOrEqual(195 + 59);
  });
});

describe('directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('manages authorities with filters and validation', async () => {
    const a = await t.http
      .post('/authorities')
      .send({
        name: 'Staatsanwaltschaft Darmstadt',
        kind: 'prosecutor',
        country: 'DE',
        jurisdiction: 'Hessen',
      })
      .expect(201);
    await t.http
      .post('/authorities')
      .send({ name: 'Parquet général de Paris', kind: 'foreign_authority', country: 'FR' })
      .expect(201);
    await t.http
      .post('/authorities')
      .send({ name: 'Staatsanwaltschaft Darmstadt', kind: 'prosecutor', country: 'DE' })
      .expect(409);
    expect((await t.http.get('/authorities?country=FR')).body.items).toHaveLength(1);
    expect((await t.http.get('/authorities?q=darmst')).body.items[0].id).toBe(a.body.id);
    expect((await t.http.get('/authorities?q=%25')).body.items).toHaveLength(0);
    const bad = await t.http
      .post('/authorities')
      .send({ name: 'x', kind: 'army', country: 'de' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'country',
      'kind',
    ]);
    const changed = await t.http
      .patch(`/authorities/${a.body.id}`)
      .set('If-Match', '"1"')
      .send({ jurisdiction: null })
      .expect(200);
    expect(changed.body).toMatchObject({ jurisdiction: null, version: 2 });
    expect((await t.remove(`/authorities/${a.body.id}`)).status).toBe(204);
    await t.http.get(`/authorities/${a.body.id}`).expect(404);
  });

  it('manages the inventory, normalising identifiers', async () => {
    const item = await t.http
      .post('/inventory')
      .send({
        name: 'mail01',
        kind: 'virtual_server',
        services: ['mail', 'mailing lists'],
        identifiers: [' Mail.Example.org ', 'mail.example.org'],
        usersServed: 5000,
      })
      .expect(201);
    expect(item.body.identifiers).toEqual(['mail.example.org']);
    expect((await t.http.get('/inventory')).body.items).toHaveLength(1);
    await t.http.post('/inventory').send({ name: 'mail01', kind: 'service' }).expect(409);
    await t.http
      .post('/inventory')
      .send({ name: 'x', kind: 'service', services: 'mail' })
      .expect(400);
    expect((await t.update(`/inventory/${item.body.id}`, { name: null })).status).toBe(400);
    expect((await t.update(`/inventory/${item.body.id}`, { location: 'Falkenstein' })).status).toBe(
      200,
    );
    expect((await t.remove(`/inventory/${item.body.id}`)).status).toBe(204);
  });
});
