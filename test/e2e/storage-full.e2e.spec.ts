import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A full disk cannot be made in CI; the database reports it as SQLSTATE 53100 (disk_full), which a
// trigger raises here the same way, so the whole path from the database to the answer is real.
describe('storage full', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers writes with a 503 problem, keeps serving reads, and writes again once space returns', async () => {
    const before = await fixtures(t.http).case({ title: 'Written before the disk filled' });
    await t.sql(`CREATE FUNCTION simulate_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await t.sql(
      `CREATE TRIGGER simulate_disk_full BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION simulate_disk_full()`,
    );
    const refused = await t.http
      .post('/cases')
      .send({ title: 'No room', requestType: 'other', receivedAt: '2024-01-01T00:00:00Z' });
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:problem-type:storage-full', status: 503 });
    await t.http.get(`/cases/${before.id}`).expect(200);
    await t.http.get('/cases').expect(200);

    await t.sql('DROP TRIGGER simulate_disk_full ON cases');
    await t.sql('DROP FUNCTION simulate_disk_full()');
    await fixtures(t.http).case({ title: 'Written after space returned' });
    const titles = (await t.sql<{ title: string }>('SELECT title FROM cases')).map((r) => r.title);
    expect(titles).not.toContain('No room');
  });
});
