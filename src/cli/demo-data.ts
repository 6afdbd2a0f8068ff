/**
 * Demo data: the three cases of the domain brief (2011 "ServerGate", 2015 NRW, 2020 Zwickau),
 * the authorities involved and a small inventory, as faithful to the sources as they allow.
 * Summaries are in English; German proper names, quotations and citations are kept.
 *
 * Authorities and inventory items are referred to by name; the loader resolves names to ids.
 * Times of day the sources do not give are marked as approximate where they are used. Host names
 * other than piratenpartei.de, wiki.piratenpartei.de, spenden.piratenpartei.de and piratenpad.de
 * are illustrative.
 */
import type { CreateAuthorityDto } from '../authorities/dto/authority.dto.js';
import type { CreateAffectedSystemDto } from '../cases/parts/affected-systems/affected-system.dto.js';
import type { CreateDeadlineDto } from '../cases/parts/deadlines/deadline.dto.js';
import type { CreateDisclosureDto } from '../cases/parts/disclosures/disclosure.dto.js';
import type { CreateGagOrderDto } from '../cases/parts/gag-orders/gag-order.dto.js';
import type { CreateLegalBasisDto } from '../cases/parts/legal-bases/legal-basis.dto.js';
import type { CreateSeizedItemDto } from '../cases/parts/seized-items/seized-item.dto.js';
import type { CreateTargetDto } from '../cases/parts/targets/target.dto.js';
import type { CreateTimelineEventDto } from '../cases/parts/timeline/timeline-event.dto.js';
import type {
  CaseFieldsDto,
  ChangeStatusDto,
  InvolvedAuthorityInput,
  UpdateCaseDto,
} from '../cases/dto/case.dto.js';
import type { CreateInventoryItemDto } from '../inventory/dto/inventory-item.dto.js';
import type { CreateMeasureDto } from '../cases/parts/measures/measure.dto.js';
import type { OrgUnitKind } from '../domain/vocabulary.js';

/** The organisation's units in the demo: the federal IT, a state association, a hosting customer. */
export const DEMO_UNITS: { name: string; kind: OrgUnitKind; parent?: string }[] = [
  { name: 'Bundes-IT', kind: 'federal' },
  { name: 'Landesverband NRW', kind: 'state', parent: 'Bundes-IT' },
  { name: 'Hosting customers', kind: 'customer' },
  { name: 'Distributed Denial of Secrets', kind: 'customer', parent: 'Hosting customers' },
];

/** One case with its parts; `authority` and `inventoryItem` are names from the lists below. */
export interface DemoCase {
  reference: string;
  fields: Omit<CaseFieldsDto, 'outcome' | 'nothingHandedOver'>;
  authorities: (Omit<InvolvedAuthorityInput, 'authorityId'> & { authority: string })[];
  legalBases: (Omit<CreateLegalBasisDto, 'authorityId'> & { authority?: string })[];
  /** Without `inventoryItem`, the API matches the target against the inventory itself. */
  targets: (Omit<CreateTargetDto, 'inventoryItemId'> & { inventoryItem?: string })[];
  affectedSystems: (Omit<CreateAffectedSystemDto, 'inventoryItemId'> & { inventoryItem: string })[];
  disclosures: (Omit<CreateDisclosureDto, 'recipientAuthorityId'> & {
    recipientAuthority?: string;
  })[];
  seizedItems: (Omit<CreateSeizedItemDto, 'inventoryItemId'> & { inventoryItem?: string })[];
  timeline: CreateTimelineEventDto[];
  deadlines: CreateDeadlineDto[];
  gagOrders: CreateGagOrderDto[];
  /**
   * The measures of the case; `legalBasis` is the index of one of `legalBases`, `orderedBy` and
   * `executedBy` authority names.
   */
  measures: (Omit<CreateMeasureDto, 'legalBasisId' | 'orderedById' | 'executedById'> & {
    legalBasis?: number;
    orderedBy?: string;
    executedBy?: string;
  })[];
  /** The unit of the organisation, by name (DEMO_UNITS); set when the loader may create units. */
  unit?: string;
  /** Recorded after the parts: outcome, and whether nothing was handed over (refused while disclosures exist). */
  conclusion?: Pick<UpdateCaseDto, 'outcome' | 'nothingHandedOver'>;
  /** Status changes in order, from received. */
  statusChanges: ChangeStatusDto[];
}

