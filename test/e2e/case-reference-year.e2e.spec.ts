import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A case reference takes its year from the organisation's calendar (ORG_TIME_ZONE), not from
 * UTC: a request received on New Year's Eve at 23:30 in Berlin is one of that year.
 */
describe('case references: the year in the organisation time zone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    expect(t.config.timeZone).toBe('Europe/Berlin');
  });
  afterAll(() => t.close());

  const create = async (receivedAt: string, restricted = false) => {
    const res = await t.http
      .post('/cases')
      .send({ title: 'New Year', requestType: 'other', receivedAt, restricted })
      .expect(201);
    return res.body.reference as string;
  };

  it('gives a case of 31 December, 23:30 local (22:30 UTC) the old year', async () => {
    expect(await create('2037-12-31T23:30:00+01:00')).toMatch(/^2037-\d{3}$/);
  });

  it('gives a case of 1 January, 00:30 local (still 31 December in UTC) the new year', async () => {
    expect(await create('2038-01-01T00:30:00+01:00')).toMatch(/^2038-\d{3}$/);
  });

  it('does the same for the references of restricted cases', async () => {
    expect(await create('2038-01-01T00:10:00+01:00', true)).toMatch(/^2038-/);
  });
});

describe('case references in another organisation time zone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ORG_TIME_ZONE: 'America/New_York' } });
  });
  afterAll(() => t.close());

  it("follows that zone: 1 January 02:00 UTC is still New Year's Eve in New York", async () => {
    const res = await t.http
      .post('/cases')
      .send({ title: 'NY', requestType: 'other', receivedAt: '2039-01-01T02:00:00Z' })
      .expect(201);
    expect(res.body.reference).toMatch(/^2038-\d{3}$/);
  });
});
