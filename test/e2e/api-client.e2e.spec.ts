import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '../../src/common/openapi.js';
import { apiClientTypes, apiClientTypesPath } from '../../src/web/api-client-types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("the web app's generated API client", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('matches the OpenAPI document of the service as it is now (run npm run api:client after an API change)', async () => {
    const expected = await apiClientTypes(buildOpenApiDocument(t.app));
    const committed = readFileSync(apiClientTypesPath(), 'utf8');
    if (committed !== expected) {
      throw new Error(
        'web/src/api/schema.d.ts is stale: the API changed. Run `npm run api:client` and commit the result.',
      );
    }
    expect(committed).toBe(expected);
  });
});