export const DEMO_AUTHORITIES: CreateAuthorityDto[] = [
  {
    name: 'Staatsanwaltschaft Darmstadt',
    kind: 'prosecutor',
    country: 'DE',
    jurisdiction: 'Hessen',
  },
  {
    name: 'Polizei Hessen',
    kind: 'police',
    country: 'DE',
    jurisdiction: 'Hessen',
    notes:
      'The 2011 sources name only "die Polizei"; which Polizeipräsidium executed the measure is not recorded.',
  },
  {
    name: 'Französische Generalstaatsanwaltschaft',
    kind: 'foreign_authority',
    country: 'FR',
    notes:
      'French prosecutor-general\'s office that sent the 2011 request for legal assistance ("Staatsanwaltschaft in Paris").',
  },
  {
    name: 'Bundeskriminalamt',
    kind: 'police',
    country: 'DE',
    jurisdiction: 'Bund',
    notes:
      'Stated after the 2011 measure that "strafrechtlich relevantes Material" had been found.',
  },
  {
    name: 'Landeskriminalamt Nordrhein-Westfalen',
    kind: 'police',
    country: 'DE',
    jurisdiction: 'Nordrhein-Westfalen',
  },
  {
    name: 'Staatsanwaltschaft Zwickau',
    kind: 'prosecutor',
    country: 'DE',
    jurisdiction: 'Sachsen',
  },
  {
    name: 'Bundesamt für Justiz',
    kind: 'central_authority',
    country: 'DE',
    jurisdiction: 'Bund',
    notes: 'Decides on outgoing handover of evidence in international legal assistance.',
  },
  {
    name: 'US Department of Justice',
    kind: 'foreign_authority',
    country: 'US',
    notes:
      'Stands for the US side of the 2020 preservation request; the source names only a US request and an FBI investigation.',
  },
];

const AIXIT = { provider: 'AixIT, Offenbach', location: 'AixIT data centre, Offenbach am Main' };
const DUESSELDORF = { location: 'Rechenzentrum Düsseldorf' };

export const DEMO_INVENTORY: CreateInventoryItemDto[] = [
  // Bundes-IT der Piratenpartei Deutschland (2011)
  {
    name: 'Bundes-IT website',
    kind: 'service',
    ...AIXIT,
    services: ['website'],
    identifiers: ['piratenpartei.de', 'www.piratenpartei.de'],
  },
  {
    name: 'Bundes-IT wiki',
    kind: 'service',
    ...AIXIT,
    services: ['wiki'],
    identifiers: ['wiki.piratenpartei.de'],
    notes: 'The Piratenwiki.',
  },
  {
    name: 'Bundes-IT mailing lists',
    kind: 'service',
    ...AIXIT,
    services: ['mailing lists'],
    identifiers: ['lists.piratenpartei.de'],
  },
  {
    name: 'Bundes-IT forum',
    kind: 'service',
    ...AIXIT,
    services: ['forum'],
    identifiers: ['forum.piratenpartei.de'],
  },
  {
    name: 'Bundes-IT Jabber',
    kind: 'service',
    ...AIXIT,
    services: ['jabber'],
    identifiers: ['jabber.piratenpartei.de'],
  },
  {
    name: 'Bundes-IT mail server',
    kind: 'service',
    ...AIXIT,
    services: ['mail'],
    identifiers: ['mail.piratenpartei.de'],
  },
  {
    name: 'PiratenPad',
    kind: 'virtual_server',
    ...AIXIT,
    services: ['etherpad'],
    identifiers: ['piratenpad.de', 'www.piratenpad.de'],
    notes:
      'Public Etherpad service on one virtual server; users reach it through a proxy that keeps them anonymous.',
  },
  {
    name: 'Bundes-IT donation page',
    kind: 'service',
    ...AIXIT,
    services: ['donations'],
    identifiers: ['spenden.piratenpartei.de'],
  },
  // IT of the Piratenpartei NRW (2015)
  {
    name: 'NRW web server',
    kind: 'service',
    ...DUESSELDORF,
    services: ['website'],
    identifiers: ['piratenpartei-nrw.de', 'www.piratenpartei-nrw.de'],
  },
  {
    name: 'NRW mail server',
    kind: 'service',
    ...DUESSELDORF,
    services: ['mail', 'mailing lists'],
    identifiers: ['mail.piratenpartei-nrw.de'],
    notes:
      'Party mail accounts of board members, members of the Landtag, local councillors, officers and members.',
  },
  {
    name: 'NRW Owncloud',
    kind: 'service',
    ...DUESSELDORF,
    services: ['owncloud'],
    identifiers: ['cloud.piratenpartei-nrw.de'],
  },
  { name: 'NRW groupware', kind: 'service', ...DUESSELDORF, services: ['groupware'] },
  {
    name: 'NRW member administration',
    kind: 'service',
    ...DUESSELDORF,
    services: ['member administration'],
    notes: 'Member data.',
  },
  // Distributed Denial of Secrets (2020)
  {
    name: 'DDoSecrets download server',
    kind: 'physical_server',
    location: 'Data centre in Falkenstein (Vogtland)',
    services: ['downloads', 'Hunter search library'],
    owner: 'Distributed Denial of Secrets (hosting customer)',
    notes:
      'About 5 TB of documents, publicly searchable with Hunter. The hosting provider is not named in the source.',
  },
];

