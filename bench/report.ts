/**
 * Times the transparency report as JSON (and the DSA orders CSV) over a seeded bench schema, through
 * the service exactly as the route uses it, without HTTP. Target: < 2 s over 1,000,000 cases.
 *
 * Part of npm run bench (BENCH_REPORT=0 skips it), or standalone: npm run build && node dist/bench/report.js
 *   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/test
 *   BENCH_REPORT_CASES   cases in the report's own schema (default 1,000,000): seeded once, then reused
 *   BENCH_REPORT_SCHEMA  default bench_1m for 1,000,000 cases, bench_100k for 100,000, …
 *   BENCH_REPORT_RUNS    timed runs after the first one, per period (default 5)
 *   BENCH_REPORT_DSA=0   skips the DSA orders CSV (timed over the whole span only)
 *   BENCH_REPORT_PDF=0   skips the report PDF (whole span, in a child process: its peak RSS)
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { ensureSeeded } from './schemas.js';
import { reportPdfInChild, type ReportPdfFigure } from './report-pdf.js';
import { processCpuSeconds } from './cpu.js';
import type { Figures } from './figures.js';

const APPLICATION_NAME = 'bench-report';
const withApplicationName = (url: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', APPLICATION_NAME);
  return u.toString();
};

/** The seeded cases span 2005-2025 (bench/seed.ts), more of them in later years. */
export const REPORT_PERIODS = [
  { label: 'whole span 2005-2025', from: '2005-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  { label: 'one year (2025)', from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  { label: 'ten years 2011-2020', from: '2011-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' },
] as const;

export const REPORT_TARGET_MS = 2000;

export interface ReportBenchOptions {
  databaseUrl: string;
  /** Cases in the schema: seeded when it holds another number of cases. */
  cases: number;
  schema: string;
  /** Timed runs after the first, per period. */
  runs: number;
  periods?: readonly { label: string; from: string; to: string }[];
  dsa?: boolean;
  /** The report PDF and its peak RSS (default true). */
  pdf?: boolean;
  log?: (line?: string) => void;
}

export interface ReportFigure {
  label: string;
  from: string;
  to: string;
  casesInPeriod: number;
  /** The first report after the app started (statistics and plans not yet warm in this connection). */
  firstMs: number;
  runsMs: number[];
  medianMs: number;
  /** Median CPU per run: this process plus its PostgreSQL backend (parallel workers not counted). */
  cpuMs: number;
}

export interface ReportBenchResult {
  cases: number;
  json: ReportFigure[];
  dsa: { firstMs: number; medianMs: number } | null;
  /** The report PDF over the whole span, in a process of its own (peak RSS of that process). */
  pdf: ReportPdfFigure | null;
  /** The whole span: median < REPORT_TARGET_MS (the target is for 1,000,000 cases). */
  targetMet: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** bench_1m for 1,000,000 cases, bench_100k for 100,000, bench_1234 otherwise. */
export function reportSchemaFor(cases: number): string {
  if (cases % 1_000_000 === 0) return `bench_${cases / 1_000_000}m`;
  if (cases % 1_000 === 0) return `bench_${cases / 1_000}k`;
  return `bench_${cases}`;
}

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

/** The report benchmark's settings from the environment (see the comment at the top). */
export function reportBenchOptionsFromEnv(log?: (line?: string) => void): ReportBenchOptions {
  const cases = wholeNumber('BENCH_REPORT_CASES', 1_000_000);
  const schema = process.env.BENCH_REPORT_SCHEMA || reportSchemaFor(cases);
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(
      `BENCH_REPORT_SCHEMA must be a plain lower-case name, not ${JSON.stringify(schema)}`,
    );
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    cases,
    schema,
    runs: wholeNumber('BENCH_REPORT_RUNS', 5),
    dsa: process.env.BENCH_REPORT_DSA !== '0',
    pdf: process.env.BENCH_REPORT_PDF !== '0',
    log,
  };
}

/** Number of cases in the schema, or null when it has no cases table. */
async function casesIn(admin: pg.Client, schema: string, period?: { from: string; to: string }) {
  const table = await admin.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [
    `${schema}.cases`,
  ]);
  if (table.rows[0].t === null) return null;
  const { rows } = period
    ? await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${schema}.cases WHERE received_at >= $1 AND received_at < $2`,
        [period.from, period.to],
      )
    : await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.cases`);
  return rows[0].n;
}

/**
 * Times the JSON report (computed and serialised) for each period, and the DSA CSV over the whole
 * span. The schema is seeded first unless it holds options.cases cases already (seeding 1,000,000
 * takes some minutes; the schema is kept for the next run).
 */
