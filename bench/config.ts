/** Benchmark settings from the environment; one place so every part of the bench agrees. */
export interface BenchConfig {
  databaseUrl: string;
  schema: string;
  cases: number;
  reuse: boolean;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  poolSize: number;
  searchTerm: string;
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
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    schema: 'bench',
    cases: positiveInt('BENCH_CASES', 100_000),
    reuse: process.env.BENCH_REUSE === '1',
    durationSeconds: positiveInt('BENCH_DURATION', 10),
    warmupSeconds: positiveInt('BENCH_WARMUP', 2),
    connections: positiveInt('BENCH_CONNECTIONS', 32),
    poolSize: positiveInt('DB_POOL_SIZE', 10),
    searchTerm: process.env.BENCH_Q || 'Festplatte',
  };
}

/** Targets printed next to the figures; the bench reports them, it does not assert them. */
export const TARGETS = {
  listRatio: 0.6,
  p99Ms: 25,
  seedSeconds: 60,
};