/** Start of the 2011 outage: the sources say only "am Morgen". */
const MORNING_2011 = '2011-05-20T08:00:00+02:00';
const APPROXIMATE_START = 'Start approximate: the sources say only "am Morgen".';

const servergate: DemoCase = {
  reference: '2011-001',
  fields: {
    title: 'ServerGate: police take nearly all Bundes-IT servers offline over one Etherpad',
    summary:
      'On a request for legal assistance (Rechtshilfeersuchen) of the French prosecutor-general, the Staatsanwaltschaft ' +
      'Darmstadt ordered a search and seizure at the Bundes-IT of the Piratenpartei Deutschland, whose servers are rented ' +
      'from AixIT in Offenbach. The investigation concerned one pad on PiratenPad, a public Etherpad service on one virtual ' +
      'server, and an abuse mail that had not been acted upon (reportedly a DDoS attack by Anonymous on an energy company). ' +
      'Nevertheless nearly all servers were taken offline from the morning (start time approximate) until 17:21 (mail and ' +
      'web) and 17:25 (wiki and the rest). Under police supervision the Bundes-IT copied the pad data; the IP addresses ' +
      'taken are probably useless because a proxy keeps pad users anonymous. The board published a statement (also as PDF ' +
      'and in English), questioned the proportionality of the measure two days before the Bremen state election, and held ' +
      'a press conference at 18:00. Outcome: data produced in part.',
    requestType: 'mutual_legal_assistance',
    channel: 'in_person',
    receivedAt: MORNING_2011,
    receivedAtPrecision: 'approximate',
  },
  authorities: [
    {
      authority: 'Staatsanwaltschaft Darmstadt',
      role: 'issuing',
      notes: 'Ordered the search and seizure.',
    },
    { authority: 'Französische Generalstaatsanwaltschaft', role: 'requesting' },
    { authority: 'Polizei Hessen', role: 'executing' },
    {
      authority: 'Bundeskriminalamt',
      role: 'commenting',
      notes: 'Said afterwards that "strafrechtlich relevantes Material" had been found.',
    },
  ],
  unit: 'Bundes-IT',
  measures: [
    {
      type: 'mutual_legal_assistance',
      legalBasis: 0,
      orderedBy: 'Französische Generalstaatsanwaltschaft',
      notes: 'Rechtshilfeersuchen (Ermittlungsersuchen) of the French prosecutor-general.',
    },
    {
      type: 'search_and_seizure',
      legalBasis: 2,
      orderedBy: 'Staatsanwaltschaft Darmstadt',
      executedBy: 'Polizei Hessen',
      orderedAt: MORNING_2011,
      notes: 'Durchsuchungs- und Beschlagnahmeanordnung; executed by the police (unit not named).',
    },
  ],
  legalBases: [
    {
      jurisdiction: 'FR',
      notStated: true,
      documentType: 'request',
      authority: 'Französische Generalstaatsanwaltschaft',
      notes:
        'Rechtshilfeersuchen (Ermittlungsersuchen). The French provisions relied on are not public.',
    },
    {
      jurisdiction: 'DE',
      citation: 'IRG §59',
      documentType: 'request',
      notes: 'Legal assistance to France on the French request.',
    },
    {
      jurisdiction: 'DE',
      citation: 'StPO §94, §103',
      documentType: 'order',
      issuedAt: MORNING_2011,
      issuedAtPrecision: 'approximate',
      authority: 'Staatsanwaltschaft Darmstadt',
      notes:
        'Durchsuchungs- und Beschlagnahmeanordnung. §103 (search of a non-suspect): the measure was not directed against ' +
        'the party, only its servers. Whether a judge signed it is not known; issue time approximate.',
    },
  ],
  targets: [
    {
      kind: 'url',
      value: 'https://piratenpad.de/',
      dataCategories: ['content', 'ip_addresses'],
      notes:
        'One pad on PiratenPad (its name is not public): one public service on one virtual server, after an ignored abuse mail.',
    },
  ],
  affectedSystems: [
    ...['Bundes-IT website', 'Bundes-IT mail server'].map((inventoryItem) => ({
      inventoryItem,
      impact: 'offline' as const,
      startedAt: MORNING_2011,
      startedAtPrecision: 'approximate' as const,
      endedAt: '2011-05-20T17:21:00+02:00',
      notes: `${APPROXIMATE_START} Back at 17:21 ("Mail- und Webserver sind mittlerweile wieder erreichbar").`,
    })),
    ...[
      'Bundes-IT wiki',
      'Bundes-IT mailing lists',
      'Bundes-IT forum',
      'Bundes-IT Jabber',
      'PiratenPad',
    ].map((inventoryItem) => ({
      inventoryItem,
      impact: 'offline' as const,
      startedAt: MORNING_2011,
      startedAtPrecision: 'approximate' as const,
      endedAt: '2011-05-20T17:25:00+02:00',
      notes: `${APPROXIMATE_START} Back by 17:25 ("Scheinbar sind somit alle von der Aktion betroffenen Server wieder am Netz").`,
    })),
  ],
  disclosures: [
    {
      dataCategory: 'content',
      description:
        'Copies of the pad data from PiratenPad, made by the Bundes-IT under police supervision.',
      handedOverAt: '2011-05-20T13:42:00+02:00',
      recipientAuthority: 'Polizei Hessen',
      recipient: 'Police on site',
    },
    {
      dataCategory: 'ip_addresses',
      description:
        'IP addresses from the pad server; probably useless, since a proxy keeps the pad users anonymous.',
      handedOverAt: '2011-05-20T13:42:00+02:00',
      recipientAuthority: 'Polizei Hessen',
      recipient: 'Police on site',
    },
  ],
  seizedItems: [],
  timeline: [
    {
      occurredAt: MORNING_2011,
      occurredAtPrecision: 'approximate',
      type: 'systems_offline',
      description:
        'Nearly all servers of the Bundes-IT go offline on police instruction: website, wiki, mailing lists, forum, Jabber, ' +
        'mail. Time approximate ("am Morgen").',
    },
    {
      occurredAt: '2011-05-20T13:42:00+02:00',
      type: 'data_copied',
      description:
        'Piraten-Radio: the measure concerns one PiratenPad (Etherpad) and an abuse mail that was not acted upon; the ' +
        'Bundes-IT is copying the data under the eyes of the police.',
    },
    {
      occurredAt: '2011-05-20T14:06:00+02:00',
      type: 'statement_published',
      description:
        'Board statement "Polizei beschlagnahmt Server der Piratenpartei Deutschland" published (also as PDF): only one ' +
        'public service on one virtual server was concerned; the proportionality of shutting down all servers must be examined.',
    },
    {
      occurredAt: '2011-05-20T15:17:00+02:00',
      type: 'statement_published',
      description:
        'Board statement published in English: "Police confiscate German Pirate Party\'s servers".',
    },
    {
      occurredAt: '2011-05-20T15:41:00+02:00',
      type: 'note',
      description:
        'Bundes-IT: the IP addresses taken by the police are probably useless; a proxy keeps pad users anonymous.',
    },
    {
      occurredAt: '2011-05-20T17:21:00+02:00',
      type: 'systems_restored',
      description: 'Mail and web servers are reachable again.',
    },
    {
      occurredAt: '2011-05-20T17:25:00+02:00',
      type: 'systems_restored',
      description:
        'The wiki is reachable again; apparently all servers affected by the measure are back online.',
    },
    {
      occurredAt: '2011-05-20T18:00:00+02:00',
      type: 'statement_published',
      description:
        'Press conference on #ServerGate at the party office, Pflugstraße 9a, Berlin (recorded, not streamed live).',
    },
  ],
  deadlines: [],
  gagOrders: [],
  conclusion: { outcome: 'produced_in_part' },
  statusChanges: [
    {
      status: 'responded',
      note: 'Pad data and IP addresses handed to the police; all systems back online by 17:25.',
    },
    {
      status: 'closed',
      note: 'No further requests; the board questioned the proportionality of the measure publicly.',
    },
  ],
};

