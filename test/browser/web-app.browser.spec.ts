import { signedIn as signedInAs } from './screens.js';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../../src/config/package-root.js';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import {
  axeViolations,
  describeInBrowser,
  focusedLabel,
  launchChromium,
  newContext,
  serve,
  tabTo,
} from './browser.js';

/**
 * The web app in a real browser (Debian's Chromium through playwright-core), against the real
 * service on a real database. Skipped only where no Chromium is installed; CI installs it and sets
 * REQUIRE_BROWSER=1, which turns the skip into a failure.
 */
/**
 * The README's screenshots: written to docs/screenshots with UPDATE_SCREENSHOTS=1 (then commit
 * them); otherwise taken all the same, into a temporary directory, so a test run leaves the tree clean.
 */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(packageRoot(), 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'case-tracker-screens-'));
/** Generous: the machines are shared and slow; nothing here measures time. */
const SLOW = 300_000;

describeInBrowser('the web app in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let case2015 = '';

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Units to show on their screen (the organisation of the seed cases).
    const top = await t.as('admin').post('/units').send({ name: 'Bundesverband', kind: 'federal' });
    expect(top.status).toBe(201);
    for (const name of ['Landesverband NRW', 'Landesverband Hessen'])
      expect(
        (
          await t
            .as('admin')
            .post('/units')
            .send({ name, kind: 'state', parentId: top.body.id as string })
        ).status,
      ).toBe(201);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signed in, on the case list (sign-in lands on the dashboard). */
  async function signedIn(
    role: 'admin' | 'board' | 'lawyer' | 'auditor' | string,
    language: 'de' | 'en' = 'de',
  ): Promise<Page> {
    const email = role.includes('@') ? role : `${role}@test.example`;
    const page = await signedInAs(browser, base, email, language);
    await page.goto('/app/cases');
    return page;
  }

  /** The form field with this label (a required field's label ends in an asterisk). */
  function field(page: Page, label: string) {
    return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
  }

  /**
   * Checks the screen once it is shown: its level-one heading is there (a screen loaded on demand
   * shows a spinner first) and the network is quiet (`settled: false` where an embedded PDF viewer
   * keeps it busy).
   */
  async function expectAccessible(page: Page, settled = true) {
    await page.locator('h1').first().waitFor();
    if (settled) await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  }

  async function screenshot(page: Page, name: string, language: 'de' | 'en') {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.${language}.png`), fullPage: true });
  }

  it(
    'a board member records the 2015 case through the intake and reads back 2 Std. 36 Min. and nothing handed over',
    async () => {
      const page = await signedIn('board');
      await page.getByRole('link', { name: 'Neuer Fall' }).click();
      await expectAccessible(page);
      await field(page, 'Kurzer Titel').fill('LKA NRW nimmt Landesverband vom Netz');
      await field(page, 'Wann ging es bei uns ein?').fill('2015-01-15T11:12');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await field(page, 'Noch nicht im Verzeichnis: Name').fill('Landeskriminalamt NRW');
      await field(page, 'Ihre Rolle').selectOption('executing');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Weiter' }).click();
      await field(page, 'Norm').fill('StPO §103');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Ziel hinzufügen' }).click();
      await field(page, 'Wert').fill('Konten einer Person');
      await field(page, 'Existiert bei uns?').selectOption('never_existed');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Weiter' }).click();
      await field(page, 'Weiteres System (Name)').fill('Mailserver NRW');
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await field(page, 'Auswirkung: Mailserver NRW').selectOption('offline');
      await field(page, 'Seit: Mailserver NRW').fill('2015-01-15T09:45');
      await field(page, 'Bis: Mailserver NRW').fill('2015-01-15T12:21');
      await expectAccessible(page);
      await screenshot(page, 'intake', 'de');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await expect(page.getByText('Mailserver NRW')).toBeDefined();
      await page.getByRole('button', { name: 'Fall speichern' }).click();
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      case2015 = page.url().split('/').pop()!;

      await expect(page.getByTestId('downtime').textContent()).resolves.toBe('2 Std. 36 Min.');
      await page.getByRole('button', { name: 'Erfassen: nichts herausgegeben' }).click();
      await page.getByTestId('handover').getByText('Nichts herausgegeben').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'case', 'de');

      // The API agrees with what the page shows.
      const file = await t.http.get(`/cases/${case2015}`);
      expect(file.body.impact.downtime.totalMinutes).toBe(156);
      expect(file.body.impact.handover).toBe('nothing_handed_over');
      expect(file.body.receivedAt).toBe('2015-01-15T10:12:00.000Z');
      expect(file.body.targets[0].existence).toBe('never_existed');
      await page.context().close();
    },
    SLOW,
  );

  it(
    'the intake works with the keyboard alone',
    async () => {
      const page = await signedIn('board');
      await page.goto('/app/cases/new');
      await page.getByRole('heading', { name: 'Neuen Fall erfassen' }).waitFor();
      let keys = 0;
      const press = async (key: string, times = 1) => {
        for (let i = 0; i < times; i++) await page.keyboard.press(key);
        keys += times;
      };
      // The intake starts in its first field.
      await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
      expect(await focusedLabel(page)).toBe('Kurzer Titel');
      await page.keyboard.type('Tastatur-Fall Zwickau');
      await press('Enter'); // → from whom: the authority list has the focus
      await press('Tab');
      await page.keyboard.type('Polizeidirektion Zwickau');
      await press('Enter'); // → basis: the citation has the focus
      await page.keyboard.type('StPO §94');
      await press('Enter'); // → what the order names: "add a target" has the focus
      await press('Enter');
      await press('Shift+Tab', 3);
      await page.keyboard.type('Server des Kreisverbands');
      await press('Enter'); // → systems: the first system's checkbox has the focus
      await press('Space');
      keys += await tabTo(page, 'Weiter');
      await press('Enter'); // → review; the same button now saves
      await page.getByRole('button', { name: 'Fall speichern' }).waitFor();
      await press('Enter');
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Tastatur-Fall Zwickau' }).waitFor();
      const id = page.url().split('/').pop()!;
      const file = await t.http.get(`/cases/${id}`);
      expect(file.body.authorities[0].authority.name).toBe('Polizeidirektion Zwickau');
      expect(file.body.legalBases[0].citation).toBe('StPO §94');
      expect(file.body.targets[0].value).toBe('Server des Kreisverbands');
      expect(file.body.affectedSystems).toHaveLength(1);
      expect(keys).toBeLessThanOrEqual(40);
      console.log(`Keyboard-only intake: ${keys} keystrokes beyond the typed text.`);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'a lawyer adds a legal note that an auditor cannot see',
    async () => {
      const lawyer = await signedIn('lawyer');
      await lawyer.goto(`/app/cases/${case2015}`);
      await field(lawyer, 'Einschätzung').fill(
        'Die Maßnahme war unverhältnismäßig: Konten existierten nie.',
      );
      await lawyer.getByRole('button', { name: 'Rechtliche Einschätzung hinzufügen' }).click();
      // Exact: the history below quotes the note inside a longer sentence.
      await lawyer
        .getByText('Die Maßnahme war unverhältnismäßig: Konten existierten nie.', { exact: true })
        .waitFor();
      // Nothing of the board's write controls is offered.
      expect(await lawyer.getByRole('button', { name: 'Jetzt beenden' }).count()).toBe(0);
      expect(await lawyer.getByRole('button', { name: 'Fall bearbeiten' }).count()).toBe(0);
      await expectAccessible(lawyer);
      await lawyer.context().close();

      const auditor = await signedIn('auditor');
      await auditor.goto(`/app/cases/${case2015}`);
      await auditor
        .getByRole('heading', { name: 'LKA NRW nimmt Landesverband vom Netz' })
        .waitFor();
      await auditor.waitForLoadState('networkidle');
      expect(await auditor.getByText('unverhältnismäßig').count()).toBe(0);
      expect(
        await auditor.getByRole('heading', { name: 'Rechtliche Einschätzungen' }).count(),
      ).toBe(0);
      await auditor.context().close();
    },
    SLOW,
  );

  it(
    'an auditor verifies the audit trail',
    async () => {
      const page = await signedIn('auditor');
      await page.getByRole('link', { name: 'Prüfprotokoll' }).click();
      await page.getByRole('button', { name: 'Jetzt prüfen' }).click();
      await page.getByText(/Das Prüfprotokoll ist unversehrt: [\d.]+ Einträge geprüft\./).waitFor();
      await expectAccessible(page);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'a board member who is not a member of a restricted case gets "not found" for its address',
    async () => {
      const restricted = await t.http.post('/cases').send({
        title: 'Vertraulich 2020',
        requestType: 'server_seizure',
        receivedAt: '2020-10-01T08:00:00+02:00',
        restricted: true,
      });
      expect(restricted.status).toBe(201);
      const outsider = await t.as('admin').post('/users').send({
        email: 'outsider@test.example',
        displayName: 'Board outsider',
        role: 'board',
        password: TEST_PASSWORD,
      });
      expect(outsider.status).toBe(201);
      const page = await signedIn('outsider@test.example');
      await page.goto(`/app/cases/${restricted.body.id as string}`);
      await page.getByRole('heading', { name: 'Nicht gefunden' }).waitFor();
      expect(await page.getByText('Vertraulich 2020').count()).toBe(0);
      await expectAccessible(page);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'the board publishes the statement and an anonymous visitor downloads it from the public page',
    async () => {
      const page = await signedIn('board');
      await page.goto(`/app/cases/${case2015}/statement`);
      await field(page, 'Titel').fill(
        'LKA NRW nimmt Landesverband wegen nie existierender Konten vom Netz',
      );
      await field(page, 'Unsere Position').fill('Die Konten haben bei uns nie existiert.');
      await page.getByRole('button', { name: 'Vorschau (PDF)' }).click();
      await page.locator('iframe[title="Vorschau der Stellungnahme"]').waitFor();
      await expectAccessible(page, false);
      await page.screenshot({ path: join(SCREENSHOTS, 'statement.de.png'), fullPage: true });
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Veröffentlichen' }).click();
      await page.getByText('Veröffentlicht.', { exact: false }).waitFor();
      await page.context().close();

      const visitor = await (await newContext(browser, base)).newPage();
      await visitor.goto('/public');
      const link = visitor.locator('a[href$="/pdf"]').first();
      const href = await link.getAttribute('href');
      expect(href).toBeTruthy();
      const response = await visitor.request.get(new URL(href!, base).toString());
      expect(response.status()).toBe(200);
      expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await visitor.context().close();
    },
    SLOW,
  );

  it(
    'a save that someone else overtook shows both versions and re-applies the change',
    async () => {
      const page = await signedIn('board');
      await page.goto(`/app/cases/${case2015}`);
      await page.getByRole('button', { name: 'Fall bearbeiten' }).click();
      // Meanwhile someone else changes the case.
      expect(
        (await t.update(`/cases/${case2015}`, { summary: 'Von jemand anderem geändert.' })).status,
      ).toBe(200);
      await field(page, 'Titel').fill('LKA NRW nimmt den Landesverband vom Netz');
      await page.getByRole('dialog').getByRole('button', { name: 'Speichern' }).click();
      const dialog = page.getByRole('dialog', { name: 'Jemand anderes hat diesen Fall geändert' });
      await dialog.waitFor();
      await dialog.getByText('LKA NRW nimmt Landesverband vom Netz', { exact: true }).waitFor();
      await expectAccessible(page);
      await dialog
        .getByRole('button', { name: 'Meine Änderung auf die aktuelle Fassung anwenden' })
        .click();
      await page
        .getByRole('heading', { name: 'LKA NRW nimmt den Landesverband vom Netz' })
        .waitFor();
      const file = await t.http.get(`/cases/${case2015}`);
      expect(file.body.title).toBe('LKA NRW nimmt den Landesverband vom Netz');
      expect(file.body.summary).toBe('Von jemand anderem geändert.');
      await page.context().close();
    },
    SLOW,
  );

  it.each(['de', 'en'] as const)(
    'every screen in %s: no accessibility violations; screenshots for the README',
    async (language) => {
      const anonymous = await (await newContext(browser, base, language)).newPage();
      await anonymous.goto('/app/');
      await anonymous.waitForURL(/sign-in/);
      await expectAccessible(anonymous);
      await screenshot(anonymous, 'sign-in', language);
      await anonymous.context().close();

      const board = await signedIn('board', language);
      await expectAccessible(board);
      await screenshot(board, 'cases', language);
      await board.goto(`/app/cases/${case2015}`);
      await board.getByTestId('downtime').waitFor();
      await expectAccessible(board);
      if (language === 'en') {
        await expect(board.getByTestId('downtime').textContent()).resolves.toBe('2 hrs 36 mins');
        await screenshot(board, 'case', language);
      }
      await board.goto('/app/cases/new');
      await expectAccessible(board);
      if (language === 'en') await screenshot(board, 'intake', language);
      await board.goto(`/app/cases/${case2015}/statement`);
      await expectAccessible(board);
      await board.goto('/app/audit');
      await expectAccessible(board);
      await screenshot(board, 'audit', language);
      // The trail of one case, with its filter shown and removable.
      await board.goto(`/app/audit?case=${case2015}&action=create`);
      await board
        .getByRole('table', { name: language === 'de' ? 'Prüfprotokoll' : 'Audit trail' })
        .waitFor();
      await expectAccessible(board);
      await screenshot(board, 'audit-filtered', language);
      await board.goto('/app/directory');
      await board.getByRole('table').first().waitFor();
      await expectAccessible(board);
      await screenshot(board, 'directory', language);
      await board.goto('/app/deadlines');
      await expectAccessible(board);
      await screenshot(board, 'deadlines', language);
      await board.context().close();

      const admin = await signedIn('admin', language);
      await admin.goto('/app/users');
      await admin.getByRole('table').waitFor();
      await expectAccessible(admin);
      await screenshot(admin, 'users', language);
      await admin.goto('/app/units');
      await admin.getByRole('cell', { name: 'Landesverband Hessen', exact: true }).waitFor();
      await expectAccessible(admin);
      await screenshot(admin, 'units', language);
      await admin.context().close();

      // The public portal, as a visitor in this language reads it.
      const visitor = await (await newContext(browser, base, language)).newPage();
      await visitor.goto(`/public?lang=${language}`);
      await expectAccessible(visitor);
      await screenshot(visitor, 'portal', language);
      await visitor.context().close();
    },
    SLOW,
  );
});
