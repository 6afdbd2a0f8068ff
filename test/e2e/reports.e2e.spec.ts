import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mergedMinutes } from '../../src/cases/downtime.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { type TransparencyReport } from '../../src/reports/report.model.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dsaOrders, loadDemoCases, parseCsv } from '../support/report-helpers.js';

type Rows = Record<string, Record<string, unknown>>;

/** The report's figures as { section: { key: value } }. */
function figures(report: TransparencyReport): Rows {
  return Object.fromEntries(
    report.sections.map((s) => [s.key, Object.fromEntries(s.rows.map((r) => [r.key, r.value]))]),
  );
}

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

describe('transparency reports (exact counts)', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  const report = async (query: string, agent = t.http) => {
    const res = await agent.get(`/reports/transparency?${query}`);
    expect(res.status).toBe(200);
    return res.body as TransparencyReport;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    f = fixtures(t.http);
    const cases = await loadDemoCases(t);
    expect(Object.keys(cases).sort()).toEqual(['2011-001', '2015-001', '2020-001']);
  });
  afterAll(() => t.close());

  it('2011 ServerGate: one mutual legal assistance request from France, 7 systems, 9 h 25 min of downtime', async () => {
    const r = await report('year=2011');
    expect(r.period).toEqual({
      from: '2010-12-31T23:00:00.000Z',
      to: '2011-12-31T23:00:00.000Z',
      label: '2011',
    });
    expect(r.counts.mode).toBe('exact');
    const x = figures(r);
    expect(x.totals.requests).toBe(1);
    expect(x.request_type).toMatchObject({ mutual_legal_assistance: 1, search_and_seizure: 0 });
    expect(x.legal_basis).toEqual({
      'DE:irg §59': 1,
      'DE:stpo §94, §103': 1,
      not_stated: 1,
      not_recorded: 0,
    });
    expect(x.authority_kind).toMatchObject({ prosecutor: 1, police: 0, foreign_authority: 0 });
    expect(x.origin).toEqual({
      domestic: 0,
      foreign: 1,
      not_recorded: 0,
      mutual_legal_assistance: 1,
    });
    expect(x.country).toEqual({ FR: 1 });
    expect(x.outcome).toMatchObject({
      some_data_produced: 1,
      some_data_produced_share: 100,
      produced_in_part: 1,
      none_no_data: 0,
      challenged: 0,
    });
    expect(x.systems.systems_affected).toBe(7);
    expect(x.systems.cases_with_downtime).toBe(1);
    // From 08:00 (approximate) to 17:21 on two systems and to 17:25 on five: merged, 08:00 to 17:25.
    const expected = hours('2011-05-20T08:00:00+02:00', '2011-05-20T17:25:00+02:00');
    expect(expected).toBeCloseTo(9.4167, 3);
    expect(x.systems.downtime_hours).toBe(oneDecimal(expected));
    expect(x.gag_orders).toEqual({ cases_with_gag: 0, lifted: 0, expired: 0 });
    expect(x.user_notification).toMatchObject({ required: 0, not_recorded: 1 });
    const labels = r.sections.find((s) => s.key === 'legal_basis')?.rows.map((row) => row.label);
    expect(labels).toContain('StPO §94, §103 (DE)');
    expect(r.sections.find((s) => s.key === 'country')?.rows[0].label).toBe('France');
  });

  it('2015 NRW: one domestic search and seizure, no data existed, five systems for 2 h 36 min', async () => {
    const x = figures(await report('year=2015'));
    expect(x.totals.requests).toBe(1);
    expect(x.request_type.search_and_seizure).toBe(1);
    expect(x.authority_kind.police).toBe(1);
    expect(x.origin).toEqual({
      domestic: 1,
      foreign: 0,
      not_recorded: 0,
      mutual_legal_assistance: 0,
    });
    expect(x.country).toEqual({ DE: 1 });
    expect(x.outcome).toMatchObject({
      some_data_produced: 0,
      some_data_produced_share: 0,
      none_no_data: 1,
    });
    expect(x.systems).toEqual({
      systems_affected: 5,
      cases_with_downtime: 1,
      downtime_hours: 2.6,
      downtime_lower_bound: 0,
      downtime_approximate: 0,
    });
    expect(hours('2015-01-15T09:45:00+01:00', '2015-01-15T12:21:00+01:00') * 60).toBe(156);
  });

  it('2020 Zwickau: the gag was lifted, so it counts; the server was held at least until 8 July: a lower bound', async () => {
    const x = figures(await report('year=2020'));
    expect(x.totals.requests).toBe(1);
    expect(x.request_type.preservation).toBe(1);
    expect(x.origin).toMatchObject({ foreign: 1, mutual_legal_assistance: 1 });
    expect(x.country).toEqual({ US: 1 });
    expect(x.gag_orders).toEqual({ cases_with_gag: 1, lifted: 1, expired: 0 });
    expect(x.outcome).toMatchObject({ pending: 1, some_data_produced_share: 0 });
    // Seized on 3 July 2020 (noon, day precision), its return never reported: counted up to the
    // last day it is known to have been held (8 July), never up to the end of the period.
    const expected = hours('2020-07-03T12:00:00+02:00', '2020-07-08T12:00:00+02:00');
    expect(expected).toBe(120);
    expect(x.systems).toEqual({
      systems_affected: 1,
      cases_with_downtime: 1,
      downtime_hours: expected,
      downtime_lower_bound: 1,
      // Secured "on 3 July": known to the day, so the hours are an estimate too.
      downtime_approximate: 1,
    });
    // In the second half of 2020 only: the same case, the same hours.
    expect(figures(await report('half=2020-H2')).systems.downtime_hours).toBe(expected);
    expect(figures(await report('half=2020-H1')).totals.requests).toBe(0);
  });

  it('adds up several years; an empty year is all zeros and has no share', async () => {
    const x = figures(await report('from=2011-01-01T00:00:00Z&to=2021-01-01T00:00:00Z'));
    expect(x.totals.requests).toBe(3);
    expect(x.country).toEqual({ DE: 1, FR: 1, US: 1 });
    expect(x.origin).toEqual({
      domestic: 1,
      foreign: 2,
      not_recorded: 0,
      mutual_legal_assistance: 2,
    });
    expect(x.outcome.some_data_produced_share).toBe(33.3);
    expect(x.systems.systems_affected).toBe(13);
    // 2020's server counts only until 8 July (a lower bound), so one case no longer dominates.
    expect(x.systems.downtime_hours).toBe(oneDecimal(565 / 60 + 156 / 60 + 120));
    expect(x.systems.downtime_lower_bound).toBe(1);

    const empty = figures(await report('year=2012'));
    expect(empty.totals.requests).toBe(0);
    expect(empty.outcome.some_data_produced_share).toBeNull();
    expect(empty.systems.downtime_hours).toBe(0);
  });

  it('writes the same figures as CSV: RFC 4180, UTF-8, one row per figure', async () => {
    const json = await report('year=2011');
    const res = await t.http.get('/reports/transparency?year=2011&format=csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="transparency-report-2011.csv"',
    );
    expect(res.text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(['section', 'key', 'label', 'unit', 'value', 'low', 'high']);
    const meta = Object.fromEntries(rows.filter((r) => r[0] === 'report').map((r) => [r[1], r[4]]));
    expect(meta).toMatchObject({
      period_from: '2010-12-31T23:00:00.000Z',
      period_to: '2011-12-31T23:00:00.000Z',
      counts: 'exact',
    });
    const data = rows.filter((r) => r[0] !== 'report');
    const expected = json.sections.flatMap((s) =>
      s.rows.map((r) => [
        s.key,
        r.key,
        r.label,
        r.unit,
        r.value === null ? '' : String(r.value),
        r.low === null ? '' : String(r.low),
        r.high === null ? '' : String(r.high),
      ]),
    );
    expect(data).toEqual(expected);
    // A citation with a comma survives the quoting; § and umlauts survive the encoding.
    expect(data).toContainEqual([
      'legal_basis',
      'DE:stpo §94, §103',
      'StPO §94, §103 (DE)',
      'requests',
      '1',
      '1',
      '1',
    ]);
  });

  it('speaks German on request', async () => {
    const r = await report('year=2011&lang=de');
    expect(r.title).toBe('Transparenzbericht');
    expect(r.sections.find((s) => s.key === 'country')?.rows[0].label).toBe('Frankreich');
    expect(
      r.sections
        .find((s) => s.key === 'request_type')
        ?.rows.find((row) => row.key === 'mutual_legal_assistance')?.label,
    ).toBe('Rechtshilfe');
    for (const s of r.sections) expect(s.explanation.length).toBeGreaterThan(20);
  });

  it('merges overlapping outages like the case file does, clipped to the period', async () => {
    const a = await f.inventoryItem();
    const b = await f.inventoryItem();
    const kase = await f.case({
      receivedAt: '2018-01-01T02:00:00Z',
      requestType: 'server_seizure',
    });
    const intervals: [string, string, string | null, string][] = [
      [a.id, '2017-12-31T22:00:00Z', '2018-01-01T03:00:00Z', 'offline'], // starts before the period
      [b.id, '2018-01-01T02:30:00Z', '2018-01-01T04:00:00Z', 'seized'], // overlaps the first
      [a.id, '2018-01-01T04:00:00Z', '2018-01-01T05:00:00Z', 'offline'], // touches the second
      [b.id, '2018-03-01T00:00:00Z', '2018-03-01T01:00:00Z', 'imaged'], // not downtime
      [b.id, '2018-12-31T20:00:00Z', null, 'seized'], // still seized: until the end of the period
    ];
    for (const [inventoryItemId, startedAt, endedAt, impact] of intervals) {
      await t.http
        .post(`/cases/${kase.id}/affected-systems`)
        .send({ inventoryItemId, impact, startedAt, endedAt })
        .expect(201);
    }
    const from = new Date('2018-01-01T00:00:00Z');
    const to = new Date('2019-01-01T00:00:00Z');
    const clipped = intervals
      .filter(([, , , impact]) => impact !== 'imaged')
      .map(([, s, e]) => ({
        start: new Date(Math.max(Date.parse(s), from.getTime())),
        end: new Date(Math.min(e === null ? Date.now() : Date.parse(e), to.getTime())),
      }));
    const minutes = mergedMinutes(clipped, new Date());
    expect(minutes).toBe(5 * 60 + 4 * 60);
    const x = figures(await report('year=2018'));
    expect(x.systems).toEqual({
      systems_affected: 2,
      cases_with_downtime: 1,
      downtime_hours: minutes / 60,
      downtime_lower_bound: 0,
      downtime_approximate: 0,
    });
  });

  it('counts a case as challenged when it went through status challenged or has a remedy', async () => {
    const moved = await f.case({ receivedAt: '2019-02-01T10:00:00Z' });
    for (const status of ['challenged', 'responded']) {
      await t.http.post(`/cases/${moved.id}/status`).send({ status }).expect(200);
    }
    const remedied = await f.case({ receivedAt: '2019-03-01T10:00:00Z' });
    await t.http
      .post(`/cases/${remedied.id}/remedies`)
      .send({ kind: 'complaint', legalBasis: 'StPO §304' })
      .expect(201);
    const still = await f.case({ receivedAt: '2019-04-01T10:00:00Z' });
    await t.http
      .post(`/cases/${still.id}/status`)
      .send({ status: 'challenged', note: 'Complaint under StPO §304' })
      .expect(200);
    await f.case({ receivedAt: '2019-05-01T10:00:00Z' });
    const x = figures(await report('year=2019'));
    expect(x.totals.requests).toBe(4);
    expect(x.outcome.challenged).toBe(3);
  });

  it('refuses a period that is missing, given twice, malformed, not whole days, or backwards', async () => {
    const problem = async (query: string, fields: string[]) => {
      const res = await t.http.get(`/reports/transparency?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('urn:problem-type:validation-failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(fields);
    };
    await problem('', ['year']);
    await problem('year=2015&half=2015-H1', ['half', 'year']);
    await problem('year=15', ['year']);
    await problem('half=2015-H3', ['half']);
    await problem('from=2015-01-01T00:00:00Z', ['to']);
    await problem('from=2015-01-01&to=2016-01-01', ['from', 'to']);
    await problem('from=2015-01-01T10:00:00Z&to=2016-01-01T00:00:00Z', ['from']);
    await problem('from=2016-01-01T00:00:00Z&to=2015-01-01T00:00:00Z', ['to']);
    await problem('from=2015-02-30T00:00:00Z&to=2016-01-01T00:00:00Z', ['from']);
    await problem('year=2015&format=xlsx', ['format']);
    await problem('year=2015&lang=fr', ['lang']);
    await problem('year=2015&caseId=1', ['caseId']);
    const dsa = await t.http.get('/reports/transparency/dsa-orders.csv?year=2015&format=csv');
    expect(dsa.status).toBe(400);
  });

  it('accepts whole days in any offset', async () => {
    const r = await report('from=2015-01-01T00:00:00%2B01:00&to=2015-02-01T00:00:00%2B01:00');
    expect(r.period).toEqual({
      from: '2014-12-31T23:00:00.000Z',
      to: '2015-01-31T23:00:00.000Z',
      label: '2015-01-01--2015-02-01',
    });
    expect(figures(r).totals.requests).toBe(1);
  });

  it('is for signed-in readers of cases, and every export is in the audit trail', async () => {
    expect((await t.as('anonymous').get('/reports/transparency?year=2015')).status).toBe(401);
    expect((await t.as('admin').get('/reports/transparency?year=2015')).status).toBe(403);
    expect((await t.as('admin').get('/reports/transparency/dsa-orders.csv?year=2015')).status).toBe(
      403,
    );
    expect((await t.as('board').get('/reports/transparency?year=2015')).status).toBe(200);
    for (const role of ['lawyer', 'auditor'] as const) {
      expect((await t.as(role).get('/reports/transparency?year=2015')).status).toBe(403);
    }
    await t.as('board').get('/reports/transparency?half=2015-H1&format=csv').expect(200);
    await t.as('board').get('/reports/transparency/dsa-orders.csv?half=2015-H1').expect(200);
    const events = await t.sql<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'export' AND entity_type = 'transparency_report'
        AND entity_id IS NULL AND case_id IS NULL ORDER BY occurred_at, id`,
    );
    const half = events.filter(
      (e) =>
        e.details.from === '2014-12-31T23:00:00.000Z' &&
        e.details.to === '2015-06-30T22:00:00.000Z',
    );
    expect(half.map((e) => [e.actor_id, e.details.format])).toEqual([
      [t.userIds.board, 'csv'],
      [t.userIds.board, 'dsa_orders_csv'],
    ]);
  });

  it('documents both routes in OpenAPI with their access and problems', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        {
          get: {
            'x-access': unknown;
            responses: Record<string, unknown>;
            parameters: { name: string }[];
          };
        }
      >;
    };
    const main = doc.paths['/reports/transparency'].get;
    expect(main['x-access']).toEqual({
      permissions: ['reports.generate'],
      roles: ['board'],
    });
    expect(Object.keys(main.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(main.parameters.map((p) => p.name).sort()).toEqual([
      'format',
      'from',
      'half',
      'lang',
      'to',
      'unit',
      'year',
    ]);
    const dsa = doc.paths['/reports/transparency/dsa-orders.csv'].get;
    expect(dsa['x-access']).toEqual({ permissions: ['reports.generate'], roles: ['board'] });
    expect(Object.keys(dsa.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(dsa.parameters.map((p) => p.name).sort()).toEqual([
      'from',
      'half',
      'to',
      'unit',
      'year',
    ]);
  });

  describe('gags and embargoes', () => {
    const marker = `Gagtest §${Date.now() % 100000}`;
    let gagged: { id: string };
    let gagId: string;

    /** Everything the routes publish for 2016, in every format. */
    const everything = async () => {
      const json = await t.http.get('/reports/transparency?year=2016').expect(200);
      const csv = await t.http.get('/reports/transparency?year=2016&format=csv').expect(200);
      const dsa = await t.http.get('/reports/transparency/dsa-orders.csv?year=2016').expect(200);
      return {
        json: json.body as TransparencyReport,
        text: `${JSON.stringify(json.body)}\n${csv.text}\n${dsa.text}`,
        dsa: parseCsv(dsa.text),
      };
    };
    const dsaGermanInformationOrders = (dsa: string[][]) =>
      dsaOrders(dsa, 'information', 'Germany').orders;

    beforeAll(async () => {
      const authority = await f.authority({ kind: 'court', country: 'DE' });
      gagged = await f.case({
        receivedAt: '2016-03-10T09:00:00+01:00',
        requestType: 'production_subscriber_data',
        authorities: [{ authorityId: authority.id, role: 'issuing' }],
      });
      await t.http
        .post(`/cases/${gagged.id}/legal-bases`)
        .send({ jurisdiction: 'DE', citation: marker, documentType: 'order' })
        .expect(201);
      await t.http
        .post(`/cases/${gagged.id}/disclosures`)
        .send({
          dataCategory: 'subscriber',
          description: 'Subscriber record',
          accountsCount: 3,
          handedOverAt: '2016-03-11T09:00:00+01:00',
        })
        .expect(201);
      const gag = await t.http
        .post(`/cases/${gagged.id}/gag-orders`)
        .send({ legalBasis: 'StPO §95a', binding: 'yes' })
        .expect(201);
      gagId = gag.body.id as string;
    });

    it('leaves a case under a gag in force out of every format, and does not say that something is missing', async () => {
      const before = await everything();
      expect(figures(before.json).totals.requests).toBe(0);
      expect(figures(before.json).accounts.accounts_affected).toBe(0);
      expect(before.text).not.toContain(marker);
      expect(before.text).not.toContain(marker.toLowerCase());
      expect(before.json.withheld.numberPublished).toBe(false);
      expect(JSON.stringify(before.json.withheld)).not.toMatch(/\d/);
      expect(dsaGermanInformationOrders(before.dsa)).toBe('0');
    });

    it('counts it in the period it was received once the gag is lifted', async () => {
      const lifted = await t.update(`/cases/${gagged.id}/gag-orders/${gagId}`, {
        liftedAt: '2017-06-01T00:00:00Z',
      });
      expect(lifted.status).toBe(200);
      const after = await everything();
      const x = figures(after.json);
      expect(x.totals.requests).toBe(1);
      expect(x.accounts.accounts_affected).toBe(3);
      expect(x.gag_orders).toEqual({ cases_with_gag: 1, lifted: 1, expired: 0 });
      expect(after.text).toContain(marker);
      expect(dsaGermanInformationOrders(after.dsa)).toBe('1');
    });

    it('treats an expired gag as ended, a gag lifted in the future as still in force', async () => {
      await t.update(`/cases/${gagged.id}/gag-orders/${gagId}`, {
        liftedAt: '2999-01-01T00:00:00Z',
      });
      expect(figures((await everything()).json).totals.requests).toBe(0);
      await t.update(`/cases/${gagged.id}/gag-orders/${gagId}`, {
        liftedAt: null,
        until: '2017-01-01T00:00:00Z',
      });
      const x = figures((await everything()).json);
      expect(x.totals.requests).toBe(1);
      expect(x.gag_orders).toEqual({ cases_with_gag: 1, lifted: 0, expired: 1 });
    });

    it('leaves a case out while its publication is embargoed', async () => {
      const embargoed = await f.case({
        receivedAt: '2017-05-05T10:00:00Z',
        embargoUntil: '2999-01-01T00:00:00Z',
      });
      await f.case({ receivedAt: '2017-06-05T10:00:00Z', embargoUntil: '2017-12-01T00:00:00Z' });
      expect(figures(await report('year=2017')).totals.requests).toBe(1);
      await t.update(`/cases/${embargoed.id}`, { embargoUntil: '2020-01-01T00:00:00Z' });
      expect(figures(await report('year=2017')).totals.requests).toBe(2);
    });

    it('counts restricted cases that are under no gag or embargo; only the board generates reports', async () => {
      const restricted = await f.case({ receivedAt: '2017-08-01T10:00:00Z' });
      await t.update(`/cases/${restricted.id}`, { restricted: true });
      expect((await t.as('auditor').get(`/cases/${restricted.id}`)).status).toBe(404);
      expect(figures(await report('year=2017')).totals.requests).toBe(3);
      // Only the board, which decides publication, generates reports: counts include restricted cases.
      await t.as('auditor').get('/reports/transparency?year=2017').expect(403);
      const service = t.app.get(ReportsService);
      const period = {
        from: new Date('2017-01-01T00:00:00Z'),
        to: new Date('2018-01-01T00:00:00Z'),
        label: '2017',
      };
      const without = await service.transparencyReport(period, {
        includeRestricted: false,
        counts: { mode: 'exact' },
      });
      expect(figures(without).totals.requests).toBe(2);
    });
  });
});

describe('transparency reports (banded counts)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const f = fixtures(t.http);
    const court = await f.authority({ kind: 'court', country: 'DE' });
    const foreign = await f.authority({ kind: 'foreign_authority', country: 'NL' });
    // 12 domestic production orders citing StPO §100j, and one Dutch request citing something rare.
    for (let i = 0; i < 12; i++) {
      const c = await f.case({
        receivedAt: `2014-0${1 + (i % 9)}-0${1 + (i % 7)}T10:00:00Z`,
        requestType: 'production_subscriber_data',
        authorities: [{ authorityId: court.id, role: 'issuing' }],
      });
      await t.http
        .post(`/cases/${c.id}/legal-bases`)
        .send({
          jurisdiction: 'DE',
          citation: i % 2 ? 'StPO § 100j' : 'StPO  §100j',
          documentType: 'order',
        })
        .expect(201);
      if (i < 4)
        await t.http
          .patch(`/cases/${c.id}`)
          .set('If-Match', `"${c.version}"`)
          .send({ outcome: 'produced_in_full' })
          .expect(200);
    }
    const rare = await f.case({
      receivedAt: '2014-11-11T11:00:00Z',
      requestType: 'mutual_legal_assistance',
      authorities: [{ authorityId: foreign.id, role: 'requesting' }],
    });
    await t.http
      .post(`/cases/${rare.id}/legal-bases`)
      .send({
        jurisdiction: 'NL',
        citation: '=HYPERLINK("x") Wetboek van Strafvordering art. 126ng',
        documentType: 'request',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('bands every figure by default, totals included, and derives the share from the bands', async () => {
    const r = (await t.http.get('/reports/transparency?year=2014').expect(200))
      .body as TransparencyReport;
    expect(r.counts).toMatchObject({
      mode: 'bands',
      bands: ['0', '1-9', '10-49', '50-99', '100-249', '250-499', '500+'],
      smallValuesCombinedBelow: 10,
    });
    const x = figures(r);
    expect(x.totals.requests).toBe('10-49');
    expect(x.request_type).toMatchObject({
      production_subscriber_data: '10-49',
      mutual_legal_assistance: '1-9',
      takedown: '0',
    });
    expect(x.outcome.some_data_produced).toBe('1-9');
    // 1..9 of 10..49: from 1/49 to 9/10, and nothing narrower.
    expect(x.outcome.some_data_produced_share).toBe('2-90');
    // §100j, however spaced, is one citation with 12 cases; the rare Dutch one is folded into "other".
    expect(x.legal_basis).toEqual({
      'DE:stpo §100j': '10-49',
      other: '1-9',
      not_stated: '0',
      not_recorded: '0',
    });
    expect(x.country).toEqual({ DE: '10-49', other: '1-9' });
    expect(JSON.stringify(r)).not.toContain('Wetboek');
    for (const s of r.sections)
      for (const row of s.rows)
        expect(typeof row.value === 'string' || row.value === null).toBe(true);
  });

  it('applies the same bands in the CSV', async () => {
    const res = await t.http.get('/reports/transparency?year=2014&format=csv').expect(200);
    const rows = parseCsv(res.text);
    expect(rows).toContainEqual([
      'totals',
      'requests',
      'Requests received',
      'requests',
      '10-49',
      '10',
      '49',
    ]);
    expect(rows).toContainEqual([
      'systems',
      'downtime_hours',
      'Hours of downtime',
      'hours',
      '0',
      '0',
      '0',
    ]);
    expect(res.text).not.toContain('Wetboek');
  });

  it('suppresses small counts and rounds the rest when asked to, and shows everything when exact', async () => {
    const service = t.app.get(ReportsService);
    const period = {
      from: new Date('2014-01-01T00:00:00Z'),
      to: new Date('2015-01-01T00:00:00Z'),
      label: '2014',
    };
    const suppressed = figures(
      await service.transparencyReport(period, { counts: { mode: 'suppress', k: 5 } }),
    );
    expect(suppressed.totals.requests).toBe('10-14');
    expect(suppressed.request_type).toMatchObject({
      production_subscriber_data: '10-14',
      mutual_legal_assistance: '< 5',
      takedown: '0',
    });
    expect(suppressed.legal_basis).toEqual({
      'DE:stpo §100j': '10-14',
      other: '< 5',
      not_stated: '0',
      not_recorded: '0',
    });

    const exact = await service.transparencyReport(period, { counts: { mode: 'exact' } });
    const x = figures(exact);
    expect(x.totals.requests).toBe(13);
    expect(x.outcome.some_data_produced_share).toBe(30.8);
    expect(x.legal_basis['DE:stpo §100j']).toBe(12);
    expect(Object.keys(x.legal_basis)).toHaveLength(4);
    // A citation that looks like a formula is defused in the CSV.
    const csv = service.transparencyCsv(exact);
    expect(csv).toContain(`"'=HYPERLINK(""x"") Wetboek van Strafvordering art. 126ng (NL)"`);
    expect(
      parseCsv(csv).find((row) => row[0] === 'legal_basis' && row[1].startsWith('NL:'))?.[2],
    ).toBe(`'=HYPERLINK("x") Wetboek van Strafvordering art. 126ng (NL)`);
  });

  it('gives two overlapping reports that differ by one case figures that do not reveal it', async () => {
    const service = t.app.get(ReportsService);
    // 2014 has 13 cases; 2014 without its last case (11 November) has 12.
    const all = figures(
      await service.transparencyReport({
        from: new Date('2014-01-01T00:00:00Z'),
        to: new Date('2015-01-01T00:00:00Z'),
        label: 'a',
      }),
    );
    const part = figures(
      await service.transparencyReport({
        from: new Date('2014-01-01T00:00:00Z'),
        to: new Date('2014-11-01T00:00:00Z'),
        label: 'b',
      }),
    );
    expect(all.totals.requests).toBe(part.totals.requests);
    expect(all.outcome.some_data_produced_share).toBe(part.outcome.some_data_produced_share);
  });
});
