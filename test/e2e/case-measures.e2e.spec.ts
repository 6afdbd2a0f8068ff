import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MeasuresAndUnits1763900000011 } from '../../migrations/1763900000011-measures-and-units.js';
import { ArchivedUnits1763900000020 } from '../../migrations/1763900000020-archived-units.js';
import { fixtures } from '../support/fixtures.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { DOCUMENT_TEST_ENV } from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Cases as they are: several measures per case, a legal basis that names no provision, authorities
 * that only commented or were informed, units of the organisation, owners and data volumes; and
 * how the reports count each of them.
 */

type Rows = Record<string, Record<string, unknown>>;
interface Report {
  unit: { name: string; path: string[] } | null;
  sections: {
    key: string;
    title: string;
    rows: { key: string; label: string; value: unknown }[];
  }[];
}
const figures = (r: Report): Rows =>
  Object.fromEntries(
    r.sections.map((s) => [s.key, Object.fromEntries(s.rows.map((x) => [x.key, x.value]))]),
  );

describe('cases as they are', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;

  const report = async (query: string, status = 200) => {
    const res = await t.http.get(`/reports/transparency?${query}`);
    expect(res.status).toBe(status);
    return res.body as Report;
  };
  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http.post(path).send(body);
    expect({ path, status: res.status, body: res.status === status ? null : res.body }).toEqual({
      path,
      status,
      body: null,
    });
    return res.body as { id: string; version: number } & Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { ...DOCUMENT_TEST_ENV, REPORT_COUNTS: 'exact' } });
    f = fixtures(t.http);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('measures', () => {
    it('are recorded, changed and removed as a part of the case, each step in the audit trail', async () => {
      const c = await f.case({ requestType: 'mutual_legal_assistance' });
      const prosecutor = await f.authority({
        name: 'Staatsanwaltschaft Darmstadt',
        kind: 'prosecutor',
      });
      const basis = await post(`/cases/${c.id}/legal-bases`, {
        jurisdiction: 'DE',
        citation: 'StPO §94, §103',
        documentType: 'order',
      });
      const m = await post(`/cases/${c.id}/measures`, {
        type: 'search_and_seizure',
        legalBasisId: basis.id,
        orderedById: prosecutor.id,
        orderedAt: '2011-05-20T08:00:00+02:00',
      });
      expect(m).toMatchObject({
        caseId: c.id,
        type: 'search_and_seizure',
        legalBasisId: basis.id,
        orderedById: prosecutor.id,
        executedById: null,
        orderedAt: '2011-05-20T06:00:00.000Z',
      });
      const changed = await t.update(`/cases/${c.id}/measures/${m.id}`, { notes: 'all servers' });
      expect(changed.status).toBe(200);
      expect(changed.body.notes).toBe('all servers');

      const file = await t.http.get(`/cases/${c.id}`);
      expect(file.body.requestType).toBe('mutual_legal_assistance');
      expect(file.body.measures).toHaveLength(1);
      expect(file.body.measures[0]).toMatchObject({
        type: 'search_and_seizure',
        orderedBy: { name: 'Staatsanwaltschaft Darmstadt', kind: 'prosecutor', country: 'DE' },
        executedBy: null,
      });

      expect((await t.remove(`/cases/${c.id}/measures/${m.id}`)).status).toBe(204);
      const trail = await t.sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_type = 'measure' AND entity_id = $1 ORDER BY seq`,
        [m.id],
      );
      expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    });

    it('name a legal basis of their own case only, and a type from the request types', async () => {
      const a = await f.case();
      const b = await f.case();
      const other = await post(`/cases/${b.id}/legal-bases`, {
        jurisdiction: 'DE',
        citation: 'StPO §94',
        documentType: 'order',
      });
      const res = await t.http
        .post(`/cases/${a.id}/measures`)
        .send({ type: 'server_seizure', legalBasisId: other.id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'legalBasisId', message: 'must be a legal basis of the same case' },
      ]);
      const wrongType = await t.http.post(`/cases/${a.id}/measures`).send({ type: 'raid' });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors[0].field).toBe('type');
    });

    it('count in reports: requests once by primary type, measures once per type in each case', async () => {
      // 2020: mutual legal assistance, a preservation request and a server seizure.
      const zwickau = await f.case({
        requestType: 'mutual_legal_assistance',
        receivedAt: '2031-07-03T10:00:00+02:00',
      });
      for (const type of ['mutual_legal_assistance', 'preservation', 'server_seizure'])
        await post(`/cases/${zwickau.id}/measures`, { type });
      // Two seizures in one case count once in their row.
      const twice = await f.case({
        requestType: 'search_and_seizure',
        receivedAt: '2031-08-01T10:00:00+02:00',
      });
      await post(`/cases/${twice.id}/measures`, { type: 'server_seizure' });
      await post(`/cases/${twice.id}/measures`, { type: 'server_seizure' });
      // No measure recorded: counted under its primary type.
      await f.case({
        requestType: 'production_subscriber_data',
        receivedAt: '2031-09-01T10:00:00+02:00',
      });

      const x = figures(await report('year=2031'));
      expect(x.totals.requests).toBe(3);
      expect(x.request_type).toMatchObject({
        mutual_legal_assistance: 1,
        search_and_seizure: 1,
        production_subscriber_data: 1,
        preservation: 0,
        server_seizure: 0,
      });
      expect(x.measure_type).toMatchObject({
        mutual_legal_assistance: 1,
        preservation: 1,
        server_seizure: 2,
        search_and_seizure: 0,
        production_subscriber_data: 1,
      });
      const de = await report('year=2031&lang=de');
      expect(de.sections.find((s) => s.key === 'measure_type')).toMatchObject({
        title: 'Maßnahmen nach Art',
      });
    });
  });

  describe('a legal basis without a citation', () => {
    it('is recorded as "not stated", never with a made-up citation, and reported as its own row', async () => {
      const c = await f.case({ receivedAt: '2032-03-01T10:00:00+01:00' });
      const missing = await t.http
        .post(`/cases/${c.id}/legal-bases`)
        .send({ jurisdiction: 'DE', documentType: 'request' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('citation');
      const both = await t.http
        .post(`/cases/${c.id}/legal-bases`)
        .send({ jurisdiction: 'DE', documentType: 'request', citation: 'x', notStated: true });
      expect(both.status).toBe(400);
      const basis = await post(`/cases/${c.id}/legal-bases`, {
        jurisdiction: 'US',
        documentType: 'request',
        notStated: true,
      });
      expect(basis).toMatchObject({ citation: null, notStated: true });
      const other = await f.case({ receivedAt: '2032-04-01T10:00:00+01:00' });
      await post(`/cases/${other.id}/legal-bases`, {
        jurisdiction: 'DE',
        citation: 'StPO §94',
        documentType: 'order',
      });

      const x = figures(await report('year=2032'));
      expect(x.legal_basis).toEqual({ 'DE:stpo §94': 1, not_stated: 1, not_recorded: 0 });
      const de = await report('year=2032&lang=de');
      const rows = de.sections.find((s) => s.key === 'legal_basis')?.rows;
      expect(rows?.map((r) => r.label)).toContain('Keine Vorschrift genannt');
      const en = await report('year=2032&lang=en');
      const enRows = en.sections.find((s) => s.key === 'legal_basis')?.rows;
      expect(enRows?.map((r) => r.label)).toContain('No provision named');
    });
  });

  describe('authority roles', () => {
    it('2011: counts only the prosecutor, not the police whose unit is unknown nor the BKA that commented', async () => {
      const sta = await f.authority({
        name: 'StA Darmstadt 2033',
        kind: 'prosecutor',
        country: 'DE',
      });
      const bka = await f.authority({ name: 'BKA 2033', kind: 'police', country: 'DE' });
      const c = await f.case({
        receivedAt: '2033-05-20T08:00:00+02:00',
        authorities: [
          { authorityId: sta.id, role: 'issuing' },
          { authorityId: bka.id, role: 'commenting' },
          { role: 'executing', notes: 'police, unit not named' },
        ],
      });
      const file = await t.http.get(`/cases/${c.id}`);
      expect(file.body.authorities.map((a: { role: string }) => a.role).sort()).toEqual([
        'commenting',
        'executing',
        'issuing',
      ]);
      const unknown = file.body.authorities.find((a: { role: string }) => a.role === 'executing');
      expect(unknown).toMatchObject({ authorityId: null, authority: null });
      // Only an executing unit may be unknown.
      const refused = await t.http.post(`/cases/${c.id}/authorities`).send({ role: 'issuing' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('authorityId');

      const x = figures(await report('year=2033'));
      expect(x.authority_kind).toMatchObject({ prosecutor: 1, police: 0, not_recorded: 0 });
      expect(x.origin).toMatchObject({ domestic: 1, foreign: 0 });
    });

    it('2020: counts only the foreign authority, not StA Zwickau that executed the request nor the BfJ informed', async () => {
      const us = await f.authority({
        name: 'US DoJ 2034',
        kind: 'foreign_authority',
        country: 'US',
      });
      const zwickau = await f.authority({
        name: 'StA Zwickau 2034',
        kind: 'prosecutor',
        country: 'DE',
      });
      const bfj = await f.authority({ name: 'BfJ 2034', kind: 'central_authority', country: 'DE' });
      await f.case({
        requestType: 'mutual_legal_assistance',
        receivedAt: '2034-07-03T10:00:00+02:00',
        authorities: [
          { authorityId: us.id, role: 'requesting' },
          { authorityId: zwickau.id, role: 'executing' },
          { authorityId: bfj.id, role: 'informed' },
        ],
      });
      const x = figures(await report('year=2034'));
      expect(x.authority_kind).toMatchObject({
        foreign_authority: 1,
        prosecutor: 0,
        central_authority: 0,
      });
      expect(x.country).toEqual({ US: 1 });
      expect(x.origin).toMatchObject({ foreign: 1, domestic: 0 });
    });

    it('an authority that only commented never stands for a case, even when it is the only one', async () => {
      const press = await f.authority({ name: 'Pressestelle 2035', kind: 'police', country: 'DE' });
      await f.case({
        receivedAt: '2035-01-10T10:00:00+01:00',
        authorities: [{ authorityId: press.id, role: 'commenting' }],
      });
      const x = figures(await report('year=2035'));
      expect(x.authority_kind).toMatchObject({ police: 0, not_recorded: 1 });
    });
  });

  describe('organisational units', () => {
    it('are managed by admins only, audited, and cannot be placed below themselves', async () => {
      const board = await t.http.post('/units').send({ name: 'Bundesverband', kind: 'federal' });
      expect(board.status).toBe(403);
      const admin = t.as('admin');
      const top = await admin.post('/units').send({ name: 'Bund (admin test)', kind: 'federal' });
      expect(top.status).toBe(201);
      const below = await admin
        .post('/units')
        .send({ name: 'LV (admin test)', kind: 'state', parentId: top.body.id });
      expect(below.status).toBe(201);
      const cycle = await t.update(`/units/${top.body.id}`, { parentId: below.body.id }, admin);
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors[0].field).toBe('parentId');
      expect((await t.as('auditor').get('/units')).status).toBe(200);
      const trail = await t.sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_type = 'org_unit' AND entity_id = $1`,
        [top.body.id],
      );
      expect(trail.map((e) => e.action)).toEqual(['create']);
      // A unit with sub-units is not removed; a stale copy hears that it is stale first.
      expect((await t.remove(`/units/${top.body.id}`, admin)).status).toBe(409);
      const stale = await admin.delete(`/units/${top.body.id}`).set('If-Match', '"999"');
      expect(stale.status).toBe(412);
    });

    it('filter the case list and the reports, sub-units included, and appear in the case file', async () => {
      const admin = t.as('admin');
      const unit = async (name: string, kind: string, parentId?: string) => {
        const res = await admin.post('/units').send({ name, kind, parentId });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const federal = await unit('Bundesverband', 'federal');
      const nrw = await unit('Landesverband NRW', 'state', federal);
      const customers = await unit('Kunden', 'customer');
      const inFederal = await f.case({ receivedAt: '2036-05-20T10:00:00+02:00', unitId: federal });
      const inNrw = await f.case({ receivedAt: '2036-01-15T10:00:00+01:00', unitId: nrw });
      const customer = await f.case({ receivedAt: '2036-07-03T10:00:00+02:00', unitId: customers });

      const ids = async (q: string) =>
        (
          (
            await t.http.get(
              `/cases?${q}&receivedFrom=2036-01-01T00:00:00Z&receivedTo=2037-01-01T00:00:00Z`,
            )
          ).body.items as { id: string; unitId: string | null }[]
        )
          .map((c) => c.id)
          .sort();
      expect(await ids(`unit=${federal}`)).toEqual([inFederal.id, inNrw.id].sort());
      expect(await ids(`unit=${nrw}`)).toEqual([inNrw.id]);
      expect(await ids(`unit=${customers}`)).toEqual([customer.id]);

      expect(figures(await report(`year=2036&unit=${federal}`)).totals.requests).toBe(2);
      const state = await report(`year=2036&unit=${nrw}`);
      expect(figures(state).totals.requests).toBe(1);
      expect(state.unit).toMatchObject({
        name: 'Landesverband NRW',
        path: ['Bundesverband', 'Landesverband NRW'],
      });
      expect(figures(await report('year=2036')).totals.requests).toBe(3);
      await report('year=2036&unit=00000000-0000-4000-8000-000000000000', 404);

      const file = await t.http.get(`/cases/${inNrw.id}`);
      expect(file.body.unit).toEqual({
        id: nrw,
        name: 'Landesverband NRW',
        path: ['Bundesverband', 'Landesverband NRW'],
      });
      // A unit that cases belong to is archived, with the answer of a deletion: an admin sees no
      // case and must not learn that one exists. Its cases keep it; its name is free again.
      const emptyUnit = await unit('Leer', 'other');
      const deleted = await t.remove(`/units/${emptyUnit}`, admin);
      const archived = await t.remove(`/units/${customers}`, admin);
      expect(archived.status).toBe(204);
      expect(archived.body).toEqual(deleted.body);
      expect((await admin.get(`/units/${customers}`)).status).toBe(404);
      expect((await admin.get('/units')).body.items.map((u: { id: string }) => u.id)).not.toContain(
        customers,
      );
      expect((await t.http.get(`/cases/${customer.id}`)).body.unit).toMatchObject({
        name: 'Kunden',
      });
      // New cases are refused the archived unit exactly as a unit that never existed.
      const inUnit = (unitId: string) =>
        t.http.post('/cases').send({
          title: 'In an archived unit',
          requestType: 'search_and_seizure',
          receivedAt: '2036-08-01T10:00:00+02:00',
          unitId,
        });
      const refused = await inUnit(customers);
      const unknown = await inUnit('00000000-0000-4000-8000-000000000000');
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('unitId');
      const same = (b: Record<string, unknown>) => ({ ...b, instance: null, requestId: null });
      expect(same(refused.body)).toEqual(same(unknown.body));
      expect((await t.update(`/units/${customers}`, { name: 'Kunden alt' }, admin)).status).toBe(
        404,
      );
      expect((await admin.post('/units').send({ name: 'Kunden', kind: 'customer' })).status).toBe(
        201,
      );
      const trail = await t.sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_type = 'org_unit' AND entity_id = $1 ORDER BY seq NULLS LAST, occurred_at`,
        [customers],
      );
      expect(trail.map((e) => e.action)).toEqual(['create', 'delete']);

      for (const [lang, words] of [
        ['de', ['Organisationseinheit', 'Bundesverband › Landesverband NRW']],
        ['en', ['Unit', 'Bundesverband › Landesverband NRW']],
      ] as const) {
        const pdf = await t.http
          .get(`/cases/${inNrw.id}/case-file.pdf?lang=${lang}`)
          .buffer(true)
          .parse(binary);
        expect(pdf.status).toBe(200);
        const text = squeeze(await pdfText(pdf.body as Buffer));
        for (const w of words) expect(text).toContain(squeeze(w));
        const rep = await t.http
          .get(`/reports/transparency?year=2036&unit=${nrw}&format=pdf&lang=${lang}`)
          .buffer(true)
          .parse(binary);
        expect(rep.status).toBe(200);
        expect(squeeze(await pdfText(rep.body as Buffer))).toContain(
          squeeze('Bundesverband › Landesverband NRW'),
        );
      }
    });
  });

  describe('inventory owner and data volume', () => {
    it('round-trip as whole bytes and print with units in the case file, in German and English', async () => {
      const server = await f.inventoryItem({
        name: 'download-2037',
        kind: 'physical_server',
        owner: 'Distributed Denial of Secrets (customer)',
      });
      expect(server.owner).toBe('Distributed Denial of Secrets (customer)');
      const c = await f.case({ receivedAt: '2037-07-03T10:00:00+02:00' });
      const affected = await post(`/cases/${c.id}/affected-systems`, {
        inventoryItemId: server.id,
        impact: 'seized',
        startedAt: '2037-07-03T12:00:00+02:00',
        dataVolumeBytes: 5_000_000_000_000,
      });
      expect(affected.dataVolumeBytes).toBe(5_000_000_000_000);
      const disclosure = await post(`/cases/${c.id}/disclosures`, {
        dataCategory: 'content',
        description: 'BlueLeaks',
        handedOverAt: '2037-07-04T12:00:00+02:00',
        dataVolumeBytes: 269_000_000_000,
      });
      expect(disclosure.dataVolumeBytes).toBe(269_000_000_000);
      const tooBig = await t.http.post(`/cases/${c.id}/affected-systems`).send({
        inventoryItemId: server.id,
        impact: 'seized',
        startedAt: '2037-07-03T12:00:00+02:00',
        dataVolumeBytes: 1.5,
      });
      expect(tooBig.status).toBe(400);
      const file = await t.http.get(`/cases/${c.id}`);
      expect(file.body.affectedSystems[0].dataVolumeBytes).toBe(5_000_000_000_000);
      for (const lang of ['de', 'en']) {
        const pdf = await t.http
          .get(`/cases/${c.id}/case-file.pdf?lang=${lang}`)
          .buffer(true)
          .parse(binary);
        const text = squeeze(await pdfText(pdf.body as Buffer));
        expect(text).toContain('5TB');
        expect(text).toContain('269GB');
      }
    });
  });
});

describe('the migration of measures and units', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('gives every existing case one measure of its request type, with its legal basis and authorities where unambiguous', async () => {
    const f = fixtures(t.http);
    const sta = await f.authority({ kind: 'prosecutor' });
    const police = await f.authority({ kind: 'police' });
    const one = await f.case({
      requestType: 'search_and_seizure',
      authorities: [
        { authorityId: sta.id, role: 'issuing' },
        { authorityId: police.id, role: 'executing' },
      ],
    });
    const basis = await t.http.post(`/cases/${one.id}/legal-bases`).send({
      jurisdiction: 'DE',
      citation: 'StPO §94',
      documentType: 'order',
      issuedAt: '2015-01-14T10:00:00+01:00',
    });
    expect(basis.status).toBe(201);
    const two = await f.case({ requestType: 'preservation' });
    for (const citation of ['IRG §67', 'IRG §59'])
      await t.http
        .post(`/cases/${two.id}/legal-bases`)
        .send({ jurisdiction: 'DE', citation, documentType: 'request' });

    // The cases were recorded without measures, as before the migration: undo it and apply it again.
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      // Later migrations that build on its tables are undone first and applied again after.
      const later = new ArchivedUnits1763900000020();
      const migration = new MeasuresAndUnits1763900000011();
      await later.down(runner);
      await migration.down(runner);
      await migration.up(runner);
      await later.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await t.sql<Record<string, unknown>>(
      `SELECT case_id, type, legal_basis_id, ordered_by_id, executed_by_id, ordered_at FROM measures ORDER BY type`,
    );
    expect(rows).toEqual([
      {
        case_id: two.id,
        type: 'preservation',
        legal_basis_id: null,
        ordered_by_id: null,
        executed_by_id: null,
        ordered_at: null,
      },
      {
        case_id: one.id,
        type: 'search_and_seizure',
        legal_basis_id: basis.body.id,
        ordered_by_id: sta.id,
        executed_by_id: police.id,
        ordered_at: new Date('2015-01-14T09:00:00Z'),
      },
    ]);
    // Nothing else was lost: the legal bases and authorities are all still there.
    const [counts] = await t.sql<{ bases: number; authorities: number }>(
      `SELECT (SELECT count(*)::int FROM legal_bases) AS bases, (SELECT count(*)::int FROM case_authorities) AS authorities`,
    );
    expect(counts).toEqual({ bases: 3, authorities: 2 });
    const file = await t.http.get(`/cases/${one.id}`);
    expect(file.body.measures).toHaveLength(1);
  });
});
