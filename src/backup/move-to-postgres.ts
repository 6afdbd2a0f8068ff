import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditCheckpointer, latestCheckpoint } from '../audit/checkpoint.js';
import type { AppConfig } from '../config/app-config.js';
import { prepareDatabase } from '../database/data-source-options.js';
import { checkpointForManifest, BackupError } from './backup-manifest.js';
import {
  closeDatabase,
  isPostgresTargetEmpty,
  openDatabase,
  type OpenDatabase,
  keysOf,
  verifyAgainstCheckpoint,
  type AuditKeySettings,
  type RestoreReport,
} from './backup.js';

type Embedded = Extract<AppConfig['database'], { kind: 'pglite' }>;
type Postgres = Extract<AppConfig['database'], { kind: 'postgres' }>;

const BATCH = 1_000;

export interface MoveReport extends Pick<
  RestoreReport,
  'verification' | 'checkpoint' | 'checkpointKey'
> {
  /** Rows copied per table (equal in both databases, or the move fails). */
  tables: Record<string, number>;
}

/**
 * Copies everything, audit trail included, from the embedded database into an empty PostgreSQL
 * database, in one transaction, then verifies the audit trail there and checks it against a
 * checkpoint signed on the embedded database just before the copy.
 *
 * The schema comes from the migrations (both databases are brought to the latest); rows are copied
 * as JSON records through PostgreSQL's own type input, with triggers off (session_replication_role,
 * which needs a superuser): the append-only audit tables refuse rows that already have a position.
 */
export async function moveToPostgres(
  source: Embedded,
  audit: AuditKeySettings,
  target: Postgres,
): Promise<MoveReport> {
  const schema = target.schema ?? 'public';
  if (!(await isPostgresTargetEmpty(target.url, schema))) {
    throw new BackupError(
      `The target database's schema "${schema}" is not empty: the move needs an empty PostgreSQL database.`,
    );
  }
  const from = await openDatabase(source);
  try {
    await from.dataSource.runMigrations({ transaction: 'each' });
    const { key, trusted } = await keysOf(audit);
    const checkpoint =
      key && key.canSign
        ? await new AuditCheckpointer(
            from.dataSource,
            key,
            trusted,
            async () => {},
            console,
            0,
          ).checkpoint()
        : await latestCheckpoint(from.dataSource);

    const to = await openDatabase(target);
    try {
      await to.dataSource.runMigrations({ transaction: 'each' });
      const tables = await copyAll(from, to.dataSource, schema);
      const checked = await verifyAgainstCheckpoint(
        to.dataSource,
        trusted,
        checkpointForManifest(checkpoint, key?.publicKeyPem),
      );
      return { tables, ...checked };
    } finally {
      await closeDatabase(to);
    }
  } finally {
    await closeDatabase(from);
  }
}

async function copyAll(
  from: OpenDatabase,
  to: DataSource,
  schema: string,
): Promise<Record<string, number>> {
  const db = from.prepared.embedded?.db;
  if (!db) throw new BackupError('The embedded database is not open.');
  const tables = (
    (await to.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations' ORDER BY tablename`,
      [schema],
    )) as { tablename: string }[]
  ).map((r) => r.tablename);
  const counts: Record<string, number> = {};
  await to.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica').catch((err: Error) => {
      throw new BackupError(
        `The target role may not switch triggers off (SET session_replication_role: ${err.message}); run the move as a superuser of the target database.`,
      );
    });
    // Rows the migrations themselves wrote come again from the source.
    if (tables.length) {
      await m.query(
        `TRUNCATE ${tables.map((t) => `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(t)}`).join(', ')}`,
      );
    }
    for (const table of tables) {
      const qualified = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
      const columns = (
        (await m.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [schema, table],
        )) as { column_name: string }[]
      )
        .map((c) => pg.escapeIdentifier(c.column_name))
        .join(', ');
      let copied = 0;
      await db.exec('BEGIN');
      try {
        await db.exec(
          `DECLARE move_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${pg.escapeIdentifier(table)} t`,
        );
        for (;;) {
          const { rows } = await db.query<{ r: string }>(`FETCH ${BATCH} FROM move_rows`);
          if (rows.length === 0) break;
          await m.query(
            `INSERT INTO ${qualified} (${columns}) OVERRIDING SYSTEM VALUE
             SELECT ${columns} FROM json_populate_recordset(null::${qualified}, $1::json)`,
            [`[${rows.map((row) => row.r).join(',')}]`],
          );
          copied += rows.length;
        }
      } finally {
        await db.exec('COMMIT');
      }
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM ${qualified}`)) as {
        n: number;
      }[];
      if (n !== copied) throw new BackupError(`${table}: copied ${copied} rows, found ${n}`);
      counts[table] = copied;
    }
    await copySequences(db, m, schema);
  });
  return counts;
}

/** Sequences continue where they stood in the embedded database. */
async function copySequences(
  db: NonNullable<Awaited<ReturnType<typeof prepareDatabase>>['embedded']>['db'],
  m: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  schema: string,
) {
  const sequences = (await m.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'S'`,
    [schema],
  )) as { relname: string }[];
  for (const { relname } of sequences) {
    const { rows } = await db.query<{ last_value: number; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${pg.escapeIdentifier(relname)}`,
    );
    if (!rows.length) continue;
    await m.query(`SELECT setval($1::regclass, $2, $3)`, [
      `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(relname)}`,
      rows[0].last_value,
      rows[0].is_called,
    ]);
  }
}
