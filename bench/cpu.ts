/**
 * CPU accounting per scenario (Linux /proc): the server process, its PostgreSQL backends, and
 * everything else on the machine. The machine is shared and has 2 cores, so req/s moves with
 * whatever else runs; CPU per request moves much less, and "other" shows how disturbed a run was.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** Linux reports CPU time in clock ticks, 100 per second on every common kernel build. */
const TICKS_PER_SECOND = 100;

export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that ends the command name: state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine, all cores together. */
function machineBusySeconds(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface CpuSample {
  at: number;
  machine: number | undefined;
  self: number;
  server: number | undefined;
  backends: Map<number, number>;
}

export async function sampleCpu(
  db: pg.Client,
  serverPid: number | undefined,
  applicationName: string,
): Promise<CpuSample> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== undefined) backends.set(pid, seconds);
  }
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machineBusySeconds(),
    self: (user + system) / 1e6,
    server: processCpuSeconds(serverPid),
    backends,
  };
}

export interface CpuUse {
  /** CPU ms per request in the server process and in its database backends. */
  serverMsPerRequest?: number;
  dbMsPerRequest?: number;
  /** Cores used by everything else (other processes on the machine), averaged over the run. */
  otherCores?: number;
}

export function cpuUse(before: CpuSample, after: CpuSample, requests: number): CpuUse {
  let db = 0;
  // A backend opened during the run counts from zero.
  for (const [pid, seconds] of after.backends) db += seconds - (before.backends.get(pid) ?? 0);
  const server =
    after.server !== undefined && before.server !== undefined
      ? after.server - before.server
      : undefined;
  const self = after.self - before.self;
  const wall = (after.at - before.at) / 1000;
  const perRequest = (seconds: number | undefined) =>
    seconds !== undefined && requests > 0 ? (seconds * 1000) / requests : undefined;
  return {
    serverMsPerRequest: perRequest(server),
    dbMsPerRequest: after.backends.size ? perRequest(db) : undefined,
    otherCores:
      after.machine !== undefined && before.machine !== undefined && server !== undefined
        ? Math.max(0, after.machine - before.machine - server - db - self) / wall
        : undefined,
  };
}
