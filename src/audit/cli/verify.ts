/**
 * npm run audit:verify: verifies the audit trail of the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR) and exits 1 when it is broken, naming the first broken record.
 * Events not yet placed by the sequencer are counted, not placed. The one write: when the trail is
 * intact, the state at the latest checkpoint matched is kept for the next --since-verified run
 * (skipped when the database user may not write).
 *
 * Checkpoint signatures are trusted only from the service's own key (AUDIT_SIGNING_KEY or
 * AUDIT_KEY_FILE), the key history (AUDIT_TRUSTED_KEYS) and --public-key files; a checkpoint signed
 * by any other key fails the verification.
 *
 * Options: --json (the result as JSON); --since-verified (read only the records added since the
 * latest checkpoint an earlier verification matched; records up to it are not read again);
 * --public-key <file> (an SPKI PEM file of trusted keys,
 * repeatable); --checkpoint <file or http(s) URL> (a checkpoint kept outside the database, as JSON:
 * GET /audit/checkpoints/latest's answer or a published report's JSON; repeatable): the trail must
 * extend it, checked by a consistency proof.
 * Exit codes: 0 intact, 1 broken, 2 could not verify (configuration, database, a checkpoint file).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { prepareDatabase } from '../../database/data-source-options.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { parseArgs, prepareVerification, verifyAndReport } from './verify-command.js';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const auditConfig = config.audit;
  const verification = await prepareVerification(args, auditConfig);

  const prepared = await prepareDatabase(config.database);
  const dataSource = new DataSource(prepared.options);
  try {
    await dataSource.initialize();
    const exists = (await dataSource.query(
      `SELECT to_regclass('audit_events') IS NOT NULL AS present`,
    )) as { present: boolean }[];
    if (!exists[0]?.present) {
      console.error(
        'This database has no audit trail (audit_events): start the service once, or run npm run migration:run.',
      );
      return 2;
    }
    const { code } = await verifyAndReport(dataSource, args, verification, (text) =>
      console.log(text),
    );
    return code;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await prepared.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      err instanceof ConfigError || err instanceof DataDirectoryLockedError ? err.message : err,
    );
    process.exit(2);
  },
);
