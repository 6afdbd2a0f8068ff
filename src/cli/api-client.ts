/**
 * npm run api:client: writes the web app's API types (web/src/api/schema.d.ts) from the OpenAPI
 * document of the service as built, on an in-memory database. A test fails when the file is stale.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from '../app.factory.js';
import { buildOpenApiDocument } from '../common/openapi.js';
import { loadConfig } from '../config/app-config.js';
import { MEMORY_DATA_DIR } from '../database/data-source-options.js';
import { apiClientTypes, apiClientTypesPath } from '../web/api-client-types.js';

async function main() {
  // The document does not depend on the environment: defaults, on an in-memory database.
  const app = await createApp({
    ...loadConfig({ LOG_LEVEL: 'error' }),
    database: { kind: 'pglite', dataDir: MEMORY_DATA_DIR },
  });
  try {
    const path = apiClientTypesPath();
    writeFileSync(path, await apiClientTypes(buildOpenApiDocument(app)));
    console.log(`Wrote ${path}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
