import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { fixtures } from '../support/fixtures.js';
import {
  binary,
  claimsPdfA,
  pdfFonts,
  pdfHeader,
  pdfText,
  qpdfCheck,
  squeeze,
} from '../support/pdf.js';
import {
  DOCUMENT_ORG_NAME,
  DOCUMENT_TEST_ENV,
  loadDemoCases,
  parseCsv,
} from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Publishing: the board publishes statements and transparency reports as immutable PDF, JSON and
 * CSV; anyone downloads them, checks their SHA-256 and caches them. Nothing of a case under a gag
 * order or embargo reaches a public route; a lifted gag leads to a revised report.
 */

const ORG_NAME = DOCUMENT_ORG_NAME;
const ENV = DOCUMENT_TEST_ENV;
const FORMATS = ['pdf', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const CONTENT_TYPES: Record<Format, RegExp> = {
  pdf: /^application\/pdf$/,
  json: /^application\/json; charset=utf-8$/,
  csv: /^text\/csv; charset=utf-8$/,
};

interface FileDto {
  url: string;
  sha256: string;
  bytes: number;
  contentType: string;
}
interface Publication {
  id: string;
  kind: 'statement' | 'transparency_report';
  title: string;
  language: 'en' | 'de';
  revision: number;
  revised: boolean;
  publishedAt: string;
  revisionNote: string | null;
  period: { from: string; to: string; label: string } | null;
  files: Record<Format, FileDto>;
}
interface ReportJson {
  sections: { key: string; rows: { key: string; value: unknown }[] }[];
  publication: {
    revision: number;
    revised: boolean;
    replaces: { revision: number } | null;
    revisionNote: string | null;
  };
  auditCheckpoint: { size: number; rootHash: string } | null;
}

/** A word no other record contains (letters only). */
const word = (prefix: string) =>
  prefix +
  Array.from(randomBytes(8))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Where each statement section lives in the statement's JSON (and, flattened, its CSV). */
const SECTION_PATHS: Record<string, string[]> = {
  summary: ['case.summary'],
  timeline: ['timeline'],
  authorities: ['authorities'],
  legal_bases: ['legalBases'],
  targets: ['targets', 'targetsCount'],
  affected_systems: ['affectedSystems', 'systemsAffected'],
  downtime: ['downtime'],
  handover: ['handover'],
  seized_items: ['seizedItems'],
};

/** Every leaf of a JSON value with its dotted path (as the statement CSV names them). */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [[path, value]];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

/** Every key of a JSON value, at any depth. */
function keys(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(keys);
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}

describe('publications', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let demo: Record<string, string>;
  let nrw: string;
  let anonymous: TestAgent;
  /** Set by the first test, used by the later ones. */
  let nrwStatement: Publication;
  let decade: Publication;
  const downloads = new Map<string, Buffer>();

  const getBytes = async (path: string, headers: Record<string, string> = {}) => {
    const res = await anonymous.get(path).set(headers).buffer(true).parse(binary);
    return {
      status: res.status,
      headers: res.headers as Record<string, string>,
      body: res.body as Buffer,
    };
  };
  const list = async () => {
    const res = await anonymous.get('/public/publications');
    expect(res.status).toBe(200);
    return res.body.items as Publication[];
  };
  const publishStatement = (body: object) => t.http.post('/publications/statements').send(body);
  const publishReport = (body: object) => t.http.post('/publications/reports').send(body);
  /** Downloads one file and checks that it is the listed bytes. */
  const download = async (p: Publication, format: Format) => {
    const res = await getBytes(p.files[format].url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(CONTENT_TYPES[format]);
    expect(res.body.length).toBe(p.files[format].bytes);
    expect(sha256(res.body)).toBe(p.files[format].sha256);
    expect(res.headers.etag).toBe(`"${p.files[format].sha256}"`);
    return res.body;
  };
  /** Everything public right now, as text: the list, the HTML page, and every file of every publication (PDF as extracted text and as bytes). */
  const everythingPublic = async () => {
    const texts: { where: string; text: string }[] = [];
    const listRes = await anonymous.get('/public/publications');
    texts.push({ where: '/public/publications', text: listRes.text });
    const page = await anonymous.get('/public');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    texts.push({ where: '/public', text: page.text });
    for (const p of listRes.body.items as Publication[]) {
      for (const format of FORMATS) {
        const bytes = await download(p, format);
        texts.push({
          where: p.files[format].url,
          text: bytes.toString(format === 'pdf' ? 'latin1' : 'utf8'),
        });
        if (format === 'pdf')
          texts.push({ where: `${p.files.pdf.url} (text)`, text: await pdfText(bytes) });
      }
    }
    return texts;
  };
  /** Where any of the strings shows up. */
  const findIn = (texts: { where: string; text: string }[], needles: string[]) =>
    texts.flatMap(({ where, text }) =>
      needles
        .filter((n) => text.includes(n) || squeeze(text).includes(squeeze(n)))
        .map((n) => `${n} in ${where}`),
    );
  const figure = (report: ReportJson, section: string, key: string) =>
    report.sections.find((s) => s.key === section)?.rows.find((r) => r.key === key)?.value;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    f = fixtures(t.http);
    anonymous = t.as('anonymous');
    demo = await loadDemoCases(t);
    nrw = demo['2015-001'];
    expect(nrw).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
  afterAll(() => t?.close());

  it('the board publishes a statement and a report; anyone lists and downloads them, checks their hashes and caches them', async () => {
    const sections = ['targets', 'downtime', 'handover', 'legal_bases'];
    const title =
      'Stellungnahme: Server des Landesverbands wegen nie existierender Konten abgeschaltet';
    const statement = await publishStatement({
      caseId: nrw,
      language: 'de',
      title,
      position: 'Wir halten die Maßnahme für unverhältnismäßig.\n\nWir prüfen rechtliche Schritte.',
      sections,
    });
    expect(statement.status).toBe(201);
    nrwStatement = statement.body as Publication;
    expect(nrwStatement).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'statement',
      title,
      language: 'de',
      revision: 1,
      revised: false,
      superseded: false,
      publishedAt: expect.stringMatching(/Z$/),
      revisionNote: null,
      period: null,
      files: Object.fromEntries(
        FORMATS.map((format) => [
          format,
          {
            url: `/public/publications/${nrwStatement.id}/${format}`,
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            bytes: expect.any(Number),
            contentType: expect.stringMatching(CONTENT_TYPES[format]),
          },
        ]),
      ),
      attachments: [],
    });

    const report = await publishReport({
      from: '2011-01-01T00:00:00+01:00',
      to: '2021-01-01T00:00:00+01:00',
      language: 'en',
    });
    expect(report.status).toBe(201);
    decade = report.body as Publication;
    expect(decade).toMatchObject({
      kind: 'transparency_report',
      language: 'en',
      revision: 1,
      revised: false,
      revisionNote: null,
      period: { from: '2010-12-31T23:00:00.000Z', to: '2020-12-31T23:00:00.000Z' },
    });

    // The list: public, newest first, cacheable.
    const listed = await anonymous.get('/public/publications');
    expect(listed.status).toBe(200);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.headers['cache-control']).toBe('public, max-age=60');
    expect(listed.body).toEqual({ items: [decade, nrwStatement] });
    const etag = listed.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const cached = await anonymous.get('/public/publications').set('If-None-Match', etag);
    expect(cached.status).toBe(304);
    expect(cached.text ?? '').toBe('');
    expect(
      (await anonymous.get('/public/publications').set('If-None-Match', '"other"')).status,
    ).toBe(200);

    // Every file: the listed bytes, with their SHA-256 as ETag, 304 when the reader has them.
    for (const p of [nrwStatement, decade])
      for (const format of FORMATS) {
        const bytes = await download(p, format);
        downloads.set(p.files[format].url, bytes);
        const again = await getBytes(p.files[format].url, {
          'If-None-Match': `"${p.files[format].sha256}"`,
        });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
        const stale = await getBytes(p.files[format].url, {
          'If-None-Match': `"${'0'.repeat(64)}"`,
        });
        expect(stale.status).toBe(200);
        expect(stale.body.equals(bytes)).toBe(true);
      }

    // The statement PDF: German, the marked facts only, fonts embedded.
    const statementPdf = downloads.get(nrwStatement.files.pdf.url)!;
    expect(pdfHeader(statementPdf)).toEqual({ header: '%PDF-1.7', eof: true });
    const statementFonts = pdfFonts(statementPdf);
    expect(statementFonts.fonts.length).toBeGreaterThan(0);
    expect(statementFonts.standard14).toEqual([]);
    expect(statementFonts.fonts.filter((font) => !font.embedded)).toEqual([]);
    expect(claimsPdfA(statementPdf)).toBe(false);
    const qpdf = qpdfCheck(statementPdf);
    if (qpdf) expect(qpdf.code).toBe(0);
    const statementText = await pdfText(statementPdf);
    expect(squeeze(statementText)).toContain(squeeze(title));
    expect(statementText).toContain('2 Std. 36 Min.');
    expect(statementText).toContain('Wir haben keine Daten herausgegeben');
    expect(squeeze(statementText)).toContain(squeeze('hat bei uns nie existiert'));
    expect(statementText).toContain('StPO §94, §98');
    expect(statementText).toContain(ORG_NAME);
    expect(statementText).toContain('Patrick Schiffer');
    for (const hidden of [
      'Landeskriminalamt',
      'Rechenzentrum',
      'User accounts of one person',
      'Beschlagnahmebeschluss is',
      'troubleshooting',
    ])
      expect(statementText).not.toContain(hidden);

    // The statement JSON and CSV: nothing of the sections not marked.
    const statementJson = JSON.parse(
      downloads.get(nrwStatement.files.json.url)!.toString('utf8'),
    ) as Record<string, unknown>;
    expect(statementJson).toMatchObject({
      document: { kind: 'statement', language: 'de', revision: 1, revised: false, draft: false },
      statement: { title },
      downtime: { totalMinutes: 156, total: '2 Std. 36 Min.' },
      handover: { state: 'nothing_handed_over' },
      legalBases: [expect.objectContaining({ citation: 'StPO §94, §98' })],
      organisation: { name: ORG_NAME },
    });
    const unlisted = Object.keys(SECTION_PATHS).filter((s) => !sections.includes(s));
    const unlistedPaths = unlisted.flatMap((s) => SECTION_PATHS[s]);
    const underUnlisted = (path: string) =>
      unlistedPaths.some((p) => path === p || path.startsWith(`${p}.`));
    expect(
      leaves(statementJson).filter(([path, value]) => underUnlisted(path) && value !== null),
    ).toEqual([]);
    // target identifiers are a section of their own: not marked, so no identifier
    expect((statementJson.targets as { identifier: unknown }[]).map((x) => x.identifier)).toEqual([
      null,
    ]);
    const csv = parseCsv(downloads.get(nrwStatement.files.csv.url)!.toString('utf8'));
    expect(csv[0]).toEqual(['field', 'value']);
    expect(csv.find(([field]) => field === 'downtime.totalMinutes')?.[1]).toBe('156');
    expect(csv.filter(([field, value]) => underUnlisted(field) && value !== '')).toEqual([]);
    expect(csv.filter(([field, value]) => /\.identifier$/.test(field) && value !== '')).toEqual([]);
    for (const text of [JSON.stringify(statementJson), csv.flat().join('\n')])
      for (const hidden of [
        'Landeskriminalamt',
        'Rechenzentrum',
        'User accounts of one person',
        'troubleshooting',
      ])
        expect(text).not.toContain(hidden);

    // The report: the figures of the period, as published, with the audit checkpoint it was signed with.
    const reportJson = JSON.parse(
      downloads.get(decade.files.json.url)!.toString('utf8'),
    ) as ReportJson;
    expect(figure(reportJson, 'totals', 'requests')).toBe(3);
    expect(reportJson.publication).toMatchObject({ revision: 1, revised: false, replaces: null });
    expect(reportJson.auditCheckpoint).toEqual(
      expect.objectContaining({ size: expect.any(Number), rootHash: expect.any(String) }),
    );
    const checkpoint = await anonymous.get(
      `/audit/checkpoints/${reportJson.auditCheckpoint!.size}`,
    );
    expect(checkpoint.status).toBe(200);
    expect(checkpoint.body.rootHash).toBe(reportJson.auditCheckpoint!.rootHash);
    const reportText = await pdfText(downloads.get(decade.files.pdf.url)!);
    expect(reportText).toMatch(/Requests received\s+3(?!\d)/);
    expect(reportText).toContain('2011–2020');
    expect(reportText).not.toContain('Draft');
    expect(squeeze(reportText)).toContain(checkpoint.body.rootHash as string);
    const reportCsv = parseCsv(downloads.get(decade.files.csv.url)!.toString('utf8'));
    expect(reportCsv.find((r) => r[0] === 'totals' && r[1] === 'requests')?.[4]).toBe('3');
    expect(reportCsv.find((r) => r[0] === 'report' && r[1] === 'revision')?.[4]).toBe('1');

    // No case id or reference anywhere public.
    const publicTexts = await everythingPublic();
    const caseIds = Object.values(demo);
    expect(findIn(publicTexts, [...caseIds, ...Object.keys(demo)])).toEqual([]);
    expect(keys(listed.body).filter((k) => /case/i.test(k))).toEqual([]);
    expect(keys(statementJson).filter((k) => /^(id|caseId|case_id|reference)$/.test(k))).toEqual(
      [],
    );
    const page = publicTexts.find((x) => x.where === '/public')!.text;
    expect(page).toContain(title);
    expect(page).toContain(decade.title);
    expect(page).toContain(decade.files.pdf.sha256);

    // Every publication is in the audit trail, with the hashes of its files.
    const published = (await t.as('auditor').get('/audit/events?action=publish&limit=100')).body
      .items as {
      entityType: string;
      entityId: string;
      caseId: string | null;
      actorId: string;
      details: { sha256: Record<Format, string> };
    }[];
    expect(published).toEqual([
      expect.objectContaining({
        entityType: 'statement',
        entityId: nrwStatement.id,
        caseId: nrw,
        actorId: t.userIds.board,
      }),
      expect.objectContaining({
        entityType: 'transparency_report',
        entityId: decade.id,
        caseId: null,
      }),
    ]);
    expect(published[0].details.sha256).toEqual({
      pdf: nrwStatement.files.pdf.sha256,
      json: nrwStatement.files.json.sha256,
      csv: nrwStatement.files.csv.sha256,
    });
  });

  it('the same figures again are not a new revision: 409', async () => {
    const again = await publishReport({
      from: '2011-01-01T00:00:00+01:00',
      to: '2021-01-01T00:00:00+01:00',
      language: 'en',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: 'urn:problem-type:publication-unchanged',
      status: 409,
    });
    expect(again.body.detail).toContain('Revision 1');
    expect((await list()).map((p) => p.id)).toEqual([decade.id, nrwStatement.id]);
    // another language is a series of its own
    const de = await publishReport({
      from: '2011-01-01T00:00:00+01:00',
      to: '2021-01-01T00:00:00+01:00',
      language: 'de',
    });
    expect(de.status).toBe(201);
    expect(de.body).toMatchObject({ revision: 1, language: 'de', revised: false });
  });

  it('only the board publishes; bad ids and formats are 400, unknown ids 404', async () => {
    const body = { caseId: nrw, language: 'en', title: 'x', position: 'y', sections: [] };
    expect((await anonymous.post('/publications/statements').send(body)).status).toBe(401);
    expect((await t.as('lawyer').post('/publications/statements').send(body)).status).toBe(403);
    expect(
      (await t.as('auditor').post('/publications/reports').send({ year: '2015', language: 'en' }))
        .status,
    ).toBe(403);
    expect((await getBytes(`/public/publications/${decade.id}/docx`)).status).toBe(400);
    expect((await getBytes('/public/publications/not-a-uuid/pdf')).status).toBe(400);
    const unknown = await anonymous.get(
      '/public/publications/00000000-0000-4000-8000-000000000000/pdf',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('publications are immutable, even to SQL', async () => {
    await expect(t.sql("UPDATE publications SET title = 'x'")).rejects.toThrow(/immutable/);
    await expect(t.sql('DELETE FROM publications')).rejects.toThrow(/immutable/);
    // Refused by the foreign key of the copies published with statements, or with CASCADE by the trigger.
    await expect(t.sql('TRUNCATE publications')).rejects.toThrow(/immutable|foreign key/);
    await expect(t.sql('TRUNCATE publications CASCADE')).rejects.toThrow(/immutable/);
    const rows = await t.sql<{ title: string }>('SELECT title FROM publications WHERE id = $1', [
      nrwStatement.id,
    ]);
    expect(rows.map((r) => r.title)).toEqual([nrwStatement.title]);
    expect(
      (await download(nrwStatement, 'pdf')).equals(downloads.get(nrwStatement.files.pdf.url)!),
    ).toBe(true);
  });

  it('nothing of a gagged case is published until the gag is lifted; then the report is revised; a new gag takes its statement down', async () => {
    const secret = {
      authority: word('Geheimamt'),
      title: word('Schweigefall'),
      summary: word('Zusammenfassung'),
      fileNumber: word('Az'),
      citation: word('GeheimG'),
    };
    const authority = await f.authority({
      name: `Behörde ${secret.authority}`,
      kind: 'police',
      country: 'AT',
    });
    const kase = await f.case({
      title: `Request ${secret.title}`,
      summary: `Internal summary ${secret.summary}.`,
      requestType: 'production_traffic_data',
      receivedAt: '2015-06-10T10:00:00+02:00',
      authorities: [{ authorityId: authority.id, role: 'issuing', fileNumber: secret.fileNumber }],
    });
    const basis = await t.http.post(`/cases/${kase.id}/legal-bases`).send({
      jurisdiction: 'AT',
      citation: `${secret.citation} §7`,
      documentType: 'order',
      authorityId: authority.id,
    });
    expect(basis.status).toBe(201);
    const gag = await t.http
      .post(`/cases/${kase.id}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'yes' });
    expect(gag.status).toBe(201);
    const needles = [kase.id, kase.reference, ...Object.values(secret), 'Austria', 'Österreich'];

    const draft = {
      caseId: kase.id,
      language: 'en',
      title: `Statement on ${secret.title}`,
      position: 'We were not allowed to speak.',
      sections: ['summary', 'authorities', 'legal_bases'],
    };
    const refused = await publishStatement(draft);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'urn:problem-type:case-withheld' });
    expect((await t.http.post('/publications/statements/preview').send(draft)).status).toBe(409);

    // The 2015 report leaves the gagged request out, without a trace.
    const first = await publishReport({ year: '2015', language: 'en' });
    expect(first.status).toBe(201);
    const report2015 = first.body as Publication;
    expect(report2015).toMatchObject({ revision: 1, revised: false, period: { label: '2015' } });
    const firstJson = JSON.parse(
      (await download(report2015, 'json')).toString('utf8'),
    ) as ReportJson;
    expect(figure(firstJson, 'totals', 'requests')).toBe(1);
    expect(figure(firstJson, 'request_type', 'production_traffic_data')).toBe(0);
    expect(figure(firstJson, 'country', 'AT')).toBeUndefined();
    const firstBytes = Object.fromEntries(
      await Promise.all(
        FORMATS.map(async (format) => [format, await download(report2015, format)] as const),
      ),
    ) as Record<Format, Buffer>;
    expect(findIn(await everythingPublic(), needles)).toEqual([]);

    // Lifted: the statement may be published, and the report is revised to count the request.
    const lifted = await t.update(`/cases/${kase.id}/gag-orders/${gag.body.id}`, {
      liftedAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(lifted.status).toBe(200);
    const statement = await publishStatement(draft);
    expect(statement.status).toBe(201);
    const gaggedStatement = statement.body as Publication;
    expect(gaggedStatement).toMatchObject({ kind: 'statement', revision: 1, title: draft.title });
    const statementJson = (await download(gaggedStatement, 'json')).toString('utf8');
    expect(statementJson).toContain(secret.summary);
    expect(statementJson).toContain(secret.authority);
    expect(statementJson).not.toContain(secret.fileNumber);
    expect(statementJson).not.toContain(kase.id);

    const second = await publishReport({ year: '2015', language: 'en' });
    expect(second.status).toBe(201);
    const revised2015 = second.body as Publication;
    expect(revised2015).toMatchObject({
      kind: 'transparency_report',
      revision: 2,
      revised: true,
      period: report2015.period,
      revisionNote: expect.stringContaining('now included'),
    });
    expect(revised2015.id).not.toBe(report2015.id);
    const secondJson = JSON.parse(
      (await download(revised2015, 'json')).toString('utf8'),
    ) as ReportJson;
    expect(figure(secondJson, 'totals', 'requests')).toBe(2);
    expect(figure(secondJson, 'request_type', 'production_traffic_data')).toBe(1);
    expect(figure(secondJson, 'country', 'AT')).toBe(1);
    expect(secondJson.publication).toMatchObject({
      revision: 2,
      revised: true,
      replaces: { revision: 1 },
    });
    const revisedText = await pdfText(await download(revised2015, 'pdf'));
    expect(revisedText).toContain('Revised version (revision 2)');
    expect(revisedText).toMatch(/Requests received\s+2(?!\d)/);
    expect(squeeze(revisedText)).toContain(squeeze(revised2015.revisionNote!));
    const revisedCsv = parseCsv((await download(revised2015, 'csv')).toString('utf8'));
    expect(revisedCsv.find((r) => r[0] === 'totals' && r[1] === 'requests')?.[4]).toBe('2');

    // The earlier revision stays listed and downloadable, byte for byte.
    const items = await list();
    expect(items.find((p) => p.id === report2015.id)).toEqual({ ...report2015, superseded: true });
    for (const format of FORMATS)
      expect((await download(report2015, format)).equals(firstBytes[format])).toBe(true);
    // The scan above can see the case once it may be published: it is in the new statement and the revised report.
    const nowPublic = await everythingPublic();
    expect(findIn(nowPublic, [secret.title, secret.summary, 'Austria']).length).toBeGreaterThan(0);
    expect(findIn(nowPublic, [kase.id, kase.reference, secret.fileNumber])).toEqual([]);
    const portal = nowPublic.find((x) => x.where === '/public')!.text;
    expect(portal).toContain('Revision 2: current');
    expect(portal).toContain('Revision 1: superseded by revision 2');

    // A new gag: the statement leaves every public route; the reports stay.
    const regag = await t.http
      .post(`/cases/${kase.id}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'disputed' });
    expect(regag.status).toBe(201);
    const after = await list();
    expect(after.map((p) => p.id)).not.toContain(gaggedStatement.id);
    expect(after.map((p) => p.id)).toEqual(
      expect.arrayContaining([revised2015.id, report2015.id, decade.id, nrwStatement.id]),
    );
    for (const format of FORMATS) {
      const gone = await getBytes(gaggedStatement.files[format].url);
      expect(gone.status).toBe(404);
      expect(gone.body.toString('utf8')).not.toContain(secret.summary);
      await download(revised2015, format);
    }
    const page = (await anonymous.get('/public')).text;
    expect(page).not.toContain(secret.title);
    expect(page).not.toContain(gaggedStatement.id);
    expect(page).toContain(nrwStatement.title);
    expect((await publishStatement(draft)).status).toBe(409);
  });

  it('an embargo takes a published statement off the public routes while it lasts', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.update(`/cases/${nrw}`, { embargoUntil: future })).status).toBe(200);
    expect((await list()).map((p) => p.id)).not.toContain(nrwStatement.id);
    expect((await getBytes(nrwStatement.files.pdf.url)).status).toBe(404);
    const refused = await publishStatement({
      caseId: nrw,
      language: 'de',
      title: 'x',
      position: 'y',
      sections: ['downtime'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:problem-type:case-withheld');

    expect((await t.update(`/cases/${nrw}`, { embargoUntil: null })).status).toBe(200);
    expect((await list()).map((p) => p.id)).toContain(nrwStatement.id);
    expect(
      (await download(nrwStatement, 'pdf')).equals(downloads.get(nrwStatement.files.pdf.url)!),
    ).toBe(true);
    // publishing again adds a revision, marked as revised
    const again = await publishStatement({
      caseId: nrw,
      language: 'de',
      title: 'Stellungnahme, ergänzt',
      position: 'Ergänzt.',
      sections: ['downtime'],
      revisionNote: 'Ergänzt um die Ausfallzeit.',
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      revision: 2,
      revised: true,
      revisionNote: 'Ergänzt um die Ausfallzeit.',
    });
    const text = await pdfText(await download(again.body as Publication, 'pdf'));
    expect(text).toContain('Überarbeitete Fassung (Revision 2)');
    expect(text).toContain('Ergänzt um die Ausfallzeit.');

    // The earlier revision is marked superseded, publicly and in the case's own list.
    const publicNow = await list();
    expect(publicNow.find((p) => p.id === nrwStatement.id)).toMatchObject({ superseded: true });
    expect(publicNow.find((p) => p.id === again.body.id)).toMatchObject({ superseded: false });
    const ofCase = await t.as('lawyer').get(`/publications/statements?caseId=${nrw}`);
    expect(ofCase.status).toBe(200);
    const revisions = (ofCase.body.items as (Publication & { superseded: boolean })[]).filter(
      (p) => p.language === 'de',
    );
    expect(revisions.map((p) => [p.revision, p.superseded])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(revisions[1].id).toBe(nrwStatement.id);
  });

  it("a case's statements are listed only to those who may read the case", async () => {
    const hidden = await f.case({ restricted: true });
    expect((await t.as('lawyer').get(`/publications/statements?caseId=${hidden.id}`)).status).toBe(
      404,
    );
    expect((await t.http.get(`/publications/statements?caseId=${hidden.id}`)).body).toEqual({
      items: [],
    });
    expect((await anonymous.get(`/publications/statements?caseId=${nrw}`)).status).toBe(401);
    const bad = await t.http.get('/publications/statements?caseId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('caseId');
  });
});
