import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium, serve } from './browser.js';
import {
  HAVE_CHROMIUM,
  SLOW,
  eventually,
  expectAccessible,
  field,
  screenshots,
  signedIn,
} from './screens.js';

/** Admins manage accounts; the board decides who may see a restricted case. */
(HAVE_CHROMIUM ? describe : describe.skip)('administration in Chromium', () => {
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
    'an admin sees who has a second factor, changes a role and resets a password',
    async () => {
      const created = await t.as('admin').post('/users').send({
        email: 'wechsel@test.example',
        displayName: 'Wechselnde Rolle',
        role: 'auditor',
        password: TEST_PASSWORD,
      });
      expect(created.status).toBe(201);
      const page = await signedIn(browser, base, 'admin@test.example');
      await page.getByRole('link', { name: 'Benutzer' }).click();
      const row = page.getByRole('row').filter({ hasText: 'wechsel@test.example' });
      await expect(row.getByTestId('second-factor-state').textContent()).resolves.toBe('keiner');

      await row
        .getByRole('combobox', { name: 'Rolle: wechsel@test.example' })
        .selectOption('lawyer');
      await eventually(
        async () => (await t.as('admin').get(`/users/${created.body.id as string}`)).body.role,
        'lawyer',
      );

      await row
        .getByRole('button', { name: 'Passwort zurücksetzen: wechsel@test.example' })
        .click();
      const dialog = page.getByRole('dialog');
      await field(dialog, 'Neues Passwort').fill('kurz');
      await dialog.getByRole('button', { name: 'Zurücksetzen' }).click();
      await dialog
        .getByText(/at least|mindestens|characters|Zeichen/)
        .first()
        .waitFor();
      await expectAccessible(page);
      await field(dialog, 'Neues Passwort').fill('ein neues langes Passwort 2026!');
      await dialog.getByRole('button', { name: 'Zurücksetzen' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const signIn = await t.as('anonymous').post('/auth/sign-in').send({
        email: 'wechsel@test.example',
        password: 'ein neues langes Passwort 2026!',
      });
      expect(signIn.status).toBe(200);
      expect(signIn.body.requiredActions).toContain('change_password');
      await page.context().close();
    },
    SLOW,
  );

  it(
    'the board gives a lawyer access to a restricted case, who then can open it',
    async () => {
      const restricted = await t.http.post('/cases').send({
        title: 'Vertrauliche Durchsuchung 2021',
        requestType: 'server_seizure',
        receivedAt: '2021-03-01T08:00:00+01:00',
        restricted: true,
      });
      expect(restricted.status).toBe(201);
      const id = restricted.body.id as string;
      const lawyerBefore = await t.as('lawyer').get(`/cases/${id}`);
      expect(lawyerBefore.status).toBe(404);

      const board = await signedIn(browser, base, 'board@test.example');
      await board.goto(`/app/cases/${id}`);
      const members = board.getByRole('region', { name: 'Wer diesen Fall sehen darf' });
      await members.getByRole('cell', { name: 'Test board board@test.example' }).waitFor();
      await field(board, 'Person hinzufügen').selectOption({
        label: 'Test lawyer (lawyer@test.example, Anwält:in)',
      });
      await members.getByRole('button', { name: 'Hinzufügen' }).click();
      await members.getByRole('cell', { name: 'Test lawyer lawyer@test.example' }).waitFor();
      expect((await t.as('lawyer').get(`/cases/${id}`)).status).toBe(200);
      await expectAccessible(board);
      await screenshots(board, 'case-members', 'de');

      await members.getByRole('button', { name: 'Entfernen: lawyer@test.example' }).click();
      await eventually(async () => (await t.as('lawyer').get(`/cases/${id}`)).status, 404);
      await board.context().close();
    },
    SLOW,
  );

  it.each(['de', 'en'] as const)(
    'the users screen in %s passes axe at phone and desktop width',
    async (language) => {
      const page = await signedIn(browser, base, 'admin@test.example', language);
      await page.goto('/app/users');
      await page.getByRole('table').waitFor();
      await expectAccessible(page);
      await screenshots(page, 'users', language);
      await page.setViewportSize({ width: 390, height: 844 });
      await expectAccessible(page);
      await page.context().close();
    },
    SLOW,
  );
});
