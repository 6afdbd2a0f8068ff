import { fieldLabel, recordKindLabel, spelledOut } from './field-labels.js';
import type { Language } from './languages.js';

/** Words of the case file's own vocabularies (timeline, deadlines, remedies, audit), DE and EN. */
type Group =
  | 'timeline_type'
  | 'audit_action'
  | 'deadline_kind'
  | 'remedy_kind'
  | 'remedy_result'
  | 'note_topic'
  | 'gag_binding'
  | 'request_defect'
  | 'defect_outcome'
  | 'file_kind';

const en: Record<Group, Record<string, string>> = {
  file_kind: {
    order: 'order',
    decision: 'decision',
    request: 'request',
    protocol: 'protocol',
    photo: 'photo',
    correspondence: 'correspondence',
    receipt: 'receipt',
    other: 'other',
  },
  timeline_type: {
    received: 'request received',
    authority_contact: 'contact with the authority',
    search_started: 'search began',
    systems_offline: 'systems offline',
    data_copied: 'data copied',
    data_handed_over: 'data handed over',
    items_seized: 'hardware seized',
    systems_restored: 'systems restored',
    items_returned: 'hardware returned',
    statement_published: 'statement published',
    complaint_filed: 'complaint filed',
    legal_advice: 'legal advice',
    status_changed: 'status changed',
    note: 'note',
  },
  audit_action: {
    create: 'created',
    update: 'changed',
    delete: 'deleted',
    status_change: 'status changed',
    member_added: 'member added',
    member_removed: 'member removed',
    read_restricted: 'restricted case read',
    export: 'exported',
    document_generated: 'document generated',
    publish: 'published',
    void: 'voided (recorded in error)',
    preservation_extended: 'preservation extended',
  },
  deadline_kind: {
    response: 'response',
    production: 'production',
    emergency_production: 'emergency production',
    preservation_expiry: 'end of preservation',
    complaint: 'complaint',
    court_review: 'court review',
    gag_review: 'review of the gag order',
    user_notification: 'user notification',
    internal: 'internal',
    other: 'other',
  },
  remedy_kind: {
    complaint: 'complaint',
    court_decision: 'application for a court decision',
    objection: 'objection',
    disciplinary_complaint: 'disciplinary complaint',
    criminal_complaint: 'criminal complaint',
    refusal_grounds: 'grounds for refusal',
    other: 'other',
  },
  remedy_result: {
    pending: 'pending',
    granted: 'granted',
    partly_granted: 'partly granted',
    dismissed: 'dismissed',
    withdrawn: 'withdrawn',
  },
  note_topic: {
    formal_correctness: 'formal correctness',
    proportionality: 'proportionality',
    scope: 'scope',
    legal_basis: 'legal basis',
    deadlines: 'deadlines',
    remedies: 'remedies',
    disclosure: 'disclosure',
    other: 'other',
  },
  gag_binding: { yes: 'yes', no: 'no', disputed: 'disputed' },
  request_defect: {
    no_legal_basis: 'no legal basis named',
    wrong_legal_basis: 'wrong legal basis',
    unencrypted_channel: 'sent unencrypted',
    wrong_addressee: 'wrong addressee',
    other: 'other defect',
  },
  defect_outcome: {
    refused: 'refused',
    corrected_and_resubmitted: 'corrected and resubmitted',
    withdrawn: 'withdrawn by the authority',
    complied_despite_defect: 'complied with despite the defect',
    pending: 'still open',
  },
};

const de: typeof en = {
  file_kind: {
    order: 'Beschluss',
    decision: 'Entscheidung',
    request: 'Ersuchen',
    protocol: 'Protokoll',
    photo: 'Foto',
    correspondence: 'Schriftverkehr',
    receipt: 'Quittung',
    other: 'Sonstiges',
  },
  timeline_type: {
    received: 'Anfrage eingegangen',
    authority_contact: 'Kontakt mit der Behörde',
    search_started: 'Durchsuchung begonnen',
    systems_offline: 'Systeme vom Netz',
    data_copied: 'Daten kopiert',
    data_handed_over: 'Daten herausgegeben',
    items_seized: 'Hardware beschlagnahmt',
    systems_restored: 'Systeme wiederhergestellt',
    items_returned: 'Hardware zurückgegeben',
    statement_published: 'Stellungnahme veröffentlicht',
    complaint_filed: 'Beschwerde eingelegt',
    legal_advice: 'Rechtsberatung',
    status_changed: 'Stand geändert',
    note: 'Notiz',
  },
  audit_action: {
    create: 'angelegt',
    update: 'geändert',
    delete: 'gelöscht',
    status_change: 'Stand geändert',
    member_added: 'Mitglied hinzugefügt',
    member_removed: 'Mitglied entfernt',
    read_restricted: 'beschränkten Fall gelesen',
    export: 'exportiert',
    document_generated: 'Dokument erzeugt',
    publish: 'veröffentlicht',
    void: 'für ungültig erklärt (irrtümlich erfasst)',
    preservation_extended: 'Sicherung verlängert',
  },
  deadline_kind: {
    response: 'Antwort',
    production: 'Herausgabe',
    emergency_production: 'Herausgabe im Eilfall',
    preservation_expiry: 'Ende der Sicherung',
    complaint: 'Beschwerde',
    court_review: 'gerichtliche Überprüfung',
    gag_review: 'Überprüfung der Schweigeanordnung',
    user_notification: 'Benachrichtigung der Betroffenen',
    internal: 'intern',
    other: 'Sonstiges',
  },
  remedy_kind: {
    complaint: 'Beschwerde',
    court_decision: 'Antrag auf gerichtliche Entscheidung',
    objection: 'Widerspruch',
    disciplinary_complaint: 'Dienstaufsichtsbeschwerde',
    criminal_complaint: 'Strafanzeige',
    refusal_grounds: 'Ablehnungsgründe',
    other: 'Sonstiges',
  },
  remedy_result: {
    pending: 'offen',
    granted: 'stattgegeben',
    partly_granted: 'teilweise stattgegeben',
    dismissed: 'zurückgewiesen',
    withdrawn: 'zurückgenommen',
  },
  note_topic: {
    formal_correctness: 'Formelle Richtigkeit',
    proportionality: 'Verhältnismäßigkeit',
    scope: 'Umfang',
    legal_basis: 'Rechtsgrundlage',
    deadlines: 'Fristen',
    remedies: 'Rechtsbehelfe',
    disclosure: 'Herausgabe',
    other: 'Sonstiges',
  },
  gag_binding: { yes: 'ja', no: 'nein', disputed: 'streitig' },
  request_defect: {
    no_legal_basis: 'keine Rechtsgrundlage genannt',
    wrong_legal_basis: 'falsche Rechtsgrundlage',
    unencrypted_channel: 'unverschlüsselt übermittelt',
    wrong_addressee: 'falscher Adressat',
    other: 'anderer Mangel',
  },
  defect_outcome: {
    refused: 'abgelehnt',
    corrected_and_resubmitted: 'berichtigt und erneut gestellt',
    withdrawn: 'von der Behörde zurückgezogen',
    complied_despite_defect: 'trotz des Mangels befolgt',
    pending: 'noch offen',
  },
};

const WORDS: Record<Language, typeof en> = { en, de };

export function caseFileLabel(group: Group, code: string, language: Language): string {
  const words = WORDS[language][group];
  return Object.hasOwn(words, code) ? words[code] : spelledOut(code);
}

export { fieldLabel, recordKindLabel };
