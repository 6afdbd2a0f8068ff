/**
 * Every text of the transparency report, in English and German: section titles, row labels and
 * the short explanation printed with each category. Keep the keys in step with reports.service.ts.
 */
import type { CountsPolicy } from '../config/report.settings.js';
import type { Language } from './languages.js';

export const SECTION_KEYS = [
  'totals',
  'request_type',
  'measure_type',
  'legal_basis',
  'authority_kind',
  'origin',
  'country',
  'outcome',
  'accounts',
  'systems',
  'gag_orders',
  'user_notification',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

interface SectionText {
  title: string;
  explanation: string;
  /** Labels of the fixed rows; rows named by data (citations, countries) carry their own. */
  rows: Record<string, string>;
}

interface Texts {
  title: string;
  sections: Record<SectionKey, SectionText>;
  /** Why cases under a gag or embargo are missing, and why their number is not given. */
  withheld: string;
  /** The counting rule, as printed with the report. */
  counts(policy: CountsPolicy, foldBelow: number): string;
}

const REQUEST_TYPES_EN = {
  search_and_seizure: 'Search and seizure',
  server_seizure: 'Server seizure',
  preservation: 'Preservation request',
  production_subscriber_data: 'Production order: subscriber data',
  production_traffic_data: 'Production order: traffic data',
  production_content_data: 'Production order: content',
  interception: 'Interception',
  mutual_legal_assistance: 'Mutual legal assistance',
  european_investigation_order: 'European Investigation Order',
  e_evidence_production_order: 'e-Evidence production order (EPOC)',
  e_evidence_preservation_order: 'e-Evidence preservation order (EPOC-PR)',
  takedown: 'Takedown / order to act',
  abuse_complaint: 'Abuse complaint',
  informal_request: 'Informal request',
  other: 'Other',
};

const REQUEST_TYPES_DE = {
  search_and_seizure: 'Durchsuchung und Beschlagnahme',
  server_seizure: 'Beschlagnahme von Servern',
  preservation: 'Sicherungsersuchen',
  production_subscriber_data: 'Herausgabe: Bestandsdaten',
  production_traffic_data: 'Herausgabe: Verkehrsdaten',
  production_content_data: 'Herausgabe: Inhalte',
  interception: 'Telekommunikationsüberwachung',
  mutual_legal_assistance: 'Rechtshilfe',
  european_investigation_order: 'Europäische Ermittlungsanordnung',
  e_evidence_production_order: 'e-Evidence-Herausgabeanordnung (EPOC)',
  e_evidence_preservation_order: 'e-Evidence-Sicherungsanordnung (EPOC-PR)',
  takedown: 'Lösch- oder Sperranordnung',
  abuse_complaint: 'Abuse-Meldung',
  informal_request: 'Formlose Anfrage',
  other: 'Sonstige',
};

const en: Texts = {
  title: 'Transparency report',
  sections: {
    totals: {
      title: 'Requests',
      explanation:
        'Every request from a state authority that reached us in the period: orders, requests, searches and seizures, ' +
        'counted once each, by the date we received it.',
      rows: { requests: 'Requests received' },
    },
    request_type: {
      title: 'By type of request',
      explanation:
        'What the authority asked for or did. A request for mutual legal assistance is counted here as such; the ' +
        'measure it led to is not counted a second time.',
      rows: REQUEST_TYPES_EN,
    },
    measure_type: {
      title: 'Measures by type',
      explanation:
        'The measures the requests consisted of. One request can hold several measures (2011: a request for mutual ' +
        'legal assistance and a search and seizure); it counts once in the row of each type of measure it holds, so ' +
        'these rows add up to more than the requests. The section above counts each request once, by its primary type. ' +
        'A request with no measure recorded counts here under its primary type.',
      rows: REQUEST_TYPES_EN,
    },
    legal_basis: {
      title: 'By legal basis',
      explanation:
        'The provisions the orders cite, as written in them (spacing and "§§" normalised). A request citing several ' +
        'documents counts once for each different citation, so these rows add up to more than the total. "No ' +
        'provision named": a document was recorded whose text names no provision.',
      rows: {
        other: 'Other provisions (each cited in few requests)',
        not_stated: 'No provision named',
        not_recorded: 'No legal basis recorded',
      },
    },
    authority_kind: {
      title: 'By kind of authority',
      explanation:
        'One authority per request: the one that issued the order; where none is recorded, a court, the requesting ' +
        'authority, a validating or central authority, or the one that executed it, in that order. So when a ' +
        'prosecutor executes a foreign request, the foreign authority is counted, not the prosecutor. Authorities ' +
        'that only commented on a request or were only informed of it are never counted.',
      rows: {
        police: 'Police',
        prosecutor: 'Public prosecutor',
        court: 'Court',
        ministry: 'Ministry',
        central_authority: 'Central authority (e.g. Federal Office of Justice)',
        foreign_authority: 'Foreign authority',
        intelligence: 'Intelligence service',
        other: 'Other',
        not_recorded: 'Not recorded',
      },
    },
    origin: {
      title: 'Domestic and foreign requests',
      explanation:
        'A request is foreign when the authority that asked for the measure (a requesting authority, otherwise the ' +
        'issuing one) belongs to another country than ours. Mutual legal assistance: requests of that type, and any ' +
        'request made on behalf of a foreign authority; these are also counted as domestic or foreign above.',
      rows: {
        domestic: 'Domestic',
        foreign: 'Foreign',
        not_recorded: 'Authority not recorded',
        mutual_legal_assistance: 'Mutual legal assistance',
      },
    },
    country: {
      title: 'By country',
      explanation: 'The country of the authority that asked for the measure.',
      rows: { other: 'Other countries (each with few requests)' },
    },
    outcome: {
      title: 'Outcome',
      explanation:
        '"Some data produced": we handed over data in full or in part. "No data existed": the accounts or data named ' +
        'did not exist with us. "Refused": we did not comply. "Challenged": we contested the order (a complaint or ' +
        'other remedy, or the request was in dispute); a challenged request also appears under its outcome.',
      rows: {
        some_data_produced: 'Some data produced',
        some_data_produced_share: 'Share of requests where some data was produced (%)',
        produced_in_full: 'Data produced in full',
        produced_in_part: 'Data produced in part',
        none_no_data: 'No data existed',
        none_refused: 'Refused',
        withdrawn: 'Withdrawn by the authority',
        pending: 'Pending',
        challenged: 'Challenged',
      },
    },
    accounts: {
      title: 'Accounts affected',
      explanation:
        'The number of user accounts whose data we handed over, as recorded with each handover (where it was recorded).',
      rows: { accounts_affected: 'Accounts whose data was handed over' },
    },
    systems: {
      title: 'Systems affected and downtime',
      explanation:
        'Systems affected: our servers and services that were seized, imaged, taken offline or accessed, counted once ' +
        'per request. Downtime: the hours during which systems were unavailable (seized or offline) because of a ' +
        'request, overlapping outages of one request counted once; an outage that has not ended counts until the end ' +
        'of the period, and only the part within the period is counted. An outage whose end was never reported counts ' +
        'only until the last moment it is known to have lasted: the hours are then a lower bound, and so is their sum. ' +
        'Where a start or end is known only to the hour, the day or roughly, the hours are an estimate, and the label says so.',
      rows: {
        systems_affected: 'Systems affected',
        cases_with_downtime: 'Requests that caused downtime',
        downtime_hours: 'Hours of downtime',
        downtime_hours_at_least: 'Hours of downtime (at least: some ends are unknown)',
        downtime_lower_bound: 'Requests whose downtime is a lower bound (end unknown)',
        downtime_hours_approx:
          'Hours of downtime (approximate: some times are known only to the hour, the day or roughly)',
        downtime_hours_at_least_approx:
          'Hours of downtime (at least, and approximate: some ends are unknown, some times known only roughly)',
        downtime_approximate: 'Requests whose downtime rests on times not known to the minute',
      },
    },
    gag_orders: {
      title: 'Gag orders',
      explanation:
        'Requests that came with an order not to tell the people concerned or the public. They appear here only once ' +
        'the gag has been lifted or has expired; until then the whole request is left out of this report.',
      rows: {
        cases_with_gag: 'Requests that came with a gag order',
        lifted: 'Gag lifted',
        expired: 'Gag expired',
      },
    },
    user_notification: {
      title: 'User notification',
      explanation:
        'Whether the people whose data was concerned had to be told, and whether we have told them.',
      rows: {
        required: 'Notification required',
        notified: 'Users notified',
        pending: 'Notification still outstanding',
        not_required: 'Notification not required',
        not_recorded: 'Not recorded',
      },
    },
  },
  withheld:
    'Requests under a gag order that is still in force, and requests whose publication is embargoed, are left out of ' +
    'every figure. We do not state how many there are: even a rough number could disclose that such an order exists. ' +
    'Each of them is counted in the period in which we received it as soon as the gag is lifted or expires, or the ' +
    'embargo ends; reports for earlier periods are then revised.',
  counts(policy, foldBelow) {
    const shared =
      'Every figure, totals included, is computed from our records and then rounded on its own; no figure is added up ' +
      'from rounded ones, and shares are computed from the published ranges, so that comparing two reports cannot ' +
      'reveal a single request.';
    const folded = `Legal bases and countries with fewer than ${foldBelow} requests are combined under "other".`;
    switch (policy.mode) {
      case 'exact':
        return 'Exact figures: each figure is the count from our records, shares are exact to one decimal. Two reports with exact figures can be compared to single out a request.';
      case 'bands':
        return `Figures are given as ranges (0, 1–9, 10–49, …, as listed). ${shared} ${folded}`;
      case 'suppress':
        return (
          `Figures from 1 to ${policy.k - 1} are shown as "< ${policy.k}", larger figures as a range of ${policy.k} ` +
          `(e.g. "${policy.k * 5}-${policy.k * 6 - 1}"). ${shared} ${folded}`
        );
    }
  },
};

const de: Texts = {
  title: 'Transparenzbericht',
  sections: {
    totals: {
      title: 'Anfragen',
      explanation:
        'Jede Anfrage einer staatlichen Stelle, die uns im Berichtszeitraum erreicht hat: Anordnungen, Ersuchen, ' +
        'Durchsuchungen und Beschlagnahmen, jeweils einmal gezählt, nach dem Tag des Eingangs.',
      rows: { requests: 'Eingegangene Anfragen' },
    },
    request_type: {
      title: 'Nach Art der Anfrage',
      explanation:
        'Was die Behörde verlangt oder getan hat. Ein Rechtshilfeersuchen wird hier als solches gezählt; die Maßnahme, ' +
        'zu der es führte, wird nicht ein zweites Mal gezählt.',
      rows: REQUEST_TYPES_DE,
    },
    measure_type: {
      title: 'Maßnahmen nach Art',
      explanation:
        'Die Maßnahmen, aus denen die Anfragen bestanden. Eine Anfrage kann mehrere Maßnahmen umfassen (2011: ein ' +
        'Rechtshilfeersuchen und eine Durchsuchung mit Beschlagnahme); sie zählt in der Zeile jeder Art von Maßnahme ' +
        'einmal, die Zeilen ergeben daher zusammen mehr als die Anfragen. Der Abschnitt davor zählt jede Anfrage ' +
        'einmal, nach ihrer Hauptart. Eine Anfrage ohne erfasste Maßnahme zählt hier unter ihrer Hauptart.',
      rows: REQUEST_TYPES_DE,
    },
    legal_basis: {
      title: 'Nach Rechtsgrundlage',
      explanation:
        'Die Vorschriften, die die Anordnungen nennen, wie sie darin stehen (Leerzeichen und „§§“ vereinheitlicht). ' +
        'Eine Anfrage mit mehreren Dokumenten zählt für jede verschiedene Vorschrift einmal; die Zeilen ergeben daher ' +
        'zusammen mehr als die Gesamtzahl. „Keine Vorschrift genannt“: Ein Dokument wurde erfasst, dessen Text ' +
        'keine Vorschrift nennt.',
      rows: {
        other: 'Andere Vorschriften (jeweils in wenigen Anfragen genannt)',
        not_stated: 'Keine Vorschrift genannt',
        not_recorded: 'Keine Rechtsgrundlage erfasst',
      },
    },
    authority_kind: {
      title: 'Nach Art der Behörde',
      explanation:
        'Eine Behörde je Anfrage: die, die die Anordnung erlassen hat; ist keine erfasst, ein Gericht, die ' +
        'ersuchende Behörde, eine bewilligende oder zentrale Behörde oder die ausführende, in dieser Reihenfolge. ' +
        'Führt eine Staatsanwaltschaft ein ausländisches Ersuchen aus, zählt daher die ausländische Behörde, nicht ' +
        'die Staatsanwaltschaft. Behörden, die sich zu einer Anfrage nur geäußert haben oder nur unterrichtet ' +
        'wurden, zählen nie.',
      rows: {
        police: 'Polizei',
        prosecutor: 'Staatsanwaltschaft',
        court: 'Gericht',
        ministry: 'Ministerium',
        central_authority: 'Zentrale Behörde (z. B. Bundesamt für Justiz)',
        foreign_authority: 'Ausländische Behörde',
        intelligence: 'Nachrichtendienst',
        other: 'Sonstige',
        not_recorded: 'Nicht erfasst',
      },
    },
    origin: {
      title: 'Inländische und ausländische Anfragen',
      explanation:
        'Eine Anfrage ist ausländisch, wenn die Behörde, die die Maßnahme verlangt hat (eine ersuchende, sonst die ' +
        'anordnende), einem anderen Staat angehört als wir. Rechtshilfe: Anfragen dieser Art und jede Anfrage im ' +
        'Auftrag einer ausländischen Behörde; sie sind oben auch als in- oder ausländisch gezählt.',
      rows: {
        domestic: 'Inland',
        foreign: 'Ausland',
        not_recorded: 'Behörde nicht erfasst',
        mutual_legal_assistance: 'Rechtshilfe',
      },
    },
    country: {
      title: 'Nach Staat',
      explanation: 'Der Staat der Behörde, die die Maßnahme verlangt hat.',
      rows: { other: 'Andere Staaten (jeweils mit wenigen Anfragen)' },
    },
    outcome: {
      title: 'Ergebnis',
      explanation:
        '„Daten herausgegeben“: ganz oder teilweise. „Keine Daten vorhanden“: die genannten Konten oder Daten gab es ' +
        'bei uns nicht. „Abgelehnt“: wir sind der Anfrage nicht nachgekommen. „Angefochten“: wir haben uns gewehrt ' +
        '(Beschwerde oder anderer Rechtsbehelf, oder die Anfrage war streitig); eine angefochtene Anfrage erscheint ' +
        'auch unter ihrem Ergebnis.',
      rows: {
        some_data_produced: 'Daten herausgegeben',
        some_data_produced_share: 'Anteil der Anfragen mit Herausgabe von Daten (%)',
        produced_in_full: 'Daten vollständig herausgegeben',
        produced_in_part: 'Daten teilweise herausgegeben',
        none_no_data: 'Keine Daten vorhanden',
        none_refused: 'Abgelehnt',
        withdrawn: 'Von der Behörde zurückgezogen',
        pending: 'Offen',
        challenged: 'Angefochten',
      },
    },
    accounts: {
      title: 'Betroffene Konten',
      explanation:
        'Die Zahl der Nutzerkonten, deren Daten wir herausgegeben haben, wie bei jeder Herausgabe erfasst (soweit erfasst).',
      rows: { accounts_affected: 'Konten, deren Daten herausgegeben wurden' },
    },
    systems: {
      title: 'Betroffene Systeme und Ausfallzeit',
      explanation:
        'Betroffene Systeme: unsere Server und Dienste, die beschlagnahmt, gespiegelt, abgeschaltet oder durchsucht ' +
        'wurden, je Anfrage einmal gezählt. Ausfallzeit: die Stunden, in denen Systeme wegen einer Anfrage nicht ' +
        'verfügbar waren (beschlagnahmt oder abgeschaltet); überlappende Ausfälle einer Anfrage zählen einmal, ein ' +
        'noch andauernder Ausfall bis zum Ende des Zeitraums, und nur der Teil innerhalb des Zeitraums. Ein Ausfall, ' +
        'dessen Ende nie gemeldet wurde, zählt nur bis zum letzten bekannten Zeitpunkt: die Stunden sind dann eine ' +
        'Untergrenze, ebenso ihre Summe. Ist ein Beginn oder Ende nur auf die Stunde, den Tag oder ungefähr bekannt, ' +
        'sind die Stunden eine Schätzung, und die Zeile sagt es.',
      rows: {
        systems_affected: 'Betroffene Systeme',
        cases_with_downtime: 'Anfragen mit Ausfallzeit',
        downtime_hours: 'Stunden Ausfallzeit',
        downtime_hours_at_least: 'Stunden Ausfallzeit (mindestens: Ende teils unbekannt)',
        downtime_lower_bound: 'Anfragen mit Ausfallzeit als Untergrenze (Ende unbekannt)',
        downtime_hours_approx:
          'Stunden Ausfallzeit (ca.: Zeiten teils nur auf die Stunde, den Tag oder ungefähr bekannt)',
        downtime_hours_at_least_approx:
          'Stunden Ausfallzeit (mindestens und ca.: Ende teils unbekannt, Zeiten teils nur ungefähr bekannt)',
        downtime_approximate: 'Anfragen mit Ausfallzeit aus nicht minutengenau bekannten Zeiten',
      },
    },
    gag_orders: {
      title: 'Schweigeanordnungen',
      explanation:
        'Anfragen, zu denen uns untersagt wurde, die Betroffenen oder die Öffentlichkeit zu informieren. Sie erscheinen ' +
        'hier erst, wenn die Anordnung aufgehoben oder abgelaufen ist; bis dahin fehlt die ganze Anfrage in diesem Bericht.',
      rows: {
        cases_with_gag: 'Anfragen mit Schweigeanordnung',
        lifted: 'Anordnung aufgehoben',
        expired: 'Anordnung abgelaufen',
      },
    },
    user_notification: {
      title: 'Benachrichtigung der Betroffenen',
      explanation:
        'Ob die Personen, deren Daten betroffen waren, zu benachrichtigen waren, und ob wir sie benachrichtigt haben.',
      rows: {
        required: 'Benachrichtigung erforderlich',
        notified: 'Benachrichtigt',
        pending: 'Benachrichtigung steht aus',
        not_required: 'Benachrichtigung nicht erforderlich',
        not_recorded: 'Nicht erfasst',
      },
    },
  },
  withheld:
    'Anfragen mit einer noch geltenden Schweigeanordnung und Anfragen, deren Veröffentlichung gesperrt ist, fehlen in ' +
    'allen Zahlen. Wie viele es sind, geben wir nicht an: schon eine ungefähre Zahl könnte verraten, dass es eine ' +
    'solche Anordnung gibt. Jede von ihnen wird in dem Zeitraum gezählt, in dem sie eingegangen ist, sobald die ' +
    'Anordnung aufgehoben wird oder abläuft oder die Sperre endet; Berichte für frühere Zeiträume werden dann überarbeitet.',
  counts(policy, foldBelow) {
    const shared =
      'Jede Zahl, auch jede Summe, wird aus unseren Unterlagen berechnet und für sich gerundet; keine Zahl ist aus ' +
      'gerundeten Zahlen addiert, und Anteile werden aus den veröffentlichten Bereichen berechnet, damit der Vergleich ' +
      'zweier Berichte keine einzelne Anfrage erkennen lässt.';
    const folded = `Rechtsgrundlagen und Staaten mit weniger als ${foldBelow} Anfragen sind unter „andere“ zusammengefasst.`;
    switch (policy.mode) {
      case 'exact':
        return 'Genaue Zahlen: Jede Zahl ist die Zahl aus unseren Unterlagen, Anteile auf eine Nachkommastelle genau. Zwei Berichte mit genauen Zahlen lassen sich vergleichen, um eine einzelne Anfrage zu erkennen.';
      case 'bands':
        return `Zahlen werden als Bereiche angegeben (0, 1–9, 10–49, …, wie aufgeführt). ${shared} ${folded}`;
      case 'suppress':
        return (
          `Zahlen von 1 bis ${policy.k - 1} erscheinen als „< ${policy.k}“, größere als Bereich von ${policy.k} ` +
          `(z. B. „${policy.k * 5}-${policy.k * 6 - 1}“). ${shared} ${folded}`
        );
    }
  },
};

export const REPORT_TEXTS: Record<Language, Texts> = { en, de };

/**
 * Texts of the DSA member-state orders export (English only: the template is published in
 * English). The column names are the template's, exactly as the Commission's CSV of Part 3
 * ("member_states_orders") of Annex I to Implementing Regulation (EU) 2024/2835 spells them.
 */
export const DSA_TEXTS = {
  sections: {
    orders_to_act: {
      number: '1.2.1',
      title: 'Member State orders to act against illegal content',
    },
    orders_to_provide_information: {
      number: '1.2.2',
      title: 'Member State orders to provide information',
    },
  },
  header: [
    'Applicability',
    'Service',
    'Reporting period',
    'Category of illegal content',
    'Description of the sub-category "Other"',
    'Scope',
    'Number of orders to act against illegal content received',
    'Number of specific items of information included in the total number of orders to act against illegal content',
    'Median time to inform the authority of the receipt of the order to act against illegal content',
    'Median time to give effect to the order to act against illegal content',
    'Number of orders to provide information',
    'Median time to inform the authority of the receipt of the order to provide information',
    'Median time to give effect to the order to provide information',
    'Contextual information on number of orders to act against illegal content received',
    'Contextual information on number of specific items of information included in the total number of orders to act against illegal content',
    'Contextual information on Median time to inform the authority of the receipt of the order to act against illegal content',
    'Contextual information on Median time to give effect to the order to act against illegal content',
    'Contextual information on Number of orders to provide information',
    'Contextual information on Median time to inform the authority of the receipt of the order to provide information',
    'Contextual information on Median time to give effect to the order to provide information',
  ],
  /** Article 15(1)(a) DSA applies to every provider of intermediary services. */
  applicability: 'All providers of intermediary services (Article 15(1)(a) DSA)',
  /** The scope of the row that sums up every member state. */
  totalScope: 'Total',
  /** Contextual information, written once on the total row; `counts` is the counting rule. */
  context: (counts: string) => ({
    ordersToAct:
      'Orders of request type takedown from authorities of EU member states, by the member state of the ' +
      'issuing authority. The category of illegal content is not recorded: every figure covers all ' +
      `categories. Cases under a gag order or embargo are left out. ${counts}`,
    itemsToAct: 'The targets (accounts, addresses, URLs, …) that the orders name.',
    informAct: 'Hours from receipt to the first recorded contact with the authority.',
    effectAct: 'Hours from receipt to the first status change to "responded".',
    ordersToProvide:
      'Production orders, e-Evidence production orders and European Investigation Orders from ' +
      'authorities of EU member states, by the member state of the issuing authority. Cases under a ' +
      `gag order or embargo are left out. ${counts}`,
    informProvide: 'Hours from receipt to the first recorded contact with the authority.',
    effectProvide:
      'Hours from receipt to the first handover of data (0 when data was handed over before the order arrived).',
  }),
};
