import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import type { TransparencyReport } from '../../src/reports/report.model.js';
import { fixtures } from '../support/fixtures.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Rows = Record<string, Record<string, unknown>>;
const figures = (report: TransparencyReport): Rows =>
  Object.fromEntries(
    report.sections.map((s) => [s.key, Object.fromEntries(s.rows.map((r) => [r.key, r.value]))]),
  );

async function getBytes(agent: TestAgent, path: string) {
  const res = await agent.get(path).buffer(true).parse(binary);
  return { status: res.status, body: res.body as Buffer };
}

describe('typed automatic events', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact', REPORT_TIME_ZONE: 'Europe/Berlin' } });
    f = fixtures(t.http);
  }, 180_000);
  afterAll(() => t?.close());

  it('stores receipt and status changes as kind and parameters, and words them in the language of each document', async () => {
    const kase = await f.case({ channel: 'phone' });
    const moved = await t.http
      .post(`/cases/${kase.id}/status`)
      .send({ status: 'under_review', note: 'Prüfung der Anordnung' });
    expect(moved.status).toBe(200);
    const file = (await t.http.get(`/cases/${kase.id}`)).body as {
      timeline: { type: string; automatic: unknown; description: string }[];
    };
    expect(file.timeline.map((e) => e.automatic)).toEqual([
      { kind: 'request_received', channel: 'phone' },
      {
        kind: 'status_changed',
        from: 'received',
        to: 'under_review',
        note: 'Prüfung der Anordnung',
      },
    ]);

    const preview = (language: string) =>
      t.http
        .post('/publications/statements/preview')
        .send({
          caseId: kase.id,
          language,
          title: 'Stellungnahme',
          position: 'Text.',
          sections: ['timeline'],
        })
        .buffer(true)
        .parse(binary);
    const de = squeeze(await pdfText((await preview('de')).body as Buffer));
    expect(de).toContain(squeeze('Anfrage telefonisch eingegangen.'));
    expect(de).not.toContain(squeeze('Request received'));
    const en = squeeze(await pdfText((await preview('en')).body as Buffer));
    expect(en).toContain(squeeze('Request received by phone.'));

    const caseFileDe = squeeze(
      await pdfText((await getBytes(t.http, `/cases/${kase.id}/case-file.pdf?lang=de`)).body),
    );
    expect(caseFileDe).toContain(squeeze('Stand geändert von „eingegangen“ zu „in Prüfung“'));
    expect(caseFileDe).not.toContain('Statuschangedfrom');
  });

  it('makes an automatic event the board’s own when the board rewrites it', async () => {
    const kase = await f.case({ channel: 'fax' });
    const [event] = (await t.http.get(`/cases/${kase.id}/timeline`)).body.items as {
      id: string;
      version: number;
      automatic: unknown;
    }[];
    expect(event.automatic).toEqual({ kind: 'request_received', channel: 'fax' });
    const changed = await t.http
      .patch(`/cases/${kase.id}/timeline/${event.id}`)
      .set('if-match', `"${event.version}"`)
      .send({ description: 'Fax der Staatsanwaltschaft, 3 Seiten.' });
    expect(changed.status).toBe(200);
    expect(changed.body.automatic).toBeNull();
    expect(changed.body.description).toBe('Fax der Staatsanwaltschaft, 3 Seiten.');
  });
});

