/**
 * Audit trail benchmark, on PostgreSQL (BENCH_DATABASE_URL, schema "bench_audit"):
 *  (a) write throughput with the trail on and off (AUDIT_DISABLED=1), at 1 and 8 concurrent writers:
 *      - "http": POST /cases/{id}/timeline through the whole application (needs a board member's
 *        token: made here through UsersService and /auth/sign-in, or given as `authorization`);
 *      - "service": the bare write transaction, a timeline event INSERT plus AuditService.record,
 *        the worst case for the ratio (nothing else in the transaction);
 *  (b) verification of a trail of 1,000,000 records (seeded in bulk with correct hashes), then of
 *      only what was added since (BENCH_AUDIT_ADDED records appended and signed, default 10,000).
 * Standalone: node dist/bench/audit.js   (env: BENCH_DATABASE_URL, BENCH_AUDIT_RECORDS,
 * BENCH_AUDIT_DURATION, BENCH_AUDIT_WRITERS=1,8 (0 skips the writes); a seeded trail is kept and
 * reused, BENCH_RESEED=1 seeds it afresh). From bench/run.ts: runAuditBench().
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { AuditService } from '../src/audit/audit.service.js';
import { AuditTrailService } from '../src/audit/audit-trail.service.js';
import { AuditVerifier } from '../src/audit/audit-verifier.js';
import {
  GENESIS_CHAIN_HASH,
  canonicalJson,
  chainHashOf,
  leafHashOf,
  type AuditContent,
} from '../src/audit/audit-hash.js';
import { SYSTEM_ACTOR } from '../src/access/actor.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import type { Figures } from './figures.js';

export const AUDIT_TARGETS = {
  writeRatioAt8: 0.9,
  verifySeconds: 3,
  verifyCpuSeconds: 4,
  incrementalSeconds: 0.2,
};

export interface AuditBenchOptions {
  databaseUrl?: string;
  schema?: string;
  /** Records in the trail to verify (default 1,000,000). */
  records?: number;
  /** Seconds per build and writer count (default 10), in alternating 1 s windows after 1 s of warm-up each. */
  durationSeconds?: number;
  writers?: number[];
  /** Keep a trail seeded by an earlier run when it holds enough records. */
  reuse?: boolean;
  poolSize?: number;
  log?: (line?: string) => void;
  /** Authorization header value for the HTTP writes; by default a board user is created and signed in. */
  authorization?: (app: NestFastifyApplication) => Promise<string | null>;
  /** The table of target figures to add to. */
  figures?: Figures;
}

export interface WriteFigure {
  scenario: 'http' | 'service';
  writers: number;
  audited: number;
  unaudited: number;
  ratio: number;
}

export interface AuditBenchResult {
  writes: WriteFigure[];
  /** Audited/unaudited at 8 writers, through HTTP (the service figure when HTTP could not run). */
  ratioAt8: number | undefined;
  serviceRatioAt8: number | undefined;
  verify: { records: number; seconds: number; valid: boolean; warmSeconds: number };
  seedSeconds: number | null;
  targetsMet: boolean;
}

const positiveInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return n;
};

function appConfig(
  databaseUrl: string,
  schema: string,
  poolSize: number,
  audited: boolean,
): AppConfig {
  // From the loader, so that fields added to the configuration later get their defaults here too.
  const base = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'error',
    // Both builds without the access log: a line per write is not what is compared.
    ACCESS_LOG: 'off',
    AUDIT_DISABLED: audited ? '0' : '1',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: process.env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? '0',
  });
  return { ...base, database: { kind: 'postgres', url: databaseUrl, poolSize, schema } };
}

async function startApp(
  databaseUrl: string,
  schema: string,
  poolSize: number,
  audited: boolean,
): Promise<NestFastifyApplication> {
  return createApp(appConfig(databaseUrl, schema, poolSize, audited));
}

// ---- (b) seeding a large trail ----

