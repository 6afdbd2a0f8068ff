import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routesOf } from '../../src/app.factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  description?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { name: string; in: string; required?: boolean }[];
}

describe('HTTP contract: OpenAPI and errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('describes every route the application serves, with its error responses', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    // The routes come from the running application itself, not from a hand-written list.
    const served = routesOf(t.app)
      .filter(
        (r) =>
          !r.url.startsWith('/docs') && !r.url.startsWith('/openapi') && r.method !== 'OPTIONS',
      )
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(50);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.includes(r))).toEqual([]);

    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        expect({
          route: `${method} ${path}`,
          hasSuccess: codes.some((c) => c.startsWith('2')),
        }).toEqual({ route: `${method} ${path}`, hasSuccess: true });
        // A route that takes any input documents the problem it answers bad input with.
        if (op.parameters?.length || (op as { requestBody?: unknown }).requestBody) {
          expect({ route: `${method} ${path}`, documents400: codes.includes('400') }).toEqual({
            route: `${method} ${path}`,
            documents400: true,
          });
          expect(op.responses['400'].content).toHaveProperty(['application/problem+json']);
        }
        // If-Match is documented as required exactly where its absence gives 428.
        const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'If-Match');
        expect({ route: `${method} ${path}`, ifMatchRequired: ifMatch?.required === true }).toEqual(
          {
            route: `${method} ${path}`,
            ifMatchRequired: codes.includes('428'),
          },
        );
      }
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1).expect(200);
    expect(res.text).toMatch(/swagger/i);
  });

  it('answers malformed JSON, wrong content types and oversized bodies with problems', async () => {
    const bad = await t.http
      .post('/cases')
      .set('content-type', 'application/json')
      .send('{"title":')
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, instance: '/cases' });

    const xml = await t.http.post('/cases').set('content-type', 'application/xml').send('<case/>');
    expect(xml.status).toBe(415);
    expect(xml.body.status).toBe(415);

    const huge = await t.http.post('/cases').send({ title: 'x', summary: 'a'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.status).toBe(413);

    const notFound = await t.http.get('/no-such-route').expect(404);
    expect(notFound.body).toMatchObject({ status: 404, type: 'urn:problem-type:not-found' });
  });

  it('carries a request id in every response and error body, keeping a well-formed one from the caller', async () => {
    const own = await t.http.get('/cases/not-a-uuid').set('x-request-id', 'trace-123').expect(400);
    expect(own.headers['x-request-id']).toBe('trace-123');
    expect(own.body.requestId).toBe('trace-123');
    const hostile = await t.http
      .get('/health')
      .set('x-request-id', '<script>alert(1)</script>')
      .expect(200);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never leaks SQL or stack traces in error bodies', async () => {
    const res = await t.http.post('/cases').send({
      title: 'x',
      requestType: 'other',
      receivedAt: '9999-12-31T23:59:59+14:00',
      summary: '\u0000',
    });
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(/INSERT|SELECT|at .*\.ts:\d+/);
  });
  it('answers a method the path does not have with 405 and Allow', async () => {
    const put = await t.as('anonymous').put('/health').expect(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    expect(put.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(put.body).toMatchObject({ status: 405, type: 'urn:problem-type:method-not-allowed' });
    const del = await t.http.delete('/cases').expect(405);
    expect(del.headers.allow).toBe('GET, HEAD, POST');
    const part = await t.http
      .put('/cases/00000000-0000-4000-8000-000000000000/targets')
      .expect(405);
    expect(part.headers.allow).toBe('GET, HEAD, POST');
    await t.http.get('/no-such-route').expect(404);
  });

  it('tells an anonymous caller to sign in before it looks at a broken body', async () => {
    const anonymous = await t
      .as('anonymous')
      .post('/cases')
      .set('content-type', 'application/json')
      .send('{"title":')
      .expect(401);
    expect(anonymous.body.type).toBe('urn:problem-type:unauthorized');
    const deep = await t
      .as('anonymous')
      .post('/authorities')
      .set('content-type', 'application/json')
      .send('['.repeat(40) + ']'.repeat(40))
      .expect(401);
    expect(deep.body.status).toBe(401);
    // A public route and a signed-in caller still get the 400.
    await t
      .as('anonymous')
      .post('/auth/sign-in')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    await t.http
      .post('/auth/sign-out')
      .set('content-type', 'application/json')
      .send('{')
      .expect(400);
    await t.http.get('/auth/me').expect(200);
  });

  it('names the one rule a whole number broke', async () => {
    for (const [value, message] of [
      ['1.5', 'must be a whole number'],
      ['0', 'must not be less than 1'],
      ['101', 'must not be greater than 100'],
      ['ten', 'must be a whole number'],
    ]) {
      const res = await t.http.get(`/cases?limit=${value}`).expect(400);
      expect(res.body.errors).toEqual([{ field: 'limit', message }]);
    }
  });

  it('documents what the service enforces: uuid ids, integers, strict bodies, public security', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body as {
      info: { license?: { name: string } };
      servers?: unknown[];
      tags?: { name: string; description: string }[];
      paths: Record<string, Record<string, Operation & { security?: unknown[] }>>;
      components: {
        schemas: Record<
          string,
          {
            additionalProperties?: boolean;
            oneOf?: { required: string[] }[];
            properties?: Record<string, { type?: string; maximum?: number }>;
          }
        >;
      };
    };
    expect(doc.info.license?.name).toBe('AGPL-3.0-or-later');
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.tags?.map((tg) => tg.name)).toEqual(
      expect.arrayContaining(['cases', 'audit', 'public']),
    );
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/cases'].get.security).toEqual([{ bearer: [] }]);
    const caseId = doc.paths['/cases/{id}'].get.parameters?.find((p) => p.name === 'id') as
      { schema: { format?: string } } | undefined;
    expect(caseId?.schema.format).toBe('uuid');
    const limit = doc.paths['/cases'].get.parameters?.find((p) => p.name === 'limit') as
      { schema: { type?: string } } | undefined;
    expect(limit?.schema.type).toBe('integer');
    const status = doc.paths['/cases'].get.parameters?.find((p) => p.name === 'status') as
      { schema: { items?: { enum?: string[] } }; style?: string; explode?: boolean } | undefined;
    expect(status?.schema.items?.enum).toContain('received');
    expect(status).toMatchObject({ style: 'form', explode: false });
    expect(doc.components.schemas.CreateCaseDto.additionalProperties).toBe(false);
    expect(doc.components.schemas.InvolvedAuthorityInput.additionalProperties).toBe(false);
    const affected = doc.components.schemas.CreateAffectedSystemDto.properties?.usersAffected;
    expect(affected).toMatchObject({ type: 'integer', maximum: 2_000_000_000 });
    // The reporting period is given one way; the document says so.
    expect(doc.components.schemas.PublishReportDto.oneOf).toEqual([
      { required: ['year'] },
      { required: ['half'] },
      { required: ['from', 'to'] },
    ]);
    expect(doc.paths['/reports/transparency'].get.description).toContain(
      '`year`, `half`, or `from` and `to` together',
    );
  });

  it('refuses a period given two ways, as the one-of rule in the document says', async () => {
    const res = await t.http.get('/reports/transparency?year=2015&half=2015-H1').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['half', 'year']);
  });
});