const OFFLINE_2015 = '2015-01-15T09:45:00+01:00';
const RESTORED_2015 = '2015-01-15T12:21:00+01:00';

const nrw: DemoCase = {
  reference: '2015-001',
  fields: {
    title: 'LKA NRW takes the state association offline over user accounts that never existed',
    summary:
      'From 09:45 the whole IT infrastructure of the Piratenpartei NRW in the Rechenzentrum Düsseldorf was unreachable, ' +
      'and the administrators started troubleshooting. Only at 11:12 did the Landeskriminalamt NRW tell them by phone that ' +
      'it had taken the infrastructure offline on a seizure order (Beschlagnahmebeschluss) for the user accounts of one ' +
      'person. As far as is known, those accounts never existed. Web server, mail server with the mailing lists, Owncloud, ' +
      'groupware and member administration were offline until 12:21: 2 h 36 min (the statement says "fast zweieinhalb ' +
      'Stunden"). The administrator performed the necessary steps; LKA officers never had control of the systems and no ' +
      'member data was handed over. Recorded as search and seizure: the order was a seizure order for accounts, not for ' +
      'the servers. The chair, Patrick Schiffer, published a statement after an internal review (date not in the source).',
    requestType: 'search_and_seizure',
    channel: 'phone',
    receivedAt: '2015-01-15T11:12:00+01:00',
  },
  authorities: [{ authority: 'Landeskriminalamt Nordrhein-Westfalen', role: 'executing' }],
  unit: 'Landesverband NRW',
  measures: [
    {
      type: 'search_and_seizure',
      legalBasis: 0,
      executedBy: 'Landeskriminalamt Nordrhein-Westfalen',
      notes: 'Beschlagnahmebeschluss for the user accounts of one person.',
    },
  ],
  legalBases: [
    {
      jurisdiction: 'DE',
      citation: 'StPO §94, §98',
      documentType: 'decision',
      notes:
        'Beschlagnahmebeschluss for the user accounts of one person, phoned in at 11:12. The issuing court, file number ' +
        'and the provisions cited are not in the source.',
    },
  ],
  targets: [
    {
      kind: 'account',
      value: 'User accounts of one person (name withheld)',
      existence: 'never_existed',
      notes: 'According to the state association these accounts never existed.',
    },
  ],
  affectedSystems: [
    'NRW web server',
    'NRW mail server',
    'NRW Owncloud',
    'NRW groupware',
    'NRW member administration',
  ].map((inventoryItem) => ({
    inventoryItem,
    impact: 'offline' as const,
    startedAt: OFFLINE_2015,
    endedAt: RESTORED_2015,
  })),
  disclosures: [],
  seizedItems: [],
  timeline: [
    {
      occurredAt: OFFLINE_2015,
      type: 'systems_offline',
      description:
        'The IT infrastructure of the state association becomes unreachable; the administrators start troubleshooting.',
    },
    {
      occurredAt: '2015-01-15T11:12:00+01:00',
      type: 'authority_contact',
      description:
        'Phone call: the LKA has taken the infrastructure in the Düsseldorf data centre offline on a Beschlagnahmebeschluss ' +
        'for the user accounts of one person.',
    },
    {
      occurredAt: RESTORED_2015,
      type: 'systems_restored',
      description:
        'All systems are back online. No data or information about members was handed to the LKA.',
    },
  ],
  deadlines: [],
  gagOrders: [],
  conclusion: { outcome: 'none_no_data', nothingHandedOver: true },
  statusChanges: [
    { status: 'under_review', note: 'Internal legal review of the order before any statement.' },
    { status: 'responded', note: 'Nothing handed over: the named accounts never existed.' },
  ],
};

