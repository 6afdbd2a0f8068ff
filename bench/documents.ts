/**
 * Times the documents: the statement PDF of one case (target < 150 ms), the case file PDF, and the
 * transparency report PDF over a large seeded schema (target < 3 s over 1,000,000 cases, peak RSS
 * of the service < 400 MB). The service runs in this process, so its RSS is this process's RSS,
 * sampled every 10 ms while the PDF is generated and read.
 *
 * Standalone: npm run build && node dist/bench/documents.js
 *   BENCH_DATABASE_URL     default postgres://postgres@127.0.0.1:5432/test
 *   BENCH_REPORT_SCHEMA    schema holding the seeded cases (default bench); none: the report part is skipped
 *   BENCH_REPORT_FROM / BENCH_REPORT_TO   default 2005-01-01 to 2026-01-01 (UTC)
 *   BENCH_DOCUMENT_RUNS    timed runs after one warm-up (default 20 for statements, 3 for reports)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { AuthService } from '../src/auth/auth.service.js';
import { MEMORY_DATA_DIR } from '../src/config/database.settings.js';
import { injectInto, loadDemoData } from '../src/cli/demo-loader.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { UsersService } from '../src/users/users.service.js';
import { SYSTEM_ACTOR } from '../src/access/actor.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export interface DocumentBenchResult {
  statementMs: number;
  caseFileMs: number;
  reportPdf: {
    cases: number | null;
    ms: number[];
    medianMs: number;
    peakRssMb: number;
    baselineRssMb: number;
    bytes: number;
  } | null;
}

/** Statement and case file of the 2015 demo case, on an in-memory embedded database. */
async function benchCaseDocuments(runs: number, log: (l: string) => void) {
  const app: NestFastifyApplication = await createApp({
    ...loadConfig({ LOG_LEVEL: 'error' }),
    port: 0,
    database: { kind: 'pglite', dataDir: MEMORY_DATA_DIR },
  });
  try {
    const board = await app.get(UsersService).create(SYSTEM_ACTOR, {
      email: 'board@bench.example',
      role: 'board',
      displayName: 'Bench board',
      // Random, as a real account's: a guessable one would be refused by the strength check.
      password: randomBytes(18).toString('base64url'),
    });
    const token = await app.get(AuthService).issueToolSession(board.id, 'bench');
    const fastify = app.getHttpAdapter().getInstance();
    const loaded = await loadDemoData(injectInto(fastify, token));
    const caseId = loaded.cases['2015-001'];
    const body = {
      caseId,
      language: 'de',
      title: 'LKA NRW nimmt Landesverband wegen nie existierender Konten vom Netz',
      position:
        'Wir halten die Maßnahme für unverhältnismäßig.\n\nDie Konten haben bei uns nie existiert.',
      sections: [
        'authorities',
        'legal_bases',
        'targets',
        'affected_systems',
        'downtime',
        'handover',
      ],
    };
    const time = async (request: () => Promise<{ statusCode: number; rawPayload: Buffer }>) => {
      const started = performance.now();
      const res = await request();
      const ms = performance.now() - started;
      if (res.statusCode !== 200 || res.rawPayload.subarray(0, 5).toString() !== '%PDF-')
        throw new Error(`document request answered ${res.statusCode}`);
      return ms;
    };
    const headers = { authorization: `Bearer ${token}` };
    const statement = () =>
      fastify.inject({
        method: 'POST',
        url: '/publications/statements/preview',
        headers,
        payload: body,
      });
    const caseFile = () =>
      fastify.inject({ method: 'GET', url: `/cases/${caseId}/case-file.pdf?lang=de`, headers });
    await time(statement);
    await time(caseFile);
    const statementMs: number[] = [];
    const caseFileMs: number[] = [];
    for (let i = 0; i < runs; i++) statementMs.push(await time(statement));
    for (let i = 0; i < runs; i++) caseFileMs.push(await time(caseFile));
    log(
      `  statement PDF (2015 case, through HTTP inject): median ${median(statementMs).toFixed(0)} ms ` +
        `over ${runs} runs (target < 150 ms); case file PDF: median ${median(caseFileMs).toFixed(0)} ms`,
    );
    return { statementMs: median(statementMs), caseFileMs: median(caseFileMs) };
  } finally {
    await app.close();
  }
}

/** The report PDF over the seeded schema, with the peak RSS while it is generated and read. */
export async function benchReportPdf(
  databaseUrl: string,
  schema: string,
  from: Date,
  to: Date,
  runs: number,
  log: (l: string) => void,
) {
  const app = await createApp({
    ...loadConfig({ LOG_LEVEL: 'error', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }),
    port: 0,
    database: { kind: 'postgres', url: databaseUrl, poolSize: 2, schema },
  });
  try {
    const service = app.get(ReportsService);
    const [{ n }] = (await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM cases WHERE received_at >= $1 AND received_at < $2`, [
        from,
        to,
      ])) as {
      n: number;
    }[];
    const period = { from, to, label: 'bench' };
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    let bytes = 0;
    const once = async () => {
      const started = performance.now();
      const pdf = await service.transparencyPdf(SYSTEM_ACTOR, period, 'en');
      bytes = 0;
      for await (const chunk of pdf) bytes += (chunk as Buffer).length;
      return performance.now() - started;
    };
    try {
      await once();
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push(await once());
      peak = Math.max(peak, process.memoryUsage().rss);
      log(
        `  transparency report PDF over ${n.toLocaleString('en')} cases: median ${(median(ms) / 1000).toFixed(2)} s ` +
          `(runs: ${ms.map((x) => (x / 1000).toFixed(2)).join(', ')}; target < 3 s), ${Math.round(bytes / 1024)} kB; ` +
          `RSS of the service ${mb(baseline)} MB before, peak ${mb(peak)} MB (target < 400 MB)`,
      );
      return {
        cases: n,
        ms,
        medianMs: median(ms),
        peakRssMb: mb(peak),
        baselineRssMb: mb(baseline),
        bytes,
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await app.close();
  }
}

export async function benchDocuments(options: {
  databaseUrl: string;
  schema: string | null;
  from: Date;
  to: Date;
  statementRuns?: number;
  reportRuns?: number;
  log?: (line: string) => void;
}): Promise<DocumentBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  // The report first: the embedded database of the statement part keeps its WASM heap after it
  // closes, which would count against the report's RSS.
  const reportPdf = options.schema
    ? await benchReportPdf(
        options.databaseUrl,
        options.schema,
        options.from,
        options.to,
        options.reportRuns ?? 3,
        log,
      )
    : null;
  const { statementMs, caseFileMs } = await benchCaseDocuments(options.statementRuns ?? 20, log);
  return { statementMs, caseFileMs, reportPdf };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  benchDocuments({
    databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    schema: env.BENCH_REPORT_SCHEMA === 'none' ? null : (env.BENCH_REPORT_SCHEMA ?? 'bench'),
    from: new Date(env.BENCH_REPORT_FROM ?? '2005-01-01T00:00:00Z'),
    to: new Date(env.BENCH_REPORT_TO ?? '2026-01-01T00:00:00Z'),
    statementRuns: env.BENCH_DOCUMENT_RUNS ? Number(env.BENCH_DOCUMENT_RUNS) : undefined,
  }).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
