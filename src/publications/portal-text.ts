import type { Language } from '../i18n/languages.js';

/** The words of the public portal (/public), in German and English. */
export const PORTAL_TEXT = {
  en: {
    title: 'transparency',
    other: { href: '?lang=de', lang: 'de', label: 'Deutsch' },
    intro:
      'Requests from police, prosecutors and other authorities, as we counted them, and the statements our board published on them. Every file is published once and never changed: a correction is a new revision, and the earlier one stays here, marked as superseded. The SHA-256 under each file lets you check that you have the published bytes.',
    latest: 'Latest report',
    latestFigures: 'Its totals',
    charts: 'Its breakdowns as bar charts',
    chartsNote:
      'One bar chart per breakdown of the report; the figure beside each bar is the published one. A range such as 1-9 has its bar at the middle of the range.',
    bar: 'Bar',
    figure: 'Figure',
    value: 'Value',
    reports: 'Transparency reports',
    noReports: 'No report has been published yet.',
    statements: 'Statements',
    noStatements: 'No statement has been published yet.',
    attachments:
      'Redacted copies of documents published with it (the blacked-out areas are burned in):',
    revision: 'Revision',
    current: 'current',
    superseded: 'superseded by revision',
    published: 'Published',
    inGerman: 'in German',
    inEnglish: 'in English',
    of: 'of',
    checkpoint: 'Signed state of our audit trail',
    checkpointIntro:
      'Every change in our case tracker is written to an append-only audit trail. Its size and the root of a Merkle tree over all its records are signed with Ed25519. Keep a copy: if anyone later rewrote a record, the trail would no longer extend it.',
    noCheckpoint: 'No checkpoint is available at the moment.',
    size: 'Records',
    signedAt: 'Signed at (UTC)',
    root: 'Merkle root (base64)',
    signature: 'Signature (base64)',
    keyId: 'Key id',
    howTo: 'How to verify',
    howToSteps: [
      'Download the checkpoint as JSON and the public key (links below).',
      'Check the Ed25519 signature over the exact UTF-8 bytes of its "note" field with the public key, e.g. with OpenSSL: openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in note.txt -sigfile sig.bin.',
      'Later, ask /audit/consistency?from=<your size>&to=<a newer size> for a proof that the newer trail extends the one you kept (RFC 9162).',
    ],
    checkpointJson: 'Checkpoint (JSON)',
    publicKey: 'Public key (JSON)',
    canary: 'Warrant canary',
    canaryIntro:
      'A signed statement that, as of its date, no gag order is in force against us. It is only ever left to expire, never withdrawn: an expired canary is the signal.',
    noCanary: 'No warrant canary has been published.',
    release: 'Issued',
    expiry: 'Expires',
    expired: 'EXPIRED',
    canaryJson: 'Signed canary (JSON)',
    canaryText: 'Signed canary (text)',
    machine: 'A machine-readable list of every publication:',
    website: 'Our website:',
  },
  de: {
    title: 'Transparenz',
    other: { href: '?lang=en', lang: 'en', label: 'English' },
    intro:
      'Anfragen von Polizei, Staatsanwaltschaften und anderen Behörden, wie wir sie gezählt haben, und die Stellungnahmen, die unser Vorstand dazu veröffentlicht hat. Jede Datei wird einmal veröffentlicht und nie geändert: Eine Korrektur ist eine neue Revision, und die frühere bleibt hier, als ersetzt markiert. Mit der SHA-256 unter jeder Datei prüfen Sie, dass Sie die veröffentlichten Bytes haben.',
    latest: 'Neuester Bericht',
    latestFigures: 'Seine Gesamtzahlen',
    charts: 'Seine Aufschlüsselungen als Balkendiagramme',
    chartsNote:
      'Ein Balkendiagramm je Aufschlüsselung des Berichts; die Zahl neben jedem Balken ist die veröffentlichte. Ein Bereich wie 1-9 hat seinen Balken in der Mitte des Bereichs.',
    bar: 'Balken',
    figure: 'Kennzahl',
    value: 'Wert',
    reports: 'Transparenzberichte',
    noReports: 'Noch kein Bericht veröffentlicht.',
    statements: 'Stellungnahmen',
    noStatements: 'Noch keine Stellungnahme veröffentlicht.',
    attachments:
      'Mit ihr veröffentlichte geschwärzte Kopien von Dokumenten (die Schwärzungen sind eingebrannt):',
    revision: 'Revision',
    current: 'aktuell',
    superseded: 'ersetzt durch Revision',
    published: 'Veröffentlicht',
    inGerman: 'auf Deutsch',
    inEnglish: 'auf Englisch',
    of: 'von',
    checkpoint: 'Signierter Stand unseres Prüfprotokolls',
    checkpointIntro:
      'Jede Änderung in unserer Fallverwaltung wird in ein Prüfprotokoll geschrieben, an das nur angefügt wird. Seine Größe und die Wurzel eines Merkle-Baums über alle Einträge werden mit Ed25519 signiert. Bewahren Sie eine Kopie auf: Schriebe jemand später einen Eintrag um, setzte das Protokoll sie nicht mehr fort.',
    noCheckpoint: 'Im Moment ist kein Prüfpunkt verfügbar.',
    size: 'Einträge',
    signedAt: 'Signiert am (UTC)',
    root: 'Merkle-Wurzel (Base64)',
    signature: 'Signatur (Base64)',
    keyId: 'Schlüssel-ID',
    howTo: 'So prüfen Sie',
    howToSteps: [
      'Laden Sie den Prüfpunkt als JSON und den öffentlichen Schlüssel (Links unten).',
      'Prüfen Sie die Ed25519-Signatur über die genauen UTF-8-Bytes seines Felds „note“ mit dem öffentlichen Schlüssel, z. B. mit OpenSSL: openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in note.txt -sigfile sig.bin.',
      'Fragen Sie später /audit/consistency?from=<Ihre Größe>&to=<eine neuere Größe> nach einem Beweis, dass das neuere Protokoll das aufbewahrte fortsetzt (RFC 9162).',
    ],
    checkpointJson: 'Prüfpunkt (JSON)',
    publicKey: 'Öffentlicher Schlüssel (JSON)',
    canary: 'Warrant Canary',
    canaryIntro:
      'Eine signierte Erklärung, dass gegen uns zu ihrem Datum keine Schweigeanordnung besteht. Sie wird nie zurückgezogen, nur verfallen gelassen: Eine verfallene Erklärung ist das Signal.',
    noCanary: 'Es wurde noch keine Warrant Canary veröffentlicht.',
    release: 'Ausgestellt',
    expiry: 'Verfällt',
    expired: 'VERFALLEN',
    canaryJson: 'Signierte Erklärung (JSON)',
    canaryText: 'Signierte Erklärung (Text)',
    machine: 'Eine maschinenlesbare Liste aller Veröffentlichungen:',
    website: 'Unsere Website:',
  },
} satisfies Record<Language, unknown>;

/**
 * The portal's language: `?lang=` if it names one, else the first of German or English in
 * Accept-Language, else English (the page is for the public anywhere).
 */
export function portalLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  if (query === 'de' || query === 'en') return query;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((p) => (p.tag === 'de' || p.tag === 'en') && p.q > 0)
    .sort((a, b) => b.q - a.q);
  return (preferred[0]?.tag as Language | undefined) ?? 'en';
}