describe('report dimensions on a small known dataset', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  const report = async (query: string) => {
    const res = await t.http.get(`/reports/transparency?${query}`);
    expect(res.status).toBe(200);
    return res.body as TransparencyReport;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact', REPORT_TIME_ZONE: 'Europe/Berlin' } });
    f = fixtures(t.http);
    // A: defective (no legal basis, sent unencrypted), refused, an emergency
    const a = await f.case({
      receivedAt: '2015-03-01T10:00:00+01:00',
      emergency: true,
      outcome: 'none_refused',
      defects: ['no_legal_basis', 'unencrypted_channel'],
      defectOutcome: 'refused',
    });
    // B: an emergency; content and subscriber data asked for, content handed over; users told after 10 days
    const b = await f.case({
      receivedAt: '2015-04-01T10:00:00+02:00',
      emergency: true,
      outcome: 'produced_in_full',
      userNotificationRequired: true,
      userNotifiedAt: '2015-04-11T10:00:00+02:00',
    });
    for (const [path, body] of [
      [
        'targets',
        { kind: 'account', value: 'a@example.org', dataCategories: ['content', 'subscriber'] },
      ],
      [
        'disclosures',
        {
          dataCategory: 'content',
          description: 'Mailbox',
          accountsCount: 1,
          handedOverAt: '2015-04-03T10:00:00+02:00',
        },
      ],
    ] as const)
      expect((await t.http.post(`/cases/${b.id}/${path}`).send(body)).status).toBe(201);
    // C: traffic data asked for, none existed; users to be told, not yet told; wrong addressee, corrected
    const c = await f.case({
      receivedAt: '2014-06-01T10:00:00+02:00',
      outcome: 'none_no_data',
      userNotificationRequired: true,
      defects: ['wrong_addressee'],
      defectOutcome: 'corrected_and_resubmitted',
    });
    expect(
      (
        await t.http
          .post(`/cases/${c.id}/targets`)
          .send({ kind: 'ip_address', value: '192.0.2.1', dataCategories: ['traffic'] })
      ).status,
    ).toBe(201);
    void a;
  }, 180_000);
  afterAll(() => t?.close());

  it('counts defects, what became of them, emergencies and what we answered', async () => {
    const x = figures(await report('year=2015'));
    expect(x.defects).toMatchObject({
      defective: 1,
      no_legal_basis: 1,
      unencrypted_channel: 1,
      wrong_addressee: 0,
      'outcome:refused': 1,
      'outcome:corrected_and_resubmitted': 0,
    });
    expect(x.emergency).toEqual({ emergency: 2, emergency_produced: 1 });
    expect(x.response_kind).toEqual({
      content: 1,
      non_content: 0,
      produced_not_recorded: 0,
      no_data: 0,
      refused: 1,
      withdrawn: 0,
      pending: 0,
    });
    expect(x.data_categories).toMatchObject({
      'content:requested': 1,
      'content:released': 1,
      'subscriber:requested': 1,
      'subscriber:released': 0,
      'traffic:requested': 0,
    });
    expect(x.notification).toEqual({
      required: 1,
      notified: 1,
      notified_share: 100,
      median_delay_days: 10,
    });
    expect(x.trends).toBeUndefined();
  });

  it('shows the years side by side for a period of several years', async () => {
    const r = await report('from=2014-01-01T00:00:00%2B01:00&to=2016-01-01T00:00:00%2B01:00');
    const x = figures(r);
    expect(x.trends).toMatchObject({
      '2014:requests': 1,
      '2015:requests': 2,
      '2014:no_data': 1,
      '2015:refused': 1,
      '2014:defective': 1,
      '2015:emergency': 2,
    });
    expect(x.notification).toMatchObject({ required: 2, notified: 1, notified_share: 50 });
    const pdf = await getBytes(
      t.http,
      '/reports/transparency?from=2014-01-01T00:00:00%2B01:00&to=2016-01-01T00:00:00%2B01:00&format=pdf&lang=de',
    );
    expect(pdf.status).toBe(200);
    const text = squeeze(await pdfText(pdf.body));
    expect(text).toContain(squeeze('Jahr für Jahr'));
    expect(text).toContain(squeeze('Mangelhafte oder rechtswidrige Anfragen'));
    expect(text).toContain(squeeze('Verlangte und herausgegebene Daten'));
    // the definition of each dimension is printed with it
    expect(text).toContain(squeeze('Eine Anfrage mit mehreren Mängeln zählt für jeden einmal'));
  });
});

describe('exact counts or bands, chosen when publishing', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'bands' } });
    f = fixtures(t.http);
    for (let i = 0; i < 3; i++)
      await f.case({ receivedAt: `2016-0${i + 1}-10T10:00:00Z`, outcome: 'produced_in_part' });
    await f.case({ receivedAt: '2016-05-10T10:00:00Z', outcome: 'none_no_data' });
  }, 180_000);
  afterAll(() => t?.close());

  const json = async (publication: { files: { json: { url: string } } }) =>
    (await t.http.get(publication.files.json.url)).body as TransparencyReport;

  it('publishes exact counts with the reason given, printed in the report', async () => {
    const res = await t.http.post('/publications/reports').send({
      year: '2016',
      language: 'de',
      counts: 'exact',
      countsReason: 'Wir sind klein; Bereiche verdecken, was geschah.',
    });
    expect(res.status).toBe(201);
    const report = await json(res.body);
    expect(report.counts.mode).toBe('exact');
    expect(report.counts.reason).toBe('Wir sind klein; Bereiche verdecken, was geschah.');
    expect(figures(report).totals.requests).toBe(4);
    expect(figures(report).outcome.some_data_produced_share).toBe(75);
    const pdf = await getBytes(t.http, res.body.files.pdf.url);
    const text = squeeze(await pdfText(pdf.body));
    expect(text).toContain(squeeze('Warum die Zahlen so angegeben sind'));
    expect(text).toContain(squeeze('Wir sind klein; Bereiche verdecken, was geschah.'));
  });

  it('publishes bands with their standard reason and every rule against subtraction', async () => {
    const res = await t.http
      .post('/publications/reports')
      .send({ year: '2016', language: 'en', counts: 'bands' });
    expect(res.status).toBe(201);
    const report = await json(res.body);
    expect(report.counts.mode).toBe('bands');
    expect(report.counts.reason).toMatch(/national-security/);
    const x = figures(report);
    expect(x.totals.requests).toBe('1-9');
    // no band of width one but 0, in every section, the new dimensions included
    for (const s of report.sections)
      for (const r of s.rows)
        if (r.unit !== 'percent' && r.unit !== 'days' && r.low !== null && r.high !== null)
          expect(r.low === 0 ? r.high === 0 || r.high > 1 : r.high > r.low).toBe(true);
    // the share is computed from the published bands, not the exact counts (75 %)
    expect(x.outcome.some_data_produced_share).toBe('11.1-100');
    // the median is not published over fewer cases than a band holds
    expect(x.notification.median_delay_days).toBeNull();
  });

  it('refuses an unknown choice, naming the field', async () => {
    const res = await t.http
      .post('/publications/reports')
      .send({ year: '2016', language: 'en', counts: 'rounded' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'counts' })]);
  });
});
