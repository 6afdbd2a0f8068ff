/**
 * npm run backup [-- --out DIR]: one backup of the configured database into DIR (default
 * BACKUP_DIR, else ./backups): the embedded data directory as a consistent snapshot, or PostgreSQL
 * through pg_dump -Fc; beside it <file>.json (SHA-256, the signed audit checkpoint) and <file>.sha256.
 * The embedded database can only be opened by one process: while the service runs, it takes its
 * own backups (BACKUP_DIR).
 * Exit codes: 0 written, 1 failed, 2 bad arguments or configuration.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { createBackup } from '../backup.js';
import { BackupError } from '../backup-manifest.js';

function parseArgs(argv: string[]) {
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = argv[++i];
    else throw new ConfigError(`Unknown argument ${argv[i]}. Usage: npm run backup -- [--out DIR]`);
  }
  return { out };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const outDir = args.out ?? config.backup.dir;
  const { file, manifest } = await createBackup(config.database, config.audit, outDir);
  const cp = manifest.auditCheckpoint;
  console.log(
    [
      `Backup written: ${file} (${manifest.bytes.toLocaleString('en')} bytes)`,
      `  SHA-256 ${manifest.sha256} (also in ${file}.sha256)`,
      cp
        ? `  audit checkpoint: ${cp.size} records, root ${cp.rootHash}, signed ${cp.signedAt} by ${cp.keyId}`
        : '  audit checkpoint: none (the trail is empty)',
      `  manifest: ${file}.json`,
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DataDirectoryLockedError) {
      console.error(
        `${err.message}\nThe embedded database can be opened by one process only: stop the service and run the backup again, or let the service take its own backups (set BACKUP_DIR).`,
      );
      process.exit(1);
    }
    console.error(err instanceof ConfigError || err instanceof BackupError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
