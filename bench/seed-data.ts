/** Word material for the generated cases: German and English, so full-text search finds both. */

export const AUTHORITIES: readonly (readonly [name: string, kind: string, country: string])[] = [
  ...[
    'Berlin',
    'Hamburg',
    'München',
    'Köln',
    'Frankfurt am Main',
    'Stuttgart',
    'Düsseldorf',
    'Leipzig',
    'Dresden',
    'Hannover',
    'Nürnberg',
  ].flatMap(
    (city) =>
      [
        [`Staatsanwaltschaft ${city}`, 'prosecutor', 'DE'],
        [`Amtsgericht ${city}`, 'court', 'DE'],
      ] as const,
  ),
  ['Bundeskriminalamt', 'police', 'DE'],
  ['Bundesamt für Justiz', 'central_authority', 'DE'],
  ['Staatsanwaltschaft Wien', 'prosecutor', 'AT'],
  ['Landesgericht für Strafsachen Wien', 'court', 'AT'],
  ['Bundeskriminalamt Österreich', 'police', 'AT'],
  ['Bundesministerium für Justiz', 'ministry', 'AT'],
  ['Staatsanwaltschaft Zürich', 'prosecutor', 'CH'],
  ['Bundesamt für Justiz', 'central_authority', 'CH'],
  ['Bundesamt für Polizei fedpol', 'police', 'CH'],
  ['Parquet de Paris', 'prosecutor', 'FR'],
  ['Tribunal judiciaire de Paris', 'court', 'FR'],
  ['Gendarmerie nationale C3N', 'police', 'FR'],
  ['Openbaar Ministerie', 'prosecutor', 'NL'],
  ['Politie Eenheid Landelijk', 'police', 'NL'],
  ['Europol', 'foreign_authority', 'NL'],
  ['FBI Field Office San Francisco', 'foreign_authority', 'US'],
  ['U.S. Department of Justice, Office of International Affairs', 'central_authority', 'US'],
  ['U.S. District Court, Northern District of California', 'court', 'US'],
  ['Homeland Security Investigations', 'foreign_authority', 'US'],
  ['Metropolitan Police Service', 'police', 'GB'],
  ['National Crime Agency', 'police', 'GB'],
  ['UK Central Authority', 'central_authority', 'GB'],
  ['Polismyndigheten', 'police', 'SE'],
  ['Åklagarmyndigheten', 'prosecutor', 'SE'],
  ['Prokuratura Krajowa', 'prosecutor', 'PL'],
  ['Centralne Biuro Zwalczania Cyberprzestępczości', 'police', 'PL'],
  ['Procura della Repubblica di Roma', 'prosecutor', 'IT'],
  ['Polizia Postale', 'police', 'IT'],
];

/** Request types by how often a hosting provider sees them (weights sum to 100). */
export const REQUEST_TYPE_WEIGHTS = [
  ['production_subscriber_data', 30],
  ['preservation', 12],
  ['production_traffic_data', 10],
  ['abuse_complaint', 10],
  ['informal_request', 8],
  ['takedown', 6],
  ['mutual_legal_assistance', 5],
  ['european_investigation_order', 4],
  ['production_content_data', 4],
  ['search_and_seizure', 3],
  ['server_seizure', 2],
  ['e_evidence_production_order', 2],
  ['other', 2],
  ['interception', 1],
  ['e_evidence_preservation_order', 1],
] as const;

export const SEIZURE_TYPES = ['search_and_seizure', 'server_seizure'];

export const TYPE_LABELS: Record<string, readonly [de: string, en: string]> = {
  production_subscriber_data: ['Auskunftsersuchen Bestandsdaten', 'Subscriber data request'],
  preservation: ['Sicherungsanordnung', 'Preservation request'],
  production_traffic_data: ['Herausgabe Verkehrsdaten', 'Traffic data production'],
  abuse_complaint: ['Abuse-Meldung', 'Abuse complaint'],
  informal_request: ['Formlose Anfrage', 'Informal request'],
  takedown: ['Löschungsaufforderung', 'Takedown notice'],
  mutual_legal_assistance: ['Rechtshilfeersuchen', 'Mutual legal assistance request'],
  european_investigation_order: [
    'Europäische Ermittlungsanordnung',
    'European Investigation Order',
  ],
  production_content_data: ['Herausgabe Inhaltsdaten', 'Content data production'],
  search_and_seizure: ['Durchsuchung und Beschlagnahme', 'Search and seizure'],
  server_seizure: ['Beschlagnahme Server', 'Server seizure'],
  e_evidence_production_order: ['Herausgabeanordnung (e-Evidence)', 'European Production Order'],
  other: ['Sonstiges Ersuchen', 'Other request'],
  interception: ['Überwachungsanordnung', 'Interception order'],
  e_evidence_preservation_order: [
    'Sicherungsanordnung (e-Evidence)',
    'European Preservation Order',
  ],
};

export const SUBJECTS = [
  'Mailkonto eines Nutzers',
  'mailbox of a journalist',
  'Tor-Exit-Relay',
  'forum for activists',
  'Webshop-Betreiber',
  'hosting customer',
  'Cloud-Speicher',
  'VPN service',
  'Messenger-Konto',
  'DNS resolver logs',
  'Mailingliste',
  'Jabber server',
  'Nextcloud-Instanz',
  'blog of a local group',
  'Backup-Server',
  'IRC network',
  'Matrix homeserver',
  'Webseite einer Bürgerinitiative',
  'anonymous remailer',
  'Pastebin-Dienst',
];

export const PLACES = [
  'Berlin',
  'Frankfurt',
  'Nürnberg',
  'Hamburg',
  'Wien',
  'Zürich',
  'Amsterdam',
  'Paris',
  'London',
  'Stockholm',
];

