import type { Actor } from '../access/actor.js';

/**
 * What a service tells the audit trail. Who acted is the actor the transaction was opened for
 * (UnitOfWork.run) unless `actor` says otherwise; when, request id and client address are added.
 */
export interface AuditEntry {
  /** Who acted, when the transaction was not opened for them (e.g. a sign-in that creates its session). */
  actor?: Actor;
  action: AuditAction;
  /** The kind of record: 'case', 'target', 'user', 'session', … */
  entityType: string;
  entityId: string | null;
  /** The case the record belongs to, so a case's history can be listed. */
  caseId: string | null;
  /** For update: the changed fields, before and after. For create: after only. For delete: before only. */
  changes?: Record<string, { before?: unknown; after?: unknown }> | null;
  /** Anything else worth keeping (e.g. the export format, the reason of a failed sign-in). */
  details?: Record<string, unknown> | null;
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'status_change',
  'sign_in',
  'sign_in_failed',
  /** Failed or refused sign-ins of one window beyond its first, counted in one event. */
  'sign_in_failures_summarised',
  'password_reset',
  'second_factor_enrolled',
  'recovery_code_used',
  'sign_out',
  'token_created',
  'token_revoked',
  'password_changed',
  'member_added',
  'member_removed',
  'read_restricted',
  'export',
  'document_generated',
  'publish',
  /** A case recorded in error was voided (details: reason, the status before). */
  'void',
  /** A preservation order (EPOC-PR) extended by 30 days (details: extendedAt, reason, dueBefore, dueAfter). */
  'preservation_extended',
  /** A file added to a case, a new version of it, a copy of it taken (details: version, sha256). */
  'upload',
  'version_added',
  'download',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
