/// <reference lib="dom" />
/**
 * Headless Chromium for the browser tests, through playwright-core: the system's Chromium (e.g.
 * Debian's `chromium`), nothing is downloaded. CHROMIUM_PATH overrides the search. Without a
 * Chromium the browser tests are skipped with a message, unless REQUIRE_BROWSER=1 (CI installs
 * Chromium and sets it), where a missing browser fails.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from '../support/test-app.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  const found = configured
    ? existsSync(configured)
      ? configured
      : null
    : (CANDIDATES.find((p) => existsSync(p)) ?? null);
  if (!found && process.env.REQUIRE_BROWSER === '1')
    throw new Error(
      `REQUIRE_BROWSER=1 but no Chromium found (${configured ?? CANDIDATES.join(', ')})`,
    );
  return found;
}

/** The Chromium the tests use; null when none is installed. */
export const CHROMIUM_PATH = findChromium();
export const HAVE_CHROMIUM = CHROMIUM_PATH !== null;

if (!HAVE_CHROMIUM)
  console.warn(
    `Browser tests SKIPPED: no Chromium (${CANDIDATES.join(', ')}; apt-get install chromium, or set CHROMIUM_PATH).`,
  );

/** `describe` where Chromium is installed, `describe.skip` elsewhere. */
export const describeInBrowser = HAVE_CHROMIUM ? describe : describe.skip;

/** Serves the test app on a free local port; its base URL. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo | string | null;
  if (!address || typeof address === 'string')
    throw new Error('the test app does not listen on a port');
  return `http://127.0.0.1:${address.port}`;
}

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('no Chromium installed');
  // --no-sandbox: CI and the development machines run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile in Berlin, in German or English. */
export async function newContext(
  browser: Browser,
  base: string,
  language: 'de' | 'en' = 'de',
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    locale: language === 'de' ? 'de-DE' : 'en-GB',
    timezoneId: 'Europe/Berlin',
    viewport,
  });
  // Generous: on a busy machine one step (a verify over the whole trail, a first chart) can take
  // well over 30 s, and a wait that gives up early fails a test that is right.
  context.setDefaultTimeout(120_000);
  if (language === 'en') {
    await context.addInitScript(() => localStorage.setItem('case-tracker.language', 'en'));
  }
  return context;
}

/**
 * Every accessibility violation axe-core finds on the page as it is now: all rules of its default
 * set (WCAG 2.0–2.2 A and AA and the best practices such as landmarks), every impact, each as
 * "rule (impact): help (first nodes)". An empty list is the only pass.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')})`,
  );
}

/** The label of the focused element (its aria-label, its <label>, or its text). */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled;
    const id = el.id;
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
    return (label ?? el.textContent ?? '').trim().replace(/\s*\*$/, '');
  });
}

/** Presses Tab until the focused element has this accessible label (keyboard-only navigation). */
export async function tabTo(page: Page, label: string | RegExp, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedLabel(page);
    if (typeof label === 'string' ? focused.replace(/\s*\*$/, '') === label : label.test(focused))
      return i;
  }
  throw new Error(`Tab never reached "${String(label)}"`);
}
