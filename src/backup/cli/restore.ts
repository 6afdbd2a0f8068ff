/**
 * npm run restore -- FILE [--force]: restores a backup written by npm run backup into the
 * configured database (DATA_DIR, or DATABASE_URL), which must be empty unless --force is given
 * (the current contents are then kept under another name). Then verifies the audit trail and
 * checks it against the checkpoint stored beside the backup.
 * Exit codes: 0 restored and verified, 1 failed (or restored but the trail does not verify),
 * 2 bad arguments or configuration.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { restoreBackup, RestoreVerificationError } from '../backup.js';
import { BackupError } from '../backup-manifest.js';

function parseArgs(argv: string[]) {
  let file: string | undefined;
  let force = false;
  for (const arg of argv) {
    if (arg === '--force') force = true;
    else if (!arg.startsWith('-') && !file) file = arg;
    else throw new ConfigError(`Unknown argument ${arg}. Usage: npm run restore -- FILE [--force]`);
  }
  if (!file) throw new ConfigError('Usage: npm run restore -- FILE [--force]');
  return { file, force };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const report = await restoreBackup(config.database, config.audit, args.file, {
    force: args.force,
  });
  console.log(
    [
      `Restored ${args.file} into ${report.target}.`,
      ...(report.movedAside ? [`  the previous contents are kept as ${report.movedAside}`] : []),
      `  audit trail intact: ${report.verification.size} records, ${report.verification.checkpointsChecked} stored checkpoints matched`,
      report.checkpoint === 'matched'
        ? `  and it matches the checkpoint taken at backup time (signature: ${report.checkpointKey})`
        : '  the backup holds no checkpoint (its trail was empty)',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof RestoreVerificationError) {
      console.error(
        `RESTORED, BUT THE AUDIT TRAIL DOES NOT VERIFY: ${err.message}\nDo not start the service on it before you know why.`,
      );
      process.exit(1);
    }
    if (err instanceof DataDirectoryLockedError) {
      console.error(`${err.message}\nStop the service before restoring into its data directory.`);
      process.exit(1);
    }
    console.error(err instanceof ConfigError || err instanceof BackupError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
