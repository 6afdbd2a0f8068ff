import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, launchChromium, newContext, serve } from './browser.js';
import { expectAccessible, field, SCREENSHOTS, signedIn, SLOW } from './screens.js';

const TITLE = 'StA Zwickau stellt Download-Server sicher';

/**
 * The 2020 seed case recorded through the web app as a board member would: the server secured by
 * StA Zwickau on 3 July 2020 (known to the day) on a US preservation request in mutual legal
 * assistance, its return never reported (ended, time unknown: a lower bound, not "ongoing"), the
 * foreign authority and the prosecutor each in their role, three measures, and the gag that kept
 * the provider silent. Then what a lawyer reads (the case file PDF) and what the public sees (the
 * 2020 report, without the gagged case).
 */
describeInBrowser('the 2020 case through the web app, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

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

  it(
    'records the case with its measures, roles, unknown end and gag, and keeps it out of the report',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'en');
      await page.goto('/app/cases/new');
      await page.getByRole('heading', { level: 1, name: 'Record a new case' }).waitFor();
      await field(page, 'Short title').fill(TITLE);
      await field(page, 'Type of request').selectOption('server_seizure');
      await field(page, 'Channel').selectOption('in_person');
      await field(page, 'When did it reach us?').fill('2020-07-03T00:00');
      await field(page, 'Known to: When did it reach us?').selectOption('day');
      await page.getByRole('button', { name: 'Next' }).click();

      await field(page, 'Not in the directory yet: name').fill('Staatsanwaltschaft Zwickau');
      await field(page, 'Kind of authority').selectOption('prosecutor');
      await field(page, 'Its role').selectOption('executing');
      await page.getByRole('button', { name: 'Next' }).click();

      // The prosecutor's statement names no provision.
      await page.getByLabel('The document names no provision').check();
      await field(page, 'Document').selectOption('request');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('button', { name: 'Add a target' }).click();
      await field(page, 'What').selectOption('server');
      await field(page, 'Value').fill(
        'Ein Server in einem Rechenzentrum in Falkenstein (Vogtland)',
      );
      await field(page, 'Exists with us?').selectOption('exists');
      await page.getByRole('button', { name: 'Next' }).click();

      const server = 'Download server (Hunter)';
      await field(page, 'Another system (name)').fill(server);
      await field(page, 'Owner or customer').fill('DDoSecrets');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await field(page, `Impact: ${server}`).selectOption('seized');
      await field(page, `Since: ${server}`).fill('2020-07-03T00:00');
      await field(page, `Known to: Since: ${server}`).selectOption('day');
      await field(page, `Data affected: ${server}`).fill('5 TB');
      // The return was never reported: it ended, nobody said when.
      await field(page, `End: ${server}`).selectOption('ended_unknown');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Next' }).click();
      await page
        .getByText(/Download server \(Hunter\) \(3 Jul(y)? 2020 – ended, time unknown\)/)
        .waitFor();
      await page.getByRole('button', { name: 'Save the case' }).click();
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;

      // The requesting foreign authority beside the executing prosecutor.
      const authorities = page.getByRole('region', { name: 'Authorities', exact: true });
      await field(authorities, 'Not in the directory yet: name').fill('U.S. Department of Justice');
      await field(authorities, 'Kind of authority').selectOption('prosecutor');
      await field(authorities, 'Country (ISO code)').fill('US');
      await field(authorities, 'Its role').selectOption('requesting');
      await authorities.getByRole('button', { name: 'Add an authority' }).click();
      await authorities.getByRole('cell', { name: 'U.S. Department of Justice' }).waitFor();

      // Two more measures: the request for mutual legal assistance and the preservation request.
      const measures = page.getByRole('region', { name: 'Measures', exact: true });
      for (const type of ['Mutual legal assistance', 'Preservation order']) {
        await measures.getByRole('button', { name: 'Add a measure' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add a measure' });
        await dialog.getByRole('combobox', { name: 'Type of measure' }).click();
        await page.getByRole('option', { name: type, exact: true }).click();
        await dialog.getByRole('combobox', { name: 'Ordered by' }).click();
        await page
          .getByRole('listbox', { name: 'Ordered by' })
          .getByRole('option', { name: 'U.S. Department of Justice' })
          .click();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await measures.getByRole('button', { name: `Edit: ${type}` }).waitFor();
      }

      // The gag: the provider was not allowed to tell its customer.
      const gags = page.getByRole('region', { name: 'Gag orders', exact: true });
      await field(gags, 'Legal basis of the gag').fill('StPO §95a');
      await gags.getByRole('button', { name: 'Add a gag order' }).click();
      await gags.getByRole('cell', { name: 'StPO §95a' }).waitFor();
      await expectAccessible(page);

      // The page says the server's end is unknown, never "ongoing".
      const systems = page.getByRole('region', { name: 'Affected systems', exact: true });
      await systems.getByRole('cell', { name: 'ended, time unknown' }).waitFor();
      expect(await systems.getByText('ongoing', { exact: true }).count()).toBe(0);
      await page.context().close();

      const file = (await t.http.get(`/cases/${id}`)).body;
      expect(
        (file.measures as { type: string }[]).map((m) => m.type).sort((a, b) => a.localeCompare(b)),
      ).toEqual(['mutual_legal_assistance', 'preservation', 'server_seizure']);
      expect(
        (file.authorities as { role: string; authority: { name: string; country: string } }[])
          .map((a) => `${a.role}:${a.authority.name}:${a.authority.country}`)
          .sort((a, b) => a.localeCompare(b)),
      ).toEqual([
        'executing:Staatsanwaltschaft Zwickau:DE',
        'requesting:U.S. Department of Justice:US',
      ]);
      expect(file.affectedSystems[0]).toMatchObject({
        impact: 'seized',
        startedAtPrecision: 'day',
        endState: 'ended_unknown',
        endedAt: null,
        dataVolumeBytes: 5e12,
        owner: 'DDoSecrets',
      });
      expect(file.gagOrders[0]).toMatchObject({ legalBasis: 'StPO §95a', active: true });

      // The gag order made the case restricted: only its members read it, so the board makes the
      // lawyer one (until then the lawyer gets the 404 of a case that does not exist).
      expect((await t.as('lawyer').get(`/cases/${id}`)).status).toBe(404);
      await t.http.post(`/cases/${id}/members`).send({ userId: t.userIds.lawyer }).expect(201);
      // The lawyer's case file prints the day as a day and the end as unknown.
      for (const lang of ['de', 'en'] as const) {
        const res = await t
          .as('lawyer')
          .get(`/cases/${id}/case-file.pdf?lang=${lang}`)
          .buffer(true)
          .parse(binary);
        expect(res.status).toBe(200);
        const pdf = res.body as Buffer;
        writeFileSync(join(SCREENSHOTS, `intake-2020-case-file.${lang}.pdf`), pdf);
        const text = squeeze(await pdfText(pdf));
        expect(text).toContain(squeeze(lang === 'de' ? '3. Juli 2020' : '3 July 2020'));
        expect(text).toContain(
          squeeze(lang === 'de' ? 'beendet, Zeitpunkt unbekannt' : 'ended, time unknown'),
        );
        expect(text).not.toContain(squeeze(lang === 'de' ? '03.07.2020, 00:00' : '00:00'));
        expect(text).toContain(squeeze('U.S. Department of Justice'));
        expect(text).toContain(squeeze('Staatsanwaltschaft Zwickau'));
      }

      // The public: the 2020 report counts nothing while the gag holds.
      for (const language of ['de', 'en'])
        expect(
          (await t.http.post('/publications/reports').send({ year: '2020', language })).status,
        ).toBe(201);
      const visitor = await (await newContext(browser, base, 'en')).newPage();
      await visitor.goto('/public');
      const hrefs = await visitor
        .locator('a[href^="/public/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const texts = [await visitor.content()];
      for (const href of hrefs.filter((h) => !h.endsWith('/pdf')))
        texts.push(await (await visitor.request.get(href)).text());
      for (const text of texts) {
        expect(text).not.toContain('Zwickau');
        expect(text).not.toContain('Hunter');
        expect(text).not.toContain(file.reference as string);
      }
      const json = await visitor.request.get(hrefs.find((h) => h.endsWith('/json'))!);
      const report = (await json.json()) as {
        sections: { key: string; rows: { key: string; value: unknown }[] }[];
      };
      const totals = report.sections.find((s) => s.key === 'totals')!;
      // Published counts are banded by default ("0", "1-9", …): zero is a band of its own.
      expect(String(totals.rows.find((r) => r.key === 'requests')!.value)).toBe('0');
      await visitor.context().close();
    },
    2 * SLOW,
  );
});
