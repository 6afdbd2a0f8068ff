/**
 * Benchmark: seeds a PostgreSQL schema "bench", then drives our app and a raw fastify + pg
 * baseline with autocannon. Reports figures against targets; exits non-zero only on errors.
 * Usage: npm run bench   (env: BENCH_DATABASE_URL, BENCH_CASES, BENCH_REUSE=1, BENCH_DURATION,
 *        BENCH_WARMUP, BENCH_CONNECTIONS, DB_POOL_SIZE, BENCH_Q; BENCH_LIST=0, BENCH_AUDIT=0 and
 *        BENCH_REPORT=0 skip a part; the report part: see bench/report.ts; BENCH_SYNC=1 adds the
 *        embedded database's commit rate with and without syncing, BENCH_SYNC=only runs just that)
 */
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { decodeCursor } from '../src/common/cursor.js';
import { loadBenchConfig, TARGETS, type BenchConfig } from './config.js';
import { cpuUse, sampleCpu, type CpuUse } from './cpu.js';
import { explain } from './explain.js';
import { caseListSql, pageLimit, parseListParams, type Params } from './list-params.js';
import { drive, type LoadResult, type Scenario } from './load.js';
import { runAuditBench } from './audit.js';
import { runSyncBench } from './durability.js';
import { benchTransparencyReport, REPORT_TARGET_MS, reportBenchOptionsFromEnv } from './report.js';
import { connect, seed, type SeedReport } from './seed.js';
import { startServer, type ServerHandle } from './servers.js';

const log = (line = '') => process.stdout.write(`${line}\n`);
const pathOf = (params: Params) =>
  `/cases?${new URLSearchParams(params as Record<string, string>).toString()}`;
const mark = (met: boolean) => (met ? 'met' : 'MISSED');

interface BenchScenario extends Scenario {
  server: ServerHandle;
  /** For a raw-server scenario: the name of our scenario it is the baseline of. */
  baselineOf?: string;
}
type ScenarioResult = LoadResult & CpuUse & { scenario: BenchScenario };

/** Drops and recreates the schema unless BENCH_REUSE=1 and it holds a seed of the same size. */
async function prepareSchema(admin: pg.Client, config: BenchConfig): Promise<boolean> {
  const marker = `bench seed: ${config.cases} cases`;
  if (config.reuse) {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
      [config.schema],
    );
    if (rows[0]?.comment === marker) return false;
    log(`BENCH_REUSE=1 but schema "${config.schema}" does not hold "${marker}": seeding afresh.`);
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${config.schema}`);
  return true;
}

function printSeedReport(report: SeedReport, seconds: number) {
  for (const p of report.phases)
    log(`  ${p.name.padEnd(48)} ${(p.ms / 1000).toFixed(1).padStart(6)} s`);
  log(
    `  ${'total'.padEnd(48)} ${seconds.toFixed(1).padStart(6)} s   target < ${TARGETS.seedSeconds} s: ${mark(seconds < TARGETS.seedSeconds)}`,
  );
  log(
    `  rows: ${Object.entries(report.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );
}

type Page = { items: { id: string }[]; nextCursor: string | null };

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Page;
}

/** Both servers must answer the same query with the same page, or the comparison is void. */
async function samePage(
  ours: ServerHandle,
  raw: ServerHandle,
  path: string,
): Promise<string | undefined> {
  const [a, b] = await Promise.all([
    getJson(ours.baseUrl + path, ours.headers),
    getJson(raw.baseUrl + path, raw.headers),
  ]);
  if (JSON.stringify(a) !== JSON.stringify(b)) return `ours and raw differ for ${path}`;
  if (a.items.length === 0) return `no rows for ${path}: the scenario would measure nothing`;
  return undefined;
}

/**
 * Waits until the server's queries have finished: autocannon drops its connections at the end of
 * a run, but queries already sent keep PostgreSQL busy and would slow down the next scenario.
 */
