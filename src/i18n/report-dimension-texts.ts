/**
 * Texts of the report's dimensions beyond the classic counts, in English and German: each
 * section's title, its definition (printed with it) and its rows. Row keys are those of
 * src/reports/report-dimensions.ts.
 */
import type { Language } from './languages.js';

export const DIMENSION_KEYS = [
  'defects',
  'emergency',
  'response_kind',
  'data_categories',
  'notification',
  'trends',
] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

interface DimensionText {
  title: string;
  explanation: string;
  rows: Record<string, string>;
}

/** Why counts are published as they are, when the board did not say it in its own words. */
interface CountsReasons {
  exact: string;
  bands: string;
  suppress: string;
}

export interface DimensionTexts {
  sections: Record<DimensionKey, DimensionText>;
  /** "Subscriber data: asked for" */
  requested(category: string): string;
  released(category: string): string;
  countsReason: CountsReasons;
  /** Heading of the printed line that says why counts are published as they are. */
  countsReasonHeading: string;
}

const en: DimensionTexts = {
  sections: {
    defects: {
      title: 'Defective or unlawful requests',
      explanation:
        'Requests we found defective or unlawful when we checked them: no legal basis named, a legal basis that ' +
        'does not cover the measure, sent over an unencrypted channel (plain e-mail, fax), or addressed to the wrong ' +
        'party. A request with several defects counts once for each, so these rows can add up to more than the ' +
        'number of defective requests. Below them, what became of the defective requests.',
      rows: {
        defective: 'Requests found defective or unlawful',
        no_legal_basis: 'No legal basis named',
        wrong_legal_basis: 'Wrong legal basis',
        unencrypted_channel: 'Sent unencrypted',
        wrong_addressee: 'Wrong addressee',
        other: 'Other defect',
        'outcome:refused': 'Refused by us',
        'outcome:corrected_and_resubmitted': 'Corrected and resubmitted by the authority',
        'outcome:withdrawn': 'Withdrawn by the authority',
        'outcome:complied_despite_defect': 'Complied with despite the defect',
        'outcome:pending': 'Still open',
      },
    },
    emergency: {
      title: 'Emergency requests',
      explanation:
        'Requests the authority marked as urgent because of a danger to life or limb or of losing evidence ' +
        '(e.g. an e-Evidence emergency order with 8 hours to answer), and how many of them led to data being handed over.',
      rows: {
        emergency: 'Emergency requests',
        emergency_produced: 'Emergency requests where data was handed over',
      },
    },
    response_kind: {
      title: 'What we answered',
      explanation:
        'Each request once, by what we gave: content (the text of messages, files, mailboxes) or only other data ' +
        '(subscriber, traffic or log data, IP addresses, metadata), as recorded with each handover; no data, because ' +
        'none existed; or nothing, because we refused. "Data handed over, kind not recorded": a request answered with ' +
        'data whose handover is not recorded in detail.',
      rows: {
        content: 'Content handed over',
        non_content: 'Only non-content data handed over',
        produced_not_recorded: 'Data handed over, kind not recorded',
        no_data: 'No data existed',
        refused: 'Refused',
        withdrawn: 'Withdrawn by the authority',
        pending: 'Pending',
      },
    },
    data_categories: {
      title: 'Data asked for and data handed over',
      explanation:
        'For each kind of data: the requests whose order asked for it (as recorded with the targets named), and the ' +
        'requests in which we handed it over. A request asking for several kinds counts once for each.',
      rows: {},
    },
    notification: {
      title: 'Notifying the people concerned',
      explanation:
        'Of the requests where the people whose data was concerned had to be told: the share we have told, and the ' +
        'median number of days from receiving the request to telling them (over the requests where we have; a gag ' +
        'order in force delays it). The median is published only over enough requests to say nothing about one.',
      rows: {
        required: 'Notification required',
        notified: 'Users notified',
        notified_share: 'Share of required notifications made (%)',
        median_delay_days: 'Median days from receipt to notification',
      },
    },
    trends: {
      title: 'Year by year',
      explanation:
        'The main figures of each calendar year of the period, side by side, counted by the same rules as the rest ' +
        'of this report; each figure rounded on its own.',
      rows: {
        requests: 'Requests received',
        produced: 'Data handed over',
        no_data: 'No data existed',
        refused: 'Refused',
        defective: 'Defective or unlawful',
        emergency: 'Emergency requests',
      },
    },
  },
  requested: (c) => `${c}: asked for`,
  released: (c) => `${c}: handed over`,
  countsReason: {
    exact:
      'We publish exact figures, as Posteo and mailbox.org do: our numbers are small, and ranges such as "1–9" ' +
      'would hide what happened.',
    bands:
      'We publish ranges, as rules for national-security requests demand: no figure, and no comparison of two ' +
      'reports, may single out one request.',
    suppress: 'Small figures are not published, so that no figure can single out one request.',
  },
  countsReasonHeading: 'Why figures are given this way',
};

