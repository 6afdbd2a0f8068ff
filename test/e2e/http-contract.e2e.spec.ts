import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routesOf } from '../../src/app.factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { name: string; in: string }[];
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
});
