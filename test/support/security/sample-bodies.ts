/**
 * Valid request bodies for every kind of write, as in test/e2e/case-parts.e2e.spec.ts, so that the
 * security tests can call each route successfully (or corrupt exactly one thing in a valid body).
 */

export const PART_PATHS = [
  'authorities',
  'legal-bases',
  'targets',
  'affected-systems',
  'disclosures',
  'seized-items',
  'timeline',
  'deadlines',
  'gag-orders',
  'legal-notes',
  'remedies',
  'measures',
] as const;
export type PartPath = (typeof PART_PATHS)[number];

/** Directory records that part bodies refer to. */
export interface Directory {
  inventoryItemId: string;
  /** A new authority each time: an authority can be involved in a case once per role. */
  newAuthority: () => Promise<string>;
}

/** A valid body to add a part of this kind to a case. */
export async function partBody(
  path: PartPath,
  dir: Directory,
  o: { activeGag?: boolean } = {},
): Promise<Record<string, unknown>> {
  switch (path) {
    case 'authorities':
      return { authorityId: await dir.newAuthority(), role: 'issuing', fileNumber: '502 Js 1/11' };
    case 'legal-bases':
      return {
        jurisdiction: 'DE',
        citation: 'StPO §103',
        documentType: 'order',
        issuedAt: '2011-05-19T12:00:00+02:00',
        issuedBy: 'judge',
      };
    case 'targets':
      return { kind: 'domain', value: 'example.org', dataCategories: ['subscriber', 'traffic'] };
    case 'affected-systems':
      return {
        inventoryItemId: dir.inventoryItemId,
        impact: 'offline',
        startedAt: '2011-05-20T08:00:00+02:00',
        endedAt: '2011-05-20T17:25:00+02:00',
        usersAffected: 12000,
      };
    case 'disclosures':
      return {
        dataCategory: 'ip_addresses',
        description: 'IP addresses, probably useless behind a proxy',
        accountsCount: 0,
        itemsCount: 3,
        handedOverAt: '2011-05-20T15:41:00+02:00',
        sha256: 'a'.repeat(64),
      };
    case 'seized-items':
      return {
        description: 'Server, 2 disks',
        serialNumber: 'SN-1',
        diskHashes: [{ algorithm: 'sha256', value: 'b'.repeat(64) }],
        inOfficialInventory: false,
        seizedAt: '2020-07-03T10:00:00+02:00',
      };
    case 'timeline':
      return {
        occurredAt: '2011-05-20T13:42:00+02:00',
        type: 'data_copied',
        description: 'Pad data copied under police supervision',
      };
    case 'deadlines':
      return { kind: 'complaint', dueAt: '2031-06-20T00:00:00+02:00' };
    case 'gag-orders':
      // An open case keeps a lifted gag order; a restricted one an active gag order.
      return o.activeGag
        ? { legalBasis: 'StPO §95a', binding: 'disputed', until: '2099-10-01T00:00:00+02:00' }
        : { legalBasis: 'StPO §95a', binding: 'disputed', liftedAt: '2020-07-07T12:00:00+02:00' };
    case 'legal-notes':
      return {
        topic: 'proportionality',
        body: 'Taking the whole infrastructure offline to secure one account is disproportionate.',
      };
    case 'remedies':
      return {
        kind: 'court_decision',
        legalBasis: 'StPO §98 Abs. 2',
        filedAt: '2020-07-10T09:00:00+02:00',
        result: 'pending',
      };
    case 'measures':
      return { type: 'server_seizure', orderedAt: '2020-07-03T10:00:00+02:00' };
  }
}

/** A valid change (PATCH body) for each kind of part. */
export const PART_CHANGES: Record<PartPath, Record<string, unknown>> = {
  authorities: { fileNumber: '502 Js 2/11' },
  'legal-bases': { citation: 'StPO §102' },
  targets: { notes: 'named in the order' },
  'affected-systems': { usersAffected: 11000 },
  disclosures: { itemsCount: 4 },
  'seized-items': { conditionOnReturn: 'seal broken' },
  timeline: { description: 'Pad data copied under the eyes of the police' },
  deadlines: { notes: 'ask for an extension' },
  'gag-orders': { notes: 'reviewed' },
  'legal-notes': { body: 'Disproportionate; see BVerfG 2 BvR 1/11.' },
  remedies: { result: 'granted' },
  measures: { notes: 'executed at the data centre' },
};

export const CASE_BODY = {
  title: 'Seizure order for the accounts of one person',
  requestType: 'search_and_seizure',
  receivedAt: '2015-01-15T11:12:00+01:00',
};

/** The next allowed status from each status (README table). */
export const NEXT_STATUS: Record<string, string> = {
  received: 'under_review',
  under_review: 'responded',
  responded: 'under_review',
  challenged: 'responded',
  withdrawn: 'closed',
  closed: 'under_review',
};

/** An API-token expiry 30 days ahead. */
export const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
