import type { AuditEventDto } from '../audit/dto/audit.dto.js';
import type { DocumentRequest } from '../documents/document-renderer.js';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDay,
  formatEnd,
  formatFigureMinutes,
  formatMoment,
} from '../i18n/format.js';
import type { TimePrecision } from '../domain/vocabulary.js';
import { changeText } from '../i18n/change-text.js';
import { label } from '../i18n/labels.js';
import { countryName } from '../i18n/countries.js';
import { type Language } from '../i18n/languages.js';
import { timelineText } from '../i18n/timeline-texts.js';
import { caseFileLabel, recordKindLabel } from '../i18n/case-file-labels.js';
import type { CaseFileView as CaseFile } from './case-file.view.js';
import { chronologicalSystems } from './case-file.mapper.js';
import type { AttachmentRow } from './case-file-attachments.repository.js';

const CONFIDENTIAL: Record<Language, { restricted: string; privileged: string; internal: string }> =
  {
    en: {
      restricted: 'STRICTLY CONFIDENTIAL · restricted case',
      privileged: 'CONFIDENTIAL · contains privileged legal notes',
      internal: 'CONFIDENTIAL · internal',
    },
    de: {
      restricted: 'STRENG VERTRAULICH · beschränkter Fall',
      privileged: 'VERTRAULICH · enthält anwaltliche Vermerke',
      internal: 'VERTRAULICH · intern',
    },
  };

/** How confidential a case file is: restricted cases most, then files with legal notes. */
export function confidentiality(file: CaseFile, language: Language) {
  const words = CONFIDENTIAL[language];
  if (file.restricted) return words.restricted;
  if ('legalNotes' in file && file.legalNotes && file.legalNotes.length > 0)
    return words.privileged;
  return words.internal;
}

const WORDS: Record<Language, { notStated: string; unknownExecuting: string }> = {
  en: { notStated: 'no provision named', unknownExecuting: 'executing unit not known' },
  de: { notStated: 'keine Vorschrift genannt', unknownExecuting: 'ausführende Stelle unbekannt' },
};

/** How a legal basis is named in documents: its citation, or that the document names none. */
export function citationText(
  basis: { citation: string | null; notStated: boolean },
  language: Language,
) {
  return basis.notStated || basis.citation === null
    ? `(${WORDS[language].notStated})`
    : basis.citation;
}

