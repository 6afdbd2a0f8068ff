import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { fixtures } from '../support/fixtures.js';
import {
  binary,
  claimsPdfA,
  pdfFonts,
  pdfHeader,
  pdfPages,
  pdfTagging,
  pdfText,
  qpdfCheck,
  squeeze,
  structElements,
} from '../support/pdf.js';
import { DOCUMENT_ORG_NAME, DOCUMENT_TEST_ENV, loadDemoCases } from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Generated documents: the case file for lawyers, the draft transparency report and the statement
 * preview, read back as text from the PDFs; their fonts; who may have them; and template errors.
 */

const ORG_NAME = DOCUMENT_ORG_NAME;
const ENV = DOCUMENT_TEST_ENV;
const PERIOD = 'from=2011-01-01T00:00:00%2B01:00&to=2021-01-01T00:00:00%2B01:00';
const TEMPLATES = join(process.cwd(), 'templates');

interface AuditEvent {
  seq: number;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  actorId: string | null;
  chainHash: string;
  details: Record<string, unknown> | null;
}

/** Every item of a keyset-paginated audit list. */
async function allEvents(agent: TestAgent, path: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await agent.get(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...(res.body.items as AuditEvent[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

/** A GET whose body is kept as bytes. */
async function getBytes(agent: TestAgent, path: string) {
  const res = await agent.get(path).buffer(true).parse(binary);
  return {
    status: res.status,
    headers: res.headers as Record<string, string>,
    body: res.body as Buffer,
  };
}

async function loadDemo(t: TestApp) {
  const cases = await loadDemoCases(t);
  expect(Object.keys(cases).sort()).toEqual(['2011-001', '2015-001', '2020-001']);
  return cases;
}

/** What every generated PDF must be: PDF 1.7, complete, fonts embedded, no PDF/A claim, clean for qpdf. */
function expectSoundPdf(pdf: Buffer) {
  expect(pdfHeader(pdf)).toEqual({ header: '%PDF-1.7', eof: true });
  const { fonts, descriptors, standard14 } = pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  expect(standard14).toEqual([]);
  expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  expect(descriptors.length).toBeGreaterThan(0);
  expect(descriptors.filter((d) => !d.fontFile2)).toEqual([]);
  expect(fonts.map((f) => f.baseFont).join(' ')).toMatch(/\+DejaVuSans\b/);
  expect(claimsPdfA(pdf)).toBe(false);
  const qpdf = qpdfCheck(pdf);
  if (qpdf)
    expect(qpdf).toEqual({
      code: 0,
      output: expect.stringContaining('No syntax or stream encoding errors'),
    });
}

// First: an app that fails to start leaves Fastify's plugin timers (10 s) behind; they run out
// while the other tests run.
describe('template errors', () => {
  let dir: string;
  const template = 'statement.en.md.liquid';
  const original = readFileSync(join(TEMPLATES, template), 'utf8');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'templates-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of templates/ with statement.en.md.liquid changed. */
  function brokenCopy(name: string, change: (text: string) => string) {
    const copy = join(dir, name);
    cpSync(TEMPLATES, copy, { recursive: true });
    const changed = change(original);
    expect(changed).not.toBe(original);
    writeFileSync(join(copy, template), changed);
    return copy;
  }

  it('a template that does not parse stops the service at start, naming the file and line', async () => {
    // A line after the signatures opens an {% if %} that is never closed.
    const lines = original.replace(/\n$/, '').split('\n');
    lines.push('', '{% if document.revised %}Never closed.', '', 'More text.');
    const at = lines.length - 3;
    const copy = brokenCopy('unclosed', () => lines.join('\n') + '\n');
    let app: TestApp | undefined;
    let error: unknown;

    try {
      app = await startTestApp({ forcePglite: true, env: { ...ENV, TEMPLATES_DIR: copy } });
    } catch (e) {
      error = e;
    }
    await app?.close();
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(template);
    expect(message).toMatch(new RegExp(`line ${at + 1}\\b`));
    expect(message).toMatch(/not closed|unclosed|tag .*if/i);
  });

  it('an unknown variable parses, and then fails the request with a 500 naming the template and line, without a stack trace', async () => {
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.startsWith('# {{ statement.title }}'));
    expect(at).toBeGreaterThan(0);
    lines[at] = '# {{ statement.title }} {{ nope }}';
    const copy = brokenCopy('unknown-variable', () => lines.join('\n'));
    const app = await startTestApp({ env: { ...ENV, TEMPLATES_DIR: copy } });
    try {
      const kase = await fixtures(app.http).case({ title: 'Template error check' });
      const res = await app.http.post('/publications/statements/preview').send({
        caseId: kase.id,
        language: 'en',
        title: 'A statement',
        position: 'Text.',
        sections: ['downtime'],
      });
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 500, type: 'urn:problem-type:template-error' });
      expect(res.body.detail).toContain(template);
      expect(res.body.detail).toContain(`line ${at + 1}`);
      expect(res.body.detail).toContain('nope');
      const raw = JSON.stringify(res.body);
      expect(raw).not.toMatch(/\bat \S+ \(|node_modules|\.[jt]s:\d+|\/work\/|[A-Z]:\\/);
      // the German template is untouched and still works
      const de = await app.http.post('/publications/statements/preview').send({
        caseId: kase.id,
        language: 'de',
        title: 'Eine Stellungnahme',
        position: 'Text.',
        sections: ['downtime'],
      });
      expect(de.status).toBe(200);
      // a failed preview is not recorded as a generated document
      const generated = await allEvents(
        app.as('auditor'),
        `/audit/events?action=document_generated&caseId=${kase.id}`,
      );
      expect(generated.map((e) => e.details?.language)).toEqual(['de']);
    } finally {
      await app.close();
    }
  });
});

describe('generated documents', () => {
  let t: TestApp;
  let cases: Record<string, string>;
  let nrw: string;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    cases = await loadDemo(t);
    nrw = cases['2015-001'];
  });
  afterAll(() => t?.close());

  describe('the case file', () => {
    const caseFile = (agent: TestAgent, caseId: string, lang = 'de') =>
      getBytes(agent, `/cases/${caseId}/case-file.pdf?lang=${lang}`);

    it('2015-001 in German: header and page number on every page, the facts, and the chain hash of the last history record', async () => {
      const history = await allEvents(t.http, `/cases/${nrw}/history`);
      expect(history.length).toBeGreaterThan(10);
      const lastHash = Buffer.from(history.at(-1)!.chainHash, 'base64').toString('hex');
      expect(lastHash).toMatch(/^[0-9a-f]{64}$/);

      const res = await caseFile(t.http, nrw);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expect(res.headers['content-disposition']).toContain('case-file-2015-001.pdf');
      const pdf = res.body;
      expectSoundPdf(pdf);

      const pages = await pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, i) => {
        // The header (the first line drawn on a page) names the case and its confidentiality in full.
        const header = page.split('\n')[0];
        expect(header).toContain('Fallakte 2015-001');
        expect(header).toContain('VERTRAULICH · intern');
        expect(page).toContain(`Seite ${i + 1}`);
        expect(page).not.toContain(`Seite ${i + 2}`);
      });
      const text = pages.join('\n');
      expect(text).toContain(ORG_NAME);
      expect(squeeze(text)).toContain(
        squeeze(
          'LKA NRW takes the state association offline over user accounts that never existed',
        ),
      );
      expect(text).toContain('2 Std. 36 Min.');
      expect(text).toContain('StPO §94, §98');
      expect(text).toContain('Landeskriminalamt Nordrhein-Westfalen');
      expect(squeeze(text)).toContain(squeeze('hat bei uns nie existiert'));
      // Every history record, with its chain hash in hex; the last one the file names is the latest.
      for (const e of history)
        expect(squeeze(text)).toContain(Buffer.from(e.chainHash, 'base64').toString('hex'));
      expect(squeeze(text)).toContain(lastHash);
      expect(text).toContain(`${history.length} Protokolleinträge`);

      // The copy is recorded: who took it, of which case, in which language.
      const generated = await allEvents(
        t.as('auditor'),
        `/audit/events?action=document_generated&caseId=${nrw}`,
      );
      const mine = generated.filter(
        (e) => e.entityType === 'case_file' && e.actorId === t.userIds.board,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        entityId: nrw,
        caseId: nrw,
        details: expect.objectContaining({
          format: 'pdf',
          language: 'de',
          historyRecords: history.length,
        }),
      });
      expect(mine[0].seq).toBeGreaterThan(history.at(-1)!.seq);
    });

    it("legal notes are in the lawyer's copy, not in the auditor's", async () => {
      const body =
        'Vertraulicher Vermerk Quokkaprinzip: die Abschaltung der gesamten Infrastruktur war unverhältnismäßig.';
      const note = await t
        .as('lawyer')
        .post(`/cases/${nrw}/legal-notes`)
        .send({ topic: 'proportionality', body });
      expect(note.status).toBe(201);

      const lawyer = await caseFile(t.as('lawyer'), nrw, 'en');
      expect(lawyer.status).toBe(200);
      const lawyerText = await pdfText(lawyer.body);
      expect(squeeze(lawyerText)).toContain(squeeze(body));
      expect(lawyerText).toContain('Quokkaprinzip');
      expect(lawyerText).toContain('privileged legal notes');
      expect(lawyerText).toContain('Page 1');

      const auditor = await caseFile(t.as('auditor'), nrw, 'en');
      expect(auditor.status).toBe(200);
      expectSoundPdf(auditor.body);
      const auditorText = await pdfText(auditor.body);
      expect(auditorText).toContain('2015-001');
      expect(auditorText).toContain('CONFIDENTIAL');
      expect(auditorText).not.toContain('Quokkaprinzip');
      expect(squeeze(auditorText)).not.toContain(squeeze(body).slice(0, 40));
      expect(auditorText).not.toContain('privileged legal notes');
      // nor the record of the note in the history
      expect(auditorText).not.toMatch(/legal\s+note/i);
      expect(lawyerText).toMatch(/created\s+legal\s+note/i);
      // The raw bytes do not carry it either (e.g. in document properties).
      expect(auditor.body.toString('latin1')).not.toContain('Quokka');
    });

    it('is for signed-in readers of the case only: 401 anonymous, 404 for a restricted case to a non-member', async () => {
      const anonymous = await caseFile(t.as('anonymous'), nrw);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.toString('latin1')).not.toContain('%PDF');

      const admin = await caseFile(t.as('admin'), nrw);
      expect(admin.status).toBe(403);

      const secret = await fixtures(t.http).case({
        title: 'Restricted case file Zebrafink',
        restricted: true,
        receivedAt: '2022-03-01T10:00:00+01:00',
      });
      const member = await caseFile(t.http, secret.id, 'en');
      expect(member.status).toBe(200);
      expect(await pdfText(member.body)).toContain('STRICTLY CONFIDENTIAL');
      for (const role of ['lawyer', 'auditor'] as const) {
        const res = await caseFile(t.as(role), secret.id);
        expect(res.status).toBe(404);
        expect(res.body.toString('utf8')).not.toContain('Zebrafink');
      }
      // exactly as for a case that does not exist
      const unknown = await caseFile(t.as('lawyer'), '00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect((await caseFile(t.http, nrw, 'fr')).status).toBe(400);
    });
  });

  describe('the draft transparency report', () => {
    it('2011 to 2020 in exact counts: the figures of the JSON report and the signed checkpoint', async () => {
      const json = await t.http.get(`/reports/transparency?${PERIOD}`);
      expect(json.status).toBe(200);
      const figure = (section: string, key: string) =>
        (json.body.sections as { key: string; rows: { key: string; value: unknown }[] }[])
          .find((s) => s.key === section)!
          .rows.find((r) => r.key === key)!.value;
      expect(figure('totals', 'requests')).toBe(3);
      expect(figure('systems', 'systems_affected')).toBe(13);
      const before = (await t.as('anonymous').get('/audit/checkpoints/latest')).body as {
        size: number;
      };

      const res = await getBytes(t.http, `/reports/transparency?${PERIOD}&format=pdf&lang=en`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expectSoundPdf(res.body);
      const text = await pdfText(res.body);
      expect(text).toContain('2011–2020');
      expect(text).toContain('Draft, not published');
      // "At a glance": each figure as the JSON report has it, in English number format.
      const en = (n: unknown) => new Intl.NumberFormat('en-GB').format(n as number);
      // The 2020 server's return was never reported: held at least until 8 July 2020, so the
      // hours are a lower bound (about 120 of them), not thousands that grow with the clock.
      const downtime = figure('systems', 'downtime_hours') as number;
      expect(downtime).toBeGreaterThan(120);
      expect(downtime).toBeLessThan(200);
      for (const [labelText, value] of [
        ['Requests received', en(3)],
        ['Systems affected', en(13)],
        [
          // a lower bound (the 2020 end is unknown) and an estimate (2011 and 2020 rest on rough times)
          'Hours\\s+of\\s+downtime\\s+\\(at\\s+least,\\s+and\\s+approximate:[^)]*\\)\\s+≥',
          en(downtime),
        ],
        [
          'Share of requests where some data was produced',
          new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(
            (figure('outcome', 'some_data_produced_share') as number) / 100,
          ),
        ],
        ['Requests where the data asked for did not exist', en(figure('outcome', 'none_no_data'))],
      ])
        expect(text).toMatch(new RegExp(`${labelText}\\s+${value.replace(/[.]/g, '\\.')}(?!\\d)`));
      expect(text).toContain('France');
      expect(text).toContain(ORG_NAME);
      expect(text).toContain('Patrick Schiffer');
      expect(text).toContain('Vorsitzender');

      // The trail as signed for the report: at least as long as before it was asked for.
      const size = Number(/the trail held\s+([\d,]+)\s+records/.exec(text)?.[1]?.replace(/,/g, ''));
      expect(size).toBeGreaterThanOrEqual(before.size);
      const signed = await t.as('anonymous').get(`/audit/checkpoints/${size}`);
      expect(signed.status).toBe(200);
      expect(squeeze(text)).toContain(signed.body.rootHash as string);
      expect(squeeze(text)).toContain(signed.body.signature as string);
      expect(squeeze(text)).toContain(`Records${size}`);

      const generated = await allEvents(t.as('auditor'), '/audit/events?action=document_generated');
      expect(generated.filter((e) => e.entityType === 'transparency_report')).toEqual([
        expect.objectContaining({
          actorId: t.userIds.board,
          caseId: null,
          details: expect.objectContaining({ format: 'pdf', language: 'en', counts: 'exact' }),
        }),
      ]);
    });
  });

  describe('the statement preview', () => {
    const draft = (sections: string[], caseId = nrw) => ({
      caseId,
      language: 'en',
      title: 'Our servers went offline for accounts that never existed with us',
      position: 'We object to the measure.\n\nIt was out of all proportion.',
      sections,
    });

    it('shows the marked sections only, as a draft, and publishes nothing', async () => {
      const res = await t.http
        .post('/publications/statements/preview')
        .send(draft(['downtime', 'handover', 'targets']))
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = res.body as Buffer;
      expectSoundPdf(pdf);
      const text = await pdfText(pdf);
      expect(text).toContain('2 h 36 min');
      expect(text).toContain('We handed over no data');
      expect(text).toContain('never existed');
      expect(text).toContain('It was out of all proportion.');
      expect(text).toContain('DRAFT, not published');
      expect(text).toContain(ORG_NAME);
      // Not marked: summary, authorities, legal bases, timeline, target identifiers, affected systems.
      for (const hidden of [
        'Landeskriminalamt',
        'Rechenzentrum',
        'troubleshooting',
        'Patrick Schiffer, published a statement',
        'StPO',
        'Beschlagnahmebeschluss',
        'User accounts of one person',
        'Chronology',
        'What was affected',
        'taken offline',
      ])
        expect(text).not.toContain(hidden);

      // Marking the authorities shows them: the test above could see them if they were there.
      const more = await t.http
        .post('/publications/statements/preview')
        .send(draft(['authorities', 'legal_bases', 'target_identifiers', 'targets']))
        .buffer(true)
        .parse(binary);
      expect(more.status).toBe(200);
      const moreText = await pdfText(more.body as Buffer);
      expect(moreText).toContain('Landeskriminalamt');
      expect(moreText).toContain('StPO §94, §98');
      expect(moreText).toContain('User accounts of one person');
      expect(moreText).not.toContain('2 h 36 min');

      const listed = await t.as('anonymous').get('/public/publications');
      expect(listed.body).toEqual({ items: [] });
      const generated = await allEvents(
        t.as('auditor'),
        `/audit/events?action=document_generated&caseId=${nrw}`,
      );
      expect(generated.filter((e) => e.entityType === 'statement')).toEqual([
        expect.objectContaining({
          actorId: t.userIds.board,
          details: expect.objectContaining({
            draft: true,
            sections: ['downtime', 'handover', 'targets'],
          }),
        }),
        expect.objectContaining({
          details: expect.objectContaining({
            sections: ['authorities', 'legal_bases', 'target_identifiers', 'targets'],
          }),
        }),
      ]);
      expect(await allEvents(t.as('auditor'), '/audit/events?action=publish')).toEqual([]);
    });

    it("is the board's: 401 anonymous, 403 for lawyers; 400 for an unknown section", async () => {
      const body = draft(['downtime']);
      expect(
        (await t.as('anonymous').post('/publications/statements/preview').send(body)).status,
      ).toBe(401);
      expect(
        (await t.as('lawyer').post('/publications/statements/preview').send(body)).status,
      ).toBe(403);
      const bad = await t.http
        .post('/publications/statements/preview')
        .send(draft(['downtime', 'legal_notes']));
      expect(bad.status).toBe(400);
    });
  });
});

