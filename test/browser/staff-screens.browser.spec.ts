import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { loadDemoCases } from '../support/report-helpers.js';
import { TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { axeViolations, launchChromium, serve, tabTo } from './browser.js';
import { samplePdf } from '../support/sample-files.js';
import {
  HAVE_CHROMIUM,
  SLOW,
  eventually,
  expectAccessible,
  field,
  screenshots,
  signedIn,
  startSignIn,
  type Language,
} from './screens.js';

/**
 * The screens around the case file: changing one's password, the directory of authorities and
 * inventory, the audit trail with its filters and checkpoints, and a statement's revisions.
 */
(HAVE_CHROMIUM ? describe : describe.skip)(
  'account, directory, audit and revisions in Chromium',
  () => {
    let t: TestApp;
    let browser: Browser;
    let base: string;
    let nrw: string;

    beforeAll(async () => {
      ensureWebBuilt({ quiet: true });
      t = await startTestApp();
      base = await serve(t);
      browser = await launchChromium();
      nrw = (await loadDemoCases(t))['2015-001'];
    }, SLOW);
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    const nav = (page: Page, name: string) =>
      page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

    it(
      'a user changing their password: short, weak, mismatched and wrong ones refused on their fields',
      async () => {
        const created = await t.as('admin').post('/users').send({
          email: 'wechsel-pw@test.example',
          displayName: 'Passwort Wechsel',
          role: 'lawyer',
          password: TEST_PASSWORD,
        });
        expect(created.status).toBe(201);
        const page = await signedIn(browser, base, 'wechsel-pw@test.example');
        await nav(page, 'Mein Konto');
        const card = page.getByRole('region', { name: 'Passwort' });
        await field(card, 'Aktuelles Passwort').fill(TEST_PASSWORD);
        await field(card, 'Neues Passwort').fill('zu kurz');
        await field(card, 'Neues Passwort wiederholen').fill('zu kurz');
        await card.getByRole('button', { name: 'Passwort ändern' }).click();
        await card.getByText('Mindestens 12 Zeichen.').waitFor();

        await field(card, 'Neues Passwort').fill('passwort1234');
        await field(card, 'Neues Passwort wiederholen').fill('passwort1234');
        await card.getByRole('button', { name: 'Passwort ändern' }).click();
        await card.getByText('Zu leicht zu erraten.').waitFor();

        const strong = 'Kormoran-Brackwasser-Leuchtturm-Quitte-7391!';
        await field(card, 'Neues Passwort').fill(strong);
        await field(card, 'Neues Passwort wiederholen').fill(`${strong}!`);
        await card.getByRole('button', { name: 'Passwort ändern' }).click();
        await card.getByText('Die beiden neuen Passwörter stimmen nicht überein.').waitFor();

        await field(card, 'Aktuelles Passwort').fill('nicht mein Passwort 2026');
        await field(card, 'Neues Passwort wiederholen').fill(strong);
        await card.getByRole('button', { name: 'Passwort ändern' }).click();
        await card.getByText('Das ist nicht Ihr aktuelles Passwort.').waitFor();
        await expectAccessible(page);

        // The right current password: every session ends, the sign-in page says why, and only
        // the new password signs in.
        await field(card, 'Aktuelles Passwort').fill(TEST_PASSWORD);
        await card.getByRole('button', { name: 'Passwort ändern' }).click();
        await page.getByRole('status').filter({ hasText: 'Passwort' }).waitFor();
        await page.waitForURL((url) => url.pathname.endsWith('/sign-in'));
        expect((await page.context().request.get(`${base}/auth/me`)).status()).toBe(401);
        await expectAccessible(page);
        const old = await t.http
          .post('/auth/sign-in')
          .send({ email: 'wechsel-pw@test.example', password: TEST_PASSWORD });
        expect(old.status).toBe(401);
        const renewed = await t.http
          .post('/auth/sign-in')
          .send({ email: 'wechsel-pw@test.example', password: strong });
        expect(renewed.status).toBe(200);

        await page.context().close();

        for (const language of ['de', 'en'] as const) {
          const p = await signedIn(browser, base, 'lawyer@test.example', language);
          await nav(p, language === 'de' ? 'Mein Konto' : 'My account');
          await p
            .getByRole('button', {
              name: language === 'de' ? 'Passwort ändern' : 'Change password',
            })
            .waitFor();
          await expectAccessible(p);
          await screenshots(p, 'account', language);
          await p.context().close();
        }
      },
      SLOW,
    );

    it(
      'the board keeps the directory: creates, edits and finds authorities and systems',
      async () => {
        const page = await signedIn(browser, base, 'board@test.example');
        await nav(page, 'Verzeichnis');
        await page.getByRole('tab', { name: 'Behörden' }).waitFor();

        // Keyboard alone: to the button, Enter, the name field has the focus, Enter saves.
        await tabTo(page, 'Neue Behörde');
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Neue Behörde' });
        await dialog.waitFor();
        await page.keyboard.press('Enter');
        await dialog.locator('input[aria-invalid="true"]').first().waitFor(); // the API named the empty name
        await expectAccessible(page);
        await page.keyboard.type('Staatsanwaltschaft Kiel');
        await page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'hidden' });
        const row = page.getByRole('row').filter({ hasText: 'Staatsanwaltschaft Kiel' });
        await row.waitFor();

        await row.getByRole('button', { name: 'Bearbeiten: Staatsanwaltschaft Kiel' }).click();
        const edit = page.getByRole('dialog', { name: 'Bearbeiten: Staatsanwaltschaft Kiel' });
        await edit.getByLabel('Art').selectOption('prosecutor');
        await field(edit, 'Zuständigkeitsbereich').fill('Schleswig-Holstein');
        await edit.getByRole('button', { name: 'Speichern' }).click();
        await edit.waitFor({ state: 'hidden' });
        await row.getByText('Schleswig-Holstein').waitFor();
        const listed = await t.http.get('/authorities?q=Kiel');
        expect(listed.body.items).toEqual([
          expect.objectContaining({
            name: 'Staatsanwaltschaft Kiel',
            kind: 'prosecutor',
            country: 'DE',
            jurisdiction: 'Schleswig-Holstein',
            version: 2,
          }),
        ]);

        await field(page, 'Suche').fill('kiel');
        await eventually(() => page.getByRole('row').count(), 2); // header and the one match
        await field(page, 'Suche').fill('gibt es nicht');
        await page.getByText('Nichts gefunden.').waitFor();
        await expectAccessible(page);

        await page.getByRole('tab', { name: 'Systeme und Dienste' }).click();
        await page.getByRole('button', { name: 'Neues System oder neuer Dienst' }).click();
        const item = page.getByRole('dialog', { name: 'Neues System oder neuer Dienst' });
        await field(item, 'Name').fill('pad01');
        await field(item, 'Dienste').fill('Etherpad, Wiki');
        await field(item, 'Hostnamen, Domains, Adressen').fill('piratenpad.de, 203.0.113.10');
        await field(item, 'Standort').fill('Rechenzentrum Düsseldorf');
        await item.getByRole('button', { name: 'Speichern' }).click();
        await item.waitFor({ state: 'hidden' });
        await field(page, 'Suche').fill('piratenpad');
        await page.getByRole('row').filter({ hasText: 'pad01' }).waitFor();
        const items = (await t.http.get('/inventory')).body.items as {
          name: string;
          services: string[];
          identifiers: string[];
        }[];
        expect(items.find((i) => i.name === 'pad01')).toMatchObject({
          services: ['Etherpad', 'Wiki'],
          identifiers: ['piratenpad.de', '203.0.113.10'],
        });
        await expectAccessible(page);
        await page.context().close();

        // Auditors read the directory and change nothing.
        for (const language of ['de', 'en'] as const) {
          const auditor = await signedIn(browser, base, 'auditor@test.example', language);
          await nav(auditor, language === 'de' ? 'Verzeichnis' : 'Directory');
          await auditor.getByRole('row').filter({ hasText: 'Staatsanwaltschaft Kiel' }).waitFor();
          expect(
            await auditor.getByRole('button', { name: /Neue Behörde|New authority/ }).count(),
          ).toBe(0);
          expect(await auditor.getByRole('button', { name: /Bearbeiten|Edit/ }).count()).toBe(0);
          await expectAccessible(auditor);
          await screenshots(auditor, 'directory', language);
          await auditor.context().close();
        }
      },
      SLOW,
    );

    it(
      'an auditor filters the trail, sees what is withheld, verifies, and reads the signed checkpoints',
      async () => {
        // A legal note is privileged: auditors never see its record, only the gap it leaves.
        const note = await t.as('lawyer').post(`/cases/${nrw}/legal-notes`).send({
          topic: 'proportionality',
          body: 'Die Abschaltung war unverhältnismäßig.',
        });
        expect(note.status).toBe(201);
        expect(
          (await t.update(`/cases/${nrw}`, { summary: 'Nach der Notiz geändert.' })).status,
        ).toBe(200);
        // The first checkpoint is signed on its first request.
        expect((await t.as('anonymous').get('/audit/checkpoints/latest')).status).toBe(200);

        for (const language of ['de', 'en'] as const) {
          const de = language === 'de';
          const page = await signedIn(browser, base, 'auditor@test.example', language);
          await nav(page, de ? 'Prüfprotokoll' : 'Audit trail');
          const table = page.getByRole('table', { name: de ? 'Prüfprotokoll' : 'Audit trail' });
          await table.waitFor();
          // Every page of the trail: "Load more" until it is gone. Scrolling loads pages too, so
          // the button may go between looking and clicking; a click that finds it gone is fine.
          const more = page.getByRole('button', { name: de ? 'Weitere laden' : 'Load more' });
          await eventually(async () => {
            if (!(await more.count())) return 'all pages';
            await more.click({ timeout: 5_000 }).catch(() => undefined);
            return 'more';
          }, 'all pages');
          await page.getByTestId('withheld-gap').first().waitFor();
          expect(await page.getByText('unverhältnismäßig').count()).toBe(0);

          await page.getByRole('button', { name: de ? 'Jetzt prüfen' : 'Verify now' }).click();
          await page
            .getByText(de ? /Das Prüfprotokoll ist unversehrt/ : /The audit trail is intact/)
            .waitFor();
          await page
            .getByText(de ? /signierte[r]? Prüfpunkte? geprüft/ : /signed checkpoints? checked/)
            .waitFor();
          const checkpoints = page.getByRole('table', {
            name: de ? 'Signierte Prüfpunkte' : 'Signed checkpoints',
          });
          expect(await checkpoints.getByRole('row').count()).toBeGreaterThan(1);
          await expectAccessible(page);
          await screenshots(page, 'audit-trail', language);
          await page.context().close();
        }

        // Filters: the action, then one person by a click on their name; kept in the address.
        const page = await signedIn(browser, base, 'auditor@test.example');
        await nav(page, 'Prüfprotokoll');
        await page.getByLabel('Aktion').selectOption('update');
        await page.waitForURL(/action=update/);
        const table = page.getByRole('table', { name: 'Prüfprotokoll' });
        await table.getByText('Geändert').first().waitFor();
        await eventually(
          async () =>
            (await table.locator('tbody tr td:nth-child(4)').allTextContents()).every(
              (a) => a === 'Geändert',
            ),
          true,
        );
        await table
          .getByRole('button', { name: /^Nur Einträge von board:/ })
          .first()
          .click();
        await page.waitForURL(/actor=/);
        await page.getByRole('button', { name: /^Filter entfernen: Durch: board:/ }).waitFor();
        await eventually(
          async () =>
            (await table.locator('tbody tr td:nth-child(3)').allTextContents()).every((a) =>
              a.startsWith('board:'),
            ),
          true,
        );
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
        await eventually(async () => page.url().includes('action='), false);
        await page.context().close();
      },
      SLOW,
    );

    it(
      'the board picks a redacted copy for a statement by keyboard, and the portal lists it (DE, EN)',
      async () => {
        const kase = await t.http.post('/cases').send({
          title: 'Beschluss mit Kontaktdaten',
          requestType: 'search_and_seizure',
          receivedAt: '2015-01-15T11:12:00+01:00',
        });
        expect(kase.status).toBe(201);
        const caseId = kase.body.id as string;
        const order = await t.http
          .post(`/cases/${caseId}/files`)
          .query({ kind: 'order' })
          .attach('file', await samplePdf('Beschluss. Kontakt: jemand@example.org'), {
            filename: 'beschluss.pdf',
            contentType: 'application/octet-stream',
          });
        expect(order.status).toBe(201);
        const copy = await t.http
          .post(`/cases/${caseId}/files/${order.body.id}/redacted-copies`)
          .send({ presets: ['email'] });
        expect(copy.status).toBe(201);

        const steps: [Language, string, string, string, RegExp][] = [
          [
            'de',
            'Mitzuveröffentlichende geschwärzte Kopien',
            'Titel',
            'Unsere Position',
            /^Veröffentlichen$/,
          ],
          ['en', 'Redacted copies to publish with it', 'Title', 'Our position', /^Publish$/],
        ];
        for (const [language, group, title, position, publish] of steps) {
          const page = await signedIn(browser, base, 'board@test.example', language);
          await page.goto(`/app/cases/${caseId}/statement`);
          const copies = page.getByRole('group', { name: group });
          const box = copies.getByRole('checkbox', { name: /^beschluss-redacted\.pdf/ });
          await box.waitFor();
          // Originals are not offered.
          await expect(copies.getByRole('checkbox').count()).resolves.toBe(1);
          await box.focus();
          await page.keyboard.press('Space');
          await expect(box.isChecked()).resolves.toBe(true);
          await field(page, title).fill(`Statement ${language}`);
          await field(page, position).fill('Der Beschluss, geschwärzt.');
          await expectAccessible(page);
          page.once('dialog', (dialog) => void dialog.accept());
          await page.getByRole('button', { name: publish }).click();
          const link = page
            .getByRole('table')
            .getByRole('link', { name: 'beschluss-redacted.pdf' });
          await link.waitFor();
          await expectAccessible(page);
          await screenshots(page, 'statement-copies', language);

          await page.goto(`/public?lang=${language}`);
          const listed = page.getByRole('link', { name: /^beschluss-redacted\.pdf/ });
          await eventually(() => listed.count(), language === 'de' ? 1 : 2);
          const res = await page.request.get(
            new URL((await listed.first().getAttribute('href'))!, base).toString(),
          );
          expect(res.status()).toBe(200);
          expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
          expect(await axeViolations(page)).toEqual([]);
          await page.context().close();
        }
      },
      SLOW,
    );

    it(
      "the board sees a statement's revisions, superseded ones marked, and publishes a revision",
      async () => {
        const draft = {
          caseId: nrw,
          language: 'de',
          title: 'LKA NRW nimmt Landesverband vom Netz',
          position: 'Die Konten haben bei uns nie existiert.',
          sections: ['authorities', 'downtime'],
        };
        expect((await t.http.post('/publications/statements').send(draft)).status).toBe(201);
        expect(
          (
            await t.http
              .post('/publications/statements')
              .send({ ...draft, revisionNote: 'Ausfallzeit ergänzt.' })
          ).status,
        ).toBe(201);

        const page = await signedIn(browser, base, 'board@test.example');
        await page.goto(`/app/cases/${nrw}/statement`);
        const revisions = page.getByRole('table', { name: 'Veröffentlichte Revisionen' });
        await revisions.waitFor();
        const rows = revisions.locator('tbody tr');
        await eventually(() => rows.count(), 2);
        await expect(rows.nth(0).textContent()).resolves.toMatch(/Revision 2.*aktuell/);
        await expect(rows.nth(0).textContent()).resolves.toContain('Ausfallzeit ergänzt.');
        await expect(rows.nth(1).textContent()).resolves.toMatch(/Revision 1.*ersetzt/);

        await field(page, 'Titel').fill('LKA NRW nimmt Landesverband vom Netz (ergänzt)');
        await field(page, 'Unsere Position').fill('Die Konten haben bei uns nie existiert.');
        await field(page, 'Was sich in dieser Revision geändert hat, und warum').fill(
          'Titel präzisiert.',
        );
        await expectAccessible(page);
        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByRole('button', { name: 'Als Revision 3 veröffentlichen' }).click();
        await eventually(() => rows.count(), 3);
        await expect(rows.nth(0).textContent()).resolves.toMatch(
          /Revision 3.*aktuell.*Titel präzisiert\./,
        );
        await expect(rows.nth(1).textContent()).resolves.toMatch(/Revision 2.*ersetzt/);
        await page.getByRole('button', { name: 'Als Revision 4 veröffentlichen' }).waitFor();
        // The downloads are the public files, their SHA-256 as listed.
        const href = await rows
          .nth(0)
          .getByRole('link', { name: /^PDF: Revision 3/ })
          .getAttribute('href');
        const pdf = await page.request.get(new URL(href!, base).toString());
        expect(pdf.status()).toBe(200);
        await expect(rows.nth(0).textContent()).resolves.toContain(
          (pdf.headers().etag ?? '').replaceAll('"', ''),
        );
        await expectAccessible(page);
        await screenshots(page, 'statement-revisions', 'de');
        await page.context().close();

        const en = await signedIn(browser, base, 'board@test.example', 'en' as Language);
        await en.goto(`/app/cases/${nrw}/statement`);
        await en.getByRole('table', { name: 'Published revisions' }).waitFor();
        // In English there is no English statement yet: the first one is no revision.
        await en.getByRole('button', { name: 'Publish', exact: true }).waitFor();
        await expectAccessible(en);
        await screenshots(en, 'statement-revisions', 'en');
        await en.context().close();
      },
      SLOW,
    );

    it(
      'a session restricted to a new password after an admin reset is led to the password form',
      async () => {
        const created = await t.as('admin').post('/users').send({
          email: 'zurueckgesetzt@test.example',
          displayName: 'Zurückgesetzt',
          role: 'auditor',
          password: TEST_PASSWORD,
        });
        expect(created.status).toBe(201);
        const reset = 'Zurückgesetzt von der Verwaltung 2026';
        expect(
          (
            await t
              .as('admin')
              .put(`/users/${created.body.id as string}/password`)
              .send({ password: reset })
          ).status,
        ).toBe(204);
        const page = await startSignIn(browser, base, 'zurueckgesetzt@test.example', 'de', reset);
        await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
        await page
          .getByText(
            'Ihr Passwort wurde von einer Administratorin oder einem Administrator zurückgesetzt.',
            {
              exact: false,
            },
          )
          .waitFor();
        await page.context().close();
      },
      SLOW,
    );
  },
);
