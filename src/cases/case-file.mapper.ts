import { DOWNTIME_IMPACTS, type HandoverState, type TimePrecision } from '../domain/vocabulary.js';

/** Known only to the hour, the day or roughly. */
const rough = (p: TimePrecision | undefined) => p === 'hour' || p === 'day' || p === 'approximate';
import type { AffectedSystem } from './parts/affected-systems/affected-system.entity.js';
import type { Disclosure } from './parts/disclosures/disclosure.entity.js';
import type { Target } from './parts/targets/target.entity.js';
import { downtimeSummary } from './downtime.js';

/** Names of systems in the order people read them: "server 2" before "server 10". */
export function systemOrder(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '', undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * Affected systems in the one order of every document: chronological (when the impact began), then
 * by the system's name.
 */
export function chronologicalSystems<
  T extends { startedAt: string | Date; inventoryItemId: string },
>(systems: T[], names: Map<string, string | null>): T[] {
  return [...systems].sort(
    (a, b) =>
      new Date(a.startedAt).getTime() - new Date(b.startedAt).getTime() ||
      systemOrder(names.get(a.inventoryItemId) ?? null, names.get(b.inventoryItemId) ?? null),
  );
}

/** Figures computed from a case's parts: the impact ledger against the scope that was named. */
export function impactFigures(
  targets: Target[],
  affected: AffectedSystem[],
  disclosures: Disclosure[],
  nothingHandedOver: boolean,
  systemNames: Map<string, string>,
  now: Date,
) {
  const down = affected.filter((a) => DOWNTIME_IMPACTS.includes(a.impact));
  const downtime = downtimeSummary(
    down.map((a) => ({
      systemId: a.inventoryItemId,
      start: a.startedAt,
      end: a.endedAt,
      endState: a.endState,
      approximate:
        rough(a.startedAtPrecision) ||
        ((a.endState === 'ended' || a.endState === 'at_least_until') && rough(a.endedAtPrecision)),
    })),
    now,
  );
  const systemsAffected = new Set(
    affected.filter((a) => a.impact !== 'none').map((a) => a.inventoryItemId),
  ).size;
  const handover: HandoverState =
    disclosures.length > 0
      ? 'data_handed_over'
      : nothingHandedOver
        ? 'nothing_handed_over'
        : 'not_recorded';
  // One order for systems everywhere (API, statement, case file): when the outage began, then name.
  const firstDown = new Map<string, number>();
  for (const a of down) {
    const t = new Date(a.startedAt).getTime();
    firstDown.set(a.inventoryItemId, Math.min(t, firstDown.get(a.inventoryItemId) ?? t));
  }
  return {
    downtime: {
      ...downtime,
      systems: downtime.systems
        .map((s) => ({ ...s, name: systemNames.get(s.inventoryItemId) ?? null }))
        .sort(
          (a, b) =>
            (firstDown.get(a.inventoryItemId) ?? 0) - (firstDown.get(b.inventoryItemId) ?? 0) ||
            systemOrder(a.name, b.name) ||
            a.inventoryItemId.localeCompare(b.inventoryItemId),
        ),
    },
    collateral: {
      targetsNamed: targets.length,
      systemsAffected,
      /** Systems affected per target named; null when no target was named. */
      ratio: targets.length ? Math.round((systemsAffected / targets.length) * 100) / 100 : null,
    },
    handover,
  };
}
