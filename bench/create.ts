/**
 * Creating cases on a large schema vs a small one: POST /cases through our app (a child process
 * per schema, as served), on the report's 1,000,000-case schema and on a 10,000-case one. The cost
 * of a create must not grow with the table (the reference comes from a counter row per year, not
 * from a scan of the cases). Both are driven in alternating windows, so that a change in the
 * machine's background load hits both alike; creates/s and CPU per create (server process and its
 * PostgreSQL backends) are reported side by side.
 */
import pg from 'pg';
import { cpuUse, sampleCpu } from './cpu.js';
import type { Figures } from './figures.js';
import { ms } from './figures.js';
import { drive } from './load.js';
import { ensureSeeded } from './schemas.js';
import { startServer, type ServerHandle } from './servers.js';

export interface CreateBenchOptions {
  databaseUrl: string;
  large: { schema: string; cases: number };
  small: { schema: string; cases: number };
  /** Measured seconds per schema, in windows of `window` seconds (default 10, half of it). */
  seconds?: number;
  window?: number;
  connections?: number;
  log: (line?: string) => void;
  figures?: Figures;
}

interface Side {
  label: string;
  server: ServerHandle;
  total: number;
  seconds: number;
  nodeSeconds: number;
  pgSeconds: number;
  errors: number;
}

export async function runCreateBench(options: CreateBenchOptions): Promise<void> {
  const { databaseUrl, log } = options;
  const seconds = options.seconds ?? 10;
  const window = options.window ?? Math.max(2, Math.round(seconds / 2));
  const connections = options.connections ?? 4;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sides: Side[] = [];
  try {
    for (const { schema, cases } of [options.small, options.large]) {
      await ensureSeeded(databaseUrl, schema, cases, log);
      const server = await startServer(`create-${schema}`, 'app-server.js', {
        databaseUrl,
        schema,
        poolSize: 10,
        env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' },
      });
      sides.push({
        label: `${cases.toLocaleString('en')} cases`,
        server,
        total: 0,
        seconds: 0,
        nodeSeconds: 0,
        pgSeconds: 0,
        errors: 0,
      });
    }
    let n = 0;
    const body = () => ({
      title: `Bench create ${++n}`,
      requestType: 'other',
      receivedAt: new Date().toISOString(),
    });
    const scenario = (s: Side) => ({
      name: `create ${s.label}`,
      baseUrl: s.server.baseUrl,
      headers: s.server.headers,
      path: '/cases',
      body,
    });
    for (const s of sides) await drive(scenario(s), connections, window);
    const rounds = Math.max(1, Math.round(seconds / window));
    for (let round = 0; round < rounds; round++) {
      for (const s of round % 2 ? [...sides].reverse() : sides) {
        const before = await sampleCpu(db, s.server.pid, s.server.applicationName);
        const load = await drive(scenario(s), connections, window);
        const after = await sampleCpu(db, s.server.pid, s.server.applicationName);
        const use = cpuUse(before, after, 1);
        s.total += load.total;
        s.seconds += (after.at - before.at) / 1000;
        s.nodeSeconds += (use.serverMsPerRequest ?? NaN) / 1000;
        s.pgSeconds += (use.dbMsPerRequest ?? 0) / 1000;
        s.errors += load.errors + load.non2xx;
      }
    }
  } finally {
    for (const s of sides) await s.server.stop().catch(() => {});
    await db.end().catch(() => {});
  }
  const [small, large] = sides;
  const rate = (s: Side) => s.total / s.seconds;
  const cpu = (s: Side, part: number) => (part * 1000) / Math.max(1, s.total);
  for (const s of sides)
    log(
      `  POST /cases on ${s.label.padEnd(17)} ${rate(s).toFixed(1).padStart(6)} creates/s, ` +
        `node CPU ${ms(cpu(s, s.nodeSeconds))} ms + PostgreSQL ${ms(cpu(s, s.pgSeconds))} ms per create, ` +
        `${s.total} created, ${s.errors} errors/non-2xx`,
    );
  const ratio = rate(large) / rate(small);
  const cpuRatio =
    cpu(small, small.nodeSeconds + small.pgSeconds) /
    cpu(large, large.nodeSeconds + large.pgSeconds);
  log(
    `  ${large.label} vs ${small.label}: ${ratio.toFixed(2)}× by creates/s, ${cpuRatio.toFixed(2)}× by CPU per create`,
  );
  options.figures?.add(
    `create case at ${large.label} vs at ${small.label} (creates/s, ${connections} writers)`,
    `${ratio.toFixed(2)}× (${rate(large).toFixed(1)} vs ${rate(small).toFixed(1)}/s; by CPU per create ${cpuRatio.toFixed(2)}×)`,
    '>= 0.8×',
    ratio >= 0.8 && large.errors + small.errors === 0,
  );
}
