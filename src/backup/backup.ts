import {
  mkdirSync,
  openSync,
  closeSync,
  fsyncSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { LogState, scanLog, sequencedSize } from '../audit/audit-log-reader.js';
import { AuditSequencer } from '../audit/audit-sequencer.js';
import { AuditVerifier, type VerifyResult } from '../audit/audit-verifier.js';
import { AuditCheckpointer, checkpointNote, latestCheckpoint } from '../audit/checkpoint.js';
import { loadExistingSigningKey, loadTrustedKeys, TrustedKeys } from '../audit/signing-key.js';
import type { AuditConfig } from '../config/audit.settings.js';
import type { AppConfig } from '../config/app-config.js';
import {
  MEMORY_DATA_DIR,
  prepareDatabase,
  type PreparedDatabase,
} from '../database/data-source-options.js';
import { lockDataDirectory } from '../database/pglite/data-dir-lock.js';
import { syncDirectory } from '../database/pglite/durable-node-fs.js';
import {
  BackupError,
  checkpointForManifest,
  checkpointFromManifest,
  manifestPathOf,
  readVerifiedManifest,
  sha256OfFile,
  type BackupManifest,
} from './backup-manifest.js';
import {
  isNonEmptyDirectory,
  moveAside,
  snapshotEmbedded,
  unpackEmbedded,
} from './embedded-snapshot.js';
import { assertClientFits, pgDump, pgRestore } from './postgres-dump.js';

type DatabaseConfig = AppConfig['database'];

/** An open database to back up: the service's own, or one the CLI opened. */
export interface OpenDatabase {
  dataSource: DataSource;
  prepared: PreparedDatabase;
}

const FILE_PREFIX = 'case-tracker-';

/** Which key signs (config.audit), and which keys' checkpoints are trusted. */
export type AuditKeySettings = Pick<AuditConfig, 'signingKey' | 'keyFile' | 'trustedKeys'>;

/** The service's own key (when at hand) and the trusted key history, as the service uses them. */
export async function keysOf(audit: AuditKeySettings) {
  const key = await loadExistingSigningKey(audit);
  return { key, trusted: new TrustedKeys(loadTrustedKeys(audit.trustedKeys, key)) };
}

/** 20261201T150322.123Z: sorts by time, and two backups in one second do not collide. */
function stamp(now: Date) {
  return now.toISOString().replace(/[-:]/g, '');
}

function writeDurably(file: string, data: Buffer | string) {
  const partial = `${file}.partial`;
  writeFileSync(partial, data);
  const fd = openSync(partial, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

async function serverVersion(dataSource: DataSource) {
  const rows = (await dataSource.query(
    `SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n`,
  )) as { v: string; n: number }[];
  return { text: rows[0].v, major: Math.floor(rows[0].n / 10_000) };
}

/**
 * Takes one backup of an open database into `outDir`: the file, `<file>.json` (its SHA-256, the
 * signed audit checkpoint current at backup time) and `<file>.sha256` (for sha256sum -c).
 */
export async function backupOpenDatabase(
  database: DatabaseConfig,
  audit: AuditKeySettings,
  open: OpenDatabase,
  outDir: string,
  now = new Date(),
): Promise<{ file: string; manifest: BackupManifest }> {
  const { dataSource, prepared } = open;
  mkdirSync(outDir, { recursive: true });
  // Sequence what is committed now and sign it, when the key is at hand; otherwise the latest
  // stored checkpoint. Sequencing here (under the sequencer's cross-process lock) makes the
  // checkpoint cover every record written before the backup, even while the service runs.
  const { key, trusted } = await keysOf(audit);
  const sequencer = new AuditSequencer(
    dataSource,
    { batchSize: 2_000, delayMs: 0, intervalMs: 0 },
    console,
  );
  const checkpoint =
    key && key.canSign
      ? await new AuditCheckpointer(
          dataSource,
          key,
          trusted,
          () => sequencer.run(),
          console,
          0,
        ).checkpoint()
      : await latestCheckpoint(dataSource);
  const auditRecords = await sequencedSize(dataSource);
  const version = await serverVersion(dataSource);
  const kind = database.kind;
  const file = join(
    outDir,
    `${FILE_PREFIX}${kind}-${stamp(now)}.${kind === 'pglite' ? 'tar.gz' : 'pgdump'}`,
  );
  let pgDumpVersion: string | undefined;
  if (database.kind === 'pglite') {
    if (!prepared.embedded)
      throw new BackupError('The embedded database is not open for a snapshot.');
    writeDurably(file, await snapshotEmbedded(prepared.embedded));
  } else {
    pgDumpVersion = (await assertClientFits('pg_dump', version.major)).text;
    const partial = `${file}.partial`;
    await pgDump(database.url, partial, database.schema);
    writeDurably(file, await readFile(partial));
    rmSync(partial, { force: true });
  }
  const sha256 = await sha256OfFile(file);
  const manifest: BackupManifest = {
    format: kind === 'pglite' ? 'pglite-data-dir' : 'pg_dump-custom',
    database: kind,
    createdAt: now.toISOString(),
    file: basename(file),
    bytes: statSync(file).size,
    sha256,
    postgresVersion: version.text,
    ...(pgDumpVersion ? { pgDumpVersion } : {}),
    auditRecords,
    auditCheckpoint: checkpointForManifest(checkpoint, key?.publicKeyPem),
  };
  writeDurably(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`);
  writeDurably(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
  syncDirectory(outDir);
  return { file, manifest };
}

/** Opens a database for a tool (backup, restore, the move); close it with closeDatabase. */
export async function openDatabase(database: DatabaseConfig): Promise<OpenDatabase> {
  const prepared = await prepareDatabase(database);
  const dataSource = new DataSource(prepared.options);
  try {
    await dataSource.initialize();
  } catch (err) {
    await prepared.dispose();
    throw err;
  }
  return { dataSource, prepared };
}

export async function closeDatabase(open: OpenDatabase) {
  if (open.dataSource.isInitialized) await open.dataSource.destroy();
  await open.prepared.dispose();
}

/** npm run backup: opens the configured database (the embedded one only while the service is stopped). */
export async function createBackup(
  database: DatabaseConfig,
  audit: AuditKeySettings,
  outDir: string,
  now = new Date(),
) {
  if (database.kind === 'pglite' && database.dataDir === MEMORY_DATA_DIR) {
    throw new BackupError('An in-memory database has nothing to back up.');
  }
  const open = await openDatabase(database);
  try {
    return await backupOpenDatabase(database, audit, open, outDir, now);
  } finally {
    await closeDatabase(open);
  }
}

/** Removes the oldest backups of `kind` in `dir` beyond the newest `keep`. */
export function pruneBackups(dir: string, kind: DatabaseConfig['kind'], keep: number): string[] {
  const prefix = `${FILE_PREFIX}${kind}-`;
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && (f.endsWith('.tar.gz') || f.endsWith('.pgdump')))
    .sort();
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const f of removed) {
    for (const path of [f, `${f}.json`, `${f}.sha256`]) rmSync(join(dir, path), { force: true });
  }
  return removed;
}

export interface RestoreReport {
  target: string;
  /** Where the previous contents went (--force): a directory, or a renamed schema. */
  movedAside?: string;
  verification: VerifyResult;
  /** How the backup's own checkpoint held against the restored trail. */
  checkpoint: 'matched' | 'none in backup';
  /** Which key checked the backup's checkpoint signature. */
  checkpointKey?: string;
}

export class RestoreVerificationError extends BackupError {}

/** Whether a PostgreSQL schema holds nothing (no table, view or sequence): a safe target. */
export async function isPostgresTargetEmpty(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
      [schema],
    );
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/**
 * Checks a restored (or moved) audit trail: the whole verification, then the trail against a
 * checkpoint held outside the database (the backup's manifest): same root at its size, a valid
 * signature. Throws RestoreVerificationError when either fails.
 */
export async function verifyAgainstCheckpoint(
  dataSource: DataSource,
  trusted: TrustedKeys,
  manifestCheckpoint: BackupManifest['auditCheckpoint'],
): Promise<Pick<RestoreReport, 'verification' | 'checkpoint' | 'checkpointKey'>> {
  const verification = await new AuditVerifier(dataSource, trusted).verify();
  if (!verification.valid) {
    const b = verification.firstBroken;
    throw new RestoreVerificationError(
      `The audit trail does not verify: seq ${b?.seq} (${b?.reason}): ${b?.detail}`,
    );
  }
  if (!manifestCheckpoint) return { verification, checkpoint: 'none in backup' };
  const cp = checkpointFromManifest(manifestCheckpoint);
  // Only configured keys are trusted: the public key in the manifest is as forgeable as the file.
  const key = trusted.find(cp.keyId);
  if (!key) {
    throw new RestoreVerificationError(
      `The backup's checkpoint is signed by key ${cp.keyId}, which is not trusted here: configure the signing key (AUDIT_SIGNING_KEY or AUDIT_KEY_FILE) or its public key (AUDIT_TRUSTED_KEYS).`,
    );
  }
  if (!key.verify(Buffer.from(checkpointNote(cp), 'utf8'), cp.signature)) {
    throw new RestoreVerificationError(
      `The backup's checkpoint (size ${cp.size}) does not carry a valid signature of key ${cp.keyId}.`,
    );
  }
  if (verification.size < cp.size) {
    throw new RestoreVerificationError(
      `The backup's checkpoint vouches for ${cp.size} audit records, the restored trail holds ${verification.size}.`,
    );
  }
  const state = new LogState();
  await scanLog(dataSource, state, cp.size, { checkContent: false });
  if (!state.range.root().equals(cp.rootHash)) {
    throw new RestoreVerificationError(
      `The first ${cp.size} audit records do not have the root of the checkpoint taken at backup time (${cp.signedAt.toISOString()}).`,
    );
  }
  return {
    verification,
    checkpoint: 'matched',
    checkpointKey: `${key.keyId} (${key.source})`,
  };
}

/**
 * npm run restore FILE: into an empty data directory or database (or, with force, over a
 * non-empty one, whose contents are kept under another name: the embedded directory is moved
 * aside, the PostgreSQL schema renamed),
 * then verifies the audit trail and checks it against the checkpoint taken at backup time.
 */
export async function restoreBackup(
  database: DatabaseConfig,
  audit: AuditKeySettings,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  const manifest = await readVerifiedManifest(file);
  if (manifest.database !== database.kind) {
    throw new BackupError(
      `${file} is a backup of the ${manifest.database === 'pglite' ? 'embedded database' : 'PostgreSQL database'}; the configuration points at ${database.kind === 'pglite' ? 'the embedded one (DATA_DIR)' : 'PostgreSQL (DATABASE_URL)'}. To move from the embedded database to PostgreSQL, use npm run db:move-to-postgres.`,
    );
  }
  let target: string;
  let movedAside: string | undefined;
  if (database.kind === 'pglite') {
    target = database.dataDir;
    if (target === MEMORY_DATA_DIR)
      throw new BackupError('Cannot restore into an in-memory database.');
    mkdirSync(target, { recursive: true });
    const unlock = await lockDataDirectory(target);
    try {
      if (isNonEmptyDirectory(target)) {
        if (!options.force) {
          throw new BackupError(
            `${target} is not empty: restore into an empty directory (DATA_DIR), or pass --force to move the current one aside.`,
          );
        }
        movedAside = moveAside(target);
        mkdirSync(target);
      }
      await unpackEmbedded(await readFile(file), target);
    } finally {
      await unlock();
    }
  } else {
    const schema = database.schema ?? 'public';
    target = `${new URL(database.url).pathname.slice(1)} (schema ${schema})`;
    const empty = await isPostgresTargetEmpty(database.url, schema);
    if (!empty && !options.force) {
      throw new BackupError(
        `The database ${target} is not empty: restore into an empty database, or pass --force to rename the current schema aside.`,
      );
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const version = await client.query<{ n: number }>(
        `SELECT current_setting('server_version_num')::int AS n`,
      );
      await assertClientFits('pg_restore', Math.floor(version.rows[0].n / 10_000));
      if (!empty) {
        // As with the embedded directory, the current contents are kept, under another name.
        const aside = `${schema}_replaced_${stamp(new Date()).replace('.', '_').toLowerCase()}`;
        await client.query(
          `ALTER SCHEMA ${pg.escapeIdentifier(schema)} RENAME TO ${pg.escapeIdentifier(aside)}`,
        );
        // A dump of one schema creates it; a dump of the whole database expects public to exist.
        if (!database.schema) await client.query('CREATE SCHEMA public');
        movedAside = `schema ${aside}`;
      }
    } finally {
      await client.end();
    }
    await pgRestore(database.url, file);
  }
  const open = await openDatabase(database);
  try {
    const { trusted } = await keysOf(audit);
    const checked = await verifyAgainstCheckpoint(
      open.dataSource,
      trusted,
      manifest.auditCheckpoint,
    );
    return { target, ...(movedAside ? { movedAside } : {}), ...checked };
  } finally {
    await closeDatabase(open);
  }
}
