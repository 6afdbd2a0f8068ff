import { signedIn as signedInAs } from './screens.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { FileTextWorker } from '../../src/files/text/file-text.worker.js';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { verifyBundle } from '../../src/bundle/bundle-verifier.js';
import { samplePdf, samplePng } from '../support/sample-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, describeInBrowser, launchChromium, serve } from './browser.js';

/**
 * The files section of the case page in a real browser: upload with a kind, the versions with
 * their SHA-256, a download that is the uploaded bytes, in German and in English.
 */
const SLOW = 300_000;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeInBrowser('the files of a case in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId = '';

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    const created = await t.http.post('/cases').send({
      title: 'LKA NRW takes the IT offline',
      requestType: 'search_and_seizure',
      receivedAt: '2015-01-15T11:12:00+01:00',
    });
    caseId = created.body.id;
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signed in, on the case list (sign-in lands on the dashboard). */
  async function signedIn(role: 'board' | 'lawyer', language: 'de' | 'en'): Promise<Page> {
    const page = await signedInAs(browser, base, `${role}@test.example`, language);
    await page.goto('/app/cases');
    return page;
  }

  it(
    'uploads the order as the board (German), lists its SHA-256 and downloads the same bytes',
    async () => {
      const pdf = await samplePdf('Beschluss des Amtsgerichts vom 15.01.2015');
      const page = await signedIn('board', 'de');
      await page.goto(`/app/cases/${caseId}`);
      const section = page.getByRole('region', { name: 'Dateien' });
      await section.getByText('Noch keine Dateien.').waitFor();
      await section
        .locator('input[type=file]')
        .last()
        .setInputFiles({ name: 'beschluss-2015.pdf', mimeType: 'application/pdf', buffer: pdf });
      await section.getByRole('button', { name: 'Hochladen' }).click();
      await section.getByText(sha256(pdf)).waitFor();
      await expect(
        section.getByText('Beschluss', { exact: true }).count(),
      ).resolves.toBeGreaterThan(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: 'Version 1 herunterladen' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('beschluss-2015.pdf');
      const saved = await download.path();
      expect(sha256(readFileSync(saved))).toBe(sha256(pdf));

      // A corrected scan: version 2 beside version 1.
      const corrected = await samplePdf('Beschluss des Amtsgerichts vom 15.01.2015 (lesbar)');
      await section
        .getByRole('group', { name: 'beschluss-2015.pdf' })
        .locator('input[type=file]')
        .setInputFiles({
          name: 'beschluss-2015-lesbar.pdf',
          mimeType: 'application/pdf',
          buffer: corrected,
        });
      await section.getByRole('button', { name: 'Version hinzufügen' }).click();
      await section.getByText(sha256(corrected)).waitFor();
      await expect(section.getByText(sha256(pdf)).isVisible()).resolves.toBe(true);
      await expect(
        section.getByRole('link', { name: 'Fallbündel (ZIP)' }).getAttribute('href'),
      ).resolves.toBe(`/cases/${caseId}/bundle?lang=de`);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
      if (process.env.FILES_SCREENSHOT)
        await section.screenshot({ path: process.env.FILES_SCREENSHOT });
    },
    SLOW,
  );

  it(
    'lets a lawyer (English) add only privileged files and shows them marked',
    async () => {
      const page = await signedIn('lawyer', 'en');
      await page.goto(`/app/cases/${caseId}`);
      const section = page.getByRole('region', { name: 'Files' });
      await section.getByText('Order', { exact: true }).first().waitFor();
      await expect(section.getByRole('checkbox', { name: /Privileged/ }).isChecked()).resolves.toBe(
        true,
      );
      await expect(
        section.getByRole('checkbox', { name: /Privileged/ }).isDisabled(),
      ).resolves.toBe(true);
      const photo = samplePng(32, 32);
      await section
        .locator('input[type=file]')
        .last()
        .setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: photo });
      await section.getByRole('button', { name: 'Upload' }).click();
      await section.getByText(sha256(photo)).waitFor();
      await expect(section.getByText('privileged', { exact: true }).isVisible()).resolves.toBe(
        true,
      );
      const error = Buffer.from('MZ\u0090\u0000not a document', 'latin1');
      await section
        .locator('input[type=file]')
        .last()
        .setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: error });
      await section.getByRole('button', { name: 'Upload' }).click();
      await section.getByText(/which is not accepted/).waitFor();

      // The case bundle: one ZIP with the files and the proven audit records; it verifies offline.
      const [bundle] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: 'Case bundle (ZIP)' }).click(),
      ]);
      expect(bundle.suggestedFilename()).toMatch(/^case-bundle-.+\.zip$/);
      const lines = await verifyBundle(await bundle.path());
      expect(lines.join('\n')).toMatch(/files: 4,/);
      expect(await axeViolations(page)).toEqual([]);
    },
    SLOW,
  );

  it(
    'says in the case list when a search found the case by the text of one of its files (German and English)',
    async () => {
      const memo = Buffer.from('Schreiben: Herausgabe der Verbindungsdatenprotokolle\n');
      await t.http
        .post(`/cases/${caseId}/files`)
        .query({ kind: 'correspondence' })
        .attach('file', memo, { filename: 'schreiben.txt', contentType: 'text/plain' })
        .expect(201);
      await t.app.get(FileTextWorker).runOnce();
      for (const [language, line] of [
        ['de', 'Gefunden im Text einer Datei dieses Falls'],
        ['en', 'Found in the text of a file of this case'],
      ] as const) {
        const page = await signedIn('board', language);
        await page.goto('/app/cases?q=Verbindungsdatenprotokolle');
        const row = page.getByRole('row', { name: /LKA NRW takes the IT offline/ });
        await row.getByText(line).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // A word of the case itself: no such line.
        await page.goto('/app/cases?q=offline');
        await page.getByRole('row', { name: /LKA NRW takes the IT offline/ }).waitFor();
        await expect(page.getByText(line).count()).resolves.toBe(0);
        await page.context().close();
      }
    },
    SLOW,
  );
});