/** Times of day the source does not give are set to noon and recorded with precision day. */
const SECURED_2020 = '2020-07-03T12:00:00+02:00';
/** The last day the server is known to have been held: the prosecutor confirmed the securing (Wednesday). */
const CONFIRMED_2020 = '2020-07-08T12:00:00+02:00';

const zwickau: DemoCase = {
  reference: '2020-001',
  fields: {
    title:
      'Staatsanwaltschaft Zwickau secures the DDoSecrets download server on a US preservation request',
    summary:
      'On a US preservation request (Vorabsicherungsersuchen) in international legal assistance in criminal matters, the ' +
      'Staatsanwaltschaft Zwickau secured a server in a data centre in Falkenstein (Vogtland) on 3 July 2020: the main ' +
      'download server of Distributed Denial of Secrets with the "Hunter" search library (about 5 TB of documents), after ' +
      'the BlueLeaks publication. The request reached the hosting provider on 3 July (time of day unknown); the provider was ' +
      'not allowed to inform the customer and told it only on Tuesday, 7 July. The prosecutor called it a provisional ' +
      'measure: once the formal request for legal assistance arrives, it will examine whether a court seizure for handover ' +
      'to the US authorities comes into consideration, and the Bundesamt für Justiz decides. The server itself was taken: ' +
      'it is recorded as a seized item, not as a disclosure; the source reports no handover to the US so far. Public ' +
      'access is interrupted; the organisation holds copies and mirrors the data elsewhere.',
    requestType: 'preservation',
    receivedAt: SECURED_2020,
    receivedAtPrecision: 'day',
  },
  authorities: [
    {
      authority: 'Staatsanwaltschaft Zwickau',
      role: 'executing',
      notes: 'Secured the server as a provisional measure on the US request.',
    },
    { authority: 'US Department of Justice', role: 'requesting' },
    {
      authority: 'Bundesamt für Justiz',
      role: 'informed',
      notes: 'Decides on a court seizure and handover once the formal request arrives.',
    },
  ],
  unit: 'Distributed Denial of Secrets',
  measures: [
    {
      type: 'mutual_legal_assistance',
      orderedBy: 'US Department of Justice',
      notes:
        'International legal assistance in criminal matters; the formal request was still to follow.',
    },
    {
      type: 'preservation',
      legalBasis: 0,
      orderedBy: 'US Department of Justice',
      notes: 'Vorabsicherungsersuchen.',
    },
    {
      type: 'server_seizure',
      legalBasis: 1,
      executedBy: 'Staatsanwaltschaft Zwickau',
      orderedAt: SECURED_2020,
      notes: 'The download server was secured (sichergestellt) as a provisional measure.',
    },
  ],
  legalBases: [
    {
      jurisdiction: 'US',
      notStated: true,
      documentType: 'request',
      authority: 'US Department of Justice',
      notes:
        'Preservation request (Vorabsicherungsersuchen); the source names no provision. Related to the FBI investigation into the origin and publication of BlueLeaks.',
    },
    {
      jurisdiction: 'DE',
      citation: 'IRG §67',
      documentType: 'order',
      issuedAt: SECURED_2020,
      issuedAtPrecision: 'day',
      authority: 'Staatsanwaltschaft Zwickau',
      notes:
        'Provisional securing before the formal request arrives; the source names no provision (IRG §67 allows securing ' +
        'objects for a possible handover before the request is received). Issue time unknown.',
    },
  ],
  targets: [
    {
      kind: 'server',
      value: 'One server in a data centre in Falkenstein (Vogtland)',
      existence: 'exists',
      inventoryItem: 'DDoSecrets download server',
    },
  ],
  affectedSystems: [
    {
      inventoryItem: 'DDoSecrets download server',
      impact: 'seized',
      startedAt: SECURED_2020,
      startedAtPrecision: 'day',
      // Its return was never reported: held at least until the prosecutor confirmed the securing.
      endState: 'at_least_until',
      endedAt: CONFIRMED_2020,
      endedAtPrecision: 'day',
      dataVolumeBytes: 5_000_000_000_000,
      notes:
        'Seized at least until 8 July 2020, when the prosecutor confirmed the securing; a return was never reported. Time of day unknown. About 5 TB of documents ("rund fünf Terabyte").',
    },
  ],
  disclosures: [],
  seizedItems: [
    {
      description: 'The DDoSecrets download server with the Hunter search library (about 5 TB).',
      inOfficialInventory: null,
      inventoryItem: 'DDoSecrets download server',
      seizedAt: SECURED_2020,
      seizedAtPrecision: 'day',
      returnState: 'at_least_until',
      returnedAt: CONFIRMED_2020,
      returnedAtPrecision: 'day',
    },
  ],
  timeline: [
    {
      occurredAt: SECURED_2020,
      occurredAtPrecision: 'day',
      type: 'items_seized',
      description:
        'The Staatsanwaltschaft Zwickau secures the server in Falkenstein; the provider is not allowed to inform the customer.',
    },
    {
      occurredAt: '2020-07-07T12:00:00+02:00',
      occurredAtPrecision: 'day',
      type: 'authority_contact',
      description:
        'The hosting provider tells the organisation that the server was confiscated and that until then it had not been ' +
        'allowed ("nicht erlaubt gewesen") to inform it (time of day unknown).',
    },
    {
      occurredAt: '2020-07-07T20:00:00+02:00',
      occurredAtPrecision: 'approximate',
      type: 'statement_published',
      description:
        'Emma Best announces on Twitter that the main download server, with Hunter, was seized (time approximate: "Dienstagabend").',
    },
    {
      occurredAt: CONFIRMED_2020,
      occurredAtPrecision: 'day',
      type: 'note',
      description:
        'The Staatsanwaltschaft Zwickau confirms the securing as a provisional measure in international legal assistance; ' +
        'the Bundesamt für Justiz will decide on any handover to the US (time of day unknown).',
    },
  ],
  deadlines: [
    {
      kind: 'preservation_expiry',
      dueAt: '2020-09-01T12:00:00+02:00',
      notes:
        'Example only: 60 days after 3 July 2020. The actual period of the US preservation request is not in the source.',
    },
  ],
  gagOrders: [
    {
      legalBasis: 'Not stated (StPO §95a did not exist before 1 July 2021)',
      binding: 'yes',
      liftedAt: '2020-07-07T12:00:00+02:00',
      notes:
        'The provider was not allowed to inform the customer and complied; lifted when it told the customer on Tuesday 7 July.',
    },
  ],
  statusChanges: [
    {
      status: 'under_review',
      note: 'Waiting for the formal request for legal assistance and the decision on handover.',
    },
  ],
};

export const DEMO_CASES: DemoCase[] = [servergate, nrw, zwickau];

export const DEMO_REFERENCES = DEMO_CASES.map((c) => c.reference);
