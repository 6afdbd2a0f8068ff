/**
 * The project's vocabulary: every enumerated term, with the value stored in the database and
 * sent over the API. One concept, one name: migrations, DTOs, documents and reports use these.
 */

export const REQUEST_TYPES = [
  'search_and_seizure',
  'server_seizure',
  'preservation',
  'production_subscriber_data',
  'production_traffic_data',
  'production_content_data',
  'interception',
  'mutual_legal_assistance',
  'european_investigation_order',
  'e_evidence_production_order',
  'e_evidence_preservation_order',
  'takedown',
  'abuse_complaint',
  'informal_request',
  'other',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const CHANNELS = ['in_person', 'phone', 'fax', 'email', 'portal', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_STATUSES = [
  'received',
  'under_review',
  'responded',
  'challenged',
  'closed',
  'withdrawn',
  'void',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * How precisely a person knows a moment they enter: to the minute (the default), to the hour, to
 * the day ("secured on 3 July 2020"), or only roughly ("in the morning", "about five hours later").
 */
export const TIME_PRECISIONS = ['minute', 'hour', 'day', 'approximate'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/**
 * How an impact or a seizure ended: at its end time (ended), not yet (ongoing), at a time nobody
 * reported (ended_unknown), or at some time after the last moment known (at_least_until: the end
 * time then holds that moment).
 */
export const END_STATES = ['ended', 'ongoing', 'ended_unknown', 'at_least_until'] as const;
export type EndState = (typeof END_STATES)[number];

export const OUTCOMES = [
  'pending',
  'produced_in_full',
  'produced_in_part',
  'none_no_data',
  'none_refused',
  'withdrawn',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const AUTHORITY_KINDS = [
  'police',
  'prosecutor',
  'court',
  'ministry',
  'central_authority',
  'foreign_authority',
  'intelligence',
  'other',
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const AUTHORITY_ROLES = [
  'issuing',
  'requesting',
  'central',
  'validating',
  'executing',
  'court',
  /** Spoke about the case in public or to us, without ordering or doing anything in it. */
  'commenting',
  /** Informed of the case only (e.g. a central authority that is to decide later). */
  'informed',
] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

/** Organisational units cases belong to: the federal level, state associations, customers, … */
export const ORG_UNIT_KINDS = ['federal', 'state', 'regional', 'customer', 'other'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const LEGAL_DOCUMENT_TYPES = [
  'order',
  'decision',
  'request',
  'certificate',
  'letter',
] as const;
export type LegalDocumentType = (typeof LEGAL_DOCUMENT_TYPES)[number];

/** Who issued a legal basis: a judge, or a prosecutor/police officer on urgency (Gefahr im Verzug). */
export const ISSUERS = ['judge', 'urgency', 'other'] as const;
export type Issuer = (typeof ISSUERS)[number];

export const TARGET_KINDS = [
  'account',
  'email_address',
  'domain',
  'url',
  'ip_address',
  'server',
  'device',
  'mailbox',
  'service',
  'other',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Whether a named target exists at the organisation; 2015: accounts that never existed. */
export const TARGET_EXISTENCE = ['exists', 'never_existed', 'no_longer_exists', 'unknown'] as const;
export type TargetExistence = (typeof TARGET_EXISTENCE)[number];

export const DATA_CATEGORIES = [
  'subscriber',
  'traffic',
  'content',
  'ip_addresses',
  'logs',
  'metadata',
  'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const INVENTORY_KINDS = [
  'physical_server',
  'virtual_server',
  'service',
  'storage',
  'network',
  'device',
  'other',
] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

export const IMPACTS = ['seized', 'imaged', 'offline', 'accessed', 'none'] as const;
export type Impact = (typeof IMPACTS)[number];
/** Impacts during which the system was unavailable to its users: they count as downtime. */
export const DOWNTIME_IMPACTS: readonly Impact[] = ['seized', 'offline'];

/** What a case file says about data handed over: disclosures, "nothing handed over", or neither. */
export const HANDOVER_STATES = ['data_handed_over', 'nothing_handed_over', 'not_recorded'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export const TIMELINE_EVENT_TYPES = [
  'received',
  'authority_contact',
  'search_started',
  'systems_offline',
  'data_copied',
  'data_handed_over',
  'items_seized',
  'systems_restored',
  'items_returned',
  'statement_published',
  'complaint_filed',
  'legal_advice',
  'status_changed',
  'note',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export const DEADLINE_KINDS = [
  'response',
  'production',
  'emergency_production',
  'preservation_expiry',
  'complaint',
  'court_review',
  'gag_review',
  'user_notification',
  'internal',
  'other',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const GAG_BINDING = ['yes', 'no', 'disputed'] as const;
export type GagBinding = (typeof GAG_BINDING)[number];

export const LEGAL_NOTE_TOPICS = [
  'formal_correctness',
  'proportionality',
  'scope',
  'legal_basis',
  'deadlines',
  'remedies',
  'disclosure',
  'other',
] as const;
export type LegalNoteTopic = (typeof LEGAL_NOTE_TOPICS)[number];

/** Remedies: complaint (StPO §304), application for a court decision (§98(2)), objection, … */
export const REMEDY_KINDS = [
  'complaint',
  'court_decision',
  'objection',
  'disciplinary_complaint',
  'criminal_complaint',
  'refusal_grounds',
  'other',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const REMEDY_RESULTS = [
  'pending',
  'granted',
  'partly_granted',
  'dismissed',
  'withdrawn',
] as const;
export type RemedyResult = (typeof REMEDY_RESULTS)[number];

/**
 * Timeline events the service writes itself, stored as their kind and parameters so that every
 * document and screen words them in its own language: `request_received` (parameters: channel),
 * `status_changed` (from, to, note).
 */
export const AUTOMATIC_EVENT_KINDS = ['request_received', 'status_changed'] as const;
export type AutomaticEventKind = (typeof AUTOMATIC_EVENT_KINDS)[number];

/**
 * Why a request was found defective or unlawful: no legal basis named, a legal basis that does
 * not cover the measure, sent over an unencrypted channel (plain e-mail, fax), addressed to the
 * wrong party (we are not the provider or not the holder of the data), or another defect.
 */
export const REQUEST_DEFECTS = [
  'no_legal_basis',
  'wrong_legal_basis',
  'unencrypted_channel',
  'wrong_addressee',
  'other',
] as const;
export type RequestDefect = (typeof REQUEST_DEFECTS)[number];

/**
 * What became of a defective request: we refused it, the authority corrected and resubmitted it,
 * it was withdrawn, we complied despite the defect, or it is still open.
 */
export const DEFECT_OUTCOMES = [
  'refused',
  'corrected_and_resubmitted',
  'withdrawn',
  'complied_despite_defect',
  'pending',
] as const;
export type DefectOutcome = (typeof DEFECT_OUTCOMES)[number];

/** What a document in the case file is. */
export const FILE_KINDS = [
  'order',
  'decision',
  'request',
  'protocol',
  'photo',
  'correspondence',
  'receipt',
  'other',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * The case parts a file can belong to (the path under /cases/{caseId}/): a legal basis and its
 * order scan, a seized item and its photos, a disclosure and its handover receipt, a timeline
 * event and the document it refers to, a gag order, a remedy.
 */
export const FILE_PART_TYPES = [
  'legal-bases',
  'seized-items',
  'disclosures',
  'timeline',
  'gag-orders',
  'remedies',
] as const;
export type FilePartType = (typeof FILE_PART_TYPES)[number];
