import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DEMO_AUTHORITIES,
  DEMO_CASES,
  DEMO_INVENTORY,
  DEMO_REFERENCES,
} from '../../src/cli/demo-data.js';
import {
  DemoLoadError,
  loadDemoData,
  type DemoLoadResult,
  type InjectFn,
} from '../../src/cli/demo-loader.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface CaseFile {
  reference: string;
  status: string;
  outcome: string;
  nothingHandedOver: boolean;
  targets: { kind: string; existence: string; inventoryItemId: string | null }[];
  disclosures: { dataCategory: string }[];
  seizedItems: unknown[];
  deadlines: { kind: string; overdue: boolean }[];
  gagOrders: { active: boolean; liftedAt: string | null }[];
  impact: {
    downtime: {
      totalMinutes: number;
      ongoing: boolean;
      systems: { name: string | null; minutes: number }[];
    };
    collateral: { targetsNamed: number; systemsAffected: number; ratio: number | null };
    handover: string;
  };
}

describe('demo data', () => {
  let t: TestApp;
  let inject: InjectFn;
  let loaded: DemoLoadResult;

  const caseFile = async (reference: string): Promise<CaseFile> =>
    (await t.http.get(`/cases/${loaded.cases[reference]}`).expect(200)).body as CaseFile;
  const references = async (query: string): Promise<string[]> =>
    (
      (await t.http.get(`/cases?${query}`).expect(200)).body as { items: { reference: string }[] }
    ).items.map((c) => c.reference);

  beforeAll(async () => {
    t = await startTestApp();
    // Over real HTTP here; the CLI uses Fastify's inject (injectInto), which the CI smoke run exercises.
    inject = async (method, url, body, headers = {}) => {
      const res = await t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](url)
        .set(headers)
        .send(body as object);
      return { statusCode: res.status, json: res.body as unknown };
    };
    loaded = await loadDemoData(inject);
  });
  afterAll(() => t.close());

  it('has unique names and references', () => {
    expect(new Set(DEMO_INVENTORY.map((i) => i.name)).size).toBe(DEMO_INVENTORY.length);
    expect(new Set(DEMO_AUTHORITIES.map((a) => `${a.name}|${a.country}`)).size).toBe(
      DEMO_AUTHORITIES.length,
    );
    expect(new Set(DEMO_REFERENCES).size).toBe(DEMO_CASES.length);
  });

  it('creates the three cases through the API', async () => {
    expect(loaded.alreadyLoaded).toBe(false);
    expect(loaded.authoritiesCreated).toBe(DEMO_AUTHORITIES.length);
    expect(loaded.inventoryCreated).toBe(DEMO_INVENTORY.length);
    expect(Object.keys(loaded.cases).sort()).toEqual(['2011-001', '2015-001', '2020-001']);
    expect(await references('sort=reference')).toEqual(['2011-001', '2015-001', '2020-001']);
  });

  it('records the 2015 NRW case: 2 h 36 min on five systems, accounts that never existed, nothing handed over', async () => {
    const nrw = await caseFile('2015-001');
    expect(nrw.impact.downtime.totalMinutes).toBe(156);
    expect(nrw.impact.downtime.ongoing).toBe(false);
    expect(nrw.impact.downtime.systems).toHaveLength(5);
    for (const system of nrw.impact.downtime.systems) expect(system.minutes).toBe(156);
    expect(nrw.impact.handover).toBe('nothing_handed_over');
    expect(nrw.nothingHandedOver).toBe(true);
    expect(nrw.targets).toEqual([
      expect.objectContaining({
        kind: 'account',
        existence: 'never_existed',
        inventoryItemId: null,
      }),
    ]);
    expect(nrw.disclosures).toEqual([]);
    expect(nrw).toMatchObject({ status: 'responded', outcome: 'none_no_data' });
  });

  it('records the 2011 ServerGate case: one pad named, seven systems down, data handed over in part', async () => {
    const servergate = await caseFile('2011-001');
    expect(servergate.disclosures.map((d) => d.dataCategory).sort()).toEqual([
      'content',
      'ip_addresses',
    ]);
    expect(servergate.impact.handover).toBe('data_handed_over');
    expect(servergate.impact.collateral).toEqual({ targetsNamed: 1, systemsAffected: 7, ratio: 7 });
    expect(servergate.impact.collateral.ratio).toBeGreaterThan(1);
    // 08:00 (approximate) to 17:25
    expect(servergate.impact.downtime.totalMinutes).toBe(565);

    // The pad URL is matched against the inventory by the API itself.
    const inventory = (await t.http.get('/inventory').expect(200)).body as {
      items: { id: string; name: string }[];
    };
    const pad = inventory.items.find((i) => i.name === 'PiratenPad');
    expect(servergate.targets).toEqual([
      expect.objectContaining({ kind: 'url', existence: 'exists', inventoryItemId: pad?.id }),
    ]);
    expect(servergate).toMatchObject({ status: 'closed', outcome: 'produced_in_part' });
  });

  it('records the 2020 Zwickau case: server held at least until 8 July, gag lifted, preservation deadline', async () => {
    const zwickau = await caseFile('2020-001');
    // Its return was never reported: a lower bound, not an outage that grows with the clock.
    expect(zwickau.impact.downtime).toMatchObject({
      ongoing: false,
      lowerBound: true,
      totalMinutes: 120 * 60,
    });
    expect(zwickau.seizedItems).toHaveLength(1);
    expect(zwickau.gagOrders).toEqual([
      expect.objectContaining({ active: false, liftedAt: '2020-07-07T10:00:00.000Z' }),
    ]);
    // The gag was lifted on 7 July 2020: the users' notification fell due five working days later
    // (a deadline the legal clocks make), besides the preservation deadline recorded by hand.
    expect(zwickau.deadlines).toEqual([
      expect.objectContaining({
        kind: 'user_notification',
        rule: 'user_notification',
        overdue: true,
      }),
      expect.objectContaining({ kind: 'preservation_expiry', rule: null, overdue: true }),
    ]);
    expect(zwickau).toMatchObject({ status: 'under_review', outcome: 'pending' });
    expect(await references('hasGag=true')).toEqual([]);
  });

  it('finds the cases by full-text search over summaries and timelines', async () => {
    const etherpad = await references('q=Etherpad');
    expect(etherpad).toContain('2011-001');
    expect(etherpad).not.toContain('2015-001');
    expect(await references(`q=${encodeURIComponent('Beschlagnahmebeschluss')}`)).toEqual([
      '2015-001',
    ]);
    expect(await references('q=Hunter')).toEqual(['2020-001']);
  });

  it('does not duplicate anything when loaded again', async () => {
    const count = async (url: string) =>
      ((await t.http.get(url).expect(200)).body as { items: unknown[] }).items.length;
    const before = {
      authorities: await count('/authorities'),
      inventory: await count('/inventory'),
    };

    const again = await loadDemoData(inject);

    expect(again).toEqual({
      alreadyLoaded: true,
      cases: loaded.cases,
      missing: [],
      authoritiesCreated: 0,
      inventoryCreated: 0,
    });
    expect(await references('sort=reference')).toEqual(['2011-001', '2015-001', '2020-001']);
    expect(await count('/authorities')).toBe(before.authorities);
    expect(await count('/inventory')).toBe(before.inventory);
  });

  it('stops at the first error and carries the problem body', async () => {
    const failing: InjectFn = async (method, url) =>
      method === 'POST' && url === '/authorities'
        ? { statusCode: 400, json: { status: 400, detail: 'name must be shorter' } }
        : { statusCode: 200, json: { items: [], nextCursor: null } };

    const error = await loadDemoData(failing).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DemoLoadError);
    expect(error).toMatchObject({
      method: 'POST',
      url: '/authorities',
      statusCode: 400,
      problem: { detail: 'name must be shorter' },
    });
  });
});