describe('documents for screen readers', () => {
  // A 1×1 PNG as the organisation's logo: the first figure of every document.
  const LOGO = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  let t: TestApp;
  let dir: string;
  let nrw: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logo-'));
    writeFileSync(join(dir, 'logo.png'), LOGO);
    t = await startTestApp({ env: { ...ENV, ORG_LOGO: join(dir, 'logo.png') } });
    nrw = (await loadDemo(t))['2015-001'];
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const documents = {
    'case file': (lang: string) => getBytes(t.http, `/cases/${nrw}/case-file.pdf?lang=${lang}`),
    'transparency report': (lang: string) =>
      getBytes(t.http, `/reports/transparency?${PERIOD}&format=pdf&lang=${lang}`),
    statement: async (lang: string) => {
      const res = await t.http
        .post('/publications/statements/preview')
        .send({
          caseId: nrw,
          language: lang,
          title: 'LKA NRW nimmt Landesverband vom Netz',
          position: 'Die Konten haben bei uns nie existiert.',
          sections: [
            'authorities',
            'legal_bases',
            'targets',
            'affected_systems',
            'downtime',
            'handover',
          ],
        })
        .buffer(true)
        .parse(binary);
      return { status: res.status, body: res.body as Buffer };
    },
  };
  const cases = Object.keys(documents).flatMap((kind) =>
    (['de', 'en'] as const).map((lang) => [kind as keyof typeof documents, lang] as const),
  );

  it.each(cases)(
    'the %s in %s is tagged: language, headings, tables with header cells, figures with alternative text',
    async (kind, lang) => {
      const res = await documents[kind](lang);
      expect(res.status).toBe(200);
      const pdf = res.body;
      expectSoundPdf(pdf);
      const tagging = pdfTagging(pdf);
      if (!tagging) {
        console.warn(
          'qpdf is not installed: the structure tree is not checked (CI sets REQUIRE_QPDF=1)',
        );
        return;
      }
      expect(tagging).toMatchObject({
        marked: true,
        lang: lang === 'de' ? 'de-DE' : 'en-GB',
        displayDocTitle: true,
        pagesInParentTree: true,
      });
      expect(tagging.tree!.map((e) => e.type)).toEqual(['Document']);
      const all = structElements(tagging.tree!);
      const count = (type: string) => all.filter((e) => e.type === type).length;
      expect(count('H1')).toBe(1);
      expect(count('H2')).toBeGreaterThan(0);
      expect(count('P')).toBeGreaterThan(3);
      const tables = all.filter((e) => e.type === 'Table');
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        expect(table.children.length).toBeGreaterThan(0);
        expect(table.children.every((tr) => tr.type === 'TR')).toBe(true);
      }
      // Some table has a header row: every cell of its first row a TH for its column.
      expect(
        tables.some((table) =>
          table.children[0].children.every((c) => c.type === 'TH' && c.scope === 'Column'),
        ),
      ).toBe(true);
      const figures = all.filter((e) => e.type === 'Figure');
      for (const f of figures) expect(f.alt?.trim()).toBeTruthy();
      if (kind === 'case file') {
        // The lawyers' copy has no logo and no chart: nothing to describe.
        expect(figures).toEqual([]);
        return;
      }
      expect(figures[0]?.alt).toBe(lang === 'de' ? `Logo von ${ORG_NAME}` : `Logo of ${ORG_NAME}`);
      if (kind === 'transparency report') {
        // The charts in words: the figures by kind of authority, as the table beside them has them.
        const charts = figures.slice(1);
        expect(charts.length).toBeGreaterThan(0);
        expect(charts[0].alt).toMatch(
          lang === 'de' ? /^Balkendiagramm\. .+: \d/ : /^Bar chart\. .+: \d/,
        );
      }
    },
  );
});
