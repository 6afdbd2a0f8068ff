import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BundleCheckFailed, verifyBundle } from '../../src/bundle/bundle-verifier.js';
import { loadDemoData, type InjectFn } from '../../src/cli/demo-loader.js';
import { FileTextWorker } from '../../src/files/text/file-text.worker.js';
import { readZipEntries, writeZipEntries } from '../support/bundle-zip.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { DOCUMENT_TEST_ENV } from '../support/report-helpers.js';
import { pdf, SAMPLE_EML, samplePng } from '../support/sample-files.js';
import { PDFTOPPM, TESSERACT, ocrText, scan } from '../support/scan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue "the order itself in the case file", done when: the scanned 2015 order, two photos and the
 * LKA's e-mail are attached to the 2015 case, the case is found by a word inside the scan (OCR),
 * the order is redacted and, once the case is closed, published with a statement; anyone
 * downloads the redacted copy, in which the redacted words are nowhere; the case bundle verifies
 * offline and a flipped byte makes it fail.
 *
 * Needs tesseract (deu, eng) and pdftoppm; skipped without them unless REQUIRE_OCR is set.
 */

/** A word of the order that no record of the demo data holds: found only by reading the scan. */
const WORD = 'Serverschrank';
const CONTACT = 'beschuldigter@example.org';
const PHONE = '0211 555 0199';

/** The 2015 order as the court printed it, before it is scanned. */
const printedOrder = () =>
  pdf((doc) => {
    doc.fontSize(28).text('Amtsgericht Düsseldorf', 60, 80);
    doc.fontSize(22).text('Beschluss vom 14. Januar 2015', 60, 140);
    doc.fontSize(22).text(`Beschlagnahme: ${WORD} im Rechenzentrum`, 60, 220);
    // The suspect's contact details: blacked out in the public copy (the box below).
    doc.fontSize(20).text(`Kontakt: ${CONTACT}`, 60, 400);
    doc.fontSize(20).text(`Tel. ${PHONE}`, 60, 440);
    doc.fontSize(22).text('Die Konten sind zu sichern.', 60, 560);
  });
/** The area of the contact details on the page, in PDF points from the top left. */
const CONTACT_BOX = { page: 1, x: 40, y: 385, width: 520, height: 95 };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('done when: the scanned 2015 order is found, redacted, published and in a bundle that verifies', () => {
  let t: TestApp;
  let caseId: string;
  const dir = mkdtempSync(join(tmpdir(), 'order-2015-'));
  beforeAll(async () => {
    t = await startTestApp({ env: DOCUMENT_TEST_ENV });
    const inject: InjectFn = async (method, url, body, headers = {}) => {
      const res = await t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](url)
        .set(headers)
        .send(body as object);
      return { statusCode: res.status, json: res.body as unknown };
    };
    caseId = (await loadDemoData(inject)).cases['2015-001'];
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
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
      'Skipping the scanned-order test: tesseract with deu+eng data and pdftoppm are needed to read scans.',
    );
  }

  ocr(
    'attaches the scan, finds the case by a word in it, redacts, closes, publishes; anyone downloads the copy; the bundle verifies',
    async () => {
      const search = async (q: string) =>
        (await t.http.get('/cases').query({ q }).expect(200)).body.items as {
          id: string;
          matchedInFiles?: boolean;
        }[];
      const attach = (bytes: Buffer, name: string, kind: string) =>
        t.http
          .post(`/cases/${caseId}/files`)
          .query({ kind })
          .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' })
          .expect(201);

      // The scan: a page image in a PDF, no text layer at all.
      const page = scan(await printedOrder());
      const scanned = await pdf((doc) => doc.image(page, 0, 0, { width: 595 }));
      expect(squeeze(await pdfText(scanned))).not.toMatch(/Amtsgericht|Beschluss|[0-9]{4}/);
      expect(await search(WORD)).toEqual([]);
      const order = await attach(scanned, 'beschluss-2015-01-14-scan.pdf', 'order');
      await attach(samplePng(64, 48), 'siegel-serverraum.png', 'photo');
      await attach(samplePng(48, 64), 'seriennummer.png', 'photo');
      await attach(SAMPLE_EML, 'lka-nrw.eml', 'correspondence');

      // Found by a word inside the scan once the background job has read it (OCR).
      await t.app.get(FileTextWorker).runOnce();
      const hit = (await search(WORD)).find((h) => h.id === caseId);
      expect(hit).toEqual(expect.objectContaining({ id: caseId, matchedInFiles: true }));

      // A public copy without the suspect's contact details.
      const copy = await t.http
        .post(`/cases/${caseId}/files/${order.body.id}/redacted-copies`)
        .send({ rectangles: [CONTACT_BOX] })
        .expect(201);

      // Closed, then published with the copy.
      const closed = await t.http
        .post(`/cases/${caseId}/status`)
        .send({ status: 'closed', note: 'Nothing handed over; the order is published, redacted.' });
      expect(closed.status).toBe(200);
      const statement = await t.http
        .post('/publications/statements')
        .send({
          caseId,
          language: 'de',
          title: 'LKA NRW nimmt Landesverband vom Netz: der Beschluss',
          position: 'Wir veröffentlichen den Beschluss, ohne die Kontaktdaten des Beschuldigten.',
          sections: ['authorities', 'affected_systems', 'downtime', 'handover'],
          fileIds: [copy.body.id],
        })
        .expect(201);
      const [attachment] = statement.body.attachments as { url: string; sha256: string }[];

      // Anyone downloads it; the redacted words are in neither its bytes nor its text.
      const publicCopy = await t
        .as('anonymous')
        .get(attachment.url)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const bytes = publicCopy.body as Buffer;
      expect(publicCopy.headers['content-disposition']).toMatch(/^attachment;/);
      expect(sha256(bytes)).toBe(attachment.sha256);
      for (const secret of [CONTACT, PHONE, 'beschuldigter'])
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(squeeze(await pdfText(bytes))).not.toContain('beschuldigter');
      // Read as a person would read it: the rest of the order is there, the contact is black.
      const seen = ocrText(bytes);
      expect(seen).toContain(WORD);
      expect(seen).not.toMatch(/beschuldigter|example\.org|555/);
      // The statement PDF names it with its SHA-256.
      const statementPdf = (
        await t
          .as('anonymous')
          .get(statement.body.files.pdf.url)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
      expect(squeeze(await pdfText(statementPdf))).toContain(attachment.sha256);

      // The bundle holds the original and the copy, proves the audit trail, and verifies offline.
      const bundle = await t.http
        .get(`/cases/${caseId}/bundle`)
        .query({ lang: 'de' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const path = join(dir, 'bundle-2015-001.zip');
      writeFileSync(path, bundle.body as Buffer);
      expect((await verifyBundle(path)).join('\n')).toMatch(/files: 6,/);
      const entries = await readZipEntries(path);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
        entries: { sha256: string }[];
      };
      expect(manifest.entries.map((e) => e.sha256)).toContain(attachment.sha256);
      const name = [...entries.keys()].find((k) => k.startsWith(`files/${copy.body.id}/`))!;
      const changed = Buffer.from(entries.get(name)!);
      changed[Math.floor(changed.length / 2)] ^= 0x01;
      const forged = join(dir, 'forged.zip');
      await writeZipEntries(forged, new Map([...entries, [name, changed]]));
      await expect(verifyBundle(forged)).rejects.toThrow(BundleCheckFailed);
    },
    300_000,
  );
});
