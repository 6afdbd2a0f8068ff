/**
 * npm run openapi: writes the OpenAPI document of the service as built (on an in-memory database)
 * to the file named, or to standard output. CI lints it (npm run lint:openapi).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from '../app.factory.js';
import { buildOpenApiDocument } from '../common/openapi.js';
import { loadConfig } from '../config/app-config.js';
import { MEMORY_DATA_DIR } from '../config/database.settings.js';

async function main() {
  const app = await createApp({
    ...loadConfig({ LOG_LEVEL: 'error' }),
    port: 0,
    database: { kind: 'pglite', dataDir: MEMORY_DATA_DIR },
  });
  try {
    const json = JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
    const target = process.argv[2];
    if (target) writeFileSync(target, json);
    else process.stdout.write(json);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
