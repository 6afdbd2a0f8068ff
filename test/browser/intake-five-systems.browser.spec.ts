import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, focusedLabel, launchChromium, serve } from './browser.js';
import { expectAccessible, signedIn, SLOW } from './screens.js';

/**
 * The bar: a case with 5 systems recorded through the intake in at most 40 clicks or
 * keystrokes beyond the typed text. Done here with the keyboard alone, which costs more than the
 * mouse (every Tab counts): the 2015 case as its seed tells it, web server, mail server, Owncloud,
 * groupware and member administration offline from 09:45 to 12:21.
 *
 * Counted: every key pressed (Tab, Shift+Tab, Enter, Space). Not counted: the text typed, and
 * the date and time written into a date-time field, which is only written once the keystrokes
 * counted have put the focus in it (checked each time).
 */
describeInBrowser('intake of a case with five systems, keyboard alone, in Chromium', () => {
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
    'records five systems offline 09:45–12:21 in at most 40 keystrokes beyond the typed text',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'de');
      await page.goto('/app/cases/new');
      await page.getByRole('heading', { level: 1, name: 'Neuen Fall erfassen' }).waitFor();
      let keys = 0;
      const press = async (key: string, times = 1) => {
        for (let i = 0; i < times; i++) await page.keyboard.press(key);
        keys += times;
      };
      /** Moves the focus with Tab (or Shift+Tab) until it is on this field; each press counts. */
      const moveTo = async (label: string, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
        for (let i = 0; i < 40; i++) {
          if ((await focusedLabel(page)) === label) return;
          await press(key);
        }
        throw new Error(`${key} never reached "${label}"`);
      };
      /** Writes a date and time into the focused date-time field. */
      const writeTime = async (label: string, value: string) => {
        expect(await focusedLabel(page)).toBe(label);
        const id = await page.evaluate(() => document.activeElement?.id ?? '');
        await page.locator(`[id="${id}"]`).fill(value);
      };
      const focusIs = async (label: string) =>
        page.waitForFunction((wanted) => {
          const el = document.activeElement as HTMLElement | null;
          const id = el?.id;
          const text =
            el?.getAttribute('aria-label') ??
            (id ? document.querySelector(`label[for="${id}"]`)?.textContent : el?.textContent);
          return (text ?? '').trim().replace(/\s*\*$/, '') === wanted;
        }, label);

      // What arrived: the title field has the focus.
      await focusIs('Kurzer Titel');
      await page.keyboard.type('LKA NRW nimmt fünf Systeme des Landesverbands vom Netz');
      await moveTo('Wann ging es bei uns ein?');
      await writeTime('Wann ging es bei uns ein?', '2015-01-15T11:12');
      await press('Enter');
      // From whom: a new authority.
      await focusIs('Behörde');
      await moveTo('Noch nicht im Verzeichnis: Name');
      await page.keyboard.type('Landeskriminalamt NRW');
      await press('Enter');
      // On which basis.
      await focusIs('Norm');
      await page.keyboard.type('StPO §94');
      await press('Enter');
      // What the order names.
      await focusIs('Ziel hinzufügen');
      await press('Enter');
      await press('Shift+Tab', 3);
      await page.keyboard.type('Benutzerkonten einer Person');
      await press('Enter');

      // Which systems: the first one with its times, the other four by name and Enter.
      await focusIs('Weiteres System (Name)');
      const systems = [
        'Webserver NRW',
        'Mailserver NRW mit Listen',
        'Owncloud NRW',
        'Groupware NRW',
        'Mitgliederverwaltung NRW',
      ];
      await page.keyboard.type(systems[0]!);
      await press('Enter');
      // The first system's start has the focus: its moments are the ones the others take.
      await focusIs(`Seit: ${systems[0]}`);
      await writeTime(`Seit: ${systems[0]}`, '2015-01-15T09:45');
      await moveTo(`Bis: ${systems[0]}`);
      await writeTime(`Bis: ${systems[0]}`, '2015-01-15T12:21');
      await moveTo('Weiteres System (Name)');
      for (const name of systems.slice(1)) {
        await page.keyboard.type(name);
        await press('Enter');
        await page.getByLabel(`Seit: ${name}`, { exact: true }).waitFor();
      }
      // A later system took the first one's start and end.
      expect(await page.getByLabel(`Seit: ${systems[4]}`, { exact: true }).inputValue()).toBe(
        '2015-01-15T09:45',
      );
      expect(await page.getByLabel(`Bis: ${systems[4]}`, { exact: true }).inputValue()).toBe(
        '2015-01-15T12:21',
      );
      expect(await focusedLabel(page)).toBe('Weiteres System (Name)');
      await expectAccessible(page);
      // Enter in the empty field moves on to the review, where saving has the focus.
      await press('Enter');
      await focusIs('Fall speichern');
      await page.getByText(/Mitgliederverwaltung NRW \(15\.01\.2015, 09:45/).waitFor();
      await press('Enter');
      await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;
      await expect(page.getByTestId('downtime').textContent()).resolves.toBe('2 Std. 36 Min.');

      const file = (await t.http.get(`/cases/${id}`)).body;
      expect(file.affectedSystems).toHaveLength(5);
      for (const system of file.affectedSystems as {
        impact: string;
        startedAt: string;
        endedAt: string;
        endState: string;
      }[])
        expect(system).toMatchObject({
          impact: 'offline',
          startedAt: '2015-01-15T08:45:00.000Z',
          endedAt: '2015-01-15T11:21:00.000Z',
          endState: 'ended',
        });
      expect(file.impact.downtime.totalMinutes).toBe(156);
      console.log(`Keyboard-only intake of 5 systems: ${keys} keystrokes beyond the typed text.`);
      expect(keys).toBeLessThanOrEqual(40);
      await (page as Page).context().close();
    },
    2 * SLOW,
  );
});
