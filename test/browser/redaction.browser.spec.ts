import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { binary, pdfText } from '../support/pdf.js';
import { pdf } from '../support/sample-files.js';
import { darkShare } from '../support/scan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, launchChromium, serve } from './browser.js';
import {
  SCREENSHOTS,
  SLOW,
  expectAccessible,
  screenshots,
  signedIn,
  type Language,
} from './screens.js';

/**
 * The redaction screen in a real browser: the board opens a PDF of the case, draws one box with
 * the mouse, enters one with the keyboard, ticks a preset and adds a text rule, previews and makes
 * the copy; the copy is then in the files list, linked to its source, and none of the redacted
 * text is left in it (checked through the API, and on the rendered page).
 */
const KEPT = 'Amtsgericht Duesseldorf';
const EMAIL = 'max.mustermann@example.org';
const ACCOUNT = 'pirat-nrw-admin';
const JUDGE = 'Richter Dr. Geheim';
const FILE_NUMBER = 'Aktenzeichen 123 Js 456/15';
const SECRETS = [EMAIL, ACCOUNT, 'Geheim', '456/15'];

function order(): Promise<Buffer> {
  return pdf((doc) => {
    doc.fontSize(14).text(KEPT, 72, 72);
    doc.text(`Kontakt: ${EMAIL}`, 72, 100);
    doc.text(`Konto ${ACCOUNT}`, 72, 150);
    doc.text(JUDGE, 72, 200);
    doc.text(FILE_NUMBER, 72, 250);
  });
}

const WORDS = {
  de: {
    redact: (name: string) => `Geschwärzte Kopie von ${name} erstellen`,
    title: (name: string) => `${name} schwärzen`,
    field: (n: number, f: string) => `Rechteck ${n}: ${f}`,
    width: 'Breite',
    height: 'Höhe',
    addBox: 'Rechteck auf Seite 1 hinzufügen',
    email: 'E-Mail-Adressen',
    pattern: 'Regulärer Ausdruck',
    preview: 'Vorschau',
    create: 'Geschwärzte Kopie erstellen',
    created: 'Geschwärzte Kopie erstellt',
    toFiles: 'Zu den Dateien des Falls',
    files: 'Dateien',
    copy: 'geschwärzte Kopie',
    madeFrom: (name: string) => `${name}, Version 1`,
  },
  en: {
    redact: (name: string) => `Make a redacted copy of ${name}`,
    title: (name: string) => `Redact ${name}`,
    field: (n: number, f: string) => `Box ${n}: ${f}`,
    width: 'Width',
    height: 'Height',
    addBox: 'Add box on page 1',
    email: 'E-mail addresses',
    pattern: 'Regular expression',
    preview: 'Preview',
    create: 'Make the redacted copy',
    created: 'Redacted copy made',
    toFiles: 'To the files of the case',
    files: 'Files',
    copy: 'redacted copy',
    madeFrom: (name: string) => `${name}, version 1`,
  },
} as const;

describeInBrowser('the redaction screen in Chromium', () => {
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

  /** Types into a field as a keyboard user does: focus, select what is there, type. */
  async function typeInto(page: Page, label: string, text: string) {
    const input = page.getByLabel(label, { exact: true });
    await input.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  }

  /** Points on the page (from its top-left corner) to pixels of the screen. */
  async function toScreen(page: Page, x: number, y: number) {
    const box = (await page.getByTestId('redact-surface').boundingBox())!;
    return { x: box.x + (x / 595.28) * box.width, y: box.y + (y / 841.89) * box.height };
  }

  async function redactAs(language: Language, name: string) {
    const w = WORDS[language];
    const up = await t.http
      .post(`/cases/${caseId}/files`)
      .query({ kind: 'order' })
      .attach('file', await order(), name)
      .expect(201);
    const page = await signedIn(browser, base, 'board@test.example', language);
    await page.goto(`/app/cases/${caseId}`);
    await page.getByRole('link', { name: w.redact(name) }).click();
    await page.getByRole('heading', { level: 1, name: w.title(name) }).waitFor();
    await page.getByTestId('redact-surface').locator('img').waitFor();
    await expectAccessible(page);

    // With the mouse: a box over the judge's name (page points 60,195 to 400,222).
    const from = await toScreen(page, 60, 195);
    const to = await toScreen(page, 400, 222);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
    await page.mouse.move(to.x, to.y);
    await page.mouse.up();
    const drawnX = Number(await page.getByLabel(w.field(1, 'x'), { exact: true }).inputValue());
    expect(Math.abs(drawnX - 60)).toBeLessThan(3);

    // With the keyboard: add a box, enter its numbers (the file number).
    await page.getByRole('button', { name: w.addBox }).focus();
    await page.keyboard.press('Enter');
    await typeInto(page, w.field(2, 'x'), '60');
    await typeInto(page, w.field(2, 'y'), '245');
    await typeInto(page, w.field(2, w.width), '400');
    await typeInto(page, w.field(2, w.height), '27');
    await page.getByRole('checkbox', { name: w.email }).focus();
    await page.keyboard.press('Space');
    await typeInto(page, w.pattern, 'pirat-[a-z-]+');
    await page.keyboard.press('Enter');
    await page.getByText('pirat-[a-z-]+', { exact: true }).waitFor();
    await page.getByRole('switch', { name: w.preview }).check();
    await expectAccessible(page);
    await screenshots(page, 'redaction', language);

    await page.getByRole('button', { name: w.create }).click();
    await page.getByText(w.created, { exact: true }).waitFor();

    // Through the API: the copy, linked to its source, without any redacted text.
    const files = await t.http.get(`/cases/${caseId}/files`).expect(200);
    const copy = files.body.items.find(
      (f: { redactedFrom: { fileId: string } | null }) => f.redactedFrom?.fileId === up.body.id,
    );
    expect(copy).toMatchObject({
      redactedFrom: { fileId: up.body.id, version: 1 },
      versions: [{ originalName: `${name.replace(/\.pdf$/, '')}-redacted.pdf` }],
    });
    const bytes = (
      await t.http
        .get(`/cases/${caseId}/files/${copy.id}/content`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    const text = await pdfText(bytes);
    for (const secret of SECRETS) {
      expect(text).not.toContain(secret);
      expect(bytes.includes(Buffer.from(secret, 'latin1'))).toBe(false);
    }
    // Both boxes are black on the copy's page; the court's name above them is not.
    expect(await darkShare(bytes, 1, [75, 203, 200, 214])).toBeGreaterThan(0.9);
    expect(await darkShare(bytes, 1, [75, 253, 250, 264])).toBeGreaterThan(0.9);
    expect(await darkShare(bytes, 1, [72, 72, 200, 84])).toBeLessThan(0.5);

    // The files list shows the copy, linked to its source.
    await page.getByRole('link', { name: w.toFiles }).click();
    const section = page.getByRole('region', { name: w.files });
    const entry = section.getByRole('group', { name: copy.versions[0].originalName });
    await entry.getByText(w.copy, { exact: true }).waitFor();
    await expect(entry.getByRole('link', { name: w.madeFrom(name) }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await entry.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `redaction-files.${language}.png`) });
    await page.context().close();
  }

  it(
    'lets the board draw a box, type one, add text rules and make the copy (German)',
    () => redactAs('de', 'beschluss.pdf'),
    SLOW,
  );

  it('does the same in English', () => redactAs('en', 'order.pdf'), SLOW);
});
