import type { EntityManager } from 'typeorm';

/**
 * The ids of a unit and all units below it, as a subquery over the parameter `unitParam` (a
 * uuid). Cases "of a unit" are those of the unit or any of its sub-units: the case list and the
 * reports both filter with this, so they agree.
 */
export const unitAndBelowSql = (unitParam: string) =>
  `(WITH RECURSIVE below AS (SELECT u.id FROM org_units u WHERE u.id = ${unitParam}::uuid
     UNION SELECT u.id FROM org_units u JOIN below b ON u.parent_id = b.id) SELECT id FROM below)`;

/** The unit's names from the top down, e.g. ["Bundesverband", "Landesverband NRW"]; [] when unknown. */
export async function unitPath(manager: EntityManager, unitId: string | null): Promise<string[]> {
  if (!unitId) return [];
  const rows: { name: string }[] = await manager.query(
    `WITH RECURSIVE up AS (SELECT u.id, u.name, u.parent_id, 0 AS depth FROM org_units u WHERE u.id = $1
       UNION ALL SELECT u.id, u.name, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id
       WHERE up.depth < 50)
     SELECT name FROM up ORDER BY depth DESC`,
    [unitId],
  );
  return rows.map((r) => r.name);
}