const ACTIONS = [
  'update',
  'update',
  'update',
  'create',
  'create',
  'delete',
  'status_change',
  'sign_in',
  'read_restricted',
  'export',
];
const ENTITY_TYPES = [
  'case',
  'timeline_event',
  'target',
  'affected_system',
  'disclosure',
  'deadline',
];
const WORDS = [
  'Durchsuchung',
  'server',
  'Beschlagnahme',
  'Etherpad',
  'account',
  'Festplatte',
  'order',
  'Verbindungsdaten',
  'mail',
  'notice',
];

function text(i: number, words: number) {
  let out = '';
  for (let w = 0; w < words; w++) out += (w ? ' ' : '') + WORDS[(i * 7 + w * 3) % WORDS.length];
  return out;
}

/** A plausible record: what the services write (changes of a few fields, a request id, an address). */
function syntheticContent(
  i: number,
  users: string[],
  cases: string[],
  start: number,
): AuditContent {
  const action = ACTIONS[i % ACTIONS.length];
  const caseId = action === 'sign_in' ? null : cases[(i * 31) % cases.length];
  const user = users[i % users.length];
  let changes: unknown = null;
  let details: unknown = null;
  if (action === 'update')
    changes = {
      title: { before: text(i, 4), after: text(i + 1, 5) },
      version: { before: 3, after: 4 },
    };
  else if (action === 'create')
    changes = {
      description: { after: text(i, 12) },
      occurredAt: { after: new Date(start + i * 1000).toISOString() },
      type: { after: 'note' },
    };
  else if (action === 'delete') changes = { value: { before: text(i, 3) } };
  else if (action === 'status_change')
    changes = { status: { before: 'received', after: 'under_review' } };
  else if (action === 'sign_in') details = { tokenId: randomUUID() };
  else if (action === 'export') details = { format: 'pdf' };
  return {
    id: randomUUID(),
    occurred_at: new Date(start + i * 1000).toISOString(),
    actor_id: user,
    actor_label: `board:user${i % users.length}@example.org`,
    action,
    entity_type: action === 'sign_in' ? 'user' : ENTITY_TYPES[i % ENTITY_TYPES.length],
    entity_id: action === 'sign_in' ? user : randomUUID(),
    case_id: caseId,
    changes,
    details,
    request_id: randomUUID(),
    client_address: `198.51.100.${i % 250}`,
  };
}

/** Appends `count` sequenced records with correct leaf and chain hashes, computed here, in batches. */
export async function seedTrail(
  client: pg.Client,
  count: number,
  log: (line?: string) => void,
): Promise<number> {
  const started = performance.now();
  const last = await client.query<{ seq: string; chain_hash: Buffer }>(
    'SELECT seq, chain_hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
  );
  let seq = last.rows.length ? Number(last.rows[0].seq) : 0;
  let chain = last.rows.length ? last.rows[0].chain_hash : GENESIS_CHAIN_HASH;
  const users = Array.from({ length: 25 }, () => randomUUID());
  const cases = Array.from({ length: 20_000 }, () => randomUUID());
  const start = Date.UTC(2024, 0, 1);
  const batch = 10_000;
  // The bulk load writes positions directly: the append-only trigger (which allows only the sequencer to) is off meanwhile.
  await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    for (let done = 0; done < count; done += batch) {
      const n = Math.min(batch, count - done);
      const cols: unknown[][] = Array.from({ length: 15 }, () => new Array<unknown>(n));
      for (let k = 0; k < n; k++) {
        const c = syntheticContent(seq + k, users, cases, start);
        const leaf = leafHashOf(c);
        chain = chainHashOf(chain, leaf);
        const row = [
          c.id,
          seq + k + 1,
          c.occurred_at,
          c.actor_id,
          c.actor_label,
          c.action,
          c.entity_type,
          c.entity_id,
          c.case_id,
          c.changes === null ? null : canonicalJson(c.changes),
          c.details === null ? null : canonicalJson(c.details),
          c.request_id,
          c.client_address,
          leaf.toString('hex'),
          chain.toString('hex'),
        ];
        for (let col = 0; col < 15; col++) cols[col][k] = row[col];
      }
      await client.query(
        `INSERT INTO audit_events (id, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details,
                                   request_id, client_address, leaf_hash, chain_hash)
         SELECT id, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id,
                client_address, decode(leaf, 'hex'), decode(chain, 'hex')
           FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[],
                       $10::jsonb[], $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[])
                AS r(id, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id,
                     client_address, leaf, chain)`,
        cols,
      );
      seq += n;
      if ((done / batch) % 20 === 19) log(`  ${(done + n).toLocaleString('en')} records ...`);
    }
  } finally {
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
  await client.query('ANALYZE audit_events');
  await client.query('CHECKPOINT').catch(() => {});
  return (performance.now() - started) / 1000;
}

