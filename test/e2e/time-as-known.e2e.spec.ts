import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TimeAsKnown1763900000010 } from '../../migrations/1763900000010-time-as-known.js';
import type { TransparencyReport } from '../../src/reports/report.model.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { loadDemoCases } from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Time as people know it: the organisation's time zone by default (Europe/Berlin), the precision
 * of entered times, ends that are not known, and cases voided as recorded in error.
 */

type Rows = Record<string, Record<string, unknown>>;
const figures = (report: TransparencyReport): Rows =>
  Object.fromEntries(
    report.sections.map((s) => [s.key, Object.fromEntries(s.rows.map((r) => [r.key, r.value]))]),
  );
const label = (report: TransparencyReport, section: string, key: string) =>
  report.sections.find((s) => s.key === section)?.rows.find((r) => r.key === key)?.label;

const ALL_SECTIONS = [
  'summary',
  'timeline',
  'authorities',
  'legal_bases',
  'targets',
  'affected_systems',
  'downtime',
  'handover',
  'seized_items',
];

describe('time as people know it (default settings: Europe/Berlin)', () => {
  let t: TestApp;
  let cases: Record<string, string>;

  const pdf = async (path: string, body?: object) => {
    const req = body ? t.http.post(path).send(body) : t.http.get(path);
    const res = await req.buffer(true).parse(binary);
    expect(res.status).toBe(body ? 201 : 200);
    return squeeze(await pdfText(res.body as Buffer));
  };
  const preview = (caseId: string, language: 'de' | 'en') =>
    t.http
      .post('/publications/statements/preview')
      .send({
        caseId,
        language,
        title: 'Statement',
        position: 'Our position.',
        sections: ALL_SECTIONS,
      })
      .buffer(true)
      .parse(binary)
      .then(async (res) => {
        expect(res.status).toBe(200);
        return squeeze(await pdfText(res.body as Buffer));
      });
  const report = async (query: string) => {
    const res = await t.http.get(`/reports/transparency?${query}`);
    expect(res.status).toBe(200);
    return res.body as TransparencyReport;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    expect(t.config.timeZone).toBe('Europe/Berlin');
    cases = await loadDemoCases(t);
  });
  afterAll(() => t?.close());

  it('the German statement of the 2015 case prints 09:45-12:21 for 08:45Z-11:21Z', async () => {
    const text = await preview(cases['2015-001'], 'de');
    expect(text).toContain(squeeze('15.01.2015, 09:45 MEZ'));
    expect(text).toContain(squeeze('15.01.2015, 12:21 MEZ'));
    expect(text).not.toContain('08:45');
    expect(text).toContain(squeeze('2 Std. 36 Min.'));
    expect(text).not.toContain('mindestens');
  });

  it('report periods are local years: 2011 begins at midnight in Berlin', async () => {
    const r = await report('year=2011');
    expect(r.period.from).toBe('2010-12-31T23:00:00.000Z');
    expect(r.period.to).toBe('2011-12-31T23:00:00.000Z');
    expect(figures(r).totals.requests).toBe(1);
  });

  it('the API keeps the precision and the end state of each time', async () => {
    const file = (await t.http.get(`/cases/${cases['2020-001']}`).expect(200)).body;
    expect(file.receivedAtPrecision).toBe('day');
    expect(file.affectedSystems[0]).toMatchObject({
      startedAtPrecision: 'day',
      endState: 'at_least_until',
      endedAt: '2020-07-08T10:00:00.000Z',
      endedAtPrecision: 'day',
    });
    expect(file.seizedItems[0]).toMatchObject({ returnState: 'at_least_until' });
    const received = file.timeline.find((e: { type: string }) => e.type === 'received');
    expect(received.occurredAtPrecision).toBe('day');
    // The 2015 case was entered to the minute.
    const nrw = (await t.http.get(`/cases/${cases['2015-001']}`).expect(200)).body;
    expect(nrw.affectedSystems.map((a: { endState: string }) => a.endState)).toEqual(
      Array(5).fill('ended'),
    );
  });

  it("the 2020 server's unknown return is a lower bound in the case, not 56,211 h ongoing", async () => {
    const file = (await t.http.get(`/cases/${cases['2020-001']}`).expect(200)).body;
    expect(file.impact.downtime).toMatchObject({
      totalMinutes: 120 * 60,
      ongoing: false,
      lowerBound: true,
      approximate: true,
    });
    const en = await pdf(`/cases/${cases['2020-001']}/case-file.pdf?lang=en`);
    expect(en).toContain(squeeze('at least approx. 120 h 0 min'));
    expect(en).toContain(squeeze('at least until 8 July 2020'));
    expect(en).toContain(squeeze('3 July 2020'));
    expect(en).not.toContain('(ongoing)');
    const de = await pdf(`/cases/${cases['2020-001']}/case-file.pdf?lang=de`);
    expect(de).toContain(squeeze('mindestens ca. 120 Std. 0 Min.'));
    expect(de).toContain(squeeze('mindestens bis 8. Juli 2020'));
    expect(de).toContain(squeeze('3. Juli 2020'));
    expect(de).not.toContain('dauertan');
  });

  it('statements print day, approximate and unknown ends honestly, in both languages', async () => {
    const en = await preview(cases['2020-001'], 'en');
    expect(en).toContain(squeeze('3 July 2020'));
    expect(en).toContain(squeeze('about 20:00 CEST'));
    expect(en).toContain(squeeze('at least until 8 July 2020'));
    expect(en).toContain(squeeze('unavailable for at least approx. 120 h 0 min'));
    expect(en).toContain(squeeze('held at least until 8 July 2020'));
    const de = await preview(cases['2020-001'], 'de');
    expect(de).toContain(squeeze('3. Juli 2020'));
    expect(de).toContain(squeeze('gegen 20:00 Uhr MESZ'));
    expect(de).toContain(squeeze('mindestens bis 8. Juli 2020'));
    expect(de).toContain(squeeze('mindestens ca. 120 Std. 0 Min.'));
    // 2011: the morning start is approximate.
    const servergate = await preview(cases['2011-001'], 'en');
    expect(servergate).toContain(squeeze('about 08:00 CEST'));
    expect(servergate).toContain(squeeze('approx. 9 h 25 min'));
  });

  it('a system whose end is not known at all gives no downtime, not "none" and not "0 min"', async () => {
    // A year no other test here reports on.
    const nrw = (await t.http.get(`/cases/${cases['2015-001']}`).expect(200)).body;
    const c = (
      await t.http
        .post('/cases')
        .send({
          title: 'Server sichergestellt, Rückgabe nie gemeldet',
          requestType: 'server_seizure',
          receivedAt: '2008-07-03T10:00:00+02:00',
        })
        .expect(201)
    ).body.id as string;
    await t.http
      .post(`/cases/${c}/affected-systems`)
      .send({
        inventoryItemId: nrw.affectedSystems[0].inventoryItemId,
        impact: 'seized',
        startedAt: '2008-07-03T10:00:00+02:00',
        startedAtPrecision: 'day',
        endState: 'ended_unknown',
      })
      .expect(201);
    const file = (await t.http.get(`/cases/${c}`).expect(200)).body;
    expect(file.impact.downtime).toMatchObject({ totalMinutes: 0, lowerBound: true });
    const en = await preview(c, 'en');
    expect(en).toContain(squeeze('How long our services were unavailable is not known'));
    expect(en).not.toContain(squeeze('None of our services was unavailable'));
    const de = await preview(c, 'de');
    expect(de).toContain(
      squeeze('Wie lange unsere Dienste nicht erreichbar waren, ist nicht bekannt'),
    );
    expect(de).not.toContain(squeeze('Keiner unserer Dienste war unerreichbar'));
    const caseFile = await pdf(`/cases/${c}/case-file.pdf?lang=en`);
    expect(caseFile).toContain(squeeze('unknown (end not known)'));
    expect(caseFile).not.toContain(squeeze('at least 0 min'));
  });

  it('reports sum lower bounds and say that the total is one', async () => {
    const en = await report('year=2020');
    expect(figures(en).systems).toEqual({
      systems_affected: 1,
      cases_with_downtime: 1,
      downtime_hours: 120,
      downtime_lower_bound: 1,
      downtime_approximate: 1,
    });
    expect(label(en, 'systems', 'downtime_hours')).toBe(
      'Hours of downtime (at least, and approximate: some ends are unknown, some times known only roughly)',
    );
    const de = await report('year=2020&lang=de');
    expect(label(de, 'systems', 'downtime_hours')).toMatch(/^Stunden Ausfallzeit \(mindestens/);
    // The decade: 9.4 h (2011) + 2.6 h (2015) + 120 h (2020), no longer dominated by one case.
    const decade = figures(
      await report('from=2011-01-01T00:00:00%2B01:00&to=2021-01-01T00:00:00%2B01:00'),
    );
    expect(decade.systems.downtime_hours).toBeCloseTo(9 + 25 / 60 + 2.6 + 120, 0);
    expect(decade.systems.downtime_lower_bound).toBe(1);
    // 2011 (a start "in the morning") and 2020 (secured "on 3 July") rest on rough times.
    expect(decade.systems.downtime_approximate).toBe(2);
    const csv = (await t.http.get('/reports/transparency?year=2020&format=csv').expect(200)).text;
    expect(csv).toContain('downtime_lower_bound');
    const text = await pdf('/reports/transparency?year=2020&lang=en&format=pdf');
    expect(text).toContain(
      squeeze('at least, and approximate: some ends are unknown, some times known only roughly'),
    );
    const textDe = await pdf('/reports/transparency?year=2020&lang=de&format=pdf');
    expect(textDe).toContain(squeeze('mindestens und ca.: Ende teils unbekannt'));
  });

  it('refuses an unknown precision and an end state that contradicts the end time, naming the field', async () => {
    const c = cases['2015-001'];
    const bad = await t.http.post(`/cases/${c}/timeline`).send({
      occurredAt: '2015-01-15T10:00:00+01:00',
      occurredAtPrecision: 'second',
      type: 'note',
      description: 'x',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('occurredAtPrecision');
    const nrw = (await t.http.get(`/cases/${c}`).expect(200)).body;
    const item = nrw.affectedSystems[0].inventoryItemId;
    const contradiction = await t.http.post(`/cases/${c}/affected-systems`).send({
      inventoryItemId: item,
      impact: 'none',
      startedAt: '2015-01-15T10:00:00+01:00',
      endState: 'ended_unknown',
      endedAt: '2015-01-15T11:00:00+01:00',
    });
    expect(contradiction.status).toBe(400);
    expect(contradiction.body.errors).toEqual([
      { field: 'endedAt', message: 'must be null when endState is ended_unknown' },
    ]);
    const missing = await t.http.post(`/cases/${c}/seized-items`).send({
      description: 'A disk',
      seizedAt: '2015-01-15T10:00:00+01:00',
      returnState: 'at_least_until',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { field: 'returnedAt', message: 'is required when returnState is at_least_until' },
    ]);
  });
});

describe('a case recorded in error (void)', () => {
  let t: TestApp;
  let cases: Record<string, string>;
  let mistake: string;
  const anonymous = () => t.as('anonymous');
  const requests2015 = async () =>
    Number(
      figures((await t.http.get('/reports/transparency?year=2015').expect(200)).body).totals
        .requests,
    );
  /** The CSV's figures, without the time it was generated. */
  const csv2015 = async () =>
    (await t.http.get('/reports/transparency?year=2015&format=csv').expect(200)).text
      .split('\r\n')
      .filter((line) => !line.startsWith('report,generated_at,'));
  const listed = async (query = '') =>
    ((await t.http.get(`/cases?limit=100${query}`).expect(200)).body.items as { id: string }[]).map(
      (c) => c.id,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    cases = await loadDemoCases(t);
  });
  afterAll(() => t?.close());

  it('is left out of reports, CSV, lists and public output, kept with its trail, and audited', async () => {
    const before = await requests2015();
    const csvBefore = await csv2015();
    const created = await t.http
      .post('/cases')
      .send({
        title: 'LKA NRW takes the IT offline (logged twice)',
        requestType: 'search_and_seizure',
        receivedAt: '2015-01-15T11:12:00+01:00',
      })
      .expect(201);
    mistake = created.body.id;
    expect(await requests2015()).toBe(before + 1);
    const statement = await t.http
      .post('/publications/statements')
      .send({
        caseId: mistake,
        language: 'en',
        title: 'Twice',
        position: 'Logged twice.',
        sections: ['summary'],
      })
      .expect(201);
    expect(
      (await anonymous().get('/public/publications').expect(200)).body.items.map(
        (p: { id: string }) => p.id,
      ),
    ).toContain(statement.body.id);

    // Through the status route it cannot be done: it needs a reason.
    const viaStatus = await t.http.post(`/cases/${mistake}/status`).send({ status: 'void' });
    expect(viaStatus.status).toBe(400);
    expect(viaStatus.body.errors[0].field).toBe('status');
    expect((await t.http.post(`/cases/${mistake}/void`).send({})).status).toBe(400);
    expect((await t.as('lawyer').post(`/cases/${mistake}/void`).send({ reason: 'x' })).status).toBe(
      403,
    );

    const voided = await t.http
      .post(`/cases/${mistake}/void`)
      .send({ reason: 'Logged twice: the same request is 2015-001.' })
      .expect(200);
    expect(voided.body).toMatchObject({
      status: 'void',
      voidReason: 'Logged twice: the same request is 2015-001.',
    });
    expect((await t.http.post(`/cases/${mistake}/void`).send({ reason: 'again' })).status).toBe(
      409,
    );

    // Reports and CSV as before it was logged.
    expect(await requests2015()).toBe(before);
    expect(await csv2015()).toEqual(csvBefore);
    // Lists: only when asked for.
    expect(await listed()).not.toContain(mistake);
    expect(await listed()).toContain(cases['2015-001']);
    expect(await listed('&includeVoid=true')).toContain(mistake);
    expect(await listed('&status=void')).toEqual([mistake]);
    // Public output: the statement is gone from the public routes, and nothing more is published.
    const publicIds = (await anonymous().get('/public/publications').expect(200)).body.items.map(
      (p: { id: string }) => p.id,
    );
    expect(publicIds).not.toContain(statement.body.id);
    expect((await anonymous().get(`/public/publications/${statement.body.id}/pdf`)).status).toBe(
      404,
    );
    const again = await t.http.post('/publications/statements').send({
      caseId: mistake,
      language: 'en',
      title: 'Twice',
      position: 'x',
      sections: ['summary'],
    });
    expect(again.status).toBe(409);
    // Audited with its fixed action, kept in the case's trail; the case is still readable, marked.
    const events = (
      await t.as('auditor').get(`/audit/events?action=void&caseId=${mistake}&limit=100`).expect(200)
    ).body.items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: 'case',
      entityId: mistake,
      details: { reason: 'Logged twice: the same request is 2015-001.', statusBefore: 'received' },
    });
    const history = (await t.http.get(`/cases/${mistake}/history?limit=100`).expect(200)).body
      .items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'void']),
    );
    const fileText = squeeze(
      await pdfText(
        (await t.http.get(`/cases/${mistake}/case-file.pdf?lang=en`).buffer(true).parse(binary))
          .body as Buffer,
      ),
    );
    expect(fileText).toContain(squeeze('VOID: recorded in error.'));
    expect(fileText).toContain(squeeze('Logged twice: the same request is 2015-001.'));
  });

  it('is not the authority withdrawing its request: withdrawn still counts', async () => {
    const before = await requests2015();
    const c = await t.http
      .post('/cases')
      .send({
        title: 'Withdrawn',
        requestType: 'search_and_seizure',
        receivedAt: '2015-03-01T10:00:00+01:00',
      })
      .expect(201);
    await t.http.post(`/cases/${c.body.id}/status`).send({ status: 'withdrawn' }).expect(200);
    expect(await requests2015()).toBe(before + 1);
  });
});