async function settle(db: pg.Client, server: ServerHandle) {
  for (let i = 0; i < 300; i++) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'`,
      [server.applicationName],
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printResults(results: ScenarioResult[]) {
  const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors/non-2xx',
    'node CPU ms/req',
    'pg CPU ms/req',
    'other cores',
    `p99 < ${TARGETS.p99Ms} ms`,
  ];
  const rows = results.map((r) => [
    r.scenario.name,
    r.requestsPerSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    `${r.errors}/${r.non2xx}`,
    ms(r.serverMsPerRequest),
    ms(r.dbMsPerRequest),
    r.otherCores === undefined ? '-' : r.otherCores.toFixed(2),
    r.scenario.baselineOf ? '(baseline)' : mark(r.p99 < TARGETS.p99Ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log(format(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(format(row));
  log(
    'node CPU / pg CPU: CPU time of the server process / of its PostgreSQL backends per request.',
  );
  log(
    'other cores: CPU used meanwhile by all other processes (other sessions, PostgreSQL background work), of 2;',
  );
  log('autocannon and the server under test are not counted in it.');
  log(
    'A high "other" means the req/s and latency of that row were disturbed; CPU per request much less so.',
  );
}

/** The ours/raw ratios, by req/s (the target) and by CPU per request (robust against noise). */
function printRatios(results: ScenarioResult[]): boolean {
  let allMet = true;
  for (const raw of results.filter((r) => r.scenario.baselineOf)) {
    const ours = results.find((r) => r.scenario.name === raw.scenario.baselineOf);
    if (!ours) continue;
    const ratio = ours.requestsPerSecond / raw.requestsPerSecond;
    const cpu = (r: ScenarioResult) => (r.serverMsPerRequest ?? NaN) + (r.dbMsPerRequest ?? NaN);
    allMet &&= ratio >= TARGETS.listRatio;
    log(
      `ours/raw req/s, ${ours.scenario.name}: ${ratio.toFixed(2)}   target >= ${TARGETS.listRatio}: ${mark(ratio >= TARGETS.listRatio)}` +
        `   (ratio of CPU per request, raw/ours: ${(cpu(raw) / cpu(ours)).toFixed(2)})`,
    );
  }
  return allMet;
}

async function syncPart(): Promise<void> {
  log();
  log('Embedded database: commits per second with and without syncing (BENCH_SYNC=1):');
  await runSyncBench(log);
}

async function main(): Promise<number> {
  if (process.env.BENCH_SYNC === 'only') {
    await syncPart();
    return 0;
  }
  const config = loadBenchConfig();
  const serverArgs = {
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    poolSize: config.poolSize,
  };
  const servers: ServerHandle[] = [];
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  const db = connect(config.databaseUrl, config.schema);
  const problems: string[] = [];
  const summary: string[] = [];
  try {
    await admin.connect();
    const version = (
      await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    ).rows[0].v;
    log(
      `Node ${process.version}, PostgreSQL ${version}, ${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const listBench = process.env.BENCH_LIST !== '0';
    if (!listBench) log('List benchmark skipped (BENCH_LIST=0).');
    if (listBench) {
      const mustSeed = await prepareSchema(admin, config);

      // Our app first: starting it runs the migrations in the bench schema.
      const ours = await startServer('ours', 'app-server.js', serverArgs);
      servers.push(ours);
      if (mustSeed) {
        log(
          `Seeding ${config.cases.toLocaleString('en')} cases into schema "${config.schema}" ...`,
        );
        const started = performance.now();
        const report = await seed(config.databaseUrl, config.schema, config.cases);
        const seconds = (performance.now() - started) / 1000;
        printSeedReport(report, seconds);
        summary.push(
          `seeding < ${TARGETS.seedSeconds} s: ${mark(seconds < TARGETS.seedSeconds)} (${seconds.toFixed(1)} s)`,
        );
        await admin.query(
          `COMMENT ON SCHEMA ${config.schema} IS 'bench seed: ${config.cases} cases'`,
        );
        // Flush the freshly written pages now, or the checkpointer does it during the first scenario.
        const flushStarted = performance.now();
        await admin.query('CHECKPOINT').then(
          () =>
            log(
              `  (CHECKPOINT after seeding, not counted: ${((performance.now() - flushStarted) / 1000).toFixed(1)} s)`,
            ),
          () =>
            log(
              '  (no CHECKPOINT: needs a superuser; the first scenario may share the disk with the checkpointer)',
            ),
        );
      } else {
        log(`Reusing the seeded schema "${config.schema}" (BENCH_REUSE=1): seeding not timed.`);
      }
      const raw = await startServer('raw', 'raw-server.js', serverArgs);
      servers.push(raw);
      await db.connect();

      const statusList: Params = { status: 'received,under_review', limit: '50' };
      const countryList: Params = { country: 'DE', limit: '50' };
      const search: Params = { q: config.searchTerm, limit: '50' };
      // A term found in one old case only, such as a reference: the other end of full-text search.
      const rare = (
        await db.query<{ reference: string }>(
          'SELECT reference FROM cases ORDER BY received_at LIMIT 1',
        )
      ).rows[0];
      const rareSearch: Params = { q: rare.reference, limit: '50' };
      const firstPage = await getJson(ours.baseUrl + pathOf(statusList), ours.headers);
      if (!firstPage.nextCursor)
        throw new Error('the status list has a single page: seed more cases');
      const secondPage: Params = { ...statusList, cursor: firstPage.nextCursor };
      for (const params of [statusList, countryList, search, rareSearch, secondPage]) {
        const problem = await samePage(ours, raw, pathOf(params));
        if (problem) problems.push(problem);
      }
      const ids = (
        await db.query<{ id: string }>('SELECT id FROM cases ORDER BY random() LIMIT 2000')
      ).rows.map((r) => r.id);

      log();
      const explained: [string, Params][] = [
        ['filtered list (status)', statusList],
        ['filtered list (country=DE)', countryList],
        [`full-text search, frequent word (q=${search.q})`, search],
        [`full-text search, rare word (q=${rareSearch.q})`, rareSearch],
        ['second page (status, cursor)', secondPage],
      ];
      for (const [title, params] of explained) {
        const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
        const { sql, params: values } = caseListSql(
          parseListParams(params),
          cursor,
          pageLimit(params),
          new Date(),
        );
        log(`EXPLAIN (ANALYZE, BUFFERS) ${title}:`);
        for (const line of await explain(db, sql, values)) log(`  ${line}`);
        log();
      }

      // Each raw run right after its counterpart, so a change in background load hits both alike.
      const scenarios: BenchScenario[] = [
        { name: 'list status=received,under_review', server: ours, path: pathOf(statusList) },
        {
          name: 'raw list status=received,under_review',
          server: raw,
          path: pathOf(statusList),
          baselineOf: 'list status=received,under_review',
        },
        { name: 'list country=DE', server: ours, path: pathOf(countryList) },
        {
          name: 'raw list country=DE',
          server: raw,
          path: pathOf(countryList),
          baselineOf: 'list country=DE',
        },
        { name: `search q=${search.q} (frequent)`, server: ours, path: pathOf(search) },
        { name: `search q=${rareSearch.q} (rare)`, server: ours, path: pathOf(rareSearch) },
        {
          name: 'detail /cases/{random id}',
          server: ours,
          path: () => `/cases/${ids[Math.floor(Math.random() * ids.length)]}`,
        },
        { name: 'list status, page 2 (cursor)', server: ours, path: pathOf(secondPage) },
      ].map((s) => ({ ...s, baseUrl: s.server.baseUrl, headers: s.server.headers }));
      log(
        `Load: autocannon in this process, ${config.connections} connections, ${config.durationSeconds} s per scenario after ` +
          `${config.warmupSeconds} s warm-up; each server in its own child process with a DB pool of ${config.poolSize}.`,
      );
      log('autocannon, the server and PostgreSQL share the 2 cores.');
      const results: ScenarioResult[] = [];
      for (const scenario of scenarios) {
        await drive(scenario, config.connections, config.warmupSeconds);
        await settle(db, scenario.server);
        const before = await sampleCpu(db, scenario.server.pid, scenario.server.applicationName);
        const load = await drive(scenario, config.connections, config.durationSeconds);
        const after = await sampleCpu(db, scenario.server.pid, scenario.server.applicationName);
        await settle(db, scenario.server);
        results.push({ scenario, ...load, ...cpuUse(before, after, load.total) });
        const crashed = servers.map((s) => s.crashed()).find(Boolean);
        if (crashed) throw new Error(crashed);
      }
      log();
      printResults(results);
      log();
      const ratiosMet = printRatios(results);
      const ourResults = results.filter((r) => !r.scenario.baselineOf);
      const slow = ourResults.filter((r) => r.p99 >= TARGETS.p99Ms);
      summary.push(`list ours/raw >= ${TARGETS.listRatio}: ${mark(ratiosMet)}`);
      summary.push(
        `p99 < ${TARGETS.p99Ms} ms: ${slow.length ? `MISSED by ${slow.length} of ${ourResults.length} scenarios` : 'met'}`,
      );
      log();
      log(`Targets: ${summary.join('; ')}`);
      for (const r of results) {
        if (r.errors || r.non2xx)
          problems.push(
            `${r.scenario.name}: ${r.errors} errors/timeouts, ${r.non2xx} non-2xx responses`,
          );
      }
    }
  } finally {
    for (const server of servers.reverse())
      await server.stop().catch((err: unknown) => problems.push(String(err)));
    await db.end().catch(() => {});
    await admin.end().catch(() => {});
  }
  if (process.env.BENCH_LIST !== '0') {
    log();
    log(
      `The schema "${config.schema}" is kept: rerun with BENCH_REUSE=1 to skip seeding; drop it with`,
    );
    log(`  psql "${config.databaseUrl}" -c 'DROP SCHEMA ${config.schema} CASCADE'`);
  }
  if (process.env.BENCH_AUDIT !== '0') {
    // The audit trail: audited vs unaudited writes, and verifying a 1,000,000-record trail.
    log();
    log('Audit trail (BENCH_AUDIT=0 skips this part):');
    const audit = await runAuditBench({ databaseUrl: config.databaseUrl, log });
    if (!audit.verify.valid) problems.push('the seeded audit trail did not verify');
  }
  if (process.env.BENCH_REPORT !== '0') {
    // The transparency report over its own, larger seeded schema (1,000,000 cases unless BENCH_REPORT_CASES says otherwise).
    log();
    log(
      'Transparency report (BENCH_REPORT=0 skips this part; BENCH_REPORT_CASES, BENCH_REPORT_RUNS, BENCH_REPORT_DSA=0):',
    );
    const report = await benchTransparencyReport(reportBenchOptionsFromEnv(log)).catch(
      (err: unknown) => {
        problems.push(`transparency report benchmark: ${String(err)}`);
        return null;
      },
    );
    if (report)
      log(
        `Targets: JSON report over ${report.cases.toLocaleString('en')} cases < ${REPORT_TARGET_MS} ms: ${mark(report.targetMet)}`,
      );
  }
  if (process.env.BENCH_SYNC === '1') await syncPart();
  for (const problem of problems) log(`ERROR: ${problem}`);
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench failed:', err);
    process.exit(1);
  },
);
