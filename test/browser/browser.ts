/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. No browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile in Berlin, in German or English. */
export async function newContext(
  browser: Browser,
  base: string,
  language: 'de' | 'en' = 'de',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    locale: language === 'de' ? 'de-DE' : 'en-GB',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(30_000);
  if (language === 'en') {
    await context.addInitScript(() => localStorage.setItem('case-tracker.language', 'en'));
  }
  return context;
}

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.1 A and AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
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
