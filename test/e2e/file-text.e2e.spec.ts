import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FileStore } from '../../src/files/file-store.js';
import { FileTextWorker } from '../../src/files/text/file-text.worker.js';
import { fixtures } from '../support/fixtures.js';
import { pdf, samplePdf } from '../support/sample-files.js';
import { PDFTOPPM, TESSERACT, scan } from '../support/scan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type TestAgent from 'supertest/lib/agent.js';

describe('text of files in the case list search', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let worker: FileTextWorker;
  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
    worker = t.app.get(FileTextWorker);
  }, 300_000);
  afterAll(() => t?.close());

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
      .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' })
      .expect(201);

  const search = async (q: string, agent: TestAgent = t.http) =>
    (await agent.get('/cases').query({ q }).expect(200)).body.items as {
      id: string;
      matchedInFiles?: boolean;
    }[];

  const auditCount = async () =>
    Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_events'))[0].n);

  it('finds a case by a word in the text layer of a PDF, once extracted in the background', async () => {
    const c = await f.case({ title: 'Durchsuchung der Geschäftsräume' });
    const order = await samplePdf(
      'Beschluss: Beschlagnahme der Schlüsselverwaltungsserver angeordnet',
    );
    await upload(c.id, order, 'beschluss.pdf');
    // The upload returned before any text was read: nothing is found yet.
    expect(await search('Schlüsselverwaltungsserver')).toEqual([]);
    const audited = await auditCount();
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
    // Extraction is no act of a user: the audit trail stays as it was.
    expect(await auditCount()).toBe(audited);
    const hits = await search('Schlüsselverwaltungsserver');
    expect(hits.map((h) => h.id)).toEqual([c.id]);
    expect(hits[0].matchedInFiles).toBe(true);
    // Stemmed like the rest of the search, and a word of the case itself is no file hit.
    expect((await search('Beschlagnahme')).find((h) => h.id === c.id)?.matchedInFiles).toBe(true);
    expect((await search('Geschäftsräume')).find((h) => h.id === c.id)?.matchedInFiles).toBe(false);
    // Without q the flag is absent.
    const all = (await t.http.get('/cases').expect(200)).body.items as Record<string, unknown>[];
    expect(all.find((i) => i.id === c.id)).not.toHaveProperty('matchedInFiles');
  });

  it('pages through matches in cases and in files alike, each case once, in list order', async () => {
    const word = 'Kryptowährungsbörse';
    const at = (day: number) => `2019-03-${String(day).padStart(2, '0')}T10:00:00+01:00`;
    // Days 1-6: the word in the title (1, 3, 5), in a file (2, 4), in both (6).
    const cases = [];
    for (let day = 1; day <= 6; day++) {
      const inTitle = day % 2 === 1 || day === 6;
      cases.push(
        await f.case({ title: inTitle ? `Anfrage zur ${word}` : 'Anfrage', receivedAt: at(day) }),
      );
      if (!inTitle || day === 6)
        await upload(cases[day - 1].id, Buffer.from(`Betreff: ${word}\n`), `brief-${day}.txt`, {
          kind: 'correspondence',
        });
    }
    await worker.runOnce();
    const seen: { id: string; matchedInFiles?: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get('/cases')
        .query({ q: word, limit: 2, ...(cursor && { cursor }) })
        .expect(200);
      seen.push(...(res.body.items as typeof seen));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    // Newest first, as the list sorts; a case that matches twice is listed once.
    expect(seen.map((s) => s.id)).toEqual(cases.map((c) => c.id).reverse());
    expect(seen.map((s) => s.matchedInFiles)).toEqual([false, false, true, false, true, false]);
  });

  it('reads identical content once, and finds every case that holds it', async () => {
    const a = await f.case();
    const b = await f.case();
    const letter = Buffer.from('Schreiben des LKA: Herausgabeverlangen Zahlungsdienstleister\n');
    await upload(a.id, letter, 'lka.txt', { kind: 'correspondence' });
    await upload(b.id, letter, 'lka-kopie.txt', { kind: 'correspondence' });
    await worker.runOnce();
    const rows = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM file_texts WHERE content LIKE '%Zahlungsdienstleister%'`,
    );
    expect(Number(rows[0].n)).toBe(1);
    expect((await search('Zahlungsdienstleister')).map((h) => h.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
  });

  it('never lets a word in a privileged file find the case for a role that may not see the file', async () => {
    const c = await f.case({ title: 'Beschwerde gegen die Sicherstellung' });
    await upload(
      c.id,
      Buffer.from('Vermerk: Erfolgsaussichten der Beschwerde Verfassungsbeschwerdeentwurf gut.\n'),
      'vermerk.txt',
      { kind: 'other', privileged: 'true' },
      t.as('lawyer'),
    );
    await worker.runOnce();
    expect((await search('Verfassungsbeschwerdeentwurf', t.as('lawyer'))).map((h) => h.id)).toEqual(
      [c.id],
    );
    expect((await search('Verfassungsbeschwerdeentwurf', t.as('board'))).map((h) => h.id)).toEqual([
      c.id,
    ]);
    // The auditor sees the case, but not the privileged file: its words find nothing.
    await t.as('auditor').get(`/cases/${c.id}`).expect(200);
    expect(await search('Verfassungsbeschwerdeentwurf', t.as('auditor'))).toEqual([]);
    // A case word still finds the case for the auditor, and says nothing about files.
    const own = await search('Sicherstellung', t.as('auditor'));
    expect(own.find((h) => h.id === c.id)?.matchedInFiles).toBe(false);
  });

  it('never lets a word in a file find a restricted case for a non-member', async () => {
    const c = await f.case({ title: 'Server unter Schweigepflicht' });
    await upload(
      c.id,
      await samplePdf('Anordnung Geheimhaltungsvermerk Rechenzentrumsbetreiber'),
      'a.pdf',
    );
    await t.update(`/cases/${c.id}`, { restricted: true });
    await worker.runOnce();
    expect((await search('Rechenzentrumsbetreiber')).map((h) => h.id)).toEqual([c.id]);
    for (const role of ['lawyer', 'auditor'] as const) {
      expect(await search('Rechenzentrumsbetreiber', t.as(role))).toEqual([]);
    }
  });

  it('gives up quietly on a file with no text to be had, without blocking the rest', async () => {
    const c = await f.case();
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]);
    await upload(c.id, broken, 'kaputt.pdf');
    await upload(c.id, Buffer.from('Nachtrag: Sicherungskopienverzeichnis\n'), 'nachtrag.txt');
    await worker.runOnce();
    expect((await search('Sicherungskopienverzeichnis')).map((h) => h.id)).toEqual([c.id]);
    const states = await t.sql<{
      name: string;
      state: string;
      attempts: number;
      last_error: string;
    }>(
      `SELECT v.original_name AS name, t.state, t.attempts, t.last_error
         FROM file_texts t JOIN case_file_versions v ON v.sha256 = t.sha256
         JOIN case_files f ON f.id = v.file_id WHERE f.case_id = $1 ORDER BY v.original_name`,
      [c.id],
    );
    // The broken PDF waits for a later attempt (backoff); the text file is done.
    expect(states).toEqual([
      { name: 'kaputt.pdf', state: 'pending', attempts: 1, last_error: expect.any(String) },
      { name: 'nachtrag.txt', state: 'done', attempts: 1, last_error: null },
    ]);
  });

  const ocr = TESSERACT && PDFTOPPM ? it : it.skip;
  if (!TESSERACT || !PDFTOPPM) {
    if (process.env.REQUIRE_OCR) {
      it('has tesseract (deu, eng) and pdftoppm, as REQUIRE_OCR demands', () => {
        expect({ tesseract: TESSERACT, pdftoppm: PDFTOPPM }).toEqual({
          tesseract: true,
          pdftoppm: true,
        });
      });
    }
    console.warn(
      'Skipping the OCR tests: tesseract with deu+eng data (tesseract-ocr, tesseract-ocr-deu, ' +
        'tesseract-ocr-eng) and pdftoppm (poppler-utils) are needed to read scans.',
    );
  }

  ocr(
    'finds a case by a word in a scanned image and in a PDF made of scanned pages (OCR)',
    async () => {
      expect(worker.ocr).toBe(true);
      const page = await pdf((doc) =>
        doc
          .fontSize(40)
          .text('Sicherstellungsprotokoll', 60, 120)
          .text('Festplatte Seriennummer', 60, 220),
      );
      const png = scan(page);
      const photo = await f.case({ title: 'Fotos der Siegel' });
      await upload(photo.id, png, 'protokoll.png', { kind: 'protocol' });
      const scanned = await f.case({ title: 'Eingescannter Beschluss' });
      const scannedPdf = await pdf((doc) => doc.image(png, 0, 0, { width: 595 }));
      await upload(scanned.id, scannedPdf, 'beschluss-scan.pdf', { kind: 'order' });
      await worker.runOnce();
      const hits = await search('Sicherstellungsprotokoll');
      expect(hits.map((h) => h.id).sort()).toEqual([photo.id, scanned.id].sort());
      expect(hits.every((h) => h.matchedInFiles)).toBe(true);
      const methods = await t.sql<{ method: string }>(
        `SELECT method FROM file_texts WHERE content ILIKE '%Sicherstellungsprotokoll%' ORDER BY method`,
      );
      expect(methods.map((m) => m.method)).toEqual(['ocr', 'ocr']);
    },
    240_000,
  );
});

describe('downloads that fail part-way', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({ forcePglite: true });
    f = fixtures(t.http);
  }, 300_000);
  afterAll(() => t?.close(), 120_000);

  const rawGet = async (path: string) => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const token = (
      t.http as unknown as { _defaults: { fn: string; args: string[] }[] }
    )._defaults.find((d) => d.fn === 'set')!.args[1];
    return new Promise<{
      status: number;
      length: number | null;
      received: number;
      complete: boolean;
    }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: { authorization: token } });
      req.on('error', reject);
      req.on('response', (res) => {
        let received = 0;
        const length = res.headers['content-length'] ? Number(res.headers['content-length']) : null;
        const done = () =>
          resolve({ status: res.statusCode ?? 0, length, received, complete: res.complete });
        res.on('data', (c: Buffer) => (received += c.length));
        res.on('end', done);
        res.on('error', done);
        res.on('aborted', done);
        res.on('close', done);
      });
      req.end();
    });
  };

  it('aborts the transfer when the embedded database fails mid-download: never a short file with 200', async () => {
    const c = await f.case();
    const size = 6 * 1024 * 1024 + 123;
    const text = Buffer.alloc(size, 'Sicherstellungsprotokoll Seite 1\n');
    const file = await t.http
      .post(`/cases/${c.id}/files`)
      .query({ kind: 'protocol' })
      .attach('file', text, { filename: 'protokoll.txt', contentType: 'text/plain' })
      .expect(201);
    const path = `/cases/${c.id}/files/${file.body.id}/content`;
    const whole = await rawGet(path);
    expect(whole).toEqual({ status: 200, length: size, received: size, complete: true });

    // The first batch is read before the headers; a later one fails as a busy database does.
    const store = t.app.get(FileStore) as unknown as {
      readChunks: (id: string, from: number, count: number) => Promise<Buffer[]>;
    };
    const original = store.readChunks.bind(store);
    const spy = jest
      .spyOn(store, 'readChunks')
      .mockImplementation(async (id: string, from: number, count: number) => {
        if (from > 0)
          throw new Error('The embedded database stayed busy for 30 s; request abandoned');
        return original(id, from, count);
      });
    try {
      const cut = await rawGet(path);
      expect(cut.status).toBe(200);
      expect(cut.length).toBe(size);
      expect(cut.received).toBeGreaterThan(0);
      expect(cut.received).toBeLessThan(size);
      expect(cut.complete).toBe(false);
    } finally {
      spy.mockRestore();
    }

    // A chunk lost from the store is noticed before anything is sent: an error status, no body.
    await t.sql(
      `DELETE FROM file_content_chunks WHERE seq = 3 AND upload_id =
         (SELECT upload_id FROM file_contents WHERE sha256 = decode($1, 'hex'))`,
      [file.body.versions[0].sha256],
    );
    const damaged = await rawGet(path);
    expect(damaged.status).toBe(500);
    expect(damaged.length).not.toBe(size);
  }, 300_000);
});
