import type { EndState } from '../domain/vocabulary.js';

export interface Interval {
  start: Date;
  /** null while ongoing, or when it ended at a time nobody knows (endState ended_unknown). */
  end: Date | null;
  /** How it ended; without one, an end means ended and none means ongoing. */
  endState?: EndState;
  /** Start or end known only to the hour, the day or roughly. */
  approximate?: boolean;
}

/** Whether the interval's length is only a lower bound: it ended at an unknown time. */
const isLowerBound = (i: Interval) =>
  i.endState === 'ended_unknown' || i.endState === 'at_least_until';

/**
 * Where an interval ends for counting: its end; now while ongoing; the last moment known when the
 * end is unknown (the "at least until" time, else the start), so that it never grows with the clock.
 */
export function countedEnd(i: Interval, now: Date): Date {
  if (i.endState === 'ended_unknown') return i.end ?? i.start;
  if (i.endState === 'ongoing') return now;
  return i.end ?? now;
}

/** Minutes covered by the union of the intervals; open intervals count until `now`. */
export function mergedMinutes(intervals: readonly Interval[], now: Date): number {
  const spans = intervals
    .map(
      (i) =>
        [i.start.getTime(), Math.max(i.start.getTime(), countedEnd(i, now).getTime())] as const,
    )
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

/** How far a figure can be trusted: still growing, a lower bound, resting on rough times. */
export interface FigureQuality {
  /** Still down (an impact without end): the figure grows until it ends. */
  ongoing: boolean;
  /** An end is unknown: the figure is at least this much. */
  lowerBound: boolean;
  /** It rests on times known only to the hour, the day or roughly. */
  approximate: boolean;
}

function quality(list: readonly Interval[]): FigureQuality {
  return {
    ongoing: list.some((i) => (i.endState ?? (i.end === null ? 'ongoing' : 'ended')) === 'ongoing'),
    lowerBound: list.some(isLowerBound),
    approximate: list.some((i) => i.approximate === true),
  };
}

export interface DowntimeSummary extends FigureQuality {
  /** Minutes during which at least one system was down (overlaps counted once). */
  totalMinutes: number;
  systems: ({ inventoryItemId: string; minutes: number } & FigureQuality)[];
}

export function downtimeSummary(intervals: readonly SystemInterval[], now: Date): DowntimeSummary {
  const bySystem = new Map<string, SystemInterval[]>();
  for (const i of intervals) bySystem.set(i.systemId, [...(bySystem.get(i.systemId) ?? []), i]);
  return {
    totalMinutes: mergedMinutes(intervals, now),
    ...quality(intervals),
    systems: [...bySystem.entries()].map(([inventoryItemId, list]) => ({
      inventoryItemId,
      minutes: mergedMinutes(list, now),
      ...quality(list),
    })),
  };
}
