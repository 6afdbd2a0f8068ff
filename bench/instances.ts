/**
 * Several instances of our app on one PostgreSQL schema, as behind a load balancer: for 1, 2 and 3
 * instances, list reads and audited writes spread over all of them at once. On 2 cores the
 * absolute throughput cannot grow; what must hold is that CPU per request stays flat, nothing
 * fails, and the audit trail written through all of them (checkpoints signed by whichever
 * instance holds the signing lock, every second) verifies afterwards.
 */
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { AuditTrailService } from '../src/audit/audit-trail.service.js';
import type { BenchConfig } from './config.js';
import { cpuUse, sampleCpu, type CpuSample } from './cpu.js';
import { Figures, ms } from './figures.js';
import { drive, type LoadResult } from './load.js';
import { connect } from './seed.js';
import { startServer, type ServerHandle } from './servers.js';

/** CPU per request with N instances may exceed that with one by this factor (noise, more backends). */
const FLAT_FACTOR = 1.25;

interface Figure {
  instances: number;
  kind: 'list' | 'write';
  requestsPerSecond: number;
  errors: number;
  nodeMs: number;
  pgMs: number;
}

/** Drives every instance at once, the connections split among them; CPU summed over all. */
async function driveAll(
  db: pg.Client,
  servers: ServerHandle[],
  connections: number,
  seconds: number,
  scenario: { path: () => string; body?: () => unknown },
): Promise<{ load: LoadResult; nodeMs: number; pgMs: number }> {
  const each = Math.max(1, Math.round(connections / servers.length));
  // One after another: the samples share one client.
  const sample = async () => {
    const samples: CpuSample[] = [];
    for (const s of servers) samples.push(await sampleCpu(db, s.pid, s.applicationName));
    return samples;
  };
  const run = () =>
    Promise.all(
      servers.map((s) =>
        drive({ name: s.name, baseUrl: s.baseUrl, headers: s.headers, ...scenario }, each, seconds),
      ),
    );
  await Promise.all(
    servers.map((s) =>
      drive({ name: s.name, baseUrl: s.baseUrl, headers: s.headers, ...scenario }, each, 2),
    ),
  );
  const before: CpuSample[] = await sample();
  const loads = await run();
  const after = await sample();
  const total = loads.reduce((n, l) => n + l.total, 0);
  let nodeMs = 0;
  let pgMs = 0;
  servers.forEach((_, i) => {
    const use = cpuUse(before[i], after[i], total);
    nodeMs += use.serverMsPerRequest ?? NaN;
    pgMs += use.dbMsPerRequest ?? 0;
  });
  const load: LoadResult = {
    requestsPerSecond: loads.reduce((n, l) => n + l.requestsPerSecond, 0),
    p50: Math.max(...loads.map((l) => l.p50)),
    p99: Math.max(...loads.map((l) => l.p99)),
    total,
    errors: loads.reduce((n, l) => n + l.errors, 0),
    non2xx: loads.reduce((n, l) => n + l.non2xx, 0),
  };
  return { load, nodeMs, pgMs };
}

/** Waits until every committed audit event has its place (the sequencers of all instances share the work). */
async function sequenced(db: pg.Client): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL',
    );
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL',
  );
  return rows[0].n;
}