export const SUMMARY_OPENINGS = [
  'Die Staatsanwaltschaft verlangt Bestandsdaten zu einem Konto.',
  'The authority requests subscriber information for an account.',
  'Ersuchen um Sicherung von Logdateien und Verbindungsdaten.',
  'Request to preserve log files and connection records.',
  'Beschluss des Amtsgerichts zur Durchsuchung der Geschäftsräume.',
  'Court order to search the premises and seize servers.',
  'Beschwerde über Phishing-Seiten auf einem Kundenserver.',
  'Complaint about phishing pages hosted on a customer server.',
  'Anfrage per E-Mail ohne richterlichen Beschluss.',
  'Informal request by e-mail without a court order.',
];

export const SUMMARY_CLOSINGS = [
  'Wir speichern keine IP-Adressen; es liegen keine Daten vor.',
  'We do not log IP addresses, so no data exists.',
  'Die Festplatte war verschlüsselt und wurde nicht herausgegeben.',
  'The hard drive was encrypted and was not handed over.',
  'Unsere Anwältin hat Beschwerde eingelegt.',
  'Our lawyer filed a complaint against the order.',
  'Nutzer wurden nach Ablauf der Sperrfrist benachrichtigt.',
  'Users were notified after the embargo ended.',
  'Der Server war mehrere Tage offline.',
  'The server was offline for several days.',
];

/** Timeline text per event type (German and English), plus one extra detail word. */
export const TIMELINE_TEXT: Record<string, readonly string[]> = {
  received: [
    'Ersuchen per Fax eingegangen',
    'Request received by e-mail',
    'Beschluss per Post zugestellt',
    'Order served in person',
  ],
  authority_contact: [
    'Rückfrage bei der Staatsanwaltschaft',
    'Phone call with the investigating officer',
    'Ermittler um Präzisierung gebeten',
    'Asked the prosecutor to narrow the scope',
  ],
  search_started: [
    'Durchsuchung im Rechenzentrum begonnen',
    'Police arrived at the data centre',
    'Beamte betreten die Geschäftsräume',
    'Search of the office started',
  ],
  systems_offline: [
    'Server heruntergefahren, Dienst nicht erreichbar',
    'Servers shut down, service unavailable',
    'Mailserver offline genommen',
    'Storage array disconnected',
  ],
  data_copied: [
    'Festplatte gespiegelt',
    'Hard drive imaged by the police',
    'Logdateien kopiert',
    'Mailbox copied to external disk',
  ],
  data_handed_over: [
    'Bestandsdaten verschlüsselt übermittelt',
    'Subscriber data handed over',
    'Datenträger an Ermittler übergeben',
    'Encrypted archive sent to the authority',
  ],
  items_seized: [
    'Server und Festplatten beschlagnahmt',
    'Servers and hard drives seized',
    'Router sichergestellt',
    'Backup tapes taken',
  ],
  systems_restored: [
    'Dienst auf Ersatzhardware wiederhergestellt',
    'Service restored on spare hardware',
    'Server wieder online',
    'Mail delivery resumed',
  ],
  items_returned: [
    'Beschlagnahmte Hardware zurückgegeben',
    'Seized hardware returned',
    'Festplatten ohne Schäden zurück',
    'Drives returned with damaged casing',
  ],
  statement_published: [
    'Pressemitteilung veröffentlicht',
    'Press statement published',
    'Transparenzbericht ergänzt',
    'Blog post about the seizure',
  ],
  complaint_filed: [
    'Beschwerde beim Landgericht eingelegt',
    'Complaint filed with the regional court',
    'Verfassungsbeschwerde erwogen',
    'Objection lodged against the order',
  ],
  legal_advice: [
    'Rechtsanwältin konsultiert',
    'Lawyer consulted about the order',
    'Gutachten zur Rechtmäßigkeit eingeholt',
    'Legal opinion on proportionality',
  ],
  status_changed: ['Status geändert', 'Status changed'],
  note: [
    'Notiz: Kunde informiert',
    'Note: customer informed',
    'Interne Notiz zum Vorgang',
    'Internal note on the case',
  ],
};

export const TIMELINE_DETAILS = [
  'Verschlüsselung',
  'encryption',
  'Rechenzentrum',
  'data centre',
  'Logdateien',
  'log files',
  'Kundendaten',
  'customer data',
  'Datenschutz',
  'privacy',
  'Tor',
  'Phishing',
  'Ransomware',
  'Mailbox',
  'Sperrfrist',
  'gag order',
  'Verhältnismäßigkeit',
  'proportionality',
  'Amtsgericht',
  'regional court',
  'Durchsuchungsbeschluss',
  'search warrant',
  'Zeugnisverweigerung',
  'journalist',
];

export const CITATIONS: Record<string, readonly string[]> = {
  DE: [
    '§ 94 StPO',
    '§ 98 StPO',
    '§ 100a StPO',
    '§ 100g StPO',
    '§ 102 StPO',
    '§ 103 StPO',
    '§ 161 StPO',
    '§ 174 TKG',
    '§ 21 TTDSG',
  ],
  US: ['18 U.S.C. § 2703(d)', '18 U.S.C. § 2703(f)', '18 U.S.C. § 2705(b)'],
  EU: ['Richtlinie 2014/41/EU', 'Verordnung (EU) 2023/1543'],
};

export const GAG_BASES = [
  '§ 95a StPO',
  '§ 101 StPO (Zurückstellung der Benachrichtigung)',
  '18 U.S.C. § 2705(b)',
  'Art. 11 Verordnung (EU) 2023/1543',
];
