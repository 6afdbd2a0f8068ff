/** The roles a user can have. */
export const ROLES = ['admin', 'board', 'lawyer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'cases.read',
  'cases.write',
  'legal.read',
  'legal.write',
  'directory.read',
  'directory.write',
  'members.manage',
  'audit.read',
  'reports.generate',
  'publications.publish',
  'users.manage',
  /** The organisation's units (GET/POST/PATCH/DELETE /units). */
  'units.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do: the one place where roles meet permissions.
 * - admin: users and settings, the organisation's units; no automatic access to cases, least of all restricted ones.
 * - board: logs and edits cases, manages who may see a restricted case, generates and publishes reports.
 * - lawyer: reads case files, writes legal assessments, remedies and deadlines.
 * - auditor: reads everything non-privileged, including the audit trail; writes nothing.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['directory.read', 'directory.write', 'users.manage', 'units.manage', 'audit.read'],
  board: [
    'cases.read',
    'cases.write',
    'legal.read',
    'directory.read',
    'directory.write',
    'members.manage',
    'audit.read',
    // Reports count restricted cases (banded); only the board, which decides what is published, generates them.
    'reports.generate',
    // Statements and reports go public in the organisation's name: the board decides.
    'publications.publish',
  ],
  lawyer: ['cases.read', 'legal.read', 'legal.write', 'directory.read'],
  auditor: ['cases.read', 'directory.read', 'audit.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
