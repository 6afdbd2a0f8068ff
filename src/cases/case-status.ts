import type { CaseStatus, Outcome } from '../domain/vocabulary.js';

/**
 * Allowed status transitions. A closed case can be reopened for review; a withdrawn request can
 * only be closed. Everything else is refused with 409. A case recorded in error leaves the
 * lifecycle through POST /cases/{id}/void (with a reason), never through a status change; a void
 * case stays void.
 */
export const STATUS_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['under_review', 'responded', 'challenged', 'withdrawn', 'closed'],
  under_review: ['responded', 'challenged', 'withdrawn', 'closed'],
  responded: ['under_review', 'challenged', 'closed'],
  challenged: ['responded', 'withdrawn', 'closed'],
  withdrawn: ['closed'],
  closed: ['under_review'],
  void: [],
};

/** Statuses a status change may go to: every one but void (see voidable). */
export const STATUS_CHANGE_TARGETS = [
  'received',
  'under_review',
  'responded',
  'challenged',
  'closed',
  'withdrawn',
] as const satisfies readonly CaseStatus[];

/** Any case can be voided once: void is not the authority's withdrawal, it says the case never was. */
export const voidable = (status: CaseStatus) => status !== 'void';

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** What a status change writes: the status, and a withdrawn request ends a pending outcome as withdrawn. */
export function statusChange(
  to: CaseStatus,
  outcome: Outcome,
): { status: CaseStatus; outcome?: Outcome } {
  return to === 'withdrawn' && outcome === 'pending'
    ? { status: to, outcome: 'withdrawn' }
    : { status: to };
}
