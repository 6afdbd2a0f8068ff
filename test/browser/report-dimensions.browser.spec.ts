import { signedIn as signedInAs } from './screens.js';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, describeInBrowser, launchChromium, serve } from './browser.js';

/**
 * The case page's parts for the report dimensions, in Chromium: the defects of a request (recorded
 * by the board, read by a lawyer), automatic timeline events and the history in the page's
 * language. Skipped without Chromium unless REQUIRE_BROWSER=1.
 */
const SLOW = 300_000;

describeInBrowser('report dimensions on the case page', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId: string;

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    const created = await t.http.post('/cases').send({
      title: 'Anordnung per unverschlüsselter E-Mail',
      requestType: 'production_subscriber_data',
      channel: 'email',
      receivedAt: '2024-02-01T10:00:00+01:00',
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signed in, on the case list (sign-in lands on the dashboard). */
  async function signedIn(role: string, language: 'de' | 'en'): Promise<Page> {
    const page = await signedInAs(browser, base, `${role}@test.example`, language);
    await page.goto('/app/cases');
    return page;
  }

  it(
    'the board records the defects in German; the timeline and history speak German',
    async () => {
      const page = await signedIn('board', 'de');
      await page.goto(`/app/cases/${caseId}`);
      const section = page.getByRole('region', { name: 'Mängel der Anfrage' });
      await section.getByLabel('Unverschlüsselt übermittelt').check();
      await section.getByLabel('Keine Rechtsgrundlage genannt').check();
      await section.getByLabel('Was daraus wurde', { exact: true }).click();
      await page.getByRole('option', { name: 'Berichtigt und erneut gestellt' }).click();
      await section.getByRole('button', { name: 'Mängel speichern' }).click();
      // The note stays when the case reloads with its new version.
      await section.getByText('Gespeichert.').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await section.getByText('Gespeichert.').isVisible()).toBe(true);
      const file = (await t.http.get(`/cases/${caseId}`)).body;
      expect(file.defects.sort()).toEqual(['no_legal_basis', 'unencrypted_channel']);
      expect(file.defectOutcome).toBe('corrected_and_resubmitted');

      // the automatic receipt event in German, not the stored English line
      const timeline = page.getByRole('region', { name: 'Zeitleiste' });
      await timeline.getByText('Anfrage eingegangen (E-Mail).').first().waitFor();
      expect(await timeline.innerText()).not.toContain('Request received');
      // the history names fields by their labels
      const history = page.getByRole('region', { name: 'Verlauf' });
      await history.getByText('Mängel der Anfrage').first().waitFor();
      expect(await history.innerText()).not.toContain('defectOutcome');
      expect(await axeViolations(page)).toEqual([]);
    },
    SLOW,
  );

  it(
    'a lawyer reads them in English',
    async () => {
      const page = await signedIn('lawyer', 'en');
      await page.goto(`/app/cases/${caseId}`);
      const section = page.getByRole('region', { name: 'Defects of the request' });
      await section.getByText('Sent unencrypted').first().waitFor();
      await section.getByText('Corrected and resubmitted').first().waitFor();
      expect(await section.getByRole('button').count()).toBe(0);
      await page
        .getByRole('region', { name: 'Timeline' })
        .getByText('Request received (E-mail).')
        .waitFor();
    },
    SLOW,
  );
});