// ---- (a) write throughput ----

type WriteOp = () => Promise<unknown>;

/** Runs `writers` concurrent loops of `op` for `ms`; resolves to the number of completed writes. */
async function drive(op: WriteOp, writers: number, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < until) {
        await op();
        count++;
      }
    }),
  );
  return count;
}

const pick = (ids: string[]) => ids[Math.floor(Math.random() * ids.length)];

/** The bare write transaction: a timeline event and (when on) its audit record, as the services write them. */
function serviceWrite(app: NestFastifyApplication, caseIds: string[]): WriteOp {
  const uow = app.get(UnitOfWork);
  const audit = app.get(AuditService);
  let i = 0;
  return () =>
    uow.run(SYSTEM_ACTOR, async (m) => {
      const caseId = pick(caseIds);
      const description = `bench write ${++i}: ${text(i, 6)}`;
      const occurredAt = new Date().toISOString();
      const [row] = (await m.query(
        `INSERT INTO timeline_events (case_id, occurred_at, type, description) VALUES ($1, $2, 'note', $3) RETURNING id`,
        [caseId, occurredAt, description],
      )) as { id: string }[];
      await audit.record(m, {
        action: 'create',
        entityType: 'timeline_event',
        entityId: row.id,
        caseId,
        changes: {
          occurredAt: { after: occurredAt },
          type: { after: 'note' },
          description: { after: description },
        },
      });
    });
}

/** POST /cases/{id}/timeline over HTTP to the listening app. */
function httpWrite(baseUrl: string, authorization: string, caseIds: string[]): WriteOp {
  let i = 0;
  return async () => {
    const res = await fetch(`${baseUrl}/cases/${pick(caseIds)}/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        occurredAt: new Date().toISOString(),
        type: 'note',
        description: `bench write ${++i}: ${text(i, 6)}`,
      }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST /cases/{id}/timeline answered ${res.status}`);
  };
}

/** A board member's token, through the application's own services (their modules loaded lazily). */
async function signInBoardMember(app: NestFastifyApplication): Promise<string | null> {
  try {
    const usersModule = '../src/users/users.service.js';
    const { UsersService } = (await import(usersModule)) as {
      UsersService: new (...args: never[]) => unknown;
    };
    const users = app.get(UsersService) as {
      create(actor: unknown, dto: Record<string, unknown>): Promise<unknown>;
    };
    const email = `audit-bench-${Date.now().toString(36)}@bench.example`;
    const password = `${randomUUID()}-Aa1!`;
    await users.create(SYSTEM_ACTOR, {
      email,
      displayName: 'Audit bench',
      role: 'board',
      password,
    });
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password } });
    if (res.statusCode !== 200) return null;
    return `Bearer ${(res.json() as { token: string }).token}`;
  } catch {
    return null;
  }
}

/**
 * Both builds side by side, in short windows that alternate between them, so that the background
 * load of the machine (other processes on the same cores) hits both alike. The audited build's
 * sequencer runs in the background as in production, also into the next window.
 */
