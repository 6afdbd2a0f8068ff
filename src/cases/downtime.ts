export interface Interval {
  start: Date;
  /** null while ongoing */
  end: Date | null;
}

/** Minutes covered by the union of the intervals; open intervals count until `now`. */
export function mergedMinutes(intervals: readonly Interval[], now: Date): number {
  const spans = intervals
    .map((i) => [i.start.getTime(), Math.max(i.start.getTime(), (i.end ?? now).getTime())] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | undefined;
  for (const [start, end] of spans) {
    if (current && start <= current[1]) {
      current[1] = Math.max(current[1], end);
    } else {
      if (current) total += current[1] - current[0];
      current = [start, end];
    }
  }
  if (current) total += current[1] - current[0];
  return Math.round(total / 60_000);
}

export interface SystemInterval extends Interval {
  systemId: string;
}

export interface DowntimeSummary {
  /** Minutes during which at least one system was down (overlaps counted once). */
  totalMinutes: number;
  ongoing: boolean;
  systems: { inventoryItemId: string; minutes: number; ongoing: boolean }[];
}

export function downtimeSummary(intervals: readonly SystemInterval[], now: Date): DowntimeSummary {
  const bySystem = new Map<string, SystemInterval[]>();
  for (const i of intervals) bySystem.set(i.systemId, [...(bySystem.get(i.systemId) ?? []), i]);
  return {
    totalMinutes: mergedMinutes(intervals, now),
    ongoing: intervals.some((i) => i.end === null),
    systems: [...bySystem.entries()].map(([inventoryItemId, list]) => ({
      inventoryItemId,
      minutes: mergedMinutes(list, now),
      ongoing: list.some((i) => i.end === null),
    })),
  };
}
