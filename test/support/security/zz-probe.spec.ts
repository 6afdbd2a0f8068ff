import { afterAll, beforeAll, it } from '@jest/globals';
import { routesOf } from '../../../src/app.factory.js';
import { startTestApp, type TestApp } from '../test-app.js';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
it('probe', async () => {
  console.log(
    routesOf(t.app)
      .map((r) => `${r.method} ${r.url}`)
      .join('\n'),
  );
  const c = await t.http
    .post('/cases')
    .send({
      title: 'x',
      requestType: 'search_and_seizure',
      receivedAt: '2015-01-15T11:12:00+01:00',
    });
  const out: string[] = [];
  for (const body of [
    'null',
    '[]',
    '"x"',
    '1',
    'true',
    '{}',
    '{"__proto__":{"a":1}}',
    '{"constructor":{"prototype":{"a":1}}}',
  ]) {
    const r = await t.http
      .patch(`/cases/${c.body.id}`)
      .set('If-Match', `"${c.body.version}"`)
      .set('content-type', 'application/json')
      .send(body);
    out.push(`PATCH ${body} -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    const r2 = await t.http
      .post(`/cases/${c.body.id}/targets`)
      .set('content-type', 'application/json')
      .send(body);
    out.push(`POST targets ${body} -> ${r2.status} ${JSON.stringify(r2.body).slice(0, 200)}`);
  }
  const v = await t.http.get(`/cases/${c.body.id}`);
  out.push(`version now ${v.body.version}`);
  console.log(out.join('\n'));
});
