import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { binary, pdfText } from '../support/pdf.js';
import { pdf, samplePng } from '../support/sample-files.js';
import { darkShare } from '../support/scan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const EMAIL = 'beschuldigter@example.org';
const PHONE = '0211 555 0199';
const ACCOUNT = 'pirat-nrw-admin';

function order(): Promise<Buffer> {
  return pdf((doc) => {
    doc.fontSize(12).text('Amtsgericht Düsseldorf, Beschluss vom 14. Januar 2015', 72, 72);
    doc.text(`Kontakt: ${EMAIL}, Tel. ${PHONE}`, 72, 100);
    doc.text(`Zu sichern: das Konto ${ACCOUNT} und alle Postfächer.`, 72, 128);
    doc.addPage().text('Seite 2: Unterschrift des Richters Dr. Geheim', 72, 72);
  });
}

describe('redacted public copies', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
  });
  afterAll(() => t.close());

  const download = (caseId: string, fileId: string) =>
    t.http.get(`/cases/${caseId}/files/${fileId}/content`).buffer(true).parse(binary).expect(200);

  it('burns in rectangles and text rules: no redacted string is left in the text or the bytes', async () => {
    const c = await f.case();
    const original = await order();
    const up = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .attach('file', original, 'beschluss.pdf')
      .expect(201);
    expect(await pdfText(original)).toContain(EMAIL);

    const res = await t.http
      .post(`/cases/${c.id}/files/${up.body.id}/redacted-copies`)
      .send({
        presets: ['email', 'phone'],
        patterns: ['pirat-[a-z-]+'],
        // Page 2: the judge's name, by a rectangle (x, y from the top-left corner, in points).
        rectangles: [{ page: 2, x: 60, y: 60, width: 480, height: 30 }],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'order',
      privileged: false,
      versions: [
        { version: 1, mediaType: 'application/pdf', originalName: 'beschluss-redacted.pdf' },
      ],
    });
    const copy = (await download(c.id, res.body.id)).body as Buffer;
    const text = await pdfText(copy);
    for (const secret of [EMAIL, PHONE, ACCOUNT, 'Geheim', 'Amtsgericht']) {
      expect(text).not.toContain(secret);
      expect(copy.includes(Buffer.from(secret, 'latin1'))).toBe(false);
    }
    // The rules were applied, not just the text layer dropped: the e-mail's place is black on the
    // rendered page, the court's name above it is not.
    expect(await darkShare(copy, 1, [130, 100, 250, 112])).toBeGreaterThan(0.9);
    expect(await darkShare(copy, 1, [72, 72, 200, 84])).toBeLessThan(0.5);
    expect(await darkShare(copy, 2, [72, 72, 300, 84])).toBeGreaterThan(0.9);
    // The original stays as it was.
    const kept = (await download(c.id, up.body.id)).body as Buffer;
    expect(Buffer.compare(kept, original)).toBe(0);

    // The copy names its source in the audit trail and in the link table.
    const history = await t.http.get(`/cases/${c.id}/history`).query({ limit: 100 }).expect(200);
    const made = history.body.items.find(
      (e: { entityId: string; action: string }) =>
        e.entityId === res.body.id && e.action === 'upload',
    );
    expect(made.details).toMatchObject({
      redactedFrom: { fileId: up.body.id, version: 1 },
      sha256: res.body.versions[0].sha256,
      pages: 2,
    });
    expect(made.details.areas).toBeGreaterThan(3);
    const [link] = await t.sql<{ source_file_id: string }>(
      'SELECT source_file_id FROM redacted_copies WHERE file_id = $1',
      [res.body.id],
    );
    expect(link.source_file_id).toBe(up.body.id);
  });

  it('makes a copy of a photo, and refuses bad rules, privileged files and other roles', async () => {
    const c = await f.case();
    const photo = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'photo' })
      .attach('file', samplePng(64, 48), 'siegel.png')
      .expect(201);
    const ok = await t.http
      .post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`)
      .send({ rectangles: [{ page: 1, x: 0, y: 0, width: 10, height: 10 }] })
      .expect(201);
    expect(ok.body.versions[0].mediaType).toBe('application/pdf');

    const bad = await t.http
      .post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`)
      .send({ patterns: ['(unclosed'] })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'patterns[0]' })]);
    const beyond = await t.http
      .post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`)
      .send({ rectangles: [{ page: 2, x: 0, y: 0, width: 10, height: 10 }] })
      .expect(400);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'rectangles[0].page' })]);
    await t.http.post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`).send({}).expect(400);
    await t
      .as('lawyer')
      .post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`)
      .send({ presets: ['email'] })
      .expect(403);

    const memo = await t
      .as('lawyer')
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'other', privileged: 'true' })
      .attach('file', await order(), 'memo.pdf')
      .expect(201);
    const refused = await t.http
      .post(`/cases/${c.id}/files/${memo.body.id}/redacted-copies`)
      .send({ presets: ['email'] })
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'fileId' })]);
  });

  it('shows each page of a PDF as a PNG with the page count and size in points, audited like a download', async () => {
    const c = await f.case();
    const up = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .attach('file', await order(), 'beschluss.pdf')
      .expect(201);
    const res = await t
      .as('auditor')
      .get(`/cases/${c.id}/files/${up.body.id}/pages/2`)
      .query({ dpi: 72 })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-page-count']).toBe('2');
    expect(Number(res.headers['x-page-width'])).toBeCloseTo(595.28, 1);
    expect(Number(res.headers['x-page-height'])).toBeCloseTo(841.89, 1);
    const png = res.body as Buffer;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // At 72 dpi one pixel is one point: the width in the PNG header is the page's.
    expect(Math.abs(png.readUInt32BE(16) - 595)).toBeLessThanOrEqual(1);

    const history = await t.http.get(`/cases/${c.id}/history`).query({ limit: 100 }).expect(200);
    expect(
      history.body.items.find(
        (e: { entityId: string; action: string }) =>
          e.entityId === up.body.id && e.action === 'download',
      ).details,
    ).toMatchObject({ version: 1, page: 2 });
  });

  it('names the field of a page beyond the document, a bad page number or resolution, and a file without pages', async () => {
    const c = await f.case();
    const up = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .attach('file', await order(), 'beschluss.pdf')
      .expect(201);
    const pages = `/cases/${c.id}/files/${up.body.id}/pages`;
    const beyond = await t.http.get(`${pages}/3`).expect(400);
    expect(beyond.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(beyond.body.errors).toEqual([{ field: 'page', message: 'the document has 2 page(s)' }]);
    for (const page of ['0', '-1', '1.5', 'abc', '100001', '9'.repeat(40), '2x']) {
      const bad = await t.http.get(`${pages}/${page}`).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'page' })]);
    }
    for (const dpi of ['0', '10', '151', '1e3', 'x']) {
      const bad = await t.http.get(`${pages}/1`).query({ dpi }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'dpi' })]);
    }
    await t.http.get(`${pages}/1`).query({ version: 2 }).expect(404);

    const note = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'other' })
      .attach('file', Buffer.from('Notiz: kein PDF.\n'), 'notiz.txt')
      .expect(201);
    const text = await t.http.get(`/cases/${c.id}/files/${note.body.id}/pages/1`).expect(400);
    expect(text.body.errors).toEqual([
      { field: 'fileId', message: expect.stringContaining('only PDF and images have pages') },
    ]);

    // A damaged PDF (the magic bytes, then nothing of a document): a problem, never a 500.
    const damaged = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'other' })
      .attach('file', Buffer.from('%PDF-1.7\n' + 'x'.repeat(2000)), 'kaputt.pdf');
    if (damaged.status === 201) {
      const res = await t.http.get(`/cases/${c.id}/files/${damaged.body.id}/pages/1`);
      expect([400, 422]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('lists a redacted copy with the file and version it was made from', async () => {
    const c = await f.case();
    const photo = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'photo' })
      .attach('file', samplePng(64, 48), 'siegel.png')
      .expect(201);
    expect(photo.body.redactedFrom).toBeNull();
    const copy = await t.http
      .post(`/cases/${c.id}/files/${photo.body.id}/redacted-copies`)
      .send({ rectangles: [{ page: 1, x: 0, y: 0, width: 10, height: 10 }] })
      .expect(201);
    expect(copy.body.redactedFrom).toEqual({ fileId: photo.body.id, version: 1 });
    const list = await t.http.get(`/cases/${c.id}/files`).expect(200);
    expect(
      list.body.items.map((i: { id: string; redactedFrom: unknown }) => [i.id, i.redactedFrom]),
    ).toEqual([
      [photo.body.id, null],
      [copy.body.id, { fileId: photo.body.id, version: 1 }],
    ]);
  });
});
