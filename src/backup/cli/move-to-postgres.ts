/**
 * npm run db:move-to-postgres -- --to postgres://user@host/db: copies everything, audit trail
 * included, from the embedded database (DATA_DIR; the service must be stopped) into an empty
 * PostgreSQL database, then verifies the audit chain and checkpoints there. Afterwards, start the
 * service with DATABASE_URL set to that database; the embedded directory is left as it was.
 * Exit codes: 0 moved and verified, 1 failed, 2 bad arguments or configuration.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { BackupError } from '../backup-manifest.js';
import { moveToPostgres } from '../move-to-postgres.js';

const USAGE = 'Usage: npm run db:move-to-postgres -- --to postgres://user@host:5432/database';

function parseArgs(argv: string[]) {
  let to: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--to' && argv[i + 1]) to = argv[++i];
    else throw new ConfigError(`Unknown argument ${argv[i]}. ${USAGE}`);
  }
  if (!to || !/^postgres(ql)?:\/\/.+/.test(to)) throw new ConfigError(USAGE);
  return { to };
}

async function main(): Promise<number> {
  const { to } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  if (config.database.kind !== 'pglite') {
    throw new ConfigError(
      'DATABASE_URL is set: the move starts from the embedded database. Unset DATABASE_URL and set DATA_DIR to its directory.',
    );
  }
  const keyFile = config.audit.signingKey ? null : config.audit.keyFile;
  const report = await moveToPostgres(config.database, config.audit, {
    kind: 'postgres',
    url: to,
    poolSize: 2,
  });
  const total = Object.values(report.tables).reduce((a, b) => a + b, 0);
  console.log(
    [
      `Moved ${total.toLocaleString('en')} rows in ${Object.keys(report.tables).length} tables to PostgreSQL.`,
      ...Object.entries(report.tables).map(([table, n]) => `  ${table.padEnd(28)} ${n}`),
      `The audit trail verifies there: ${report.verification.size} records, ${report.verification.checkpointsChecked} checkpoints matched` +
        (report.checkpoint === 'matched'
          ? `, including the one signed just before the move (${report.checkpointKey}).`
          : '.'),
      'Start the service with DATABASE_URL set to the new database; keep the embedded directory until you are satisfied.',
      ...(keyFile
        ? [
            `Keep signing with the same audit key: give the service AUDIT_KEY_FILE=${keyFile} (or AUDIT_SIGNING_KEY).`,
          ]
        : []),
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DataDirectoryLockedError) {
      console.error(`${err.message}\nStop the service before moving its data.`);
      process.exit(1);
    }
    console.error(err instanceof ConfigError || err instanceof BackupError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