/** The case file for lawyers: every part of the case and its audit history, as the template sees it. */
export function caseFileModel(
  file: CaseFile,
  history: AuditEventDto[],
  language: Language,
  timeZone: string,
  attachments: AttachmentRow[] = [],
) {
  const date = (d: Date | string | null | undefined) =>
    d ? formatDate(d, language, timeZone) : '';
  const dateTime = (d: Date | string | null | undefined) =>
    d ? formatDateTime(d, language, timeZone) : '';
  const moment = (d: Date | string | null | undefined, precision: TimePrecision) =>
    d ? formatMoment(d, precision, language, timeZone) : '';
  const day = (d: Date | string | null | undefined, precision: TimePrecision) =>
    d ? formatDay(d, precision, language, timeZone) : '';
  const systemNames = new Map(
    file.impact.downtime.systems.map((s) => [s.inventoryItemId, s.name] as const),
  );
  const authorityNames = new Map(
    file.authorities.map((a) => [a.authorityId, a.authority?.name ?? ''] as const),
  );
  const legalNotes = 'legalNotes' in file && file.legalNotes ? file.legalNotes : null;
  const citations = new Map(file.legalBases.map((l) => [l.id, citationText(l, language)] as const));
  const bytes = (b: number | null | undefined) =>
    b === null || b === undefined ? '' : formatBytes(b, language);
  return {
    confidentiality: confidentiality(file, language),
    case: {
      id: file.id,
      reference: file.reference,
      title: file.title,
      summary: file.summary
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      requestType: label('request_type', file.requestType, language),
      channel: file.channel ? label('channel', file.channel, language) : '',
      emergency: file.emergency,
      receivedAt: moment(file.receivedAt, file.receivedAtPrecision),
      status: label('status', file.status, language),
      void: file.status === 'void',
      voidReason: file.voidReason ?? '',
      outcome: label('outcome', file.outcome, language),
      defects: (file.defects ?? []).map((d) => caseFileLabel('request_defect', d, language)),
      defectOutcome: file.defectOutcome
        ? caseFileLabel('defect_outcome', file.defectOutcome, language)
        : '',
      restricted: file.restricted,
      embargoUntil: dateTime(file.embargoUntil),
      nothingHandedOver: file.nothingHandedOver,
      userNotificationRequired: file.userNotificationRequired,
      userNotifiedAt: dateTime(file.userNotifiedAt),
      userNotificationDelayReason: file.userNotificationDelayReason ?? '',
      version: file.version,
      updatedAt: dateTime(file.updatedAt),
      unit: file.unit ? file.unit.path.join(' › ') : '',
    },
    measures: file.measures.map((m) => ({
      type: label('request_type', m.type, language),
      legalBasis: m.legalBasisId ? (citations.get(m.legalBasisId) ?? '') : '',
      orderedBy: m.orderedBy?.name ?? '',
      executedBy: m.executedBy?.name ?? '',
      orderedAt: date(m.orderedAt),
      notes: m.notes ?? '',
    })),
    authorities: file.authorities.map((a) => ({
      name: a.authorityId ? (a.authority?.name ?? '') : `(${WORDS[language].unknownExecuting})`,
      kind: label('authority_kind', a.authority?.kind, language),
      country: a.authority?.country ? countryName(a.authority.country, language) : '',
      role: label('authority_role', a.role, language),
      fileNumber: a.fileNumber ?? '',
      notes: a.notes ?? '',
    })),
    legalBases: file.legalBases.map((l) => ({
      citation: citationText(l, language),
      jurisdiction: l.jurisdiction ?? '',
      documentType: label('document_type', l.documentType, language),
      issuedAt: day(l.issuedAt, l.issuedAtPrecision),
      issuedBy: l.issuedBy ?? '',
      authority: l.authorityId ? (authorityNames.get(l.authorityId) ?? '') : '',
      notes: l.notes ?? '',
    })),
    targets: file.targets.map((t) => ({
      kind: label('target_kind', t.kind, language),
      value: t.value,
      existence: label('target_existence', t.existence, language),
      period: t.periodFrom || t.periodUntil ? `${date(t.periodFrom)} – ${date(t.periodUntil)}` : '',
      dataCategories: (t.dataCategories ?? [])
        .map((c) => label('data_category', c, language))
        .join(', '),
      notes: t.notes ?? '',
    })),
    affectedSystems: chronologicalSystems(file.affectedSystems, systemNames).map((a) => ({
      system: systemNames.get(a.inventoryItemId) ?? a.inventoryItemId,
      owner: a.owner ?? '',
      impact: label('impact', a.impact, language),
      from: moment(a.startedAt, a.startedAtPrecision),
      until: formatEnd(a.endedAt, a.endState, a.endedAtPrecision, language, timeZone),
      usersAffected: a.usersAffected ?? '',
      dataVolume: bytes(a.dataVolumeBytes),
      notes: a.notes ?? '',
    })),
    impact: {
      downtime: formatFigureMinutes(
        file.impact.downtime.totalMinutes,
        file.impact.downtime,
        language,
      ),
      downtimeMinutes: file.impact.downtime.totalMinutes,
      ongoing: file.impact.downtime.ongoing,
      lowerBound: file.impact.downtime.lowerBound,
      approximate: file.impact.downtime.approximate,
      systems: file.impact.downtime.systems.map((s) => ({
        name: s.name ?? s.inventoryItemId,
        duration: formatFigureMinutes(s.minutes, s, language),
        ongoing: s.ongoing,
      })),
      targetsNamed: file.impact.collateral.targetsNamed,
      systemsAffected: file.impact.collateral.systemsAffected,
      ratio: file.impact.collateral.ratio ?? '–',
      handover: file.impact.handover,
    },
    disclosures: file.disclosures.map((d) => ({
      dataCategory: label('data_category', d.dataCategory, language),
      description: d.description,
      accounts: d.accountsCount ?? '',
      items: d.itemsCount ?? '',
      dataVolume: bytes(d.dataVolumeBytes),
      handedOverAt: moment(d.handedOverAt, d.handedOverAtPrecision),
      recipient: d.recipientAuthorityId
        ? authorityNames.get(d.recipientAuthorityId) || d.recipient || ''
        : (d.recipient ?? ''),
      reference: d.handoverReference ?? '',
      sha256: d.sha256 ?? '',
    })),
    seizedItems: file.seizedItems.map((i) => ({
      description: i.description,
      serialNumber: i.serialNumber ?? '',
      hashes: (i.diskHashes ?? []).map((h) => `${h.algorithm}: ${h.value}`),
      inOfficialInventory: i.inOfficialInventory,
      seizedAt: moment(i.seizedAt, i.seizedAtPrecision),
      returnedAt: formatEnd(i.returnedAt, i.returnState, i.returnedAtPrecision, language, timeZone),
      conditionOnReturn: i.conditionOnReturn ?? '',
    })),
    timeline: file.timeline.map((e) => ({
      at: moment(e.occurredAt, e.occurredAtPrecision),
      type: caseFileLabel('timeline_type', e.type, language),
      description: timelineText(e, language),
    })),
    deadlines: file.deadlines.map((d) => ({
      kind: caseFileLabel('deadline_kind', d.kind, language),
      dueAt: moment(d.dueAt, d.dueAtPrecision),
      doneAt: moment(d.doneAt, d.doneAtPrecision),
      overdue: d.overdue,
      notes: d.notes ?? '',
    })),
    gagOrders: file.gagOrders.map((g) => ({
      legalBasis: g.legalBasis ?? '',
      binding: caseFileLabel('gag_binding', g.binding, language),
      until: moment(g.until, g.untilPrecision),
      reviewAt: moment(g.reviewAt, g.reviewAtPrecision),
      liftedAt: moment(g.liftedAt, g.liftedAtPrecision),
      active: g.active,
      notes: g.notes ?? '',
    })),
    remedies: file.remedies.map((r) => ({
      kind: caseFileLabel('remedy_kind', r.kind, language),
      legalBasis: r.legalBasis ?? '',
      filedAt: day(r.filedAt, r.filedAtPrecision),
      decidedAt: day(r.decidedAt, r.decidedAtPrecision),
      result: caseFileLabel('remedy_result', r.result, language),
      notes: r.notes ?? '',
    })),
    files: attachments.map((a) => {
      const hex = Buffer.from(a.sha256).toString('hex');
      return {
        id: a.file_id,
        kind: caseFileLabel('file_kind', a.kind, language),
        name: a.original_name,
        version: a.version,
        privileged: a.privileged,
        uploadedAt: dateTime(a.uploaded_at),
        size: bytes(Number(a.size)),
        mediaType: a.media_type,
        sha256: hex,
        sha256Short: hex.slice(0, 8),
      };
    }),
    privileged: legalNotes !== null,
    legalNotes: (legalNotes ?? []).map((n) => ({
      topic: caseFileLabel('note_topic', n.topic, language),
      body: n.body,
      at: dateTime(n.createdAt),
    })),
    history: history.map((e) => ({
      seq: e.seq,
      at: dateTime(e.occurredAt),
      actor: e.actorLabel ?? e.actorId ?? 'system',
      action: caseFileLabel('audit_action', e.action, language),
      entity: recordKindLabel(e.entityType, language),
      changes: changeText(e, language, (iso) => dateTime(iso)),
      chainHash: Buffer.from(e.chainHash, 'base64').toString('hex'),
    })),
  };
}

export function caseFileDocument(
  file: CaseFile,
  history: AuditEventDto[],
  language: Language,
  timeZone: string,
  organisation: string,
  attachments: AttachmentRow[] = [],
): DocumentRequest {
  const model = caseFileModel(file, history, language, timeZone, attachments);
  const word = language === 'de' ? 'Fallakte' : 'Case file';
  return {
    kind: 'case-file',
    language,
    model,
    timeZone,
    frame: {
      title: `${word} ${file.reference}: ${file.title}`,
      subject: `${word} ${file.reference}`,
      keywords: `case file, ${file.reference}, confidential`,
      header: {
        left: `${word} ${file.reference} · ${organisation}`,
        right: model.confidentiality,
        rightColor: '#a31515',
      },
      footer: `${word} ${file.reference} · ${model.confidentiality}`,
      logo: false,
    },
  };
}
