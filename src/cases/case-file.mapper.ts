import { DOWNTIME_IMPACTS, type HandoverState, type TimePrecision } from '../domain/vocabulary.js';

/** Known only to the hour, the day or roughly. */
const rough = (p: TimePrecision | undefined) => p === 'hour' || p === 'day' || p === 'approximate';
import type { AffectedSystem } from './parts/affected-systems/affected-system.entity.js';
import type { Disclosure } from './parts/disclosures/disclosure.entity.js';
import type { Target } from './parts/targets/target.entity.js';
import { downtimeSummary } from './downtime.js';

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
  return {
    downtime: {
      ...downtime,
      systems: downtime.systems
        .map((s) => ({ ...s, name: systemNames.get(s.inventoryItemId) ?? null }))
        .sort(
          (a, b) =>
            (a.name ?? '').localeCompare(b.name ?? '') ||
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
