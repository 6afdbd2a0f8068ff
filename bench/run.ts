/**
 * Benchmark: seeds a PostgreSQL schema "bench", then drives our app and a raw fastify + pg
 * baseline with autocannon. Reports figures against targets; fails only on errors.
 * Usage: npm run bench   (env: BENCH_DATABASE_URL, BENCH_CASES, BENCH_REUSE=1, BENCH_DURATION,
 *        BENCH_WARMUP, BENCH_CONNECTIONS, DB_POOL_SIZE, BENCH_Q)
 */
import pg from 'pg';
import { buildCaseListQuery } from '../src/cases/cases.repository.js';
import { decodeCursor } from '../src/common/cursor.js';
import { loadBenchConfig, TARGETS, type BenchConfig } from './config.js';
import { explain } from './explain.js';
import { pageLimit, parseListParams, type Params } from './list-params.js';
import { runScenario, type Scenario, type ScenarioResult } from './load.js';
import { connect, seed, type SeedTiming } from './seed.js';
import { startServer, type ServerHandle } from './servers.js';

const log = (line = '') => process.stdout.write(`${line}\n`);
const pathOf = (params: Params) => `/cases?${new URLSearchParams(params as Record<string, string>).toString()}`;

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

function printSeedTimings(timings: SeedTiming[], wallMs: number) {
  log('Seeding (steps after "cases" ran on two connections at once):');
  for (const t of timings) {
    log(`  ${t.step.padEnd(42)} ${(t.ms / 1000).toFixed(1).padStart(6)} s${t.rows !== undefined ? `  ${t.rows.toLocaleString('en')} rows` : ''}`);
  }
  const seconds = wallMs / 1000;
  log(`  total ${seconds.toFixed(1)} s   target < ${TARGETS.seedSeconds} s: ${seconds < TARGETS.seedSeconds ? 'met' : 'MISSED'}`);
}

async function getJson(url: string): Promise<{ items: { id: string }[]; nextCursor: string | null }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
}

/** Both servers must answer the same query with the same page, or the comparison is void. */
async function samePage(ours: ServerHandle, raw: ServerHandle, path: string): Promise<string | undefined> {
  const [a, b] = await Promise.all([getJson(ours.baseUrl + path), getJson(raw.baseUrl + path)]);
  if (JSON.stringify(a) !== JSON.stringify(b)) return `ours and raw differ for ${path}`;
  if (a.items.length === 0) return `no rows for ${path}: the scenario would measure nothing`;
  return undefined;
}

