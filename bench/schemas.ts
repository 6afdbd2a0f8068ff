/**
 * Seeded schemas kept between runs: a schema is reused when the comment on it names the seed of
 * this version and size (rows that earlier runs added do not matter), else seeded afresh.
 */
import 'reflect-metadata';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { SEED_VERSION } from './config.js';
import { seed } from './seed.js';

export const seedMarker = (cases: number) => `bench seed v${SEED_VERSION}: ${cases} cases`;

/**
 * Makes sure `schema` holds the seed of `cases` cases: reuses it when its marker says so (unless
 * BENCH_RESEED=1), else drops it, migrates it (by starting the app on it) and seeds it. Returns
 * the seconds seeding took, or null when the schema was reused.
 */
export async function ensureSeeded(
  databaseUrl: string,
  schema: string,
  cases: number,
  log: (line?: string) => void,
): Promise<number | null> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const marker = seedMarker(cases);
    const found = (
      await admin.query<{ comment: string | null }>(
        `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
        [schema],
      )
    ).rows[0]?.comment;
    if (found === marker && process.env.BENCH_RESEED !== '1') {
      log(`Reusing schema "${schema}": it holds "${marker}".`);
      return null;
    }
    log(
      `Schema "${schema}" holds ${found ? `"${found}"` : 'no seed'}, not "${marker}": seeding ${cases.toLocaleString('en')} cases afresh (kept for the next run) ...`,
    );
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Starting the app migrates the schema.
    const app = await createApp({
      ...loadConfig({ LOG_LEVEL: 'error' }),
      port: 0,
      database: { kind: 'postgres', url: databaseUrl, poolSize: 1, schema },
    });
    await app.close();
    const started = performance.now();
    await seed(databaseUrl, schema, cases);
    const seconds = (performance.now() - started) / 1000;
    await admin.query(`COMMENT ON SCHEMA ${schema} IS '${marker}'`);
    log(`  seeded in ${seconds.toFixed(1)} s`);
    // Flush the freshly written pages now, or the checkpointer does it during the measurements.
    await admin.query('CHECKPOINT').catch(() => log('  (no CHECKPOINT: needs a superuser)'));
    return seconds;
  } finally {
    await admin.end().catch(() => {});
  }
}
