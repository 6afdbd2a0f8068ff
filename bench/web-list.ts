/// <reference lib="dom" />
/**
 * The case list in headless Chromium over the embedded database with 10,000 cases (target: 50 rows
 * interactive within 1 s). Steps:
 * 1. a fresh data directory: the shipped `create-user` command migrates it and creates a board
 *    user; the bench seed (bench/seed.ts) then fills it with the cases and their parts, in-process
 *    through PGlite;
 * 2. the service as shipped, `node dist/src/main.js`, on that directory;
 * 3. Chromium signs in through the sign-in page, then loads /app/cases as a new navigation.
 *
 * What is measured, with the Performance API, from the navigation's start (performance.timeOrigin):
 * - rows: the first moment the case table holds 50 rows (a MutationObserver in an init script);
 * - interactive: the end of the last long task (PerformanceObserver "longtask", > 50 ms) that began
 *   before the main thread had been quiet for 500 ms after the rows; the rows' time if none did.
 * The first load after sign-in (the list's lazily loaded code not yet cached) and the median of
 * the following loads (cached code, as a user who returns to the list) are printed; the target
 * applies to both. The service's peak RSS (VmHWM) over the whole run is printed too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { packageRoot } from '../src/config/package-root.js';
import { peakRssMb, seedEmbedded } from './embedded-seed.js';
import { BENCH_USER_EMAIL } from './seed.js';

const CASES = Number(process.env.BENCH_WEB_CASES ?? 10_000);
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 7);
const TARGET_MS = 1000;
const ROWS = 50;
const QUIET_MS = 500;
const PASSWORD = 'bench-web-list-password-2026';

export interface ListFigures {
  firstRowsMs: number;
  firstInteractiveMs: number;
  medianRowsMs: number;
  medianInteractiveMs: number;
  peakRssMb: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startService(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(packageRoot(), 'dist/src/main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('the service did not answer /health within 2 minutes');
}

/** Seeds, serves, measures; prints the figures and returns them. */
export async function measureCaseList(): Promise<ListFigures> {
  // BENCH_WEB_DIR: a directory kept between runs (seeded once), else a temporary one.
  const kept = process.env.BENCH_WEB_DIR;
  const root = kept ?? mkdtempSync(join(tmpdir(), 'case-tracker-bench-web-'));
  const dataDir = join(root, 'pglite');
  const seeded = kept !== undefined && existsSync(join(dataDir, 'PG_VERSION'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ACCESS_LOG: 'off',
    REMINDER_INTERVAL_SECONDS: '0',
    NEW_USER_PASSWORD: PASSWORD,
  };
  delete env.DATABASE_URL;
  let service: ChildProcess | null = null;
  try {
    const created = seeded
      ? { status: 0, stderr: '' }
      : spawnSync(
          process.execPath,
          [
            join(packageRoot(), 'dist/src/cli/create-user.js'),
            '--email',
            BENCH_USER_EMAIL,
            '--role',
            'board',
          ],
          { env, encoding: 'utf8' },
        );
    if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`);
    if (!seeded) {
      const started = performance.now();
      const report = await seedEmbedded(dataDir, CASES);
      console.log(
        `seeded ${report.rows.cases ?? 0} cases with their parts into the embedded database in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    service = await startService(env, port);
    const figures = await measureInChromium(`http://127.0.0.1:${port}`);
    const peak = peakRssMb(service.pid) ?? 0;
    const result = { ...figures, peakRssMb: peak };
    const verdict = (ms: number) => (ms <= TARGET_MS ? 'PASS' : 'MISS');
    console.log(
      `case list, ${ROWS} rows over ${CASES.toLocaleString('en')} cases (embedded database), from navigation start:`,
    );
    console.log(
      `  first load after sign-in: rows ${result.firstRowsMs.toFixed(0)} ms, interactive ${result.firstInteractiveMs.toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${verdict(result.firstInteractiveMs)})`,
    );
    console.log(
      `  median of ${LOADS - 1} further loads: rows ${result.medianRowsMs.toFixed(0)} ms, interactive ${result.medianInteractiveMs.toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${verdict(result.medianInteractiveMs)})`,
    );
    console.log(
      `  load average during the run: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (figures are wall-clock times)`,
    );
    console.log(`  service peak RSS (VmHWM, start-up and every load): ${peak.toFixed(0)} MB`);
    return result;
  } finally {
    service?.kill('SIGTERM');
    if (service && service.exitCode === null)
      await new Promise((resolve) => service!.once('exit', resolve));
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
}

async function measureInChromium(base: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ baseURL: base, locale: 'de-DE' });
    await context.addInitScript(
      ({ rows }) => {
        const w = window as unknown as { __listTimes: { rows: number | null; long: number[][] } };
        w.__listTimes = { rows: null, long: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            w.__listTimes.long.push([e.startTime, e.startTime + e.duration]);
        }).observe({ type: 'longtask', buffered: true });
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('table tbody tr').length >= rows) {
            w.__listTimes.rows = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      },
      { rows: ROWS },
    );
    const page = await context.newPage();
    await page.goto('/app/sign-in');
    await page.getByLabel(/^E-Mail-Adresse/).fill(BENCH_USER_EMAIL);
    await page.getByLabel(/^Passwort/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();

    const load = async () => {
      await page.goto('/app/cases');
      await page.waitForFunction(
        () => (window as unknown as { __listTimes: { rows: number | null } }).__listTimes.rows,
      );
      // Wait out the quiet window, then read what happened.
      await page.waitForTimeout(QUIET_MS + 500);
      const times = await page.evaluate(
        () =>
          (window as unknown as { __listTimes: { rows: number; long: number[][] } }).__listTimes,
      );
      if (process.env.BENCH_WEB_DETAIL === '1') {
        const detail = await page.evaluate(() => ({
          nav: performance.getEntriesByType('navigation').map((n) => {
            const e = n as PerformanceNavigationTiming;
            return {
              responseEnd: e.responseEnd,
              dcl: e.domContentLoadedEventEnd,
              load: e.loadEventEnd,
            };
          }),
          resources: performance
            .getEntriesByType('resource')
            .map((r) => [
              r.name.replace(location.origin, ''),
              Math.round(r.startTime),
              Math.round((r as PerformanceResourceTiming).responseEnd),
            ]),
        }));
        console.log(JSON.stringify({ ...times, ...detail }));
      }
      let interactive = times.rows;
      for (const [start, end] of times.long.sort((a, b) => a[0]! - b[0]!))
        if (start! < interactive + QUIET_MS) interactive = Math.max(interactive, end!);
      return { rows: times.rows, interactive };
    };
    const first = await load();
    const further = [];
    for (let i = 1; i < LOADS; i++) further.push(await load());
    return {
      firstRowsMs: first.rows,
      firstInteractiveMs: first.interactive,
      medianRowsMs: median(further.map((f) => f.rows)),
      medianInteractiveMs: median(further.map((f) => f.interactive)),
    };
  } finally {
    await browser.close();
  }
}
