/**
 * npm run migration:run: applies pending migrations to the configured database and exits.
 * The service does the same at start-up; this is for deployments that migrate as a separate step.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { prepareDatabase } from '../database/data-source-options.js';
import { DataDirectoryLockedError } from '../database/pglite/data-dir-lock.js';

async function main() {
  const prepared = await prepareDatabase(loadConfig().database);
  const dataSource = new DataSource(prepared.options);
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length
        ? `Applied: ${applied.map((m) => m.name).join(', ')}`
        : 'The schema is up to date.',
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await prepared.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(
    err instanceof ConfigError || err instanceof DataDirectoryLockedError ? err.message : err,
  );
  process.exit(1);
});
