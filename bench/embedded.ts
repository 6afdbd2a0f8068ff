/**
 * The embedded default: our app on PGlite (the database in its own process, as shipped without a
 * DATABASE_URL), with 10,000 seeded cases, serving the case list. The figure is the peak resident
 * memory of the service process (VmHWM) after the list was driven; CPU per request beside it.
 * The seeded data directory is kept in the system's temporary directory and reused.
 */
import 'reflect-metadata';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { SEED_VERSION } from './config.js';
import { cpuUse, sampleCpu } from './cpu.js';
import { ms, type Figures } from './figures.js';
import { drive } from './load.js';
import { peakRssMb, seedEmbedded, statusMb } from './embedded-seed.js';
import { startServer } from './servers.js';

export interface EmbeddedBenchOptions {
  /** Only for the CPU sampler's connection; the app itself runs on the embedded database. */
  databaseUrl: string;
  cases?: number;
  seconds?: number;
  connections?: number;
  log: (line?: string) => void;
  figures?: Figures;
}

const rssMb = (pid: number | undefined) => statusMb(pid, 'VmRSS');

/** A fresh embedded data directory, migrated by the app itself, then seeded. */
async function createEmbedded(dataDir: string, cases: number, log: (line?: string) => void) {
  rmSync(dataDir, { recursive: true, force: true });
  const app = await createApp({
    ...loadConfig({ LOG_LEVEL: 'error' }),
    port: 0,
    database: { kind: 'pglite', dataDir },
  });
  await app.close();
  const started = performance.now();
  await seedEmbedded(dataDir, cases);
  log(
    `  seeded ${cases.toLocaleString('en')} cases into the embedded database in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

export async function runEmbeddedBench(options: EmbeddedBenchOptions): Promise<void> {
  const { log } = options;
  const cases = options.cases ?? 10_000;
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 8;
  const dataDir = join(tmpdir(), `bench-embedded-v${SEED_VERSION}-${cases}`);
  const marker = `${dataDir}.seeded`;
  if (existsSync(marker) && existsSync(dataDir) && process.env.BENCH_RESEED !== '1') {
    log(`Reusing the embedded database in ${dataDir} (${cases.toLocaleString('en')} cases).`);
  } else {
    rmSync(marker, { force: true });
    await createEmbedded(dataDir, cases, log);
    writeFileSync(marker, `bench seed v${SEED_VERSION}: ${cases} cases\n`);
  }
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const server = await startServer('embedded', 'app-server.js', {
    databaseUrl: options.databaseUrl,
    schema: 'public',
    poolSize: 1,
    embeddedDir: dataDir,
  });
  try {
    const started = peakRssMb(server.pid);
    const settled = rssMb(server.pid);
    const lists = [
      '/cases?status=received%2Cunder_review&limit=50',
      '/cases?country=DE&limit=50',
      '/cases?limit=50',
    ];
    const scenario = (path: string) => ({
      name: path,
      baseUrl: server.baseUrl,
      headers: server.headers,
      path,
    });
    for (const path of lists) await drive(scenario(path), connections, 2);
    const rows: string[] = [];
    let nodeMs = 0;
    let requests = 0;
    for (const path of lists) {
      const before = await sampleCpu(db, server.pid, server.applicationName);
      const load = await drive(scenario(path), connections, seconds);
      const after = await sampleCpu(db, server.pid, server.applicationName);
      const use = cpuUse(before, after, load.total);
      nodeMs += (use.serverMsPerRequest ?? 0) * load.total;
      requests += load.total;
      rows.push(
        `  GET ${path.padEnd(48)} ${load.requestsPerSecond.toFixed(0).padStart(5)} req/s, ` +
          `CPU ${ms(use.serverMsPerRequest)} ms/req (database included), ${load.errors + load.non2xx} errors/non-2xx`,
      );
    }
    const peak = peakRssMb(server.pid);
    for (const row of rows) log(row);
    log(
      `  service process RSS: ${settled ?? '-'} MB after start (peak ${started ?? '-'} MB), ${peak ?? '-'} MB peak after serving the lists`,
    );
    options.figures?.add(
      `embedded default: peak RSS serving a ${cases.toLocaleString('en')}-case list`,
      `${peak ?? '-'} MB (${started ?? '-'} MB after start; ${ms(nodeMs / Math.max(1, requests))} ms CPU/req)`,
      '< 300 MB',
      peak !== undefined && peak < 300,
    );
  } finally {
    await server.stop().catch(() => {});
    await db.end().catch(() => {});
  }
}
