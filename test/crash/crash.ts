/**
 * npm run test:crash: kills the service (SIGKILL) while it writes, restarts it, and checks that
 * every acknowledged write is still there and that the audit trail verifies. At least 5 kills on
 * the embedded database and 3 on PostgreSQL (CRASH_DATABASE_URL, default the local test server;
 * a database of its own, test_crash_*, is created and dropped). CRASH_ONLY=pglite|postgres runs
 * one. Bounded: every wait has a limit, and the whole run stops after CRASH_LIMIT_SECONDS (300).
 * Exit codes: 0 nothing lost, 1 a write or the trail was lost, or the service did not come back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const MAIN = join(import.meta.dirname, '../../src/main.js');
const VERIFY = join(import.meta.dirname, '../../src/audit/cli/verify.js');
const ADMIN = { email: 'crash-admin@test.example', password: 'crash-test-admin-password' };
const BOARD = { email: 'crash-board@test.example', password: 'crash-test-board-password' };
const WRITERS = 4;
const log = (line: string) => process.stdout.write(`${line}\n`);

const limit = setTimeout(
  () => {
    log(`crash test: FAILED, still running after ${process.env.CRASH_LIMIT_SECONDS ?? 300} s`);
    process.exit(1);
  },
  Number(process.env.CRASH_LIMIT_SECONDS ?? 300) * 1000,
);
limit.unref();

class CrashFailure extends Error {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Target {
  name: 'pglite' | 'postgres';
  env: NodeJS.ProcessEnv;
  kills: number;
}

class Service {
  child: ChildProcess | null = null;
  output = '';
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly base: string,
  ) {}

  /** Starts the service and waits for /health; returns the seconds it took. */
  async start(): Promise<number> {
    const started = performance.now();
    this.output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new CrashFailure(
          `the service exited (${child.exitCode}) while starting:\n${this.output.slice(-2000)}`,
        );
      }
      const ok = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await sleep(200);
    }
    throw new CrashFailure(
      `the service did not answer /health within 120 s:\n${this.output.slice(-2000)}`,
    );
  }

  async kill(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
    await exited;
  }
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function signIn(base: string, who: { email: string; password: string }) {
  const res = await api(base, 'POST', '/auth/sign-in', undefined, who);
  if (res.status !== 200)
    throw new CrashFailure(`sign-in of ${who.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

async function runTarget(target: Target): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = new Service(
    {
      ...process.env,
      ...target.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NO_COLOR: '1',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1',
    },
    base,
  );
  const acknowledged = new Map<string, string>();
  let board: string;
  try {
    const first = await service.start();
    log(`${target.name}: started in ${first.toFixed(1)} s`);
    const admin = await signIn(base, ADMIN);
    const created = await api(base, 'POST', '/users', admin, {
      ...BOARD,
      displayName: 'Crash test board',
      role: 'board',
    });
    if (created.status !== 201)
      throw new CrashFailure(`creating the board user: ${created.status}`);

    for (let round = 1; round <= target.kills; round++) {
      board = await signIn(base, BOARD);
      let stop = false;
      let failures = 0;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const title = `crash ${target.name} r${round} w${w} #${i}`;
          try {
            const res = await api(base, 'POST', '/cases', board, {
              title,
              requestType: 'other',
              receivedAt: '2024-01-01T00:00:00Z',
            });
            if (res.status === 201) acknowledged.set(res.body.id as string, title);
            else failures++;
          } catch {
            return; // the connection broke: the kill came
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await sleep(500 + Math.floor(Math.random() * 1500));
      await service.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      const restart = await service.start();
      const missing = await missingWrites(base, acknowledged);
      log(
        `${target.name}: kill ${round}/${target.kills} during writes; restarted in ${restart.toFixed(1)} s; ` +
          `${acknowledged.size} acknowledged writes so far, ${missing.length} missing` +
          (failures ? `, ${failures} writes refused before the kill` : ''),
      );
      if (missing.length)
        throw new CrashFailure(
          `${target.name}: acknowledged writes lost: ${missing.slice(0, 5).join(', ')}`,
        );
    }
    await service.kill('SIGTERM');
  } finally {
    await service.kill('SIGKILL');
  }
  const verify = spawnSync(process.execPath, [VERIFY], {
    env: { ...process.env, ...target.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  log(`${target.name}: audit:verify exit ${verify.status}: ${verify.stdout.split('\n')[0]}`);
  if (verify.status !== 0)
    throw new CrashFailure(
      `${target.name}: the audit trail does not verify:\n${verify.stdout}${verify.stderr}`,
    );
}

async function missingWrites(base: string, acknowledged: Map<string, string>): Promise<string[]> {
  const token = await signIn(base, BOARD);
  const missing: string[] = [];
  const ids = [...acknowledged.keys()];
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(
      ids.slice(i, i + 8).map(async (id) => {
        const res = await api(base, 'GET', `/cases/${id}`, token);
        if (res.status !== 200 || res.body.title !== acknowledged.get(id)) missing.push(id);
      }),
    );
  }
  return missing;
}

async function main(): Promise<number> {
  const only = process.env.CRASH_ONLY;
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'tracker-crash-'));
  const pgUrl = process.env.CRASH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `test_crash_${Date.now().toString(36)}`;
  const adminClient = async <T>(work: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  try {
    if (only !== 'postgres') {
      await runTarget({
        name: 'pglite',
        kills: 5,
        env: {
          DATA_DIR: join(work, 'pglite'),
          DATABASE_URL: '',
          AUDIT_KEY_FILE: join(work, 'pglite-key.pem'),
        },
      });
    }
    if (only !== 'pglite') {
      await adminClient((c) => c.query(`CREATE DATABASE ${database}`));
      const url = new URL(pgUrl);
      url.pathname = `/${database}`;
      try {
        await runTarget({
          name: 'postgres',
          kills: 3,
          env: { DATABASE_URL: url.toString(), AUDIT_KEY_FILE: join(work, 'postgres-key.pem') },
        });
      } finally {
        await adminClient((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(
    `crash test: passed in ${((performance.now() - started) / 1000).toFixed(0)} s, no acknowledged write lost`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`crash test: FAILED: ${err instanceof CrashFailure ? err.message : String(err)}`);
    process.exit(1);
  },
);
