import type { CaseFileView } from '../cases/case-file.view.js';
import { chronologicalSystems } from '../cases/case-file.mapper.js';
import { caseFileLabel } from '../i18n/case-file-labels.js';
import {
  formatBytes,
  formatDate,
  formatDay,
  formatEnd,
  formatFigureMinutes,
  formatMoment,
} from '../i18n/format.js';
import { label } from '../i18n/labels.js';
import { citationText } from '../cases/case-file.document.js';
import { countryName } from '../i18n/countries.js';
import { type Language } from '../i18n/languages.js';
import { timelineText } from '../i18n/timeline-texts.js';
import type { TimePrecision } from '../domain/vocabulary.js';
import type { PublicationAttachment } from './publications.repository.js';

/**
 * What of a case a statement may show. Nothing else of the case reaches a statement: the board
 * marks, per statement, which of these are publishable; a section not marked is left out of the
 * PDF, the JSON and the CSV alike. Legal notes, remedies, deadlines, gag orders, file numbers,
 * notes and the audit trail are never publishable.
 */
export const STATEMENT_SECTIONS = [
  /** The case summary as recorded (free text: read it before marking it). */
  'summary',
  /** Dated timeline entries (free text). */
  'timeline',
  /** Names, kinds, countries and roles of the authorities involved. */
  'authorities',
  /** Citations and kinds of the orders (not their file numbers), and the measures of the case. */
  'legal_bases',
  /** What the order named: kinds, and whether they exist with us. */
  'targets',
  /** The identifiers named (accounts, addresses): often personal data of users. */
  'target_identifiers',
  /** The systems affected, with their impact and times. */
  'affected_systems',
  /** Downtime, merged per system and overall. */
  'downtime',
  /** Whether data was handed over; if so, which categories and how many accounts. */
  'handover',
  /** Seized items, with dates of seizure and return (not serial numbers or hashes). */
  'seized_items',
  /** The unit of the organisation the case concerns (a customer's name, for instance). */
  'unit',
] as const;
export type StatementSection = (typeof STATEMENT_SECTIONS)[number];

export interface StatementDraft {
  title: string;
  /** The organisation's position, as the board writes it; paragraphs separated by blank lines. */
  position: string;
  sections: StatementSection[];
}

