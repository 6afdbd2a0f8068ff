import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { axeViolations, describeInBrowser, launchChromium, newContext, serve } from './browser.js';
import { DOCUMENT_TEST_ENV, loadDemoCases } from '../support/report-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The public page (/public) in headless Chromium, checked by axe-core: no violation of any impact,
 * empty and with publications in both languages. Skipped when no Chromium is installed, unless
 * REQUIRE_BROWSER=1 (as in CI).
 */

/** Generous: the machines are shared and slow; nothing here measures time. */
const SLOW = 300_000;

describeInBrowser('the public page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        ...DOCUMENT_TEST_ENV,
        ORG_ADDRESS: 'Pflugstraße 9a, 10115 Berlin',
        ORG_WEBSITE: 'https://example.org',
      },
    });
    base = await serve(t);
    browser = await launchChromium();
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(path: string) {
    const context = await newContext(browser, base, 'en');
    const page = await context.newPage();
    try {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      return { violations: await axeViolations(page), page };
    } catch (e) {
      await context.close();
      throw e;
    }
  }

  it(
    'has no axe violations before anything is published',
    async () => {
      const { violations, page } = await check('/public');
      try {
        expect(await page.locator('main').count()).toBe(1);
        expect(await page.textContent('main')).toContain('No report has been published yet.');
        expect(violations).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
    SLOW,
  );

  it(
    'has no axe violations with a German statement and an English report, and says which file each link opens',
    async () => {
      const cases = await loadDemoCases(t);
      const statement = await t.http.post('/publications/statements').send({
        caseId: cases['2015-001'],
        language: 'de',
        title: 'LKA NRW nimmt Landesverband vom Netz',
        position: 'Die Konten haben bei uns nie existiert.',
        sections: ['authorities', 'downtime'],
      });
      expect(statement.status).toBe(201);
      const report = await t.http.post('/publications/reports').send({
        from: '2011-01-01T00:00:00+01:00',
        to: '2021-01-01T00:00:00+01:00',
        language: 'en',
      });
      expect(report.status).toBe(201);

      const { violations, page } = await check('/public');
      try {
        expect(violations).toEqual([]);
        // Landmarks, headings in order, the language of each title.
        expect(await page.locator('header h1').count()).toBe(1);
        expect(await page.locator('main h2').allTextContents()).toEqual([
          `Latest report: ${report.body.title as string}`,
          'Transparency reports',
          'Statements',
          'Signed state of our audit trail',
          'Warrant canary',
        ]);
        expect(await page.locator('main h3[lang="de"]').allTextContents()).toEqual([
          'LKA NRW nimmt Landesverband vom Netz',
        ]);
        expect(await page.locator('footer a[href="/public/publications"]').count()).toBe(1);
        // A link's accessible name says what it opens, not only "PDF".
        const link = page.getByRole('link', {
          name: 'PDF of LKA NRW nimmt Landesverband vom Netz, Revision 1',
        });
        expect(await link.getAttribute('href')).toBe(
          `/public/publications/${statement.body.id}/pdf`,
        );
      } finally {
        await page.context().close();
      }
    },
    SLOW,
  );
});
