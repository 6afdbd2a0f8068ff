import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium, serve } from './browser.js';
import { HAVE_CHROMIUM, SLOW, expectAccessible, field, screenshots, signedIn } from './screens.js';

/** The board's landing page and the transparency report screen. */
(HAVE_CHROMIUM ? describe : describe.skip)('dashboard and reports in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    base = await serve(t);
    browser = await launchChromium();
    for (const [title, receivedAt, requestType] of [
      ['Durchsuchung Landesverband', '2015-01-15T11:12:00+01:00', 'search_and_seizure'],
      [
        'Auskunftsersuchen Mitgliederdaten',
        '2015-06-02T09:00:00+02:00',
        'production_subscriber_data',
      ],
      ['Bestandsdatenauskunft', '2015-09-20T14:00:00+02:00', 'production_subscriber_data'],
    ] as const) {
      const created = await t.http.post('/cases').send({ title, receivedAt, requestType });
      expect(created.status).toBe(201);
    }
    const open = await t.http.post('/cases').send({
      title: 'Offene Beschlagnahme mit Frist',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      requestType: 'server_seizure',
    });
    expect(open.status).toBe(201);
    const deadline = await t.http.post(`/cases/${open.body.id as string}/deadlines`).send({
      kind: 'complaint',
      dueAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(deadline.status).toBe(201);
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(['de', 'en'] as const)(
    'in %s the landing page shows open cases and the overdue deadline',
    async (language) => {
      const de = language === 'de';
      const page = await signedIn(browser, base, 'board@test.example', language);
      await expect(page.getByTestId('deadline-summary').textContent()).resolves.toBe(
        de ? '1 offen, 1 überschritten' : '1 open, 1 overdue',
      );
      await page
        .getByRole('region', { name: de ? 'Offene Fälle' : 'Open cases' })
        .getByRole('link', { name: /Offene Beschlagnahme mit Frist/ })
        .waitFor();
      await expectAccessible(page);
      await screenshots(page, 'dashboard', language);
      await page.context().close();
    },
    SLOW,
  );

  it.each(['de', 'en'] as const)(
    'in %s the board reads the 2015 figures with charts, downloads the CSV and publishes',
    async (language) => {
      const de = language === 'de';
      const page = await signedIn(browser, base, 'board@test.example', language);
      await page.getByRole('link', { name: de ? 'Berichte' : 'Reports' }).click();
      await page.getByRole('textbox', { name: de ? 'Jahr' : 'Year' }).fill('2015');
      const byType = page.getByTestId('section-request_type');
      await page.getByText(de ? 'Zeitraum 2015,' : 'Period 2015,', { exact: false }).waitFor();
      await expect(byType.getByRole('row').count()).resolves.toBeGreaterThan(0);
      await page.locator('.recharts-surface').first().waitFor(); // the chart chunk loads lazily
      await expectAccessible(page);
      await screenshots(page, 'reports', language);

      const csvHref = await page
        .getByRole('link', { name: de ? 'CSV herunterladen' : 'Download CSV' })
        .getAttribute('href');
      const csv = await page.request.get(csvHref!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/text\/csv/);
      expect(await csv.text()).toMatch(/section,key,label,unit,value,low,high/);

      await page
        .getByRole('button', { name: de ? 'Jetzt veröffentlichen (DE)' : 'Publish now (EN)' })
        .click();
      await page
        .getByText(de ? 'Als Revision 1 veröffentlicht.' : 'Published as revision 1.')
        .waitFor();
      const pdf = await page.request.get(
        (await page.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href'))!,
      );
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // The segmented control's radio is visually hidden: a user clicks its label.
      await page.getByText(de ? 'Von – bis' : 'From – to', { exact: true }).click();
      await field(page, de ? 'Von' : 'From').fill('2015-06-01');
      await field(page, de ? 'Bis (einschließlich)' : 'To (inclusive)').fill('2015-05-01');
      await page.getByRole('alert').waitFor();
      await page.context().close();
    },
    SLOW,
  );
});
