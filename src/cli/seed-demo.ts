/**
 * npm run seed:demo: loads the demo cases into the configured database (DATABASE_URL, or the
 * embedded PGlite in DATA_DIR) through the API in-process, without listening on a port.
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../app.factory.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DataDirectoryLockedError } from '../database/pglite/data-dir-lock.js';
import { DemoLoadError, injectInto, loadDemoData } from './demo-loader.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : `embedded PGlite in ${config.database.dataDir}`;
  const app: NestFastifyApplication = await createApp(config);
  try {
    const result = await loadDemoData(injectInto(app.getHttpAdapter().getInstance()));
    const list = Object.entries(result.cases).map(([reference, id]) => `  ${reference}  ${id}`);
    if (result.alreadyLoaded) {
      console.log(`Demo data already loaded (database: ${where}); nothing written.`);
      console.log(list.join('\n'));
      if (result.missing.length) {
        console.log(
          `Not found: ${result.missing.join(', ')} (an earlier load stopped half-way, or another case has that reference).`,
        );
      }
    } else {
      console.log(
        `Demo data loaded (database: ${where}): ${Object.keys(result.cases).length} cases, ` +
          `${result.authoritiesCreated} authorities and ${result.inventoryCreated} inventory items created.`,
      );
      console.log(list.join('\n'));
    }
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DemoLoadError) {
      console.error(`Loading the demo data failed: ${err.message}`);
    } else if (err instanceof ConfigError || err instanceof DataDirectoryLockedError) {
      console.error(err.message);
    } else {
      console.error('Loading the demo data failed:', err);
    }
    process.exit(1);
  },
);
