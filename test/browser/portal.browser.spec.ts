import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, launchChromium, serve } from './browser.js';
import { HAVE_CHROMIUM, SLOW, screenshots } from './screens.js';

/** The public portal without JavaScript: small, with downloads, and silent about gagged cases. */
(HAVE_CHROMIUM ? describe : describe.skip)('the public portal in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const GAGGED = 'Geheime Beschlagnahme Rechenzentrum Nord';
  let gaggedReference = '';

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    base = await serve(t);
    browser = await launchChromium();
    const open = await t.http.post('/cases').send({
      title: 'Durchsuchung Kreisverband Süd',
      requestType: 'search_and_seizure',
      receivedAt: '2019-03-04T08:00:00+01:00',
    });
    expect(open.status).toBe(201);
    const gagged = await t.http.post('/cases').send({
      title: GAGGED,
      requestType: 'server_seizure',
      receivedAt: '2019-05-06T08:00:00+02:00',
    });
    expect(gagged.status).toBe(201);
    gaggedReference = gagged.body.reference as string;
    const gag = await t.http
      .post(`/cases/${gagged.body.id as string}/gag-orders`)
      .send({ legalBasis: 'unknown', binding: 'yes' });
    expect(gag.status).toBe(201);
    for (const language of ['de', 'en'])
      expect(
        (await t.http.post('/publications/reports').send({ year: '2019', language })).status,
      ).toBe(201);
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(
    'works without JavaScript, stays under 50 kB and offers the report files',
    async () => {
      const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
      const page = await context.newPage();
      const response = await page.goto('/public');
      expect(response?.status()).toBe(200);
      expect((await response!.body()).length).toBeLessThanOrEqual(50 * 1024);
      const links = await page.locator('a[href^="/public/publications/"]').count();
      expect(links).toBe(6); // two reports (DE, EN), each as PDF, JSON and CSV
      await screenshots(page, 'portal', 'en');
      await context.close();
      // axe runs as a script in the page: checked with JavaScript on (the portal has none of its own).
      const scripted = await (await browser.newContext({ baseURL: base })).newPage();
      await scripted.goto('/public');
      expect(await axeViolations(scripted)).toEqual([]);
      await scripted.context().close();
    },
    SLOW,
  );

  it(
    'never shows a gagged case: no title, no reference, no count that reveals it',
    async () => {
      const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto('/public');
      const texts = [await page.content()];
      const hrefs = await page
        .locator('a[href^="/public/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      for (const href of hrefs.filter((h) => !h.endsWith('/pdf'))) {
        const file = await page.request.get(href);
        expect(file.status()).toBe(200);
        texts.push(await file.text());
      }
      for (const text of texts) {
        expect(text).not.toContain(GAGGED);
        expect(text).not.toContain(gaggedReference);
      }
      // The 2019 report counts one request: the gagged one is neither counted nor "withheld".
      const json = await page.request.get(hrefs.find((h) => h.endsWith('/json'))!);
      const report = (await json.json()) as {
        sections: { key: string; rows: { key: string; value: unknown }[] }[];
      };
      const totals = report.sections.find((s) => s.key === 'totals')!;
      expect(totals.rows.find((r) => r.key === 'requests')!.value).toBe(1);
      await context.close();
    },
    SLOW,
  );
});
