import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EU_MEMBER_STATES, ReportsService } from '../../src/reports/reports.service.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dsaOrders, dsaScope, parseCsv } from '../support/report-helpers.js';
import { DSA_TEXTS } from '../../src/i18n/report-texts.js';
import { countryName } from '../../src/i18n/countries.js';

/** received_at + hours, as an ISO timestamp. */
const plus = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('DSA member-state orders (Implementing Regulation (EU) 2024/2835, 1.2.1 and 1.2.2)', () => {
  let t: TestApp;
  let csv: string[][];
  const NAMES: Record<string, string> = {
    DE: 'Germany',
    AT: 'Austria',
    FR: 'France',
    ALL: 'Total',
  };
  const cell = (rows: string[][], orderType: string, memberState: string) =>
    dsaOrders(rows, orderType === 'orders_to_act' ? 'act' : 'information', NAMES[memberState]);

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_COUNTS: 'exact' } });
    const f = fixtures(t.http);
    const de = await f.authority({ kind: 'court', country: 'DE' });
    const dePolice = await f.authority({ kind: 'police', country: 'DE' });
    const fr = await f.authority({ kind: 'prosecutor', country: 'FR' });
    const us = await f.authority({ kind: 'foreign_authority', country: 'US' });
    const at = await f.authority({ kind: 'police', country: 'AT' });

    /** A case with its authority contacts, handovers and status changes, each `hours` after receipt. */
    const order = async (o: {
      requestType: string;
      receivedAt: string;
      issuing: string;
      executing?: string;
      contacts?: number[];
      handovers?: number[];
      responded?: number;
      outcome?: string;
      gag?: boolean;
      targets?: string[];
    }) => {
      const c = await f.case({
        requestType: o.requestType,
        receivedAt: o.receivedAt,
        authorities: [
          { authorityId: o.issuing, role: 'issuing' },
          ...(o.executing ? [{ authorityId: o.executing, role: 'executing' }] : []),
        ],
      });
      for (const value of o.targets ?? []) {
        await t.http.post(`/cases/${c.id}/targets`).send({ kind: 'url', value }).expect(201);
      }
      for (const h of o.contacts ?? []) {
        await t.http
          .post(`/cases/${c.id}/timeline`)
          .send({
            occurredAt: plus(o.receivedAt, h),
            type: 'authority_contact',
            description: 'Receipt confirmed to the authority.',
          })
          .expect(201);
      }
      for (const h of o.handovers ?? []) {
        await t.http
          .post(`/cases/${c.id}/disclosures`)
          .send({
            dataCategory: 'subscriber',
            description: 'Subscriber record',
            handedOverAt: plus(o.receivedAt, h),
          })
          .expect(201);
      }
      if (o.responded !== undefined) {
        await t.http
          .post(`/cases/${c.id}/status`)
          .send({ status: 'under_review', occurredAt: plus(o.receivedAt, 0.25) })
          .expect(200);
        await t.http
          .post(`/cases/${c.id}/status`)
          .send({ status: 'responded', occurredAt: plus(o.receivedAt, o.responded) })
          .expect(200);
      }
      if (o.outcome)
        expect((await t.update(`/cases/${c.id}`, { outcome: o.outcome })).status).toBe(200);
      if (o.gag)
        await t.http
          .post(`/cases/${c.id}/gag-orders`)
          .send({ legalBasis: 'StPO §95a', binding: 'yes' })
          .expect(201);
    };

    // Germany, orders to provide information: acknowledged after 2, 4, 1 h; given effect after 24, 48 h (and never).
    await order({
      requestType: 'production_subscriber_data',
      receivedAt: '2019-03-01T10:00:00Z',
      issuing: de.id,
      executing: dePolice.id,
      contacts: [2, 5],
      handovers: [30, 24],
    });
    await order({
      requestType: 'production_traffic_data',
      receivedAt: '2019-04-01T00:00:00Z',
      issuing: de.id,
      contacts: [4],
      handovers: [48],
    });
    await order({
      requestType: 'e_evidence_production_order',
      receivedAt: '2019-05-01T00:00:00Z',
      issuing: de.id,
      contacts: [1],
    });
    // France, orders to act: acknowledged after 0.5 h (an earlier contact does not count); given effect after 6 and 10 h.
    await order({
      requestType: 'takedown',
      receivedAt: '2019-06-01T08:00:00Z',
      issuing: fr.id,
      contacts: [0.5],
      responded: 6,
      targets: ['https://example.org/a'],
    });
    await order({
      requestType: 'takedown',
      receivedAt: '2019-07-01T08:00:00Z',
      issuing: fr.id,
      contacts: [-1],
      responded: 10,
      targets: ['https://example.org/b'],
    });
    // France, refused: acknowledged after 1 h, but never given effect.
    await order({
      requestType: 'takedown',
      receivedAt: '2019-07-15T08:00:00Z',
      issuing: fr.id,
      contacts: [1],
      responded: 3,
      outcome: 'none_refused',
    });
    // Austria: data handed over in an emergency two hours before the written order arrived: 0 h.
    await order({
      requestType: 'production_subscriber_data',
      receivedAt: '2019-09-10T12:00:00Z',
      issuing: at.id,
      handovers: [-2],
    });
    // Not counted: a US order (not a member state), a preservation request (neither kind), a gagged order,
    // an order of another year, and a mutual legal assistance request.
    await order({
      requestType: 'production_subscriber_data',
      receivedAt: '2019-08-01T00:00:00Z',
      issuing: us.id,
      contacts: [1],
      handovers: [2],
    });
    await order({
      requestType: 'preservation',
      receivedAt: '2019-08-02T00:00:00Z',
      issuing: de.id,
      contacts: [1],
    });
    await order({
      requestType: 'production_content_data',
      receivedAt: '2019-08-03T00:00:00Z',
      issuing: de.id,
      contacts: [1],
      handovers: [1],
      gag: true,
    });
    await order({
      requestType: 'production_content_data',
      receivedAt: '2018-12-31T22:00:00Z',
      issuing: de.id,
      contacts: [1],
      handovers: [1],
    });
    await order({
      requestType: 'mutual_legal_assistance',
      receivedAt: '2019-09-01T00:00:00Z',
      issuing: fr.id,
      contacts: [1],
      handovers: [1],
    });

    const res = await t.http.get('/reports/transparency/dsa-orders.csv?year=2019').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="dsa-member-state-orders-2019.csv"',
    );
    csv = parseCsv(res.text);
  });
  afterAll(() => t.close());

  it('has the columns of the template, a row per member state and a total row', () => {
    const [header, ...rows] = csv;
    // Part 3 ("member_states_orders") of the Commission's CSV templates, column for column.
    expect(header).toEqual([
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
    ]);
    expect(rows.map((r) => r[5])).toEqual([
      ...EU_MEMBER_STATES.map((c) => countryName(c, 'en')),
      'Total',
    ]);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const belgium = dsaScope(csv, 'Belgium');
    expect(belgium['Applicability']).toBe(DSA_TEXTS.applicability);
    expect(belgium['Service']).toBe('Example e.V.');
    // The year in the organisation's time zone, first and last day.
    expect(belgium['Reporting period']).toBe('2019-01-01/2019-12-31');
    expect(belgium['Category of illegal content']).toBe('');
    expect(belgium['Contextual information on Number of orders to provide information']).toBe('');
    const total = dsaScope(csv, 'Total');
    expect(total['Contextual information on Number of orders to provide information']).toMatch(
      /^Production orders, .*gag order or embargo are left out\. .+/,
    );
    expect(
      total[
        'Contextual information on Median time to give effect to the order to provide information'
      ],
    ).toMatch(/first handover of data/);
  });

  it('counts the targets that orders to act name as their specific items of information', () => {
    const items = (scope: string) =>
      dsaScope(csv, scope)[
        'Number of specific items of information included in the total number of orders to act against illegal content'
      ];
    expect(items('France')).toBe('2');
    expect(items('Total')).toBe('2');
    expect(items('Germany')).toBe('0');
  });

  it('counts the orders of member-state authorities by the issuing authority, with the medians in hours', () => {
    expect(cell(csv, 'orders_to_provide_information', 'DE')).toEqual({
      orders: '3',
      ack: '2',
      effect: '36',
    });
    expect(cell(csv, 'orders_to_provide_information', 'AT')).toEqual({
      orders: '1',
      ack: '',
      effect: '0',
    });
    expect(cell(csv, 'orders_to_provide_information', 'ALL')).toEqual({
      orders: '4',
      ack: '2',
      effect: '24',
    });
    expect(cell(csv, 'orders_to_act', 'FR')).toEqual({ orders: '3', ack: '0.8', effect: '8' });
    expect(cell(csv, 'orders_to_act', 'ALL')).toEqual({ orders: '3', ack: '0.8', effect: '8' });
    expect(cell(csv, 'orders_to_act', 'DE')).toEqual({ orders: '0', ack: '', effect: '' });
    expect(cell(csv, 'orders_to_provide_information', 'FR')).toEqual({
      orders: '0',
      ack: '',
      effect: '',
    });
  });

  it('bands the counts and leaves out the medians of cells too small to publish', async () => {
    const service = t.app.get(ReportsService);
    const period = {
      from: new Date('2019-01-01T00:00:00Z'),
      to: new Date('2020-01-01T00:00:00Z'),
      label: '2019',
    };
    const banded = parseCsv(
      service.dsaCsv(
        await service.dsaOrders(period, { counts: { mode: 'bands', bands: [0, 1, 10, 50] } }),
      ),
    );
    expect(cell(banded, 'orders_to_provide_information', 'DE')).toEqual({
      orders: '1-9',
      ack: '',
      effect: '',
    });
    expect(cell(banded, 'orders_to_act', 'ALL')).toEqual({ orders: '1-9', ack: '', effect: '' });
    expect(cell(banded, 'orders_to_act', 'DE')).toEqual({ orders: '0', ack: '', effect: '' });
    const suppressed = parseCsv(
      service.dsaCsv(await service.dsaOrders(period, { counts: { mode: 'suppress', k: 3 } })),
    );
    // Germany: 3 orders, 3 acknowledged (published), 2 given effect (too few).
    expect(cell(suppressed, 'orders_to_provide_information', 'DE')).toEqual({
      orders: '3-5',
      ack: '2',
      effect: '',
    });
    expect(cell(suppressed, 'orders_to_provide_information', 'ALL')).toEqual({
      orders: '3-5',
      ack: '2',
      effect: '24',
    });
    expect(cell(suppressed, 'orders_to_act', 'FR')).toEqual({ orders: '3-5', ack: '', effect: '' });
    await expect(service.dsaOrders(period, { counts: { mode: 'suppress', k: 2 } })).rejects.toThrow(
      RangeError,
    );
  });

  it('counts a gagged order once the gag is lifted', async () => {
    const service = t.app.get(ReportsService);
    const period = {
      from: new Date('2019-01-01T00:00:00Z'),
      to: new Date('2020-01-01T00:00:00Z'),
      label: '2019',
    };
    const [gag] = await t.sql<{ id: string; case_id: string }>(
      `SELECT id, case_id FROM gag_orders`,
    );
    const lift = await t.update(`/cases/${gag.case_id}/gag-orders/${gag.id}`, {
      liftedAt: '2020-01-15T00:00:00Z',
    });
    expect(lift.status).toBe(200);
    const lifted = parseCsv(
      service.dsaCsv(await service.dsaOrders(period, { counts: { mode: 'exact' } })),
    );
    expect(cell(lifted, 'orders_to_provide_information', 'DE')).toEqual({
      orders: '4',
      ack: '1.5',
      effect: '24',
    });
  });
});
