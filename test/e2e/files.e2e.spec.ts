import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { binary } from '../support/pdf.js';
import { pdfWithJavaScript, SAMPLE_EML, samplePdf, samplePng } from '../support/sample-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type TestAgent from 'supertest/lib/agent.js';

const MAX_BYTES = 2 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Bytes that no accepted type has a pattern for, yet not text: a Windows executable. */
const EXECUTABLE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(4096, 1),
]);

describe('files in the case file', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({ env: { FILE_MAX_BYTES: String(MAX_BYTES) } });
    f = fixtures(t.http);
  });
  afterAll(() => t.close());

  const upload = (
    caseId: string,
    bytes: Buffer,
    name: string,
    query: Record<string, string> = { kind: 'order' },
    agent: TestAgent = t.http,
  ) =>
    agent
      .post(`/cases/${caseId}/files`)
      .query(query)
      .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });

  const download = (caseId: string, fileId: string, agent: TestAgent = t.http, version?: number) =>
    agent
      .get(`/cases/${caseId}/files/${fileId}/content`)
      .query(version ? { version } : {})
      .buffer(true)
      .parse(binary);

  const stored = async () =>
    (
      await t.sql<{ contents: string; chunks: string; files: string }>(
        `SELECT (SELECT count(*) FROM file_contents) AS contents,
                (SELECT count(*) FROM file_content_chunks) AS chunks,
                (SELECT count(*) FROM case_files) AS files`,
      )
    )[0];

  it('keeps an order scan with its SHA-256, type from the content and the uploader', async () => {
    const c = await f.case({ title: 'LKA NRW takes the IT offline' });
    const pdf = await samplePdf('Beschluss des Amtsgerichts vom 15.01.2015');
    const res = await upload(c.id, pdf, 'beschluss.bin').expect(201);
    expect(res.body).toMatchObject({
      caseId: c.id,
      kind: 'order',
      privileged: false,
      part: null,
      versions: [
        {
          version: 1,
          sha256: sha256(pdf),
          size: pdf.length,
          mediaType: 'application/pdf',
          originalName: 'beschluss.bin',
          uploadedBy: 'board:board@test.example',
        },
      ],
    });
    const list = await t.http.get(`/cases/${c.id}/files`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);

    const got = await download(c.id, res.body.id).expect(200);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="beschluss.bin"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toContain('sandbox');

    const history = await t.http.get(`/cases/${c.id}/history`).query({ limit: 100 }).expect(200);
    const fileEvents = history.body.items.filter(
      (e: { entityType: string }) => e.entityType === 'file',
    );
    expect(fileEvents.map((e: { action: string }) => e.action).sort()).toEqual([
      'download',
      'upload',
    ]);
    for (const e of fileEvents) expect(e.details.sha256).toBe(sha256(pdf));
  });

  it('keeps a corrected scan as a new version beside the first, each downloadable', async () => {
    const c = await f.case();
    const first = await samplePdf('Sicherstellungsprotokoll, Seite 1 (schief)');
    const second = await samplePdf('Sicherstellungsprotokoll, Seite 1');
    const created = await upload(c.id, first, 'protokoll.pdf', { kind: 'protocol' }).expect(201);
    const next = await t.http
      .post(`/cases/${c.id}/files/${created.body.id}/versions`)
      .attach('file', second, 'protokoll-korrigiert.pdf')
      .expect(201);
    expect(
      next.body.versions.map((v: { version: number; sha256: string }) => [v.version, v.sha256]),
    ).toEqual([
      [1, sha256(first)],
      [2, sha256(second)],
    ]);
    expect(Buffer.compare((await download(c.id, created.body.id).expect(200)).body, second)).toBe(
      0,
    );
    const old = await download(c.id, created.body.id, t.http, 1).expect(200);
    expect(Buffer.compare(old.body, first)).toBe(0);
    await download(c.id, created.body.id, t.http, 3).expect(404);
    const history = await t.http.get(`/cases/${c.id}/history`).query({ limit: 100 }).expect(200);
    const added = history.body.items.find((e: { action: string }) => e.action === 'version_added');
    expect(added.details).toMatchObject({ version: 2, sha256: sha256(second) });
  });

  it('links a file to a part of the same case only', async () => {
    const c = await f.case();
    const other = await f.case();
    const basis = await t.http
      .post(`/cases/${c.id}/legal-bases`)
      .send({ jurisdiction: 'DE', citation: 'StPO §§ 102, 105', documentType: 'order' })
      .expect(201);
    const png = samplePng(64, 48);
    const linked = await upload(c.id, png, 'siegel.png', {
      kind: 'photo',
      partType: 'legal-bases',
      partId: basis.body.id,
    }).expect(201);
    expect(linked.body.part).toEqual({ type: 'legal-bases', id: basis.body.id });
    expect(linked.body.versions[0].mediaType).toBe('image/png');
    const elsewhere = await upload(other.id, png, 'siegel.png', {
      kind: 'photo',
      partType: 'legal-bases',
      partId: basis.body.id,
    }).expect(422);
    expect(elsewhere.body.errors[0].field).toBe('partId');
    const half = await upload(c.id, png, 'x.png', {
      kind: 'photo',
      partType: 'legal-bases',
    }).expect(400);
    expect(half.body.errors[0].field).toBe('partId');
  });

  it('takes e-mails and plain text by their content', async () => {
    const c = await f.case();
    const eml = await upload(c.id, SAMPLE_EML, 'lka.eml', { kind: 'correspondence' }).expect(201);
    expect(eml.body.versions[0].mediaType).toBe('message/rfc822');
    const note = Buffer.from('Telefonnotiz: Anruf LKA 11:12 Uhr, Durchsuchung angekündigt.\n');
    const txt = await upload(c.id, note, 'notiz.txt', { kind: 'other' }).expect(201);
    expect(txt.body.versions[0].mediaType).toBe('text/plain');
  });

  it('refuses a file over the limit while it streams: nothing stored, no temporary file', async () => {
    const c = await f.case();
    const before = await stored();
    const tmpBefore = readdirSync(tmpdir()).sort();
    const big = Buffer.concat([
      await samplePdf('large'),
      Buffer.alloc(MAX_BYTES + 1024 * 1024, 0x20),
    ]);
    const res = await upload(c.id, big, 'gross.pdf').expect(413);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:file-too-large', status: 413 });
    expect(res.body.errors).toEqual([
      { field: 'file', message: `must be at most ${MAX_BYTES} bytes` },
    ]);
    expect(await stored()).toEqual(before);
    const tmpAfter = readdirSync(tmpdir()).sort();
    expect(
      tmpAfter.filter((name) => !tmpBefore.includes(name) && /multipart|upload|busboy/i.test(name)),
    ).toEqual([]);
    // The service still takes the next upload.
    await upload(c.id, await samplePdf('small'), 'klein.pdf').expect(201);
  });

  it('refuses a type disguised by its name, naming what the content is', async () => {
    const c = await f.case();
    const exe = await upload(c.id, EXECUTABLE, 'beschluss.pdf').expect(415);
    expect(exe.body.type).toBe('urn:problem-type:unsupported-file-type');
    expect(exe.body.errors[0].field).toBe('file');
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');
    await upload(c.id, html, 'notiz.txt').expect(415);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await upload(c.id, svg, 'foto.png').expect(415);
    expect((await t.http.get(`/cases/${c.id}/files`).expect(200)).body.items).toEqual([]);
  });

  it('refuses an empty file', async () => {
    const c = await f.case();
    const res = await upload(c.id, Buffer.alloc(0), 'leer.pdf').expect(400);
    expect(res.body.errors).toEqual([{ field: 'file', message: 'must not be empty' }]);
  });

  it('refuses a request without a file part', async () => {
    const c = await f.case();
    const res = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .field('note', 'no file')
      .expect(400);
    expect(res.body.errors[0].field).toBe('file');
    await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'order' })
      .send({ file: 'x' })
      .expect(400);
  });

  it('refuses a decompression bomb: an image whose header declares 10 gigapixels', async () => {
    const c = await f.case();
    const bomb = samplePng(100_000, 100_000, 1);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await upload(c.id, bomb, 'foto.png', { kind: 'photo' }).expect(422);
    expect(res.body.type).toBe('urn:problem-type:image-too-large');
    expect(res.body.errors[0].field).toBe('file');
  });

  it('keeps a PDF with JavaScript as evidence but never lets a browser render it', async () => {
    const c = await f.case();
    const pdf = pdfWithJavaScript();
    const res = await upload(c.id, pdf, 'aktiv.pdf').expect(201);
    const got = await download(c.id, res.body.id).expect(200);
    expect(Buffer.compare(got.body, pdf)).toBe(0);
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('strips path separators and control characters from file names', async () => {
    const c = await f.case();
    const text = Buffer.from('Quittung über die Übergabe\n');
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['quit\u0007tung\u0001.txt', 'quittung.txt'],
      ['rechnung\u202Efdp.exe', 'rechnungfdp.exe'],
      ['/', 'file'],
    ];
    for (const [sent, kept] of cases) {
      const res = await upload(c.id, text, sent, { kind: 'receipt' }).expect(201);
      expect(res.body.versions[0].originalName).toBe(kept);
      const got = await download(c.id, res.body.id).expect(200);
      expect(got.headers['content-disposition']).not.toMatch(/[/\\]/);
    }
  });

  it('stores identical content once when it is uploaded several times at once', async () => {
    const c = await f.case();
    const same = Buffer.concat([
      await samplePdf('Ein Beschluss, viermal'),
      Buffer.alloc(1_200_000, 0x25),
    ]);
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => upload(c.id, same, `kopie-${i}.pdf`)),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const rows = await t.sql<{ chunk_count: number; chunks: string }>(
      `SELECT fc.chunk_count, (SELECT count(*) FROM file_content_chunks ch WHERE ch.upload_id = fc.upload_id) AS chunks
         FROM file_contents fc WHERE fc.sha256 = decode($1, 'hex')`,
      [sha256(same)],
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].chunks)).toBe(rows[0].chunk_count);
    const orphans = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM file_content_chunks ch
        WHERE NOT EXISTS (SELECT 1 FROM file_contents fc WHERE fc.upload_id = ch.upload_id)`,
    );
    expect(Number(orphans[0].n)).toBe(0);
    for (const r of results) {
      expect(Buffer.compare((await download(c.id, r.body.id).expect(200)).body, same)).toBe(0);
    }
  });

  it('drops a truncated upload: a client that stops sending leaves nothing behind', async () => {
    const c = await f.case();
    const before = await stored();
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const token = (
      t.http as unknown as { _defaults: { fn: string; args: string[] }[] }
    )._defaults.find((d) => d.fn === 'set')!.args[1];
    const boundary = 'x-truncated-upload';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="abgebrochen.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const body = Buffer.concat([
      head,
      await samplePdf('abgebrochen'),
      Buffer.alloc(1024 * 1024, 0x20),
    ]);
    const send = (finish: (req: ReturnType<typeof httpRequest>) => void) =>
      new Promise<number | null>((resolve) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/cases/${c.id}/files?kind=order`,
          headers: {
            authorization: token,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(body.length + 1024 * 1024),
          },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? null);
        });
        req.on('error', () => resolve(null));
        req.write(body, () => finish(req));
      });
    // The client disconnects in the middle of the file.
    expect(await send((req) => req.destroy())).toBeNull();
    // And one that half-closes: it still gets its answer.
    const status = await send((req) => req.socket?.end());
    expect(status === 400 || status === null).toBe(true);
    if (t.database === 'postgres') {
      // Wait for the transactions of the cut-off uploads to end, then nothing of them is left.
      for (let i = 0; i < 200; i++) {
        const open = await t.sql<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()
              AND query ILIKE '%file_content_chunks%'`,
        );
        if (Number(open[0].n) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await upload(c.id, await samplePdf('danach'), 'danach.pdf').expect(201);
    const after = await stored();
    expect(Number(after.files)).toBe(Number(before.files) + 1);
    expect(Number(after.contents)).toBe(Number(before.contents) + 1);
  });

  it('hides the files of a restricted case from non-members (404) and privileged files from auditors', async () => {
    const c = await f.case({ title: 'Server secured under a gag' });
    const pdf = await samplePdf('Beschluss unter Schweigepflicht');
    const file = await upload(c.id, pdf, 'beschluss.pdf').expect(201);
    await t.update(`/cases/${c.id}`, { restricted: true });
    for (const role of ['lawyer', 'auditor'] as const) {
      await download(c.id, file.body.id, t.as(role)).expect(404);
      await t.as(role).get(`/cases/${c.id}/files`).expect(404);
      await t.as(role).get(`/cases/${c.id}/files/${file.body.id}`).expect(404);
    }
    await download(c.id, file.body.id).expect(200);

    const open = await f.case();
    const memo = await upload(
      open.id,
      Buffer.from('Vermerk: Beschwerde aussichtsreich.\n'),
      'vermerk.txt',
      {
        kind: 'other',
        privileged: 'true',
      },
      t.as('lawyer'),
    ).expect(201);
    expect(memo.body.privileged).toBe(true);
    await upload(open.id, pdf, 'b.pdf', { kind: 'order' }, t.as('lawyer')).expect(403);
    await upload(open.id, pdf, 'b.pdf', { kind: 'order' }, t.as('auditor')).expect(403);
    expect((await t.as('auditor').get(`/cases/${open.id}/files`).expect(200)).body.items).toEqual(
      [],
    );
    await download(open.id, memo.body.id, t.as('auditor')).expect(404);
    await download(open.id, memo.body.id, t.as('board')).expect(200);
    const history = await t.as('auditor').get(`/cases/${open.id}/history`).expect(200);
    expect(
      history.body.items.filter((e: { entityType: string }) => /file/.test(e.entityType)),
    ).toEqual([]);
  });
});