describe('the migration keeps existing data', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('gives existing times precision minute and keeps "no end" ongoing and an end ended', async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    const cases = await loadDemoCases(t);
    const runner = t.app.get(DataSource).createQueryRunner();
    const migration = new TimeAsKnown1763900000010();
    try {
      await migration.down(runner);
      // Rows as the schema before knew them: one impact without end, one with.
      await runner.query(`UPDATE affected_systems SET ended_at = NULL WHERE case_id = $1`, [
        cases['2020-001'],
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const systems = await t.sql<{
      case_id: string;
      end_state: string;
      started_at_precision: string;
    }>('SELECT case_id, end_state, started_at_precision, ended_at_precision FROM affected_systems');
    expect(systems.length).toBeGreaterThan(10);
    for (const s of systems) {
      expect(s.started_at_precision).toBe('minute');
      expect(s.end_state).toBe(s.case_id === cases['2020-001'] ? 'ongoing' : 'ended');
    }
    const precisions = await t.sql<{ p: string }>(
      `SELECT DISTINCT received_at_precision AS p FROM cases
       UNION SELECT DISTINCT occurred_at_precision FROM timeline_events
       UNION SELECT DISTINCT seized_at_precision FROM seized_items
       UNION SELECT DISTINCT issued_at_precision FROM legal_bases`,
    );
    expect(precisions.map((r) => r.p)).toEqual(['minute']);
    // Nothing lost: the cases read as before (2020 again ongoing, as it was recorded then).
    const file = (await t.http.get(`/cases/${cases['2020-001']}`).expect(200)).body;
    expect(file.affectedSystems[0]).toMatchObject({ endState: 'ongoing', endedAt: null });
    expect(file.impact.downtime.ongoing).toBe(true);
    expect(
      (await t.http.get(`/cases/${cases['2015-001']}`).expect(200)).body.impact.downtime
        .totalMinutes,
    ).toBe(156);
  });
});