/** The citation of a measure's legal basis, as the case file prints it; null when none is linked. */
function citationOf(file: CaseFileView, legalBasisId: string | null, language: Language) {
  const basis = legalBasisId ? file.legalBases.find((l) => l.id === legalBasisId) : undefined;
  return basis ? citationText(basis, language) : null;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** A seized item's return in words, for statements. */
function returnedText(
  i: CaseFileView['seizedItems'][number],
  language: Language,
  timeZone: string,
): string {
  const on = i.returnedAt ? formatDay(i.returnedAt, i.returnedAtPrecision, language, timeZone) : '';
  const de = language === 'de';
  switch (i.returnState) {
    case 'ended':
      return de ? `zurückgegeben am ${on}` : `returned on ${on}`;
    case 'ended_unknown':
      return de ? 'zurückgegeben, Datum unbekannt' : 'returned, date unknown';
    case 'at_least_until':
      return de ? `mindestens bis ${on} einbehalten` : `held at least until ${on}`;
    default:
      return de ? 'noch nicht zurückgegeben' : 'not yet returned';
  }
}

/**
 * The statement's model: what the template prints and, as it is, the JSON a reader downloads. Every
 * figure comes from the case file (the downtime is the case file's own computation), so that a
 * statement can never disagree with it.
 */
export function statementModel(
  file: CaseFileView,
  draft: StatementDraft,
  language: Language,
  timeZone: string,
  edition: { revision: number; publishedAt: Date | null; revisionNote: string | null },
  /** The redacted copies published with it, and the address of each (null in a draft). */
  attachments: readonly (PublicationAttachment & { url: string | null })[] = [],
) {
  const show = new Set<StatementSection>(draft.sections);
  const on = (s: StatementSection) => show.has(s);
  const date = (d: Date | string | null) => formatDate(d, language, timeZone);
  const moment = (d: Date | string | null, precision: TimePrecision) =>
    formatMoment(d, precision, language, timeZone);
  const day = (d: Date | string | null, precision: TimePrecision) =>
    formatDay(d, precision, language, timeZone);
  const systemNames = new Map(
    file.impact.downtime.systems.map((s) => [s.inventoryItemId, s.name] as const),
  );
  const { downtime, handover, collateral } = file.impact;

  return {
    document: {
      kind: 'statement' as const,
      language,
      revision: edition.revision,
      revised: edition.revision > 1,
      revisionNote: edition.revisionNote,
      draft: edition.publishedAt === null,
      publishedAt: edition.publishedAt?.toISOString() ?? null,
      publishedOn: edition.publishedAt ? date(edition.publishedAt) : null,
    },
    statement: { title: draft.title, position: paragraphs(draft.position) },
    sections: Object.fromEntries(STATEMENT_SECTIONS.map((s) => [s, on(s)])) as Record<
      StatementSection,
      boolean
    >,
    case: {
      receivedAt: new Date(file.receivedAt).toISOString(),
      receivedOn: day(file.receivedAt, file.receivedAtPrecision),
      requestType: label('request_type', file.requestType, language),
      channel: file.channel ? label('channel', file.channel, language) : null,
      status: label('status', file.status, language),
      summary: on('summary') ? paragraphs(file.summary) : [],
      unit: on('unit') && file.unit ? file.unit.path.join(' › ') : null,
    },
    timeline: on('timeline')
      ? file.timeline
          .filter((e) => e.type !== 'status_changed')
          .map((e) => ({
            at: moment(e.occurredAt, e.occurredAtPrecision),
            description: timelineText(e, language),
          }))
      : [],
    authorities: on('authorities')
      ? file.authorities.map((a) => ({
          name: a.authority?.name ?? '',
          kind: label('authority_kind', a.authority?.kind, language),
          country: a.authority?.country ? countryName(a.authority.country, language) : '',
          role: label('authority_role', a.role, language),
        }))
      : [],
    measures: on('legal_bases')
      ? file.measures.map((m) => ({
          type: label('request_type', m.type, language),
          legalBasis: citationOf(file, m.legalBasisId, language),
          orderedBy: m.orderedBy?.name ?? null,
        }))
      : [],
    legalBases: on('legal_bases')
      ? file.legalBases.map((l) => ({
          citation: citationText(l, language),
          documentType: label('document_type', l.documentType, language),
          issuedOn: l.issuedAt ? day(l.issuedAt, l.issuedAtPrecision) : null,
        }))
      : [],
    targets: on('targets')
      ? file.targets.map((t) => ({
          kind: label('target_kind', t.kind, language),
          existence: label('target_existence', t.existence, language),
          neverExisted: t.existence === 'never_existed',
          identifier: on('target_identifiers') ? t.value : null,
        }))
      : [],
    targetsCount: on('targets') ? collateral.targetsNamed : null,
    affectedSystems: on('affected_systems')
      ? chronologicalSystems(file.affectedSystems, systemNames)
          .filter((a) => a.impact !== 'none')
          .map((a) => ({
            system: systemNames.get(a.inventoryItemId) ?? null,
            impact: label('impact', a.impact, language),
            from: moment(a.startedAt, a.startedAtPrecision),
            until: formatEnd(a.endedAt, a.endState, a.endedAtPrecision, language, timeZone) || null,
          }))
      : [],
    systemsAffected: on('affected_systems') ? collateral.systemsAffected : null,
    downtime: on('downtime')
      ? {
          totalMinutes: downtime.totalMinutes,
          total: formatFigureMinutes(downtime.totalMinutes, downtime, language),
          ongoing: downtime.ongoing,
          lowerBound: downtime.lowerBound,
          approximate: downtime.approximate,
          systems: downtime.systems.map((s) => ({
            name: s.name,
            minutes: s.minutes,
            duration: formatFigureMinutes(s.minutes, s, language),
            ongoing: s.ongoing,
          })),
        }
      : null,
    handover: on('handover')
      ? {
          state: handover,
          items: file.disclosures.map((d) => ({
            dataCategory: label('data_category', d.dataCategory, language),
            accounts: d.accountsCount,
            handedOverOn: d.handedOverAt ? day(d.handedOverAt, d.handedOverAtPrecision) : null,
          })),
        }
      : null,
    seizedItems: on('seized_items')
      ? file.seizedItems.map((i) => ({
          description: i.description,
          seizedOn: i.seizedAt ? day(i.seizedAt, i.seizedAtPrecision) : null,
          returnedOn:
            i.returnedAt && i.returnState === 'ended'
              ? day(i.returnedAt, i.returnedAtPrecision)
              : null,
          /** How it came back, in words: "returned on …", "not yet returned", "held at least until …". */
          returned: returnedText(i, language, timeZone),
        }))
      : [],
    /** Redacted copies of the case's documents published with the statement (never an original). */
    attachments: attachments.map((a) => ({
      fileId: a.fileId,
      name: a.name,
      kind: a.kind,
      kindLabel: caseFileLabel('file_kind', a.kind, language),
      bytes: a.bytes,
      size: formatBytes(a.bytes, language),
      mediaType: a.mediaType,
      sha256: a.sha256,
      url: a.url,
    })),
  };
}

export type StatementModel = ReturnType<typeof statementModel>;
