/**
 * Upload and download of one large file (default 100 MB) through the real HTTP stack, against
 * `cat` piping the same file through a local TCP socket; the service's RSS growth during each.
 * Targets (issue "Speed"): throughput >= 50 % of cat's, RSS growth < 64 MB. The service runs in
 * this process; the client streams from and to disk, so the RSS growth is the service's.
 *
 * npm run bench:files
 *   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/test (a schema of its own, dropped after);
 *                        BENCH_FILES_DB=embedded runs on an in-memory embedded database instead
 *   BENCH_FILE_MB        size of the file (default 100)
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { bundleFigure } from './bundle-figure.js';
import { SYSTEM_ACTOR } from '../src/access/actor.js';
import { AuthService } from '../src/auth/auth.service.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { MEMORY_DATA_DIR } from '../src/config/database.settings.js';
import { UsersService } from '../src/users/users.service.js';

const MB = 1024 * 1024;
const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);

/** A file of `size` bytes that no compressor shrinks, behind a valid PDF header. */
async function makeFile(path: string, size: number) {
  const out = createWriteStream(path);
  out.write('%PDF-1.7\n');
  let written = 9;
  while (written < size) {
    const n = Math.min(MB, size - written);
    if (!out.write(randomBytes(n))) await new Promise<void>((r) => out.once('drain', () => r()));
    written += n;
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

/** `cat FILE` into a TCP connection to a local server that discards what it reads. */
async function catThroughSocket(path: string): Promise<number> {
  const server = createServer((socket) => socket.resume());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    cat.stdout.pipe(socket);
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
  const ms = performance.now() - started;
  server.close();
  return ms;
}

/**
 * Runs `work` and measures it: wall time, CPU time of this process (service and client: the
 * client only streams from and to disk), and the peak RSS above the start, sampled every 20 ms.
 */
async function measured<T>(work: () => Promise<T>) {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return {
      result,
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      growthMb: (peak - start) / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const sizeMb = Number(process.env.BENCH_FILE_MB ?? 100);
  const size = Math.round(sizeMb * MB);
  const dir = mkdtempSync(join(tmpdir(), 'bench-files-'));
  const path = join(dir, 'order.pdf');
  await makeFile(path, size);
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  const sha256 = hash.digest('hex');

  const embedded = process.env.BENCH_FILES_DB === 'embedded';
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_files_${randomBytes(4).toString('hex')}`;
  let database: AppConfig['database'] = { kind: 'pglite', dataDir: MEMORY_DATA_DIR };
  if (!embedded) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    database = { kind: 'postgres', url, poolSize: 5, schema };
  }
  const config: AppConfig = {
    ...loadConfig({
      LOG_LEVEL: 'error',
      ACCESS_LOG: 'off',
      FILE_MAX_BYTES: String(size + MB),
      // A key of its own for the bundle's checkpoint: nothing written next to a data directory.
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    }),
    port: 0,
    database,
  };
  const app = await createApp(config);
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const board = await app.get(UsersService).create(SYSTEM_ACTOR, {
      email: 'board@bench.example',
      role: 'board',
      displayName: 'Bench board',
      password: randomBytes(18).toString('base64url'),
    });
    const token = await app.get(AuthService).issueToolSession(board.id, 'bench');
    const auth = { authorization: `Bearer ${token}` };
    const call = (method: string, path: string, body?: object) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            headers: { ...auth, 'content-type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body ? JSON.stringify(body) : undefined);
      });
    const created = await call('POST', '/cases', {
      title: 'Bench: a large scan',
      requestType: 'search_and_seizure',
      receivedAt: '2015-01-15T11:12:00+01:00',
    });
    const caseId = (JSON.parse(created.body) as { id: string }).id;

    const catRuns = [await catThroughSocket(path), await catThroughSocket(path)];
    const catMs = Math.min(...catRuns);

    const boundary = `bench-${randomBytes(8).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="order.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const upload = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `/cases/${caseId}/files?kind=order`,
            headers: {
              ...auth,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(head.length + statSync(path).size + tail.length),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(head);
        const file = createReadStream(path);
        file.pipe(req, { end: false });
        file.on('end', () => req.end(tail));
      });
    const up = await measured(upload);
    if (up.result.status !== 201) throw new Error(`upload: ${up.result.status} ${up.result.body}`);
    const file = JSON.parse(up.result.body) as { id: string; versions: { sha256: string }[] };
    if (file.versions[0].sha256 !== sha256) throw new Error('upload: the stored hash differs');

    const download = () =>
      new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
        const digest = createHash('sha256');
        let bytes = 0;
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: `/cases/${caseId}/files/${file.id}/content`,
            headers: auth,
          },
          (res) => {
            res.on('data', (c: Buffer) => {
              bytes += c.length;
              digest.update(c);
            });
            res.on('end', () => resolve({ bytes, sha256: digest.digest('hex') }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const down = await measured(download);
    if (down.result.sha256 !== sha256) throw new Error('download: the bytes differ');

    const catMbps = mbps(size, catMs);
    const figure = (name: string, m: { ms: number; cpuMs: number; growthMb: number }) => {
      const share = (mbps(size, m.ms) / catMbps) * 100;
      const pass = share >= 50 && m.growthMb < 64;
      return (
        `  ${name} ${mbps(size, m.ms).toFixed(1)} MB/s (${m.ms.toFixed(0)} ms, CPU ${m.cpuMs.toFixed(0)} ms), ` +
        `${share.toFixed(1)} % of cat, RSS growth ${m.growthMb.toFixed(0)} MB: ${pass ? 'PASS' : 'MISS'}`
      );
    };
    const lines = [
      `Files benchmark (${embedded ? 'embedded database' : 'PostgreSQL'}), one file of ${sizeMb} MB, ` +
        `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`,
      `  cat through a local socket: ${catMbps.toFixed(0)} MB/s (${catMs.toFixed(0)} ms)`,
      figure('upload:  ', up),
      figure('download:', down),
      '  targets: >= 50 % of cat, RSS growth < 64 MB (CPU: this process, service and client)',
      await bundleFigure({
        app,
        base: `http://127.0.0.1:${port}`,
        headers: auth,
        board: { id: board.id, email: 'board@bench.example' },
        zipPath: join(dir, 'bundle.zip'),
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (!embedded) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
}

await main();
