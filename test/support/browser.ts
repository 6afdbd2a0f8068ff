/**
 * Headless Chromium for tests, through playwright-core (no browser download: the system's
 * Chromium, e.g. Debian's `chromium`). Without one, browser tests are skipped with a message,
 * unless REQUIRE_BROWSER=1 (CI installs Chromium and sets it), where a missing browser fails.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to use: CHROMIUM_PATH, else the first one installed; null when there is none. */
export function chromiumPath(): string | null {
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

/** Starts headless Chromium; close it with `browser.close()`. */
export function launchBrowser(executablePath: string): Promise<Browser> {
  // --no-sandbox: CI and the development machines run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (every rule of its default set, every impact) on the page; its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
      .axe;
    const { violations } = await axe.run();
    return (
      violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[] }[];
      }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
