import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Summary {
  id: string;
  reference: string;
  receivedAt: string;
  status: string;
  updatedAt: string;
}

describe('case list: filters, search, sorting, pagination', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
    const fr = await f.authority({
      name: 'Parquet général',
      kind: 'foreign_authority',
      country: 'FR',
    });
    const de = await f.authority({
      name: 'Staatsanwaltschaft Zwickau',
      kind: 'prosecutor',
      country: 'DE',
    });
    ids.servergate = (
      await f.case({
        reference: 'SG-2011',
        title: 'Polizei beschlagnahmt Server der Piratenpartei',
        summary: 'Rechtshilfeersuchen wegen eines Etherpads; nahezu alle Server abgeschaltet.',
        requestType: 'mutual_legal_assistance',
        receivedAt: '2011-05-20T08:00:00+02:00',
        authorities: [{ authorityId: fr.id, role: 'requesting' }],
      })
    ).id;
    ids.zwickau = (
      await f.case({
        reference: 'ZW-2020',
        title: 'Download server secured in Falkenstein',
        summary: 'US preservation request in international legal assistance.',
        requestType: 'preservation',
        receivedAt: '2020-07-03T10:00:00+02:00',
        authorities: [{ authorityId: de.id, role: 'issuing' }],
      })
    ).id;
    ids.nrw = (
      await f.case({
        reference: 'NRW-2015',
        title: 'LKA NRW',
        requestType: 'search_and_seizure',
        receivedAt: '2015-01-15T11:12:00+01:00',
      })
    ).id;
    await t.http
      .post(`/cases/${ids.nrw}/timeline`)
      .send({
        occurredAt: '2015-01-15T11:12:00+01:00',
        type: 'authority_contact',
        description:
          'Anruf des Landeskriminalamts: Infrastruktur im Rechenzentrum vom Netz genommen',
      })
      .expect(201);
    await t.http
      .post(`/cases/${ids.zwickau}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'disputed' })
      .expect(201);
    await t.http
      .post(`/cases/${ids.nrw}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2015-02-15T00:00:00+01:00' })
      .expect(201);
    await t.http
      .post(`/cases/${ids.servergate}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2099-01-01T00:00:00Z' })
      .expect(201);
    await t.http
      .post(`/cases/${ids.servergate}/status`)
      .send({ status: 'under_review' })
      .expect(200);
    for (let i = 0; i < 12; i++) {
      await f.case({
        reference: `BULK-${String(i).padStart(2, '0')}`,
        title: `Informal request ${i}`,
        requestType: 'informal_request',
        receivedAt: `2019-03-${String(i + 1).padStart(2, '0')}T09:00:00Z`,
      });
    }
  });
  afterAll(() => t.close());

  const refs = (body: { items: Summary[] }) => body.items.map((i) => i.reference);

  it('lists newest first by default, with summaries only', async () => {
    const res = await t.http.get('/cases').expect(200);
    expect(res.body.items[0].reference).toBe('ZW-2020');
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      [
        'channel',
        'createdAt',
        'emergency',
        'id',
        'outcome',
        'receivedAt',
        'reference',
        'requestType',
        'status',
        'title',
        'unitId',
        'updatedAt',
        'version',
      ].sort(),
    );
  });

  it('filters by status, type, authority, country, date range, gag and overdue deadline', async () => {
    const get = async (qs: string) => refs((await t.http.get(`/cases?${qs}`).expect(200)).body);
    expect(await get('status=under_review')).toEqual(['SG-2011']);
    expect(await get('requestType=preservation,mutual_legal_assistance')).toEqual([
      'ZW-2020',
      'SG-2011',
    ]);
    expect(await get('country=FR')).toEqual(['SG-2011']);
    const zwickauAuthority = (await t.http.get(`/cases/${ids.zwickau}`)).body.authorities[0]
      .authorityId as string;
    expect(await get(`authorityId=${zwickauAuthority}`)).toEqual(['ZW-2020']);
    expect(await get('receivedFrom=2011-01-01T00:00:00Z&receivedTo=2016-01-01T00:00:00Z')).toEqual([
      'NRW-2015',
      'SG-2011',
    ]);
    expect(await get('hasGag=true')).toEqual(['ZW-2020']);
    expect(await get('hasGag=false&requestType=preservation')).toEqual([]);
    expect(await get('overdue=true')).toEqual(['NRW-2015']);
  });

  it('stops counting a gag once it is lifted', async () => {
    const gag = (await t.http.get(`/cases/${ids.zwickau}/gag-orders`)).body.items[0];
    expect(
      (
        await t.update(`/cases/${ids.zwickau}/gag-orders/${gag.id}`, {
          liftedAt: '2020-07-07T12:00:00+02:00',
        })
      ).status,
    ).toBe(200);
    expect(refs((await t.http.get('/cases?hasGag=true')).body)).toEqual([]);
    expect(
      (await t.update(`/cases/${ids.zwickau}/gag-orders/${gag.id}`, { liftedAt: null })).status,
    ).toBe(200);
    expect(refs((await t.http.get('/cases?hasGag=true')).body)).toEqual(['ZW-2020']);
  });

  it('searches title, summary and timeline in German and English', async () => {
    const get = async (q: string) =>
      refs((await t.http.get('/cases').query({ q }).expect(200)).body);
    expect(await get('Servern')).toEqual(['ZW-2020', 'SG-2011']); // German stemming: "Servern" finds "Server"
    expect(await get('servers')).toEqual(['ZW-2020', 'SG-2011']); // English stemming: "servers" finds "server"
    expect(await get('Landeskriminalamt')).toEqual(['NRW-2015']); // only in the timeline
    expect(await get('Etherpad')).toEqual(['SG-2011']);
    expect(await get('"international legal assistance"')).toEqual(['ZW-2020']);
    expect(await get('nothingmatchesthis')).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats, in every sort order', async () => {
    for (const sort of [
      '-receivedAt',
      'receivedAt',
      'reference',
      '-reference',
      '-updatedAt',
      'updatedAt',
    ]) {
      const all = refs((await t.http.get(`/cases?sort=${sort}&limit=100`).expect(200)).body);
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: Summary[]; nextCursor: string | null } } = await t.http
          .get('/cases')
          .query({ sort, limit: 4, ...(cursor ? { cursor } : {}) })
          .expect(200);
        paged.push(...refs(res.body));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(paged).toEqual(all);
      expect(all).toHaveLength(15);
      expect(pages).toBe(4);
    }
    const ascending = refs((await t.http.get('/cases?sort=reference&limit=3')).body);
    expect(ascending).toEqual(['BULK-00', 'BULK-01', 'BULK-02']);
  });

  it('caps the page size and rejects bad query parameters by name', async () => {
    const cases: [string, string][] = [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['status=open', 'status'],
      ['sort=title', 'sort'],
      ['hasGag=maybe', 'hasGag'],
      ['country=Germany', 'country'],
      ['receivedFrom=2015', 'receivedFrom'],
      ['cursor=bm9wZQ', 'cursor'],
      ['authorityId=42', 'authorityId'],
      ['colour=red', 'colour'],
    ];
    for (const [qs, field] of cases) {
      const res = await t.http.get(`/cases?${qs}`);
      expect({ qs, status: res.status }).toEqual({ qs, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lists open deadlines across cases, overdue ones on request', async () => {
    const all = (await t.http.get('/deadlines').expect(200)).body.items;
    expect(all.map((d: { caseReference: string }) => d.caseReference)).toEqual([
      'NRW-2015',
      'SG-2011',
    ]);
    const overdue = (await t.http.get('/deadlines?overdue=true').expect(200)).body.items;
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      caseReference: 'NRW-2015',
      overdue: true,
      kind: 'complaint',
    });
  });
});
