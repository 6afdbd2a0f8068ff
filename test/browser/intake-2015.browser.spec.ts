import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, launchChromium, serve } from './browser.js';
import { expectAccessible, field, screenshots, SCREENSHOTS, signedIn, SLOW } from './screens.js';

/**
 * The 2015 seed case recorded through the guided intake as a board member would, in German: the
 * unit of the organisation, an order that names no provision, two systems offline from 09:45 to
 * 12:21 with an end the intake insists on, a readable review, and the case file that results.
 */
describeInBrowser('intake of the 2015 case, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    const top = await t
      .as('admin')
      .post('/units')
      .send({ name: 'Bundesverband', kind: 'federal' })
      .expect(201);
    await t
      .as('admin')
      .post('/units')
      .send({ name: 'Landesverband NRW', kind: 'state', parentId: top.body.id })
      .expect(201);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(
    'records the case with every fact the intake asks for and prints it honestly',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'de');
      await page.goto('/app/cases/new');
      await page.getByRole('heading', { level: 1, name: 'Neuen Fall erfassen' }).waitFor();
      // Without a title the step says what is missing, not just the field's name.
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByText('Geben Sie dem Fall einen kurzen Titel.').waitFor();
      await field(page, 'Kurzer Titel').fill('LKA NRW nimmt die IT des Landesverbands vom Netz');
      await field(page, 'Wann ging es bei uns ein?').fill('2015-01-15T11:12');
      await page.getByRole('combobox', { name: 'Organisationseinheit', exact: true }).click();
      await page.getByRole('option', { name: 'Bundesverband › Landesverband NRW' }).click();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Weiter' }).click();

      await field(page, 'Noch nicht im Verzeichnis: Name').fill('Landeskriminalamt NRW');
      await field(page, 'Ihre Rolle').selectOption('executing');
      await page.getByRole('button', { name: 'Weiter' }).click();

      // A seizure order (Beschlagnahmebeschluss) whose provision the seed does not name.
      await page.getByLabel('Das Dokument nennt keine Vorschrift').check();
      expect(await field(page, 'Norm').isDisabled()).toBe(true);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Weiter' }).click();

      await page.getByRole('button', { name: 'Ziel hinzufügen' }).click();
      await field(page, 'Wert').fill('Benutzerkonten einer Person');
      await field(page, 'Existiert bei uns?').selectOption('never_existed');
      await page.getByRole('button', { name: 'Weiter' }).click();

      for (const name of ['Webserver NRW', 'Mailserver NRW']) {
        await field(page, 'Weiteres System (Name)').fill(name);
        await page.getByRole('button', { name: 'Hinzufügen' }).click();
        await field(page, `Auswirkung: ${name}`).selectOption('offline');
        await field(page, `Seit: ${name}`).fill('2015-01-15T09:45');
      }
      await field(page, 'Bis: Webserver NRW').fill('2015-01-15T12:21');
      // "At least until" without its time is refused; it would say nothing.
      await field(page, 'Ende: Mailserver NRW').selectOption('at_least_until');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page
        .getByText(
          'Geben Sie das Ende an oder den letzten Zeitpunkt, bis zu dem es sicher andauerte.',
        )
        .waitFor();
      await field(page, 'Ende: Mailserver NRW').selectOption('ended');
      await field(page, 'Bis: Mailserver NRW').fill('2015-01-15T12:21');
      await expectAccessible(page);
      await screenshots(page, 'intake-2015-systems', 'de');
      await page.getByRole('button', { name: 'Weiter' }).click();

      // The review prints the time as people read it, not as the input holds it.
      await page.getByText(/15\.01\.2015, 11:12/).waitFor();
      expect(await page.getByText('2015-01-15 11:12').count()).toBe(0);
      await page.getByText('Norm: keine Vorschrift genannt').waitFor();
      await page.getByText('Organisationseinheit: Bundesverband › Landesverband NRW').waitFor();
      await page.getByText(/Webserver NRW \(15\.01\.2015, 09:45 – 15\.01\.2015, 12:21\)/).waitFor();
      await expectAccessible(page);
      await screenshots(page, 'intake-2015-review', 'de');
      await page.getByRole('button', { name: 'Fall speichern' }).click();
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;

      await expect(page.getByTestId('downtime').textContent()).resolves.toBe('2 Std. 36 Min.');
      await page.getByTestId('case-unit').getByText('Bundesverband › Landesverband NRW').waitFor();
      await page
        .getByRole('region', { name: 'Rechtsgrundlagen' })
        .getByText('keine Vorschrift genannt')
        .waitFor();
      await expectAccessible(page);
      await screenshots(page, 'intake-2015-case', 'de');

      const file = (await t.http.get(`/cases/${id}`)).body;
      expect(file.legalBases[0]).toMatchObject({ notStated: true, citation: null });
      expect(file.affectedSystems.map((s: { endState: string }) => s.endState)).toEqual([
        'ended',
        'ended',
      ]);
      expect(file.impact.downtime.totalMinutes).toBe(156);
      // The primary type is the case's first measure, with its basis and the executing authority.
      expect(file.measures).toHaveLength(1);
      expect(file.measures[0]).toMatchObject({
        type: 'search_and_seizure',
        legalBasisId: file.legalBases[0].id,
        orderedById: null,
        executedBy: { name: 'Landeskriminalamt NRW' },
      });

      for (const lang of ['de', 'en'] as const) {
        const res = await t.http
          .get(`/cases/${id}/case-file.pdf?lang=${lang}`)
          .buffer(true)
          .parse(binary);
        expect(res.status).toBe(200);
        writeFileSync(join(SCREENSHOTS, `intake-2015-case-file.${lang}.pdf`), res.body as Buffer);
        const text = squeeze(await pdfText(res.body as Buffer));
        expect(text).toContain(squeeze('09:45'));
        expect(text).toContain(squeeze('12:21'));
        expect(text).toContain(squeeze('Landesverband NRW'));
        expect(text).toContain(
          squeeze(lang === 'de' ? 'keine Vorschrift genannt' : 'no provision named'),
        );
      }
      await page.context().close();
    },
    2 * SLOW,
  );
});
