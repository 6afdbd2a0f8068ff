import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { verify } from 'node:crypto';
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
    // The canary is renewed while no gag is in force; the gag below then blocks renewals only.
    expect((await t.http.post('/canary/renewals').send({})).status).toBe(201);
    const statement = {
      caseId: open.body.id as string,
      language: 'de',
      title: 'Durchsuchung beim Kreisverband Süd',
      position: 'Wir haben nichts herausgegeben.',
      sections: ['authorities'],
    };
    expect((await t.http.post('/publications/statements').send(statement)).status).toBe(201);
    expect(
      (
        await t.http
          .post('/publications/statements')
          .send({ ...statement, revisionNote: 'Präzisiert.' })
      ).status,
    ).toBe(201);
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
      // two reports (DE, EN) and two revisions of a statement, each as PDF, JSON and CSV
      expect(links).toBe(12);
      await page.getByRole('heading', { level: 3, name: 'Its breakdowns as bar charts' }).waitFor();
      expect(await page.locator('main table.chart meter').count()).toBeGreaterThan(1);
      await screenshots(page, 'portal', 'en');
      await context.close();
      // axe runs as a script in the page: checked with JavaScript on (the portal has none of its own).
      for (const path of ['/public', '/public?lang=de']) {
        const scripted = await (await browser.newContext({ baseURL: base })).newPage();
        await scripted.goto(path);
        expect(await axeViolations(scripted)).toEqual([]);
        await scripted.context().close();
      }
    },
    SLOW,
  );

  it(
    'in German too: revisions marked, the signed checkpoint that verifies, and the signed canary',
    async () => {
      const context = await browser.newContext({
        baseURL: base,
        javaScriptEnabled: false,
        locale: 'de-DE',
      });
      const page = await context.newPage();
      const response = await page.goto('/public');
      expect(response?.headers()['content-language']).toBe('de');
      expect((await response!.body()).length).toBeLessThanOrEqual(50 * 1024);
      expect(await page.locator('main h2').allTextContents()).toEqual([
        expect.stringMatching(/^Neuester Bericht: /),
        'Transparenzberichte',
        'Stellungnahmen',
        'Signierter Stand unseres Prüfprotokolls',
        'Warrant Canary',
      ]);
      // The latest report's totals as a table; the statement with both revisions.
      expect(await page.locator('main table:not(.chart) tbody tr').count()).toBeGreaterThan(0);
      // Beside them, bar charts without script: each bar a <meter> with its figure in text.
      await page
        .getByRole('heading', { level: 3, name: 'Seine Aufschlüsselungen als Balkendiagramme' })
        .waitFor();
      const charts = page.locator('main table.chart');
      expect(await charts.count()).toBeGreaterThan(0);
      const bars = await page.locator('main table.chart tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({
          label: r.querySelector('th')?.textContent ?? '',
          meter: r.querySelector('meter')?.getAttribute('value') ?? null,
          figure: r.querySelector('td.n')?.textContent ?? '',
        })),
      );
      expect(bars.length).toBeGreaterThan(1);
      for (const b of bars) {
        expect(b.label).not.toBe('');
        expect(b.meter).not.toBeNull();
        expect(b.figure).toMatch(/\d/);
      }
      // The one request of 2019 fills the bar of its kind.
      const request = await page
        .locator('main table.chart meter')
        .evaluateAll((ms) =>
          ms.map((m) => [(m as HTMLMeterElement).value, (m as HTMLMeterElement).max]),
        );
      expect(request.some(([value, max]) => value === 1 && max === 1)).toBe(true);
      const statement = page.locator('li', { hasText: 'Durchsuchung beim Kreisverband Süd' });
      await expect(statement.locator('li.old').textContent()).resolves.toContain(
        'Revision 1: ersetzt durch Revision 2',
      );
      await expect(statement.locator('li:not(.old)').textContent()).resolves.toContain(
        'Revision 2: aktuell',
      );
      // The checkpoint shown is the one at its address, and its signature verifies.
      const href = await page.getByRole('link', { name: 'Prüfpunkt (JSON)' }).getAttribute('href');
      const cp = (await (await page.request.get(href!)).json()) as {
        size: number;
        note: string;
        signature: string;
        publicKey: string;
        rootHash: string;
      };
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(cp.rootHash);
      expect(text).toContain(cp.signature);
      expect(
        verify(
          null,
          Buffer.from(cp.note, 'utf8'),
          cp.publicKey,
          Buffer.from(cp.signature, 'base64'),
        ),
      ).toBe(true);
      // The canary in German, with its signature and the machine-readable copies.
      const canary = (await (await page.request.get('/public/canary')).json()) as {
        signature: string;
        document: string;
        publicKeyPem: string;
        canary: { canary: { statement: { de: string } } };
      };
      expect(text).toContain(canary.canary.canary.statement.de);
      expect(text).toContain(canary.signature);
      expect(
        verify(
          null,
          Buffer.from(canary.document, 'utf8'),
          canary.publicKeyPem,
          Buffer.from(canary.signature, 'base64'),
        ),
      ).toBe(true);
      expect(await page.locator('a[href="/public/canary.txt"]').count()).toBe(1);
      await screenshots(page, 'portal', 'de');
      // The other language is one link away; a language it does not know is a 400.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'Transparency reports' }).waitFor();
      expect((await page.request.get('/public?lang=fr')).status()).toBe(400);
      await context.close();
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
