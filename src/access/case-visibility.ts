import type { Actor } from './actor.js';
import { can } from './permissions.js';

/**
 * Who may see which case, as SQL: restricted cases (marked restricted, or under a gag) exist only
 * for their members. Every query that lists or counts cases or audit events uses these conditions.
 */

/** SQL condition that a case (alias `alias`) is visible to the user in parameter `userParam`. */
export function caseVisibleSql(userParam: string, alias = 'c'): string {
  return `(NOT ${alias}.restricted OR EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = ${alias}.id AND cm.user_id = ${userParam}::uuid))`;
}

/**
 * SQL condition on audit events (case column `col`) that the viewer may see: nothing of a
 * restricted case they are not a member of; nothing about cases at all without cases.read
 * (admins see accounts and sign-ins only); no legal-note or privileged-file events without legal.read.
 */
export function auditVisibility(viewer: Actor) {
  return (col: string, bind: (value: unknown) => string): string => {
    const role = viewer.role;
    const conditions: string[] = [];
    if (!role || !can(role, 'cases.read')) {
      conditions.push(`${col} IS NULL`);
    } else {
      conditions.push(
        `(${col} IS NULL OR NOT EXISTS (SELECT 1 FROM cases vc WHERE vc.id = ${col} AND vc.restricted
           AND NOT EXISTS (SELECT 1 FROM case_members vm WHERE vm.case_id = vc.id AND vm.user_id = ${bind(viewer.userId)}::uuid)))`,
      );
    }
    if (!role || !can(role, 'legal.read'))
      conditions.push(`entity_type NOT IN ('legal_note', 'privileged_file')`);
    return conditions.join(' AND ');
  };
}

export type AuditVisibility = ReturnType<typeof auditVisibility>;
