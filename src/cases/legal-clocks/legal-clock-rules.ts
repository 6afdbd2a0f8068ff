import type { Role } from '../../access/permissions.js';
import type { DeadlineKind, RequestType } from '../../domain/vocabulary.js';

/**
 * The legal clocks: which deadlines the facts of a case create. Data, reviewed as a whole: each
 * rule names its legal source. A lawyer changing a period changes it here and nowhere else.
 */

/** The facts of a case the rules read. */
export interface CaseFacts {
  requestType: RequestType;
  emergency: boolean;
  receivedAt: Date;
  restricted: boolean;
  embargoUntil: Date | null;
  /** When a preservation order (EPOC-PR) was extended by 30 days; null: not extended. */
  preservationExtendedAt: Date | null;
  userNotificationRequired: boolean | null;
  userNotifiedAt: Date | null;
  gagOrders: {
    id: string;
    reviewAt: Date | null;
    until: Date | null;
    liftedAt: Date | null;
  }[];
}

/** How the due time is counted from the instant the rule starts from. */
export type Period =
  /** Exactly so many hours later. */
  | { hours: number }
  /** At the end (23:59 local time) of the n-th calendar day after. */
  | { days: number }
  /** At the end (23:59 local time) of the n-th working day after (weekends and public holidays skipped). */
  | { workingDays: number }
  /** The instant itself (a date the case records, e.g. a gag's review date). */
  | { at: true };

/** One start instant; `key` tells several deadlines of one rule apart (one per gag order). */
export interface Start {
  key: string;
  from: Date;
  /** Already met (e.g. the users were notified): the deadline is kept, marked done. */
  doneAt?: Date | null;
}

export interface LegalClockRule {
  id: string;
  kind: DeadlineKind;
  label: { de: string; en: string };
  /** The legal source, or "internal rule" for the organisation's own targets. */
  source: string;
  period: Period;
  /** The period for these facts, where it can change (an extension); `period` otherwise. */
  periodFor?(facts: CaseFacts): Period;
  /** Reminders this long before the due time (minutes); one more when it is overdue. */
  remindBeforeMinutes: readonly number[];
  /** Roles told besides the case's members (only where the case is not restricted). */
  notifyRoles: readonly Role[];
  /** Reminders go out at once, whatever the recipient's digest setting. */
  emergency: boolean;
  /** An organisation's own target: applies only where INTERNAL_DEADLINE_RULES names it. */
  optIn?: true;
  starts(facts: CaseFacts): Start[];
}

const DAY = 24 * 60;

/** The days by which the issuing authority may extend a preservation order, once (Art. 11(1)). */
export const EPOC_PR_EXTENSION_DAYS = 30;
const TWO_DAYS_TWO_HOURS = [2 * DAY, 120] as const;

const once = (from: Date | null | undefined): Start[] => (from ? [{ key: '', from }] : []);
const isEpoc = (f: CaseFacts) => f.requestType === 'e_evidence_production_order';

/** The instant a gag stops binding: when it was lifted, or when it ran out. */
const gagEnd = (g: CaseFacts['gagOrders'][number]) => g.liftedAt ?? g.until;