function printResults(results: ScenarioResult[]) {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', `p99 < ${TARGETS.p99Ms} ms`];
  const rows = results.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.total),
    String(r.errors),
    String(r.non2xx),
    r.name.startsWith('raw') ? '(baseline)' : r.p99 < TARGETS.p99Ms ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log(format(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(format(row));
}

async function main(): Promise<number> {
  const config = loadBenchConfig();
  const serverArgs = { databaseUrl: config.databaseUrl, schema: config.schema, poolSize: config.poolSize };
  const servers: ServerHandle[] = [];
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  const db = connect(config.databaseUrl, config.schema);
  const problems: string[] = [];
  try {
    await admin.connect();
    const mustSeed = await prepareSchema(admin, config);

    // Our app first: starting it runs the migrations in the bench schema.
    const ours = await startServer('ours', 'app-server.js', serverArgs);
    servers.push(ours);
    if (mustSeed) {
      log(`Seeding ${config.cases.toLocaleString('en')} cases into schema "${config.schema}" ...`);
      const started = performance.now();
      const timings = await seed(config.databaseUrl, config.schema, config.cases);
      printSeedTimings(timings, performance.now() - started);
      await admin.query(`COMMENT ON SCHEMA ${config.schema} IS 'bench seed: ${config.cases} cases'`);
    } else {
      log(`Reusing the seeded schema "${config.schema}" (BENCH_REUSE=1).`);
    }
    const raw = await startServer('raw', 'raw-server.js', serverArgs);
    servers.push(raw);

    await db.connect();
    const counts = (
      await db.query<{ t: string; n: number }>(
        `SELECT 'cases' t, count(*)::int n FROM cases UNION ALL SELECT 'timeline_events', count(*)::int FROM timeline_events
         UNION ALL SELECT 'case parts (all)', ((SELECT count(*) FROM case_authorities) + (SELECT count(*) FROM legal_bases)
           + (SELECT count(*) FROM targets) + (SELECT count(*) FROM affected_systems) + (SELECT count(*) FROM disclosures)
           + (SELECT count(*) FROM seized_items) + (SELECT count(*) FROM timeline_events) + (SELECT count(*) FROM deadlines)
           + (SELECT count(*) FROM gag_orders))::int`,
      )
    ).rows;
    log(`Data: ${counts.map((c) => `${c.t} ${c.n.toLocaleString('en')}`).join(', ')}`);

    const statusList: Params = { status: 'received,under_review', limit: '50' };
    const countryList: Params = { country: 'DE', limit: '50' };
    const search: Params = { q: config.searchTerm, limit: '50' };
    const firstPage = await getJson(ours.baseUrl + pathOf(statusList));
    if (!firstPage.nextCursor) throw new Error('the status list has a single page: seed more cases');
    const secondPage: Params = { ...statusList, cursor: firstPage.nextCursor };
    for (const params of [statusList, countryList, search, secondPage]) {
      const problem = await samePage(ours, raw, pathOf(params));
      if (problem) problems.push(problem);
    }
    const ids = (await db.query<{ id: string }>('SELECT id FROM cases ORDER BY random() LIMIT 2000')).rows.map((r) => r.id);

    log();
    const explained: [string, Params][] = [
      ['filtered list (status)', statusList],
      ['filtered list (country=DE)', countryList],
      [`full-text search (q=${config.searchTerm})`, search],
      ['second page (status, cursor)', secondPage],
    ];
    for (const [title, params] of explained) {
      const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
      const { sql, params: values } = buildCaseListQuery(parseListParams(params), cursor, pageLimit(params), new Date());
      log(`EXPLAIN (ANALYZE, BUFFERS) ${title}:`);
      for (const line of await explain(db, sql, values)) log(`  ${line}`);
      log();
    }

    const scenarios: Scenario[] = [
      { name: 'list status=received,under_review', baseUrl: ours.baseUrl, path: pathOf(statusList) },
      { name: 'list country=DE', baseUrl: ours.baseUrl, path: pathOf(countryList) },
      { name: `search q=${config.searchTerm}`, baseUrl: ours.baseUrl, path: pathOf(search) },
      { name: 'detail /cases/{random id}', baseUrl: ours.baseUrl, path: () => `/cases/${ids[Math.floor(Math.random() * ids.length)]}` },
      { name: 'list status, page 2 (cursor)', baseUrl: ours.baseUrl, path: pathOf(secondPage) },
      { name: 'raw list status=received,under_review', baseUrl: raw.baseUrl, path: pathOf(statusList) },
      { name: 'raw list country=DE', baseUrl: raw.baseUrl, path: pathOf(countryList) },
    ];
    log(
      `Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per scenario after ${config.warmupSeconds} s warm-up, ` +
        `DB pool ${config.poolSize} per server (autocannon shares the 2 cores with the servers and PostgreSQL)`,
    );
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      results.push(await runScenario(scenario, config.connections, config.durationSeconds, config.warmupSeconds));
      const crashed = servers.map((s) => s.crashed()).find(Boolean);
      if (crashed) throw new Error(crashed);
    }
    log();
    printResults(results);
    log();
    const rps = (name: string) => results.find((r) => r.name === name)?.requestsPerSecond ?? 0;
    for (const [label, ourName, rawName] of [
      ['list status', scenarios[0].name, scenarios[5].name],
      ['list country=DE', scenarios[1].name, scenarios[6].name],
    ]) {
      const ratio = rps(ourName) / rps(rawName);
      log(`ours/raw req/s, ${label}: ${ratio.toFixed(2)}   target >= ${TARGETS.listRatio}: ${ratio >= TARGETS.listRatio ? 'met' : 'MISSED'}`);
    }
    for (const r of results) {
      if (r.errors || r.non2xx) problems.push(`${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
    }
  } finally {
    for (const server of servers.reverse()) await server.stop().catch((err: unknown) => problems.push(String(err)));
    await db.end().catch(() => {});
    await admin.end().catch(() => {});
  }
  log();
  log(`The schema "${config.schema}" is kept: rerun with BENCH_REUSE=1 to skip seeding; drop it with`);
  log(`  psql "${config.databaseUrl}" -c 'DROP SCHEMA ${config.schema} CASCADE'`);
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