async function measure(
  scenario: WriteFigure['scenario'],
  ops: { audited: WriteOp; unaudited: WriteOp },
  writers: number,
  seconds: number,
): Promise<WriteFigure> {
  await drive(ops.unaudited, writers, 1_000);
  await drive(ops.audited, writers, 1_000);
  const counts = { audited: 0, unaudited: 0 };
  const time = { audited: 0, unaudited: 0 };
  for (let round = 0; round < seconds; round++) {
    for (const key of round % 2
      ? (['audited', 'unaudited'] as const)
      : (['unaudited', 'audited'] as const)) {
      const started = performance.now();
      counts[key] += await drive(ops[key], writers, 1_000);
      time[key] += performance.now() - started;
    }
  }
  const audited = counts.audited / (time.audited / 1000);
  const unaudited = counts.unaudited / (time.unaudited / 1000);
  return { scenario, writers, audited, unaudited, ratio: audited / unaudited };
}

async function prepareSchema(
  admin: pg.Client,
  schema: string,
  reuse: boolean,
  log: (line?: string) => void,
): Promise<void> {
  if (reuse) {
    const exists = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rows.length) return;
    log(`There is no schema "${schema}" to reuse: creating it.`);
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
}

const mark = (met: boolean) => (met ? 'met' : 'MISSED');