export async function benchTransparencyReport(
  options: ReportBenchOptions,
): Promise<ReportBenchResult> {
  const log = options.log ?? ((line = '') => process.stdout.write(`${line}\n`));
  const { databaseUrl, schema, cases } = options;
  const periods = options.periods ?? REPORT_PERIODS;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // The seed's marker, not a count: rows added by earlier runs must not cause a reseed of 1M cases.
    await ensureSeeded(databaseUrl, schema, cases, log);
    const app = await createApp({
      // No checkpoint signing meanwhile: its session lock holds a connection of the small pool.
      ...loadConfig({ LOG_LEVEL: 'error', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }),
      port: 0,
      // Two connections (all of them counted by application name): one report at a time.
      database: { kind: 'postgres', url: withApplicationName(databaseUrl), poolSize: 2, schema },
    });
    try {
      const service = app.get(ReportsService);
      // CPU of this process and of the app's one PostgreSQL backend (parallel workers not counted).
      const backend = async () => {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND backend_type = 'client backend'`,
          [APPLICATION_NAME],
        );
        return rows.reduce((sum, r) => sum + (processCpuSeconds(r.pid) ?? 0), 0);
      };
      const cpuNow = async () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000 + (await backend()) * 1000;
      };
      const json: ReportFigure[] = [];
      for (const p of periods) {
        const period = { from: new Date(p.from), to: new Date(p.to), label: p.label };
        const time = async () => {
          const cpu = await cpuNow();
          const started = performance.now();
          JSON.stringify(await service.transparencyReport(period));
          cpuRuns.push((await cpuNow()) - cpu);
          return performance.now() - started;
        };
        const cpuRuns: number[] = [];
        const firstMs = await time();
        cpuRuns.length = 0;
        const runsMs: number[] = [];
        for (let i = 0; i < options.runs; i++) runsMs.push(await time());
        const casesInPeriod = (await casesIn(admin, schema, p)) ?? 0;
        json.push({
          ...p,
          casesInPeriod,
          firstMs,
          runsMs,
          medianMs: median(runsMs),
          cpuMs: median(cpuRuns),
        });
      }
      let dsa: ReportBenchResult['dsa'] = null;
      if (options.dsa !== false) {
        const whole = periods[0];
        const period = { from: new Date(whole.from), to: new Date(whole.to), label: whole.label };
        const time = async () => {
          const started = performance.now();
          service.dsaCsv(await service.dsaOrders(period));
          return performance.now() - started;
        };
        const firstMs = await time();
        const runsMs: number[] = [];
        for (let i = 0; i < Math.min(options.runs, 3); i++) runsMs.push(await time());
        dsa = { firstMs, medianMs: median(runsMs) };
      }
      let pdf: ReportPdfFigure | null = null;
      if (options.pdf !== false) {
        const whole = periods[0];
        pdf = await reportPdfInChild(
          { databaseUrl, schema, from: whole.from, to: whole.to, runs: Math.min(options.runs, 3) },
          log,
        );
      }
      const result: ReportBenchResult = {
        cases,
        json,
        dsa,
        pdf,
        targetMet: json[0].medianMs < REPORT_TARGET_MS,
      };
      printReportBench(result, options, log);
      return result;
    } finally {
      await app.close();
    }
  } finally {
    await admin.end();
  }
}

function printReportBench(
  result: ReportBenchResult,
  options: ReportBenchOptions,
  log: (line?: string) => void,
) {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  log(
    `Transparency report as JSON, schema "${options.schema}" with ${result.cases.toLocaleString('en')} cases ` +
      `(first run after start, then the median of ${options.runs}):`,
  );
  const header = ['period', 'cases in period', 'first', 'median', 'CPU', 'runs'];
  const rows = result.json.map((f) => [
    f.label,
    f.casesInPeriod.toLocaleString('en'),
    ms(f.firstMs),
    ms(f.medianMs),
    ms(f.cpuMs),
    f.runsMs.map((v) => v.toFixed(0)).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0 ? c.padEnd(widths[i]) : i === cells.length - 1 ? c : c.padStart(widths[i]),
      )
      .join('  ');
  log(`  ${format(header)}`);
  for (const row of rows) log(`  ${format(row)}`);
  const whole = result.json[0];
  log(
    `  ${whole.label}: ${ms(whole.medianMs)}, target < ${REPORT_TARGET_MS} ms for 1,000,000 cases: ` +
      `${result.targetMet ? 'met' : 'MISSED'}${result.cases === 1_000_000 ? '' : ` (this schema holds ${result.cases.toLocaleString('en')})`}`,
  );
  if (result.dsa)
    log(
      `  DSA member-state orders CSV, ${whole.label}: first ${ms(result.dsa.firstMs)}, median ${ms(result.dsa.medianMs)}`,
    );
  log(
    '  Wall-clock times on a shared machine: PostgreSQL runs parts of the report in parallel workers, so other load moves them.',
  );
}

/** The report figures of the performance targets. */
export function reportFigures(result: ReportBenchResult, figures: Figures): void {
  const size = `${(result.cases / 1_000_000).toLocaleString('en')}M cases`;
  const whole = result.json[0];
  const year = result.json.find((f) => f.label.startsWith('one year'));
  figures.add(
    `JSON transparency report over ${size}: CPU`,
    `${(whole.cpuMs / 1000).toFixed(2)} s (wall ${(whole.medianMs / 1000).toFixed(2)} s)`,
    '<= 1.0 s CPU (1M)',
    whole.cpuMs <= 1000,
  );
  if (year)
    figures.add(
      `report over one year (${year.casesInPeriod.toLocaleString('en')} cases) / whole span`,
      `${(year.cpuMs / whole.cpuMs).toFixed(2)} by CPU (${(year.medianMs / 1000).toFixed(2)} s wall)`,
      '<= 0.10',
      year.cpuMs / whole.cpuMs <= 0.1,
    );
  if (result.dsa)
    figures.add(
      `DSA member-state-orders CSV over ${size} / JSON report`,
      `${(result.dsa.medianMs / whole.medianMs).toFixed(2)} by wall time (${(result.dsa.medianMs / 1000).toFixed(2)} s)`,
      '<= 1',
      result.dsa.medianMs <= whole.medianMs,
    );
  if (result.pdf)
    figures.add(
      `report PDF over ${size}: time vs JSON report, peak RSS`,
      `${(result.pdf.medianMs / 1000).toFixed(2)} s vs JSON ${(whole.medianMs / 1000).toFixed(2)} s wall; ` +
        `peak RSS ${result.pdf.peakRssMb} MB (${result.pdf.baselineRssMb} MB before)`,
      '<= JSON + 0.3 s, < 200 MB',
      result.pdf.medianMs <= whole.medianMs + 300 && result.pdf.peakRssMb < 200,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchTransparencyReport(reportBenchOptionsFromEnv()).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
