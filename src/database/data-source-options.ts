import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { lockDataDirectory } from './pglite/data-dir-lock.js';
import { openEmbeddedDatabase } from './pglite/durable-node-fs.js';
import { PGLITE_PARSERS, serializedPGliteDriver } from './pglite/serialized-pglite-driver.js';

// Counts (bigint) come back as numbers on both databases; no count here comes near 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export const MEMORY_DATA_DIR = 'memory://';

export interface PreparedDatabase {
  options: DataSourceOptions;
  /** Releases what preparing took (the data directory lock); call after the DataSource is destroyed. */
  dispose: () => Promise<void>;
  /** The embedded database, for snapshots: `runExclusive` runs work between transactions, never inside one. */
  embedded?: { db: PGlite; runExclusive: <T>(work: () => Promise<T>) => Promise<T> };
}

const common = {
  type: 'postgres' as const,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migrations',
  synchronize: false,
  // Errors reach the problem-details filter, which logs the unexpected ones; TypeORM need not print them again.
  logging: false,
};

/**
 * Opens PostgreSQL or the embedded database. `entities` are the application's (src/entities.ts);
 * tools that only run SQL or migrations pass none.
 */
export async function prepareDatabase(
  config: AppConfig['database'],
  entities: DataSourceOptions['entities'] = [],
): Promise<PreparedDatabase> {
  if (config.kind === 'postgres') {
    return {
      options: {
        ...common,
        entities,
        url: config.url,
        poolSize: config.poolSize,
        ...(config.schema
          ? { schema: config.schema, extra: { options: `-c search_path=${config.schema}` } }
          : {}),
      },
      dispose: async () => {},
    };
  }
  const unlock =
    config.dataDir === MEMORY_DATA_DIR ? async () => {} : await lockDataDirectory(config.dataDir);
  try {
    const db =
      config.dataDir === MEMORY_DATA_DIR
        ? await PGlite.create(config.dataDir, { parsers: PGLITE_PARSERS })
        : await openEmbeddedDatabase(config.dataDir, { parsers: PGLITE_PARSERS });
    const driver = serializedPGliteDriver(db);
    return {
      options: { ...common, entities, driver, installExtensions: false },
      dispose: unlock,
      embedded: { db, runExclusive: driver.runExclusive },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}
