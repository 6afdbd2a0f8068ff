import { REPORT_TEXTS } from './report-texts.js';
import { type Language } from './languages.js';

/**
 * Words for the vocabulary (src/domain/vocabulary.ts) as documents print them, in German and
 * English. Request types, authority kinds and outcomes are the transparency report's own words,
 * so that a statement and a report never name the same thing differently. A code with no entry is
 * printed with its underscores as spaces.
 */
type Labels = Record<string, Record<string, string>>;

const en: Labels = {
  authority_role: {
    issuing: 'issuing',
    requesting: 'requesting',
    central: 'central authority',
    validating: 'validating',
    executing: 'executing',
    court: 'court',
    commenting: 'commented only',
    informed: 'informed only',
  },
  target_kind: {
    account: 'Account',
    email_address: 'E-mail address',
    domain: 'Domain',
    url: 'Web address',
    ip_address: 'IP address',
    server: 'Server',
    device: 'Device',
    mailbox: 'Mailbox',
    service: 'Service',
    other: 'Other',
  },
  target_existence: {
    exists: 'exists with us',
    never_existed: 'never existed with us',
    no_longer_exists: 'no longer existed',
    unknown: 'not known',
  },
  data_category: {
    subscriber: 'subscriber data',
    traffic: 'traffic data',
    content: 'content',
    ip_addresses: 'IP addresses',
    logs: 'log files',
    metadata: 'metadata',
    other: 'other data',
  },
  impact: {
    seized: 'seized',
    imaged: 'copied (imaged)',
    offline: 'taken offline',
    accessed: 'accessed',
    none: 'not affected',
  },
  status: {
    received: 'received',
    under_review: 'under review',
    responded: 'responded',
    challenged: 'challenged',
    closed: 'closed',
    withdrawn: 'withdrawn',
    void: 'void (recorded in error)',
  },
  document_type: {
    order: 'Order',
    decision: 'Decision',
    request: 'Request',
    certificate: 'Certificate',
    letter: 'Letter',
  },
  channel: {
    in_person: 'in person',
    phone: 'by phone',
    fax: 'by fax',
    email: 'by e-mail',
    portal: 'through a portal',
    post: 'by post',
  },
};

const de: Labels = {
  authority_role: {
    issuing: 'anordnend',
    requesting: 'ersuchend',
    central: 'zentrale Behörde',
    validating: 'validierend',
    executing: 'ausführend',
    court: 'Gericht',
    commenting: 'nur geäußert',
    informed: 'nur unterrichtet',
  },
  target_kind: {
    account: 'Konto',
    email_address: 'E-Mail-Adresse',
    domain: 'Domain',
    url: 'Webadresse',
    ip_address: 'IP-Adresse',
    server: 'Server',
    device: 'Gerät',
    mailbox: 'Postfach',
    service: 'Dienst',
    other: 'Sonstiges',
  },
  target_existence: {
    exists: 'bei uns vorhanden',
    never_existed: 'hat bei uns nie existiert',
    no_longer_exists: 'bestand nicht mehr',
    unknown: 'unbekannt',
  },
  data_category: {
    subscriber: 'Bestandsdaten',
    traffic: 'Verkehrsdaten',
    content: 'Inhalte',
    ip_addresses: 'IP-Adressen',
    logs: 'Protokolldateien',
    metadata: 'Metadaten',
    other: 'sonstige Daten',
  },
  impact: {
    seized: 'beschlagnahmt',
    imaged: 'kopiert (Abbild)',
    offline: 'vom Netz genommen',
    accessed: 'eingesehen',
    none: 'nicht betroffen',
  },
  status: {
    received: 'eingegangen',
    under_review: 'in Prüfung',
    responded: 'beantwortet',
    challenged: 'angefochten',
    closed: 'abgeschlossen',
    withdrawn: 'zurückgezogen',
    void: 'ungültig (irrtümlich erfasst)',
  },
  document_type: {
    order: 'Anordnung',
    decision: 'Beschluss',
    request: 'Ersuchen',
    certificate: 'Bescheinigung',
    letter: 'Schreiben',
  },
  channel: {
    in_person: 'persönlich',
    phone: 'telefonisch',
    fax: 'per Fax',
    email: 'per E-Mail',
    portal: 'über ein Portal',
    post: 'per Post',
  },
};

const LABELS: Record<Language, Labels> = { en, de };

export type LabelGroup = keyof typeof en | 'request_type' | 'authority_kind' | 'outcome';

export function label(
  group: LabelGroup,
  code: string | null | undefined,
  language: Language,
): string {
  if (code === null || code === undefined) return '';
  const sections = REPORT_TEXTS[language].sections;
  const table =
    group === 'request_type'
      ? sections.request_type.rows
      : group === 'authority_kind'
        ? sections.authority_kind.rows
        : group === 'outcome'
          ? sections.outcome.rows
          : LABELS[language][group];
  return table?.[code] ?? code.replace(/_/g, ' ');
}
