/** Benchmark settings from the environment; one place so every part of the bench agrees. */
export interface BenchConfig {
  databaseUrl: string;
  schema: string;
  cases: number;
  /** Reuse a schema seeded by an earlier run when its seed version and size match (default). */
  reuse: boolean;
  durationSeconds: number;
  /** Warm-up per scenario, in a pass over all scenarios before any is measured. */
  warmupSeconds: number;
  connections: number;
  poolSize: number;
  searchTerm: string;
  /** Instance counts for the several-instances scenario (empty: skipped). */
  instances: number[];
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  const instances = process.env.BENCH_INSTANCES ?? '1,2,3';
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    schema: 'bench',
    cases: positiveInt('BENCH_CASES', 100_000),
    reuse: process.env.BENCH_RESEED !== '1',
    durationSeconds: positiveInt('BENCH_DURATION', 10),
    warmupSeconds: positiveInt('BENCH_WARMUP', 4),
    connections: positiveInt('BENCH_CONNECTIONS', 32),
    poolSize: positiveInt('DB_POOL_SIZE', 10),
    searchTerm: process.env.BENCH_Q || 'Festplatte',
    instances:
      instances === '0'
        ? []
        : instances
            .split(',')
            .map(Number)
            .filter((n) => Number.isInteger(n) && n > 0),
  };
}

/**
 * The version of what the seed writes: a schema seeded by an older version is seeded afresh, one
 * of this version is reused whatever rows earlier runs added. Raise it when seed.ts changes.
 */
export const SEED_VERSION = 3;

/** Targets printed next to the figures; the bench reports them, it does not assert them. */
export const TARGETS = {
  /** Filtered list, ours/raw by CPU per request (node + PostgreSQL backend). */
  listCpuRatio: 0.85,
  /** Case file: Node CPU per request, and p99 within this many times p50. */
  caseFileNodeMs: 1.5,
  caseFileP99OverP50: 3,
  seedSeconds: 30,
};
