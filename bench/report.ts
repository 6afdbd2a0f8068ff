/**
 * Times the transparency report as JSON (and the DSA orders CSV) over a seeded bench schema, through
 * the service exactly as the route uses it, without HTTP. Target: < 2 s over 1,000,000 cases.
 *
 * Standalone: npm run build && node dist/bench/report.js
 *   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/test
 *   BENCH_REPORT_SCHEMA  default bench (the main bench's schema; starting the app migrates it)
 *   BENCH_REPORT_SEED    number of cases to seed when the schema is missing or empty (default: do not seed)
 *   BENCH_REPORT_FROM / BENCH_REPORT_TO   default the whole seeded span, 2005-01-01 to 2026-01-01 (UTC)
 *   BENCH_REPORT_RUNS    timed runs after one warm-up (default 5)
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { seed } from './seed.js';

export interface ReportBenchOptions {
  databaseUrl: string;
  schema: string;
  from: Date;
  to: Date;
  runs: number;
  /** Seed this many cases first when the schema holds none. */
  seedCases?: number;
  log?: (line: string) => void;
}

export interface ReportBenchResult {
  cases: number;
  jsonMs: number[];
  dsaMs: number[];
  medianJsonMs: number;
  medianDsaMs: number;
  /** CPU time of the PostgreSQL backend per JSON report (robust against other load on the machine); null off Linux or remote. */
  medianJsonPgCpuMs: number | null;
}

/** CPU seconds (user + system) of a local process, from /proc; undefined when it cannot be read. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function casesIn(url: string, schema: string, from: Date, to: Date): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
    if (exists.rowCount === 0) return null;
    const table = await client.query(`SELECT to_regclass($1) AS t`, [`${schema}.cases`]);
    if (table.rows[0].t === null) return null;
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.cases WHERE received_at >= $1 AND received_at < $2`,
      [from.toISOString(), to.toISOString()],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** Times the JSON report (computed and serialised) and the DSA CSV over `schema`; prints ms. */
export async function benchTransparencyReport(
  options: ReportBenchOptions,
): Promise<ReportBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { databaseUrl, schema, from, to } = options;
  if (options.seedCases) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.end();
  }
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    // One connection: every report runs on the same backend, whose CPU time is measured.
    database: { kind: 'postgres', url: databaseUrl, poolSize: 1, schema },
    logLevel: 'error',
    corsOrigins: [],
  });
  try {
    let cases = (await casesIn(databaseUrl, schema, new Date(0), new Date('9999-01-01'))) ?? 0;
    if (cases === 0 && options.seedCases) {
      log(`Seeding ${options.seedCases.toLocaleString('en')} cases into schema "${schema}" ...`);
      const started = performance.now();
      await seed(databaseUrl, schema, options.seedCases);
      log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    cases = (await casesIn(databaseUrl, schema, from, to)) ?? 0;
    if (cases === 0)
      throw new Error(`schema "${schema}" has no cases in the period: seed it first`);
    const service = app.get(ReportsService);
    const [{ pid }] = (await app.get(DataSource).query('SELECT pg_backend_pid() AS pid')) as {
      pid: number;
    }[];
    const period = { from, to, label: 'bench' };
    const jsonCpuMs: number[] = [];
    const timeJson = async () => {
      const cpu = cpuSeconds(pid);
      const started = performance.now();
      JSON.stringify(await service.transparencyReport(period));
      const ms = performance.now() - started;
      const after = cpuSeconds(pid);
      if (cpu !== undefined && after !== undefined) jsonCpuMs.push((after - cpu) * 1000);
      return ms;
    };
    const timeDsa = async () => {
      const started = performance.now();
      service.dsaCsv(await service.dsaOrders(period));
      return performance.now() - started;
    };
    await timeJson();
    await timeDsa();
    jsonCpuMs.length = 0;
    const jsonMs: number[] = [];
    const dsaMs: number[] = [];
    for (let i = 0; i < options.runs; i++) jsonMs.push(await timeJson());
    for (let i = 0; i < options.runs; i++) dsaMs.push(await timeDsa());
    const result = {
      cases,
      jsonMs,
      dsaMs,
      medianJsonMs: median(jsonMs),
      medianDsaMs: median(dsaMs),
      medianJsonPgCpuMs: jsonCpuMs.length === options.runs ? median(jsonCpuMs) : null,
    };
    const list = (ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ');
    log(
      `Transparency report over ${cases.toLocaleString('en')} cases (${from.toISOString()} to ${to.toISOString()}):`,
    );
    log(
      `  JSON      median ${result.medianJsonMs.toFixed(0)} ms   (runs: ${list(jsonMs)} ms)   target < 2000 ms for 1,000,000 cases`,
    );
    if (result.medianJsonPgCpuMs !== null)
      log(
        `  JSON      PostgreSQL CPU per report: median ${result.medianJsonPgCpuMs.toFixed(0)} ms (wall time above moves with other load)`,
      );
    log(`  DSA CSV   median ${result.medianDsaMs.toFixed(0)} ms   (runs: ${list(dsaMs)} ms)`);
    return result;
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const seedCases = env.BENCH_REPORT_SEED ? Number(env.BENCH_REPORT_SEED) : undefined;
  benchTransparencyReport({
    databaseUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    schema: env.BENCH_REPORT_SCHEMA || 'bench',
    from: new Date(env.BENCH_REPORT_FROM || '2005-01-01T00:00:00Z'),
    to: new Date(env.BENCH_REPORT_TO || '2026-01-01T00:00:00Z'),
    runs: Number(env.BENCH_REPORT_RUNS || 5),
    seedCases,
  }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