const de: DimensionTexts = {
  sections: {
    defects: {
      title: 'Mangelhafte oder rechtswidrige Anfragen',
      explanation:
        'Anfragen, die wir bei der Prüfung als mangelhaft oder rechtswidrig erkannt haben: keine Rechtsgrundlage ' +
        'genannt, eine Rechtsgrundlage, die die Maßnahme nicht trägt, unverschlüsselt übermittelt (einfache E-Mail, ' +
        'Fax) oder an den falschen Adressaten gerichtet. Eine Anfrage mit mehreren Mängeln zählt für jeden einmal; die ' +
        'Zeilen ergeben daher zusammen mehr als die Zahl der mangelhaften Anfragen. Darunter, was aus den ' +
        'mangelhaften Anfragen wurde.',
      rows: {
        defective: 'Als mangelhaft oder rechtswidrig erkannte Anfragen',
        no_legal_basis: 'Keine Rechtsgrundlage genannt',
        wrong_legal_basis: 'Falsche Rechtsgrundlage',
        unencrypted_channel: 'Unverschlüsselt übermittelt',
        wrong_addressee: 'Falscher Adressat',
        other: 'Anderer Mangel',
        'outcome:refused': 'Von uns abgelehnt',
        'outcome:corrected_and_resubmitted': 'Von der Behörde berichtigt und erneut gestellt',
        'outcome:withdrawn': 'Von der Behörde zurückgezogen',
        'outcome:complied_despite_defect': 'Trotz des Mangels befolgt',
        'outcome:pending': 'Noch offen',
      },
    },
    emergency: {
      title: 'Eilanfragen',
      explanation:
        'Anfragen, die die Behörde wegen Gefahr für Leib oder Leben oder drohenden Beweisverlusts als eilig ' +
        'gekennzeichnet hat (z. B. eine e-Evidence-Eilanordnung mit 8 Stunden Frist), und wie viele davon zur ' +
        'Herausgabe von Daten führten.',
      rows: {
        emergency: 'Eilanfragen',
        emergency_produced: 'Eilanfragen mit Herausgabe von Daten',
      },
    },
    response_kind: {
      title: 'Was wir geantwortet haben',
      explanation:
        'Jede Anfrage einmal, danach, was wir herausgegeben haben: Inhalte (Nachrichten, Dateien, Postfächer) oder ' +
        'nur andere Daten (Bestands-, Verkehrs- oder Protokolldaten, IP-Adressen, Metadaten), wie bei jeder Herausgabe ' +
        'erfasst; keine Daten, weil keine vorhanden waren; oder nichts, weil wir abgelehnt haben. „Daten ' +
        'herausgegeben, Art nicht erfasst“: eine Anfrage, die mit Daten beantwortet wurde, deren Herausgabe nicht im ' +
        'Einzelnen erfasst ist.',
      rows: {
        content: 'Inhalte herausgegeben',
        non_content: 'Nur andere Daten als Inhalte herausgegeben',
        produced_not_recorded: 'Daten herausgegeben, Art nicht erfasst',
        no_data: 'Keine Daten vorhanden',
        refused: 'Abgelehnt',
        withdrawn: 'Von der Behörde zurückgezogen',
        pending: 'Offen',
      },
    },
    data_categories: {
      title: 'Verlangte und herausgegebene Daten',
      explanation:
        'Für jede Art von Daten: die Anfragen, deren Anordnung sie verlangte (wie bei den genannten Zielen erfasst), ' +
        'und die Anfragen, in denen wir sie herausgegeben haben. Eine Anfrage, die mehrere Arten verlangt, zählt für ' +
        'jede einmal.',
      rows: {},
    },
    notification: {
      title: 'Benachrichtigung: Quote und Dauer',
      explanation:
        'Von den Anfragen, bei denen die Personen, deren Daten betroffen waren, zu benachrichtigen waren: der Anteil, ' +
        'den wir benachrichtigt haben, und der Median der Tage vom Eingang der Anfrage bis zur Benachrichtigung (über ' +
        'die Anfragen, bei denen wir benachrichtigt haben; eine geltende Schweigeanordnung verzögert sie). Der Median ' +
        'wird nur über so viele Anfragen veröffentlicht, dass er nichts über eine einzelne verrät.',
      rows: {
        required: 'Benachrichtigung erforderlich',
        notified: 'Benachrichtigt',
        notified_share: 'Anteil der erforderlichen Benachrichtigungen, die erfolgt sind (%)',
        median_delay_days: 'Median der Tage vom Eingang bis zur Benachrichtigung',
      },
    },
    trends: {
      title: 'Jahr für Jahr',
      explanation:
        'Die wichtigsten Zahlen jedes Kalenderjahrs des Zeitraums nebeneinander, nach denselben Regeln gezählt wie ' +
        'der übrige Bericht; jede Zahl für sich gerundet.',
      rows: {
        requests: 'Eingegangene Anfragen',
        produced: 'Daten herausgegeben',
        no_data: 'Keine Daten vorhanden',
        refused: 'Abgelehnt',
        defective: 'Mangelhaft oder rechtswidrig',
        emergency: 'Eilanfragen',
      },
    },
  },
  requested: (c) => `${c}: verlangt`,
  released: (c) => `${c}: herausgegeben`,
  countsReason: {
    exact:
      'Wir veröffentlichen genaue Zahlen, wie Posteo und mailbox.org: Unsere Zahlen sind klein, und Bereiche wie ' +
      '„1–9“ würden verdecken, was geschehen ist.',
    bands:
      'Wir veröffentlichen Bereiche, wie es Regeln für Anfragen der nationalen Sicherheit verlangen: Keine Zahl und ' +
      'kein Vergleich zweier Berichte darf eine einzelne Anfrage erkennen lassen.',
    suppress:
      'Kleine Zahlen werden nicht veröffentlicht, damit keine Zahl eine einzelne Anfrage erkennen lässt.',
  },
  countsReasonHeading: 'Warum die Zahlen so angegeben sind',
};

export const DIMENSION_TEXTS: Record<Language, DimensionTexts> = { en, de };
