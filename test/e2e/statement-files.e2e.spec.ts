import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { fixtures } from '../support/fixtures.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { DOCUMENT_TEST_ENV } from '../support/report-helpers.js';
import { samplePdf } from '../support/sample-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Redacted copies published with a statement: only copies, never an original; listed with name,
 * kind, size and SHA-256 in the PDF, the JSON and the public list; downloaded by anyone from a
 * public route while, and only while, the statement itself is public.
 */

interface Attachment {
  fileId: string;
  url: string;
  name: string;
  kind: string;
  bytes: number;
  contentType: string;
  sha256: string;
}
interface Publication {
  id: string;
  revision: number;
  superseded: boolean;
  files: Record<'pdf' | 'json' | 'csv', { url: string }>;
  attachments: Attachment[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('redacted copies published with a statement', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let anonymous: TestAgent;
  beforeAll(async () => {
    t = await startTestApp({ env: DOCUMENT_TEST_ENV });
    f = fixtures(t.http);
    anonymous = t.as('anonymous');
  }, 300_000);
  afterAll(() => t?.close());

  const getBytes = (url: string, agent: TestAgent = anonymous) =>
    agent.get(url).buffer(true).parse(binary);

  /** A case with an order (contact details in its text) and a redacted copy of it. */
  async function caseWithCopy(text = 'Beschluss. Kontakt: jemand@example.org, Tel. 0211 555 0199') {
    const c = await f.case();
    const order = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .attach('file', await samplePdf(text), {
        filename: 'beschluss.pdf',
        contentType: 'application/octet-stream',
      })
      .expect(201);
    const copy = await redact(c.id, order.body.id as string);
    return { caseId: c.id, orderId: order.body.id as string, copyId: copy };
  }

  async function redact(caseId: string, fileId: string): Promise<string> {
    const copy = await t.http
      .post(`/cases/${caseId}/files/${fileId}/redacted-copies`)
      .send({ presets: ['email', 'phone'] })
      .expect(201);
    expect(copy.body.redactedFrom).toEqual({ fileId, version: 1 });
    return copy.body.id as string;
  }

  const draft = (caseId: string, fileIds: string[], extra: Record<string, unknown> = {}) => ({
    caseId,
    language: 'de',
    title: 'Stellungnahme mit Beschluss',
    position: 'Wir veröffentlichen den Beschluss, geschwärzt.',
    sections: ['downtime'],
    fileIds,
    ...extra,
  });

  it('publishes a copy with the statement: listed in the public list, JSON, PDF and portal, downloadable by anyone; a revision keeps its own list', async () => {
    const { caseId, orderId, copyId } = await caseWithCopy();
    const second = await redact(caseId, orderId);
    const copyBytes = (
      await getBytes(`/cases/${caseId}/files/${copyId}/content`, t.http).expect(200)
    ).body as Buffer;
    const files = (await t.http.get(`/cases/${caseId}/files`).expect(200)).body.items as {
      id: string;
      redactedFrom: unknown;
    }[];
    expect(files.find((x) => x.id === orderId)?.redactedFrom).toBeNull();

    const first = await t.http.post('/publications/statements').send(draft(caseId, [copyId]));
    expect(first.status).toBe(201);
    const r1 = first.body as Publication;
    expect(r1.attachments).toEqual([
      {
        fileId: copyId,
        url: `/public/publications/${r1.id}/files/${copyId}`,
        name: 'beschluss-redacted.pdf',
        kind: 'order',
        bytes: copyBytes.length,
        contentType: 'application/pdf',
        sha256: sha256(copyBytes),
      },
    ]);

    // Anyone downloads it: the bytes as published, never shown inline, never sniffed.
    const res = await getBytes(r1.attachments[0].url).expect(200);
    expect((res.body as Buffer).equals(copyBytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="beschluss-redacted.pdf"',
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.etag).toBe(`"${sha256(copyBytes)}"`);
    expect(res.headers['repr-digest']).toBe(
      `sha-256=:${createHash('sha256').update(copyBytes).digest('base64')}:`,
    );
    expect(
      (await anonymous.get(r1.attachments[0].url).set('if-none-match', res.headers.etag)).status,
    ).toBe(304);

    // The published JSON and PDF list it with name, kind, size and SHA-256.
    const json = JSON.parse(
      ((await getBytes(r1.files.json.url).expect(200)).body as Buffer).toString('utf8'),
    ) as { attachments: Record<string, unknown>[] };
    expect(json.attachments).toEqual([
      expect.objectContaining({
        fileId: copyId,
        name: 'beschluss-redacted.pdf',
        kind: 'order',
        kindLabel: 'Beschluss',
        bytes: copyBytes.length,
        sha256: sha256(copyBytes),
        url: r1.attachments[0].url,
      }),
    ]);
    const text = squeeze(await pdfText((await getBytes(r1.files.pdf.url).expect(200)).body));
    expect(text).toContain(squeeze('Mit dieser Stellungnahme veröffentlichte Dokumente'));
    expect(text).toContain(squeeze('beschluss-redacted.pdf'));
    expect(text).toContain(sha256(copyBytes));

    // Publishing it: in the audit trail with the hashes of what went out.
    const [audit] = await t.sql<{ details: { attachments: unknown } }>(
      `SELECT details FROM audit_events WHERE action = 'publish' AND entity_id = $1`,
      [r1.id],
    );
    expect(audit.details.attachments).toEqual([
      { fileId: copyId, version: 1, sha256: sha256(copyBytes) },
    ]);

    // A revision with the other copy: each revision keeps its own list.
    const second2 = await t.http
      .post('/publications/statements')
      .send(draft(caseId, [second], { revisionNote: 'Andere Schwärzung.' }));
    expect(second2.status).toBe(201);
    const r2 = second2.body as Publication;
    expect(r2.attachments.map((a) => a.fileId)).toEqual([second]);
    const listed = (await anonymous.get('/public/publications').expect(200)).body
      .items as Publication[];
    const old = listed.find((p) => p.id === r1.id)!;
    expect(old.superseded).toBe(true);
    expect(old.attachments.map((a) => a.fileId)).toEqual([copyId]);
    expect(listed.find((p) => p.id === r2.id)!.attachments.map((a) => a.fileId)).toEqual([second]);
    expect((await getBytes(r1.attachments[0].url).expect(200)).body).toEqual(copyBytes);
    // A file the revision does not include is not found under it.
    expect((await anonymous.get(`/public/publications/${r2.id}/files/${copyId}`)).status).toBe(404);

    // The portal lists the copies under each revision, in both languages.
    for (const [lang, heading] of [
      ['de', 'geschwärzte Kopien'],
      ['en', 'Redacted copies'],
    ]) {
      const page = (await anonymous.get('/public').query({ lang }).expect(200)).text;
      expect(page).toContain(heading);
      expect(page).toContain(`href="${r1.attachments[0].url}"`);
      expect(page).toContain(`href="${r2.attachments[0].url}"`);
      expect(page).toContain(sha256(copyBytes));
    }

    // Even to SQL, the list of a published revision is never changed.
    await expect(t.sql('DELETE FROM publication_files')).rejects.toThrow(/immutable/);
  });

  it('refuses an original (400), a file of another case and an unknown file alike (422), naming the field', async () => {
    const { caseId, orderId } = await caseWithCopy();
    const other = await caseWithCopy();
    for (const path of ['/publications/statements', '/publications/statements/preview']) {
      const original = await t.http.post(path).send(draft(caseId, [orderId]));
      expect(original.status).toBe(400);
      expect(original.body.errors).toEqual([
        { field: 'fileIds[0]', message: expect.stringMatching(/^is an original/) },
      ]);
    }
    const foreign = await t.http
      .post('/publications/statements')
      .send(draft(caseId, [other.copyId]));
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([
      { field: 'fileIds[0]', message: 'no file of this case with this id' },
    ]);
    const unknown = await t.http.post('/publications/statements').send(draft(caseId, [UNKNOWN]));
    expect(unknown.status).toBe(422);
    // Word for word the same answer: nothing tells that the id is a file of another case.
    expect({ ...unknown.body, requestId: null }).toEqual({ ...foreign.body, requestId: null });
    const malformed = await t.http
      .post('/publications/statements')
      .send(draft(caseId, ['not-a-uuid']));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toMatch(/^fileIds/);
    const twice = await t.http
      .post('/publications/statements')
      .send(draft(caseId, [other.copyId, other.copyId]));
    expect(twice.status).toBe(400);
    expect((await t.sql('SELECT 1 FROM publications WHERE case_id = $1', [caseId])).length).toBe(0);
  });

  it('withholds the copy exactly like the statement: a gag or embargo makes it 404 as for an unknown id', async () => {
    const { caseId, copyId } = await caseWithCopy();
    const published = (
      await t.http
        .post('/publications/statements')
        .send(draft(caseId, [copyId]))
        .expect(201)
    ).body as Publication;
    const url = published.attachments[0].url;
    expect((await anonymous.get(url)).status).toBe(200);
    // The answer for an id that never existed, with the same file id in the path.
    const never = await anonymous.get(`/public/publications/${UNKNOWN}/files/${copyId}`);
    expect(never.status).toBe(404);
    const hidden = async () => {
      const res = await anonymous.get(url);
      expect({ status: res.status, body: res.body, type: res.headers['content-type'] }).toEqual({
        status: never.status,
        body: { ...never.body, instance: url, requestId: res.body.requestId },
        type: never.headers['content-type'],
      });
      const everything =
        JSON.stringify((await anonymous.get('/public/publications').expect(200)).body) +
        (await anonymous.get('/public').expect(200)).text;
      expect(everything).not.toContain(copyId);
      expect(everything).not.toContain(published.attachments[0].sha256);
    };

    const gag = await t.http
      .post(`/cases/${caseId}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'yes' })
      .expect(201);
    await hidden();
    // Staff still see what was published on the case.
    const own = (await t.http.get('/publications/statements').query({ caseId }).expect(200)).body
      .items as Publication[];
    expect(own[0].attachments.map((a) => a.fileId)).toEqual([copyId]);

    const lifted = await t.update(`/cases/${caseId}/gag-orders/${gag.body.id}`, {
      liftedAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(lifted.status).toBe(200);
    expect((await anonymous.get(url)).status).toBe(200);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.update(`/cases/${caseId}`, { embargoUntil: future })).status).toBe(200);
    await hidden();
    expect((await t.update(`/cases/${caseId}`, { embargoUntil: null })).status).toBe(200);
    expect((await anonymous.get(url)).status).toBe(200);
  });
});
