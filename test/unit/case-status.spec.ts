import { describe, expect, it } from '@jest/globals';
import {
  canTransition,
  STATUS_TRANSITIONS,
  statusChange,
  voidable,
} from '../../src/cases/case-status.js';
import { CASE_STATUSES, OUTCOMES, type CaseStatus } from '../../src/domain/vocabulary.js';

/** The lifecycle as the domain describes it, written out on its own: every pair not listed is refused. */
const ALLOWED: [CaseStatus, CaseStatus][] = [
  ['received', 'under_review'],
  ['received', 'responded'],
  ['received', 'challenged'],
  ['received', 'withdrawn'],
  ['received', 'closed'],
  ['under_review', 'responded'],
  ['under_review', 'challenged'],
  ['under_review', 'withdrawn'],
  ['under_review', 'closed'],
  ['responded', 'under_review'],
  ['responded', 'challenged'],
  ['responded', 'closed'],
  ['challenged', 'responded'],
  ['challenged', 'withdrawn'],
  ['challenged', 'closed'],
  ['withdrawn', 'closed'],
  ['closed', 'under_review'],
];
const allowed = new Set(ALLOWED.map(([from, to]) => `${from} -> ${to}`));
const EVERY_PAIR = CASE_STATUSES.flatMap((from) =>
  CASE_STATUSES.map((to) => ({ from, to, ok: allowed.has(`${from} -> ${to}`) })),
);

describe('case status machine', () => {
  it.each(EVERY_PAIR.filter((p) => p.ok))('allows $from -> $to', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(EVERY_PAIR.filter((p) => !p.ok))('refuses $from -> $to', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('never allows staying in the same status, and every status but void can be left', () => {
    for (const s of CASE_STATUSES) {
      expect(canTransition(s, s)).toBe(false);
      if (s !== 'void') expect(STATUS_TRANSITIONS[s].length).toBeGreaterThan(0);
    }
  });

  it('reaches void by no status change (only POST /cases/{id}/void), and void is final', () => {
    for (const from of CASE_STATUSES) expect(canTransition(from, 'void')).toBe(false);
    expect(STATUS_TRANSITIONS.void).toEqual([]);
    expect(CASE_STATUSES.filter((s) => voidable(s))).toEqual(
      CASE_STATUSES.filter((s) => s !== 'void'),
    );
  });

  it('lists as allowed (in the 409 message) exactly what it allows', () => {
    for (const from of CASE_STATUSES) {
      expect([...STATUS_TRANSITIONS[from]].sort()).toEqual(
        CASE_STATUSES.filter((to) => canTransition(from, to)).sort(),
      );
    }
  });

  it('reaches closed from every status, and can reopen only through review', () => {
    for (const from of CASE_STATUSES.filter((s) => s !== 'closed' && s !== 'void')) {
      expect(canTransition(from, 'closed')).toBe(true);
    }
    expect(STATUS_TRANSITIONS.closed).toEqual(['under_review']);
  });
});

describe('what a status change writes', () => {
  it.each(OUTCOMES)('withdrawn with outcome %s', (outcome) => {
    expect(statusChange('withdrawn', outcome)).toEqual(
      outcome === 'pending'
        ? { status: 'withdrawn', outcome: 'withdrawn' }
        : { status: 'withdrawn' },
    );
  });

  it('leaves the outcome alone on every other change', () => {
    for (const to of CASE_STATUSES.filter((s) => s !== 'withdrawn')) {
      for (const outcome of OUTCOMES) {
        expect(statusChange(to, outcome)).toEqual({ status: to });
      }
    }
  });
});
