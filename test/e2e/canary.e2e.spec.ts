import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The warrant canary: generated from the records, signed with the service's Ed25519 key. */
describe('warrant canary', () => {
  let t: TestApp;
  let now = new Date('2026-02-01T10:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        REMINDER_INTERVAL_SECONDS: '0',
        CANARY_VALID_DAYS: '30',
        ORG_NAME: 'Piratenpartei IT',
      },
    });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t?.close());

  it('has none before the first renewal', async () => {
    expect((await t.as('anonymous').get('/public/canary')).status).toBe(404);
    const status = await t.as('admin').get('/canary');
    expect(status.body).toMatchObject({ current: null, renewable: true, refusedBecause: [] });
  });

  it('is renewed by the board, signed, and published as JSON and text', async () => {
    const renewed = await t.http.post('/canary/renewals');
    expect(renewed.status).toBe(201);
    expect((await t.as('lawyer').post('/canary/renewals')).status).toBe(403);

    const res = await t.as('anonymous').get('/public/canary');
    expect(res.status).toBe(200);
    const { document, signature, publicKeyPem, canary } = res.body;
    expect(canary.canary).toMatchObject({
      version: '0.1',
      organisation: 'Piratenpartei IT',
      codes: ['GAG'],
      release: '2026-02-01T10:00:00.000Z',
      expiry: '2026-03-03T10:00:00.000Z',
    });
    expect(JSON.parse(document)).toEqual(canary);
    const key = createPublicKey(publicKeyPem);
    expect(verify(null, Buffer.from(document, 'utf8'), key, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
    // One byte changed, and the signature no longer fits.
    const forged = document.replace('"GAG"', '"GAX"');
    expect(verify(null, Buffer.from(forged, 'utf8'), key, Buffer.from(signature, 'base64'))).toBe(
      false,
    );

    const text = await t.as('anonymous').get('/public/canary.txt');
    expect(text.status).toBe(200);
    expect(text.text).toContain('As of 2026-02-01, Piratenpartei IT has no gag order in force');
    expect(text.text).toContain(signature);
    expect(await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'canary'`)).toEqual([
      { action: 'create' },
    ]);
  });

  it('cannot be renewed by anyone while a gag order is in force, and then expires by itself', async () => {
    const c = await fixtures(t.http).case({ receivedAt: '2026-02-05T09:00:00Z' });
    now = new Date('2026-02-10T10:00:00Z');
    const gag = await t.http
      .post(`/cases/${c.id}/gag-orders`)
      .send({ legalBasis: 'StPO §95a', binding: 'disputed' });
    expect(gag.status).toBe(201);
    const refused = await t.http.post('/canary/renewals');
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ field: 'canary', message: 'gag in force' }]);
    expect((await t.as('admin').get('/canary')).body).toMatchObject({
      renewable: false,
      refusedBecause: ['gag_in_force'],
    });

    now = new Date('2026-03-04T10:00:00Z');
    const expired = await t.as('anonymous').get('/public/canary');
    expect(expired.body.expired).toBe(true);
    expect((await t.as('anonymous').get('/public/canary.txt')).text).toContain('(EXPIRED)');

    // Lifted: the statement is true again, so it can be renewed.
    expect(
      (
        await t.update(`/cases/${c.id}/gag-orders/${gag.body.id}`, {
          liftedAt: '2026-03-04T09:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await t.http.post('/canary/renewals')).status).toBe(201);
    expect((await t.as('anonymous').get('/public/canary')).body.expired).toBe(false);
  });
});
