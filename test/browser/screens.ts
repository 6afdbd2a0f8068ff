import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../../src/config/package-root.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import { axeViolations, HAVE_CHROMIUM, newContext } from './browser.js';

/**
 * Shared by the feature browser tests: sign in through the page, check accessibility, and take screenshots at phone and desktop width.
 */
export { HAVE_CHROMIUM };

/** Generous: the machines are shared and slow; nothing here measures time. */
export const SLOW = 300_000;

/** SCREENSHOT_DIR (relative to the project), else a temporary directory: the tree stays clean. */
export const SCREENSHOTS = process.env.SCREENSHOT_DIR
  ? join(packageRoot(), process.env.SCREENSHOT_DIR)
  : mkdtempSync(join(tmpdir(), 'case-tracker-screens-'));
mkdirSync(SCREENSHOTS, { recursive: true });

export type Language = 'de' | 'en';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The form field with this label (a required field's label ends in an asterisk). */
export function field(page: Pick<Page, 'getByLabel'>, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

/** Fills the first sign-in step in a fresh context; the caller waits for what comes next. */
export async function startSignIn(
  browser: Browser,
  base: string,
  email: string,
  language: Language = 'de',
  password = TEST_PASSWORD,
): Promise<Page> {
  const page = await (await newContext(browser, base, language)).newPage();
  await page.goto('/app/sign-in');
  await field(page, language === 'de' ? 'E-Mail-Adresse' : 'E-mail address').fill(email);
  await field(page, language === 'de' ? 'Passwort' : 'Password').fill(password);
  await page
    .getByRole('button', { name: language === 'de' ? 'Anmelden' : 'Sign in', exact: true })
    .click();
  return page;
}

/** Signed in (no second factor) and on the landing page. */
export async function signedIn(
  browser: Browser,
  base: string,
  email: string,
  language: Language = 'de',
): Promise<Page> {
  const page = await startSignIn(browser, base, email, language);
  await page
    .getByRole('heading', { level: 1, name: language === 'de' ? 'Übersicht' : 'Overview' })
    .waitFor();
  return page;
}

export async function expectAccessible(page: Page) {
  await page.waitForLoadState('networkidle');
  expect(await axeViolations(page)).toEqual([]);
}

/** Full-page screenshots at phone and desktop width; the page is left at desktop width. */
export async function screenshots(page: Page, name: string, language: Language) {
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300); // charts re-measure their container after a resize
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}.${language}.${size}.png`),
      fullPage: true,
    });
  }
}

/** Asks until the answer is the expected one (the page acts asynchronously); no time is measured. */
export async function eventually<T>(
  ask: () => Promise<T>,
  expected: T,
  tries = 100,
): Promise<void> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await ask();
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(last).toBe(expected);
}