export const LEGAL_CLOCK_RULES: readonly LegalClockRule[] = [
  {
    id: 'epoc_production',
    kind: 'production',
    label: {
      de: 'Herausgabeanordnung (EPOC): Herausgabe binnen 10 Tagen',
      en: 'Production order (EPOC): produce within 10 days',
    },
    source: 'Regulation (EU) 2023/1543, Art. 10(2)',
    period: { days: 10 },
    remindBeforeMinutes: TWO_DAYS_TWO_HOURS,
    notifyRoles: ['board', 'lawyer'],
    emergency: false,
    starts: (f) => (isEpoc(f) && !f.emergency ? once(f.receivedAt) : []),
  },
  {
    id: 'epoc_emergency',
    kind: 'emergency_production',
    label: {
      de: 'Herausgabeanordnung (EPOC), Notfall: Herausgabe binnen 8 Stunden',
      en: 'Production order (EPOC), emergency: produce within 8 hours',
    },
    source: 'Regulation (EU) 2023/1543, Art. 10(4)',
    period: { hours: 8 },
    remindBeforeMinutes: [240, 60],
    notifyRoles: ['board', 'lawyer'],
    emergency: true,
    starts: (f) => (isEpoc(f) && f.emergency ? once(f.receivedAt) : []),
  },
  {
    id: 'epoc_pr_preservation',
    kind: 'preservation_expiry',
    label: {
      de: 'Sicherungsanordnung (EPOC-PR): Sicherung endet nach 60 Tagen (Verlängerung um 30 Tage möglich)',
      en: 'Preservation order (EPOC-PR): preservation ends after 60 days (extendable by 30 days)',
    },
    source: 'Regulation (EU) 2023/1543, Art. 11(1)',
    period: { days: 60 },
    // Extended once by the issuing authority: 30 more days (POST /cases/{id}/preservation-extension).
    periodFor: (f) =>
      f.preservationExtendedAt ? { days: 60 + EPOC_PR_EXTENSION_DAYS } : { days: 60 },
    remindBeforeMinutes: [7 * DAY, 2 * DAY],
    notifyRoles: ['lawyer'],
    emergency: false,
    starts: (f) => (f.requestType === 'e_evidence_preservation_order' ? once(f.receivedAt) : []),
  },
  {
    id: 'eio_recognition',
    kind: 'response',
    label: {
      de: 'Europäische Ermittlungsanordnung: Entscheidung über die Anerkennung binnen 30 Tagen',
      en: 'European Investigation Order: decision on recognition within 30 days',
    },
    source: 'Directive 2014/41/EU, Art. 12(3); IRG §91g',
    period: { days: 30 },
    remindBeforeMinutes: TWO_DAYS_TWO_HOURS,
    notifyRoles: ['lawyer'],
    emergency: false,
    starts: (f) => (f.requestType === 'european_investigation_order' ? once(f.receivedAt) : []),
  },
  {
    id: 'eio_execution',
    kind: 'production',
    label: {
      de: 'Europäische Ermittlungsanordnung: Durchführung binnen 90 Tagen nach der Anerkennung (gerechnet ab deren spätestem Tag)',
      en: 'European Investigation Order: execution within 90 days of recognition (counted from its latest date)',
    },
    source: 'Directive 2014/41/EU, Art. 12(4); IRG §91g',
    period: { days: 120 },
    remindBeforeMinutes: [7 * DAY, 2 * DAY],
    notifyRoles: ['lawyer'],
    emergency: false,
    starts: (f) => (f.requestType === 'european_investigation_order' ? once(f.receivedAt) : []),
  },
  {
    id: 'gag_review',
    kind: 'gag_review',
    label: {
      de: 'Schweigeanordnung: Überprüfung fällig',
      en: 'Gag order: review due',
    },
    source: 'StPO §95a(2) (review of the deferred notification)',
    period: { at: true },
    remindBeforeMinutes: TWO_DAYS_TWO_HOURS,
    notifyRoles: ['lawyer'],
    emergency: false,
    starts: (f) =>
      f.gagOrders
        .filter((g) => g.reviewAt && !g.liftedAt)
        .map((g) => ({ key: g.id, from: g.reviewAt! })),
  },
  {
    id: 'gag_end',
    kind: 'other',
    label: { de: 'Schweigeanordnung endet', en: 'Gag order ends' },
    source: 'StPO §95a(2)',
    period: { at: true },
    remindBeforeMinutes: [2 * DAY],
    notifyRoles: [],
    emergency: false,
    starts: (f) =>
      f.gagOrders.filter((g) => g.until && !g.liftedAt).map((g) => ({ key: g.id, from: g.until! })),
  },
  {
    id: 'embargo_end',
    kind: 'other',
    label: { de: 'Sperrfrist endet', en: 'Embargo ends' },
    source: 'internal rule (publication embargo recorded in the case)',
    period: { at: true },
    remindBeforeMinutes: [2 * DAY],
    notifyRoles: ['board'],
    emergency: false,
    starts: (f) => once(f.embargoUntil),
  },
  {
    id: 'user_notification',
    kind: 'user_notification',
    label: {
      de: 'Betroffene benachrichtigen: binnen 5 Arbeitstagen nach Ende der Schweigeanordnung',
      en: 'Notify the affected users: within 5 working days after the gag ends',
    },
    source: 'StPO §101(4)-(5), §95a(2); 5 working days: internal rule',
    period: { workingDays: 5 },
    remindBeforeMinutes: TWO_DAYS_TWO_HOURS,
    notifyRoles: ['board'],
    emergency: false,
    starts: (f) =>
      f.userNotificationRequired === false
        ? []
        : f.gagOrders
            .filter((g) => gagEnd(g))
            .map((g) => ({ key: g.id, from: gagEnd(g)!, doneAt: f.userNotifiedAt })),
  },
  {
    id: 'internal_statement',
    kind: 'internal',
    label: {
      de: 'Stellungnahme veröffentlichen: binnen 24 Stunden',
      en: 'Publish a statement: within 24 hours',
    },
    source: 'internal rule',
    period: { hours: 24 },
    remindBeforeMinutes: [120],
    notifyRoles: ['board'],
    emergency: false,
    optIn: true,
    // Not while the case is restricted: a gag or a restriction forbids telling anyone.
    starts: (f) => (f.restricted ? [] : once(f.receivedAt)),
  },
  {
    id: 'internal_board_informed',
    kind: 'internal',
    label: {
      de: 'Vorstand informieren: binnen 1 Stunde',
      en: 'Inform the board: within 1 hour',
    },
    source: 'internal rule',
    period: { hours: 1 },
    remindBeforeMinutes: [30],
    notifyRoles: ['board'],
    emergency: true,
    optIn: true,
    starts: (f) => once(f.receivedAt),
  },
];

export const RULES_BY_ID: ReadonlyMap<string, LegalClockRule> = new Map(
  LEGAL_CLOCK_RULES.map((r) => [r.id, r]),
);
