import { signedIn as signedInAs } from './screens.js';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtures } from '../support/fixtures.js';
import { axeViolations, describeInBrowser, launchChromium, serve } from './browser.js';

/**
 * The deadlines screen in Chromium: deadlines across cases, the reminder setting, the calendar
 * feed's secret address and the canary, in German and English.
 */
const SLOW = 300_000;

describeInBrowser('the deadlines screen in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let upcoming: { id: string; reference: string };

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp({
      env: { REMINDER_INTERVAL_SECONDS: '0', APP_URL: 'http://app.example' },
    });
    base = await serve(t);
    browser = await launchChromium();
    const f = fixtures(t.http);
    upcoming = await f.case({
      requestType: 'e_evidence_production_order',
      reference: 'EPOC-UI-1',
      receivedAt: new Date().toISOString(),
    });
    await f.case({
      requestType: 'e_evidence_preservation_order',
      reference: 'PR-UI-OLD',
      receivedAt: '2020-07-03T09:00:00+02:00',
    });
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
    'a board member sees upcoming and overdue deadlines, chooses immediate mail, manages the calendar address and renews the canary (German)',
    async () => {
      const page = await signedIn('board', 'de');
      await page.getByRole('link', { name: 'Fristen', exact: true }).click();
      await page.getByRole('heading', { name: 'Fristen und Erinnerungen' }).waitFor();
      const table = page.getByRole('table', { name: 'Anstehende und überschrittene Fristen' });
      const epocRow = table.getByRole('row').filter({ hasText: 'EPOC-UI-1' });
      await epocRow.getByText('Herausgabeanordnung (EPOC): Herausgabe binnen 10 Tagen').waitFor();
      const oldRow = table.getByRole('row').filter({ hasText: 'PR-UI-OLD' });
      await oldRow.getByText('Überschritten').waitFor();
      expect(await epocRow.getByText('Überschritten').count()).toBe(0);
      await page.getByRole('switch', { name: 'Nur überschrittene' }).check({ force: true });
      await table.getByRole('row').filter({ hasText: 'EPOC-UI-1' }).waitFor({ state: 'detached' });
      await page.getByRole('switch', { name: 'Nur überschrittene' }).uncheck({ force: true });

      await page.getByRole('radio', { name: 'Per E-Mail, sofort' }).check();
      for (let i = 0; i < 50; i++) {
        const prefs = await t.http.get('/me/reminder-preferences');
        if (prefs.body.mode === 'immediate') break;
        await page.waitForTimeout(200);
      }
      expect((await t.http.get('/me/reminder-preferences')).body.mode).toBe('immediate');
      await page.getByText('E-Mail ist in dieser Installation aus').waitFor();

      await page.getByRole('button', { name: 'Kalender-Adresse erstellen' }).click();
      const address = page.getByLabel('Geheime Kalender-Adresse');
      await address.waitFor();
      const url = await address.inputValue();
      expect(url).toMatch(/^http:\/\/app\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const feedPath = new URL(url).pathname;
      const feed = await t.as('anonymous').get(feedPath);
      expect(feed.status).toBe(200);
      expect(feed.text.replace(/\r\n[ \t]/g, '')).toContain(upcoming.id); // unfolded (RFC 5545 3.1)
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Kalender-Adresse widerrufen' }).click();
      await page.getByText('Sie haben kein Kalender-Abonnement.').waitFor();
      expect((await t.as('anonymous').get(feedPath)).status).toBe(404);

      await page.getByText('Es wurde noch keine Erklärung ausgestellt.').waitFor();
      await page.getByRole('button', { name: 'Für 30 Tage erneuern' }).click();
      await page.getByText(/^Gültig bis /).waitFor();
      expect((await t.as('anonymous').get('/public/canary')).status).toBe(200);
    },
    SLOW,
  );

  it(
    'an admin sees the canary and the mail outbox, not the deadlines of cases (English)',
    async () => {
      const page = await signedIn('admin', 'en');
      await page.goto('/app/deadlines');
      await page.getByRole('heading', { name: 'Deadlines and reminders' }).waitFor();
      await page.getByRole('heading', { name: 'Warrant canary' }).waitFor();
      await page.getByText(/^Valid until /).waitFor();
      await page.getByRole('heading', { name: 'Mail outbox' }).waitFor();
      await page.getByText('No mails.').waitFor();
      expect(
        await page.getByRole('heading', { name: 'Upcoming and overdue deadlines' }).count(),
      ).toBe(0);
      expect(await page.getByRole('button', { name: /^Renew/ }).count()).toBe(0);
      await page.getByRole('radio', { name: 'No e-mail (only here)' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    },
    SLOW,
  );
});
