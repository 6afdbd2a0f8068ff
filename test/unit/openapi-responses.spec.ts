import { describe, expect, it } from '@jest/globals';
import { ResponseValidator, type OpenApiDocument } from '../support/openapi-responses.js';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/P' } } };
const doc: OpenApiDocument = {
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/T' } } },
          },
          '404': { content: problem },
        },
      },
      delete: { responses: { '204': {} } },
    },
    '/things/count': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': { schema: { properties: { n: { type: 'integer' } } } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      T: {
        type: 'object',
        required: ['id', 'label'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          label: { type: 'string', nullable: true, enum: ['a', 'b'] },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/O' }] },
        },
      },
      O: { type: 'object', properties: { name: { type: 'string' } } },
      P: { type: 'object', properties: { status: { type: 'integer' } } },
    },
  },
};
const id = '6f1c2d0e-6a53-4c8e-9d1e-3c1f1d0c9b7a';
const json = (status: number, body: unknown, type = 'application/json') => ({
  status,
  body,
  headers: { 'content-type': `${type}; charset=utf-8` },
  text: JSON.stringify(body),
});

describe('response validation against the OpenAPI document', () => {
  const v = new ResponseValidator(doc);

  it('accepts a documented body, with OpenAPI 3.0 nullable on enums and references', () => {
    expect(
      v.check('GET', `http://x/things/${id}`, json(200, { id, label: null, owner: null })),
    ).toBeUndefined();
    expect(
      v.check('GET', `/things/${id}`, json(200, { id, label: 'a', owner: { name: 'n' } })),
    ).toBeUndefined();
    expect(
      v.check('GET', `/things/${id}`, json(404, { status: 404 }, 'application/problem+json')),
    ).toBeUndefined();
    expect(
      v.check('DELETE', `/things/${id}`, { status: 204, body: {}, headers: {}, text: '' }),
    ).toBeUndefined();
  });

  it('refuses a field the schema does not list, a wrong format and a missing required field', () => {
    expect(v.check('GET', `/things/${id}`, json(200, { id, label: 'a', extra: 1 }))).toMatch(
      /additional/,
    );
    expect(v.check('GET', `/things/${id}`, json(200, { id: 'x', label: 'a' }))).toMatch(/format/);
    expect(v.check('GET', `/things/${id}`, json(200, { id, label: 'c' }))).toMatch(/enum|allowed/);
    expect(v.check('GET', `/things/${id}`, json(200, { id }))).toMatch(/label/);
    expect(v.check('GET', `/things/${id}`, json(200, { id, label: 'a', owner: { x: 1 } }))).toMatch(
      /additional/,
    );
  });

  it('refuses an undocumented status and an undocumented route', () => {
    expect(v.check('GET', `/things/${id}`, json(409, { status: 409 }))).toMatch(
      /409 is not documented/,
    );
    expect(v.check('POST', `/things/${id}`, json(201, {}))).toMatch(/route is not documented/);
    expect(v.check('DELETE', `/things/${id}`, json(200, {}))).toMatch(/not documented/);
  });

  it('prefers a literal path to a parameter, and reads the path as sent', () => {
    expect(v.check('GET', '/things/count', json(200, { n: 3 }))).toBeUndefined();
    expect(
      v.check('GET', '/things/%2e%2e', json(404, { status: 404 }, 'application/problem+json')),
    ).toBeUndefined();
  });

  it('lets pass only the allow-listed exceptions', () => {
    expect(v.check('GET', '/openapi.json', json(200, { openapi: '3.0.0' }))).toBeUndefined();
    const templateError = { type: 'urn:problem-type:template-error', status: 500 };
    expect(
      v.check('GET', `/things/${id}`, json(500, templateError, 'application/problem+json')),
    ).toBeUndefined();
    expect(
      v.check('GET', `/things/${id}`, json(500, { status: 500 }, 'application/problem+json')),
    ).toMatch(/500/);
  });
});