export async function runInstancesBench(
  config: BenchConfig,
  log: (line?: string) => void,
  figures: Figures,
  problems: string[],
): Promise<void> {
  const db = connect(config.databaseUrl, config.schema);
  await db.connect();
  const results: Figure[] = [];
  try {
    const caseIds = (
      await db.query<{ id: string }>(
        'SELECT id FROM cases WHERE NOT restricted ORDER BY random() LIMIT 500',
      )
    ).rows.map((r) => r.id);
    const pick = () => caseIds[Math.floor(Math.random() * caseIds.length)];
    let written = 0;
    const write = {
      path: () => `/cases/${pick()}/timeline`,
      body: () => ({
        occurredAt: new Date().toISOString(),
        type: 'note',
        description: `Written through one of several instances (${++written}).`,
      }),
    };
    const list = { path: () => '/cases?status=received,under_review&limit=50' };
    log(
      `  ${config.durationSeconds} s per row, ${config.connections} connections split among the instances; ` +
        `checkpoints signed every second by whichever instance holds the signing lock; ${availableParallelism()} cores.`,
    );
    for (const n of config.instances) {
      const servers: ServerHandle[] = [];
      try {
        for (let i = 1; i <= n; i++) {
          servers.push(
            await startServer(`instance-${n}-${i}`, 'app-server.js', {
              databaseUrl: config.databaseUrl,
              schema: config.schema,
              poolSize: config.poolSize,
              env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1' },
            }),
          );
        }
        for (const [kind, scenario] of [
          ['list', list],
          ['write', write],
        ] as const) {
          const { load, nodeMs, pgMs } = await driveAll(
            db,
            servers,
            config.connections,
            config.durationSeconds,
            scenario,
          );
          const errors = load.errors + load.non2xx;
          results.push({
            instances: n,
            kind,
            requestsPerSecond: load.requestsPerSecond,
            errors,
            nodeMs,
            pgMs,
          });
          log(
            `  ${n} instance(s), ${kind.padEnd(5)}: ${load.requestsPerSecond.toFixed(0).padStart(5)} req/s, ` +
              `node CPU ${ms(nodeMs)} ms/req, pg CPU ${ms(pgMs)} ms/req, p99 ${load.p99.toFixed(0)} ms, errors ${errors}`,
          );
          if (errors)
            problems.push(`${n} instance(s), ${kind}: ${errors} errors or non-2xx answers`);
        }
        const crashed = servers.map((s) => s.crashed()).find(Boolean);
        if (crashed) throw new Error(crashed);
      } finally {
        for (const s of servers) await s.stop().catch((err: unknown) => problems.push(String(err)));
      }
    }

    // The trail written through all instances, verified from scratch (what GET /audit/verify does).
    const left = await sequenced(db);
    const app = await createApp({
      ...loadConfig({ LOG_LEVEL: 'error', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }),
      port: 0,
      database: { kind: 'postgres', url: config.databaseUrl, poolSize: 4, schema: config.schema },
    });
    try {
      const verify = await app.get(AuditTrailService).verify();
      const checkpoints = (
        await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_checkpoints')
      ).rows[0].n;
      log(
        `  Audit trail after the runs: ${verify.size.toLocaleString('en')} records, ${verify.valid ? 'valid' : 'BROKEN'}, ` +
          `${verify.checkpointsChecked} of ${checkpoints} checkpoints checked, ${left} not yet placed before the check` +
          (verify.firstBroken ? `; first broken: ${JSON.stringify(verify.firstBroken)}` : ''),
      );
      if (!verify.valid)
        problems.push('the audit trail written by several instances did not verify');
      const flat = (kind: Figure['kind']) => {
        const one = results.find((r) => r.kind === kind && r.instances === 1);
        const most = results
          .filter((r) => r.kind === kind)
          .sort((a, b) => b.instances - a.instances)[0];
        if (!one || !most || one === most) return;
        const factor = (most.nodeMs + most.pgMs) / (one.nodeMs + one.pgMs);
        figures.add(
          `${most.instances} instances vs 1, ${kind}: CPU per request`,
          `${factor.toFixed(2)}× (${ms(one.nodeMs + one.pgMs)} → ${ms(most.nodeMs + most.pgMs)} ms; req/s ${one.requestsPerSecond.toFixed(0)} → ${most.requestsPerSecond.toFixed(0)})`,
          `<= ${FLAT_FACTOR}×, no errors`,
          factor <= FLAT_FACTOR && results.every((r) => r.errors === 0),
        );
      };
      flat('list');
      flat('write');
      figures.add(
        'audit trail written through several instances',
        `${verify.valid ? 'valid' : 'BROKEN'}, ${verify.size.toLocaleString('en')} records, ${checkpoints} checkpoints`,
        'verifies',
        verify.valid,
      );
    } finally {
      await app.close();
    }
  } finally {
    await db.end().catch(() => {});
  }
}
