import { signedIn as signedInAs } from './screens.js';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, describeInBrowser, launchChromium, serve } from './browser.js';

/**
 * Time as people know it in the web app: the precision beside each time in the intake, how an
 * impact ended, the lower bound on the case page, and voiding a case recorded in error (in
 * English and German).
 */
/** Generous: the machines are shared and slow; nothing here measures time. */
const SLOW = 300_000;

describeInBrowser('times as people know them, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId = '';

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signed in as the board, on the case list (sign-in lands on the dashboard). */
  async function signedIn(language: 'de' | 'en'): Promise<Page> {
    const page = await signedInAs(browser, base, 'board@test.example', language);
    await page.goto('/app/cases');
    return page;
  }

  /** The form field with this label (a required field's label ends in an asterisk). */
  function field(page: Page, label: string) {
    return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
  }

  async function expectAccessible(page: Page) {
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  }

  it(
    'the intake records a day-precise receipt and a server held at least until a day; the page says "at least"',
    async () => {
      const page = await signedIn('en');
      await page.goto('/app/cases/new');
      await field(page, 'Short title').fill('Server secured in Falkenstein');
      await field(page, 'When did it reach us?').fill('2020-07-03T12:00');
      await field(page, 'Known to: When did it reach us?').selectOption('day');
      await expectAccessible(page);
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next' }).click();
      await field(page, 'Another system (name)').fill('Download server');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await field(page, 'Impact: Download server').selectOption('seized');
      await field(page, 'Since: Download server').fill('2020-07-03T12:00');
      await field(page, 'Known to: Since: Download server').selectOption('day');
      await field(page, 'End: Download server').selectOption('at_least_until');
      await field(page, 'Until: Download server').fill('2020-07-08T12:00');
      await field(page, 'Known to: Until: Download server').selectOption('day');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Save the case' }).click();
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      caseId = page.url().split('/').pop()!;

      const downtime = await page.getByTestId('downtime').textContent();
      expect(downtime).toMatch(/^at least approx\. /);
      await page
        .getByText(/^at least until /)
        .first()
        .waitFor();
      await expectAccessible(page);

      // The API holds what the page shows.
      const file = (await t.http.get(`/cases/${caseId}`)).body;
      expect(file.receivedAtPrecision).toBe('day');
      expect(file.affectedSystems[0]).toMatchObject({
        startedAtPrecision: 'day',
        endState: 'at_least_until',
        endedAtPrecision: 'day',
      });
      expect(file.impact.downtime).toMatchObject({ lowerBound: true, ongoing: false });
      await page.context().close();
    },
    SLOW,
  );

  it(
    'a case recorded in error is voided with a reason, marked, and listed only when asked for',
    async () => {
      const page = await signedIn('en');
      await page.goto(`/app/cases/${caseId}`);
      await page.getByRole('button', { name: 'Void: recorded in error…' }).click();
      await field(page, 'Why was it recorded in error?').fill('Logged twice.');
      await page.getByRole('button', { name: 'Void the case' }).click();
      await page.getByText('Recorded in error', { exact: true }).waitFor();
      await page.getByText('Void', { exact: true }).waitFor();
      await expectAccessible(page);
      expect((await t.http.get(`/cases/${caseId}`)).body).toMatchObject({
        status: 'void',
        voidReason: 'Logged twice.',
      });

      await page.goto('/app/cases');
      await page.waitForLoadState('networkidle');
      expect(await page.getByText('Server secured in Falkenstein').count()).toBe(0);
      // The filter lives in the address: the box is checked once the list has reloaded.
      await page.getByLabel('Show void cases').click();
      await page.getByText('Server secured in Falkenstein').waitFor();
      expect(await page.getByLabel('Show void cases').isChecked()).toBe(true);
      await page.context().close();

      // German: the same case, marked in German.
      const de = await signedIn('de');
      await de.goto(`/app/cases/${caseId}`);
      await de.getByText('Irrtümlich erfasst', { exact: true }).waitFor();
      await de.getByText('Ungültig', { exact: true }).waitFor();
      await expectAccessible(de);
      await de.context().close();
    },
    SLOW,
  );
});