export async function runAuditBench(options: AuditBenchOptions = {}): Promise<AuditBenchResult> {
  const log = options.log ?? ((line = '') => process.stdout.write(`${line}\n`));
  const databaseUrl =
    options.databaseUrl ??
    (process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const schema = options.schema ?? 'bench_audit';
  const records = options.records ?? positiveInt('BENCH_AUDIT_RECORDS', 1_000_000);
  const seconds = options.durationSeconds ?? positiveInt('BENCH_AUDIT_DURATION', 10);
  const writerCounts =
    options.writers ??
    (process.env.BENCH_AUDIT_WRITERS === '0'
      ? []
      : (process.env.BENCH_AUDIT_WRITERS ?? '1,8').split(',').map(Number));
  const poolSize = options.poolSize ?? 10;
  const reuse = options.reuse ?? process.env.BENCH_RESEED !== '1';
  const authorize = options.authorization ?? signInBoardMember;

  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const db = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  try {
    await prepareSchema(admin, schema, reuse, log);
    // Starting the app runs the migrations in the schema.
    await (await startApp(databaseUrl, schema, poolSize, true)).close();
    await db.connect();

    // The trail to verify, seeded once and kept for the next run.
    const have = Number(
      (
        await db.query<{ n: string }>(
          'SELECT count(*) AS n FROM audit_events WHERE seq IS NOT NULL',
        )
      ).rows[0].n,
    );
    let seedSeconds: number | null = null;
    if (have < records) {
      log(
        `Audit trail: seeding ${(records - have).toLocaleString('en')} records with their hashes into "${schema}" ...`,
      );
      seedSeconds = await seedTrail(db, records - have, log);
      log(`  seeded in ${seedSeconds.toFixed(1)} s (not a target)`);
    } else {
      log(`Audit trail: reusing ${have.toLocaleString('en')} records in "${schema}".`);
    }

    const writes: WriteFigure[] = [];
    if (writerCounts.length) {
      // (a) Writes. Many cases: a timeline event refreshes its case's search vector, and writers on one case would queue on its row.
      const caseIds = (
        await db.query<{ id: string }>(
          `INSERT INTO cases (reference, title, request_type, received_at)
           SELECT 'BENCH-AUDIT-' || $1::text || '-' || n, 'Audit bench ' || n, 'other', now() FROM generate_series(1, 500) AS n RETURNING id`,
          [Date.now().toString(36)],
        )
      ).rows.map((r) => r.id);
      const apps = {
        audited: await startApp(databaseUrl, schema, poolSize, true),
        unaudited: await startApp(databaseUrl, schema, poolSize, false),
      };
      try {
        const urls = { audited: '', unaudited: '' };
        for (const key of ['audited', 'unaudited'] as const) {
          await apps[key].listen(0, '127.0.0.1');
          urls[key] =
            `http://127.0.0.1:${(apps[key].getHttpServer().address() as AddressInfo).port}`;
        }
        const authorization = await authorize(apps.audited);
        log();
        log(
          `Writes: audited build vs AUDIT_DISABLED=1, both in this process (pool ${poolSize} each), ${seconds} s each in alternating 1 s windows:`,
        );
        const scenarios: [
          WriteFigure['scenario'],
          string,
          { audited: WriteOp; unaudited: WriteOp },
        ][] = [
          [
            'service',
            'timeline event INSERT + AuditService.record, one transaction',
            {
              audited: serviceWrite(apps.audited, caseIds),
              unaudited: serviceWrite(apps.unaudited, caseIds),
            },
          ],
        ];
        if (authorization) {
          scenarios.unshift([
            'http',
            'POST /cases/{id}/timeline',
            {
              audited: httpWrite(urls.audited, authorization, caseIds),
              unaudited: httpWrite(urls.unaudited, authorization, caseIds),
            },
          ]);
        } else {
          log('  (HTTP writes skipped: no token; pass `authorization` to runAuditBench)');
        }
        for (const [scenario, title, ops] of scenarios) {
          for (const writers of writerCounts) {
            const figure = await measure(scenario, ops, writers, seconds);
            writes.push(figure);
            log(
              `  ${title.padEnd(62)} ${String(writers).padStart(2)} writer(s): audited ${figure.audited.toFixed(0).padStart(5)}/s, ` +
                `unaudited ${figure.unaudited.toFixed(0).padStart(5)}/s, ratio ${figure.ratio.toFixed(2)}`,
            );
          }
        }
      } finally {
        await apps.audited.close();
        await apps.unaudited.close();
      }
    }
    const at8 = (scenario: WriteFigure['scenario']) =>
      writes.find((w) => w.scenario === scenario && w.writers === 8)?.ratio;
    const ratioAt8 = at8('http') ?? at8('service');
    const serviceRatioAt8 = at8('service');

    // (b) Verification of the whole trail (everything placed first, as GET /audit/verify does),
    // then of what was added since: a checkpoint is signed first, so that the full verification
    // keeps its state; then `added` records are appended and signed, and only they are read.
    const added = positiveInt('BENCH_AUDIT_ADDED', 10_000);
    const app = await startApp(databaseUrl, schema, poolSize, true);
    let verify: AuditBenchResult['verify'];
    let verifyCpuSeconds = NaN;
    let incremental: {
      records: number;
      read: number;
      seconds: number;
      cpuSeconds: number;
      valid: boolean;
    } | null = null;
    try {
      const trail = app.get(AuditTrailService);
      await trail.checkpoint();
      const first = await trail.verify();
      const cpuBefore = process.cpuUsage();
      const second = await trail.verify();
      const cpu = process.cpuUsage(cpuBefore);
      verifyCpuSeconds = (cpu.user + cpu.system) / 1e6;
      verify = {
        records: first.size,
        seconds: first.durationMs / 1000,
        valid: first.valid && second.valid,
        warmSeconds: second.durationMs / 1000,
      };
      if (!first.valid) log(`  VERIFY FAILED: ${JSON.stringify(first.firstBroken)}`);
      await seedTrail(db, added, () => {});
      await trail.checkpoint();
      const verifier = app.get(AuditVerifier);
      const cpuBeforeIncremental = process.cpuUsage();
      const since = await verifier.verify({ sinceVerified: true, record: true });
      const cpuIncremental = process.cpuUsage(cpuBeforeIncremental);
      incremental = {
        records: since.size,
        read: since.size - (since.since?.size ?? 0),
        seconds: since.durationMs / 1000,
        cpuSeconds: (cpuIncremental.user + cpuIncremental.system) / 1e6,
        valid: since.valid,
      };
      if (!since.valid) log(`  INCREMENTAL VERIFY FAILED: ${JSON.stringify(since.firstBroken)}`);
    } finally {
      await app.close();
    }
    log();
    log(
      `Verify ${verify.records.toLocaleString('en')} records: ${verify.seconds.toFixed(2)} s (again: ${verify.warmSeconds.toFixed(2)} s, ` +
        `${Math.round(verify.records / verify.warmSeconds).toLocaleString('en')} records/s), ${verify.valid ? 'valid' : 'INVALID'}; ` +
        `target < ${AUDIT_TARGETS.verifySeconds} s: ${mark(verify.seconds < AUDIT_TARGETS.verifySeconds)}`,
    );
    if (ratioAt8 !== undefined) {
      log(
        `Audited/unaudited writes at 8 writers: ${ratioAt8.toFixed(2)}${at8('http') !== undefined ? ' (HTTP)' : ' (service)'}; ` +
          `target >= ${AUDIT_TARGETS.writeRatioAt8}: ${mark(ratioAt8 >= AUDIT_TARGETS.writeRatioAt8)}` +
          (at8('http') !== undefined && serviceRatioAt8 !== undefined
            ? `; bare transaction: ${serviceRatioAt8.toFixed(2)}`
            : ''),
      );
    }
    if (incremental)
      log(
        `Verify what was added since the last verified checkpoint: ${incremental.read.toLocaleString('en')} of ` +
          `${incremental.records.toLocaleString('en')} records read, ${incremental.seconds.toFixed(3)} s (Node CPU ${incremental.cpuSeconds.toFixed(3)} s), ` +
          `${incremental.valid ? 'valid' : 'INVALID'}`,
      );
    const figures = options.figures;
    if (figures) {
      if (incremental)
        figures.add(
          `verify ${incremental.read.toLocaleString('en')} new records on a ${incremental.records.toLocaleString('en')}-record trail (since the last verified checkpoint)`,
          `${incremental.seconds.toFixed(3)} s (Node CPU ${incremental.cpuSeconds.toFixed(3)} s)`,
          `< ${AUDIT_TARGETS.incrementalSeconds} s (10k new on 1M)`,
          incremental.valid &&
            incremental.read < incremental.records &&
            incremental.seconds < AUDIT_TARGETS.incrementalSeconds,
        );
      if (ratioAt8 !== undefined)
        figures.add(
          `audited / unaudited writes, 8 writers${at8('http') !== undefined ? ' (HTTP)' : ' (service)'}`,
          `${ratioAt8.toFixed(2)}${serviceRatioAt8 !== undefined ? ` (bare transaction ${serviceRatioAt8.toFixed(2)})` : ''}`,
          `>= ${AUDIT_TARGETS.writeRatioAt8}`,
          ratioAt8 >= AUDIT_TARGETS.writeRatioAt8,
        );
      figures.add(
        `verify ${verify.records.toLocaleString('en')} audit records: Node CPU (in-process, warm)`,
        `${verifyCpuSeconds.toFixed(2)} s (wall ${verify.warmSeconds.toFixed(2)} s, first ${verify.seconds.toFixed(2)} s)`,
        `CPU <= ${AUDIT_TARGETS.verifyCpuSeconds} s, wall <= ${AUDIT_TARGETS.verifySeconds} s idle (1M)`,
        verifyCpuSeconds <= AUDIT_TARGETS.verifyCpuSeconds &&
          verify.warmSeconds <= AUDIT_TARGETS.verifySeconds,
      );
    }
    const targetsMet =
      verify.valid &&
      verify.seconds < AUDIT_TARGETS.verifySeconds &&
      (ratioAt8 === undefined || ratioAt8 >= AUDIT_TARGETS.writeRatioAt8);
    return { writes, ratioAt8, serviceRatioAt8, verify, seedSeconds, targetsMet };
  } finally {
    await db.end().catch(() => {});
    await admin.end().catch(() => {});
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAuditBench().then(
    (result) => {
      process.stdout.write(
        `\nThe schema "bench_audit" is kept and reused by the next run (BENCH_RESEED=1 seeds it afresh).\n`,
      );
      process.exit(result.verify.valid ? 0 : 1);
    },
    (err: unknown) => {
      console.error('audit bench failed:', err);
      process.exit(1);
    },
  );
}
