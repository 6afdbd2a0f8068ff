import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { Clock } from '../../src/common/clock.js';
import { UsersService } from '../../src/users/users.service.js';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium, serve } from './browser.js';
import {
  HAVE_CHROMIUM,
  SLOW,
  expectAccessible,
  field,
  screenshots,
  signedIn,
  startSignIn,
} from './screens.js';

/** Setting up a second factor in the account screen, signing in with it, signing out everywhere. */
(HAVE_CHROMIUM ? describe : describe.skip)('second factor and sessions in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let offsetMs = 0;
  let n = 0;

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    // The service's clock runs ahead on demand, so a new code needs no waiting.
    const clock = t.app.get(Clock);
    const real = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + offsetMs));
    base = await serve(t);
    browser = await launchChromium();
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const newLawyer = async () => {
    const email = `twofactor${++n}@example.org`;
    await t.app.get(UsersService).create(SYSTEM_ACTOR, {
      email,
      displayName: `Dr. Zwei Faktor ${n}`,
      role: 'lawyer',
      password: TEST_PASSWORD,
    });
    return email;
  };
  /** The authenticator app, a time step later than the code used before (a used code is refused). */
  const nextCode = async (secret: string) => {
    offsetMs += 30_000;
    return generate({ secret, epoch: Math.floor(t.app.get(Clock).now().getTime() / 1000) });
  };

  /** Sets up the second factor through the account screen; returns its secret. */
  async function enrolThroughTheScreen(page: Page, language: 'de' | 'en') {
    const de = language === 'de';
    await page.getByRole('link', { name: de ? 'Mein Konto' : 'My account' }).click();
    await page
      .getByRole('button', { name: de ? 'Zweiten Faktor einrichten' : 'Set up second factor' })
      .click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(
      page
        .getByRole('img', {
          name: de ? 'QR-Code für die Authenticator-App' : 'QR code for the authenticator app',
        })
        .count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    await screenshots(page, 'account-enrolment', language);
    await field(
      page,
      de ? '2. Der Code, den die App jetzt zeigt' : '2. The code the app now shows',
    ).fill(await nextCode(secret));
    await page
      .getByRole('button', { name: de ? 'Bestätigen und einschalten' : 'Confirm and switch on' })
      .click();
    await page.getByTestId('recovery-codes').waitFor();
    await expect(page.getByTestId('recovery-codes').locator('li').count()).resolves.toBe(10);
    await page.getByText(de ? 'Eingerichtet' : 'Set up', { exact: true }).waitFor();
    return secret;
  }

  it.each(['de', 'en'] as const)(
    'in %s: sets up a second factor, then signing in asks for the code and refuses a wrong one',
    async (language) => {
      const de = language === 'de';
      const email = await newLawyer();
      const first = await signedIn(browser, base, email, language);
      const secret = await enrolThroughTheScreen(first, language);
      const recoveryCodes = await first
        .getByTestId('recovery-codes')
        .locator('code')
        .allTextContents();
      await first.context().close();

      const page = await startSignIn(browser, base, email, language);
      await page.getByRole('heading', { name: de ? 'Zweiter Faktor' : 'Second factor' }).waitFor();
      await expectAccessible(page);
      await screenshots(page, 'sign-in-second-factor', language);
      const codeField = () =>
        field(page, de ? 'Code aus der Authenticator-App' : 'Code from the authenticator app');
      await codeField().fill('000000');
      await page.getByRole('button', { name: de ? 'Bestätigen' : 'Confirm' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: de ? 'Der Code ist falsch' : 'The code is wrong' })
        .waitFor();
      await expect(page.context().cookies()).resolves.toEqual([]);
      await codeField().fill(await nextCode(secret));
      await page.getByRole('button', { name: de ? 'Bestätigen' : 'Confirm' }).click();
      await page.getByRole('heading', { level: 1, name: de ? 'Übersicht' : 'Overview' }).waitFor();
      const cookies = await page.context().cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly])).toEqual([['sct_session', true]]);
      await page.context().close();

      // A lost phone: a recovery code gets in once.
      const again = await startSignIn(browser, base, email, language);
      await again
        .getByRole('button', {
          name: de
            ? 'Stattdessen einen Wiederherstellungscode verwenden'
            : 'Use a recovery code instead',
        })
        .click();
      await field(again, de ? 'Wiederherstellungscode' : 'Recovery code').fill(recoveryCodes[0]!);
      await again.getByRole('button', { name: de ? 'Bestätigen' : 'Confirm' }).click();
      await again.getByRole('heading', { level: 1, name: de ? 'Übersicht' : 'Overview' }).waitFor();
      await again.context().close();
    },
    SLOW,
  );

  it(
    'signs out every session at once from the account screen',
    async () => {
      const email = await newLawyer();
      const phone = await signedIn(browser, base, email);
      const laptop = await signedIn(browser, base, email);
      await laptop.goto('/app/account');
      await expectAccessible(laptop);
      await screenshots(laptop, 'account', 'de');
      await laptop.getByRole('button', { name: 'Auf allen Geräten abmelden' }).click();
      await laptop.waitForURL(/\/app\/sign-in/);
      await phone.goto('/app/cases');
      await phone.waitForURL(/\/app\/sign-in/);
      await phone.getByRole('heading', { name: 'Anmelden' }).waitFor();
      await phone.context().close();
      await laptop.context().close();
    },
    SLOW,
  );

  it(
    'shows the account screen in English at phone width without a horizontal scroll bar',
    async () => {
      const email = await newLawyer();
      const page = await signedIn(browser, base, email, 'en');
      await page.goto('/app/account');
      await page.getByRole('heading', { name: 'API tokens' }).waitFor();
      await field(page, 'Name').fill('nightly export');
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByTestId('new-token').textContent()).resolves.toMatch(/^sct_/);
      await page.getByRole('button', { name: 'Revoke: nightly export' }).click();
      await page.getByRole('cell', { name: 'Revoked' }).waitFor();
      await screenshots(page, 'account', 'en');
      await page.setViewportSize({ width: 390, height: 844 });
      // The navigation slides away at this width (a CSS transition): measure once it has settled.
      const overflowNow = () =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
      let overflow = await overflowNow();
      for (let i = 0; i < 50 && overflow > 0; i++) {
        await page.waitForTimeout(200);
        overflow = await overflowNow();
      }
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    },
    SLOW,
  );
});
