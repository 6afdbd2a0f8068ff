import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BundleCheckFailed, verifyBundle } from '../../src/bundle/bundle-verifier.js';
import { loadDemoData, type InjectFn } from '../../src/cli/demo-loader.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { readZipEntries, writeZipEntries } from '../support/bundle-zip.js';
import { pdf, SAMPLE_EML, samplePng } from '../support/sample-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The 2015 order as a scan would look: a page of text, made with pdfkit. */
function order2015(): Promise<Buffer> {
  return pdf((doc) => {
    doc.fontSize(16).text('Amtsgericht Düsseldorf', 72, 72);
    doc.fontSize(12).moveDown().text('Beschluss vom 14. Januar 2015');
    doc
      .moveDown()
      .text(
        'In dem Ermittlungsverfahren wird die Durchsuchung der Serverräume angeordnet. ' +
          'Die Konten des Beschuldigten (Kontakt: beschuldigter@example.org, Tel. 0211 555 0199) ' +
          'sind zu sichern.',
      );
  });
}

describe('done when: the 2015 order, photos and e-mail in a bundle that verifies offline', () => {
  let t: TestApp;
  let caseId: string;
  const dir = mkdtempSync(join(tmpdir(), 'bundle-2015-'));
  beforeAll(async () => {
    t = await startTestApp();
    const inject: InjectFn = async (method, url, body, headers = {}) => {
      const res = await t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](url)
        .set(headers)
        .send(body as object);
      return { statusCode: res.status, json: res.body as unknown };
    };
    caseId = (await loadDemoData(inject)).cases['2015-001'];
  }, 300_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches the order, two photos and the LKA e-mail; the bundle verifies; a flipped byte fails', async () => {
    const attach = (bytes: Buffer, name: string, kind: string) =>
      t.http
        .post(`/cases/${caseId}/files`)
        .query({ kind })
        .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' })
        .expect(201);
    const order = await attach(await order2015(), 'beschluss-2015-01-14.pdf', 'order');
    await attach(samplePng(64, 48), 'siegel-serverraum.png', 'photo');
    await attach(samplePng(48, 64), 'seriennummer.png', 'photo');
    await attach(SAMPLE_EML, 'lka-nrw.eml', 'correspondence');

    // A public copy of the order without the suspect's contact details.
    const copy = await t.http
      .post(`/cases/${caseId}/files/${order.body.id}/redacted-copies`)
      .send({ presets: ['email', 'phone'] })
      .expect(201);
    const copyBytes = (
      await t.http
        .get(`/cases/${caseId}/files/${copy.body.id}/content`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    expect(await pdfText(copyBytes)).not.toContain('beschuldigter@example.org');
    expect(copyBytes.includes(Buffer.from('0211 555 0199'))).toBe(false);

    const res = await t.http
      .get(`/cases/${caseId}/bundle`)
      .query({ lang: 'de' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const path = join(dir, 'bundle-2015-001.zip');
    writeFileSync(path, res.body as Buffer);
    const lines = await verifyBundle(path);
    expect(lines.join('\n')).toMatch(/files: 6,/);

    const entries = await readZipEntries(path);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.case.reference).toBe('2015-001');
    expect(
      manifest.entries.map((e: { file?: { kind: string } }) => e.file?.kind ?? 'case_file'),
    ).toEqual(['case_file', 'order', 'photo', 'photo', 'correspondence', 'order']);

    // The case file lists every file with kind, version and SHA-256.
    const text = squeeze(await pdfText(entries.get('case-file.pdf')!));
    expect(text).toContain(squeeze('Dateien'));
    for (const e of manifest.entries.slice(1) as {
      sha256: string;
      file: { originalName: string };
    }[]) {
      expect(text).toContain(e.sha256);
      expect(text).toContain(squeeze(`${e.file.originalName}, Version 1`));
    }
    expect(text).toContain(squeeze('Schriftverkehr'));

    const forged = join(dir, 'forged.zip');
    for (const name of [
      `files/${order.body.id}/v1/beschluss-2015-01-14.pdf`,
      'audit/records.json',
    ]) {
      const changed = Buffer.from(entries.get(name)!);
      changed[Math.floor(changed.length / 3)] ^= 0x04;
      await writeZipEntries(forged, new Map([...entries, [name, changed]]));
      await expect(verifyBundle(forged)).rejects.toThrow(BundleCheckFailed);
    }
  }, 300_000);
});
