/**
 * npm run audit:verify: verifies the audit trail of the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR) and exits 1 when it is broken, naming the first broken record.
 * Reads only: events not yet placed by the sequencer are counted, not placed.
 *
 * Options: --json (the result as JSON), --public-key <file> (an SPKI PEM to check checkpoint
 * signatures with, e.g. a copy kept elsewhere; by default the service's own key if it is at hand).
 * Exit codes: 0 intact, 1 broken, 2 could not verify (configuration, database).
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { prepareDatabase } from '../../database/data-source-options.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { AuditVerifier, type VerifyResult } from '../audit-verifier.js';
import { loadExistingSigningKey, publicKeyFromPem, type AuditSigningKey } from '../signing-key.js';

function parseArgs(argv: string[]) {
  const args = { json: false, publicKey: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--public-key' && argv[i + 1]) args.publicKey = argv[++i];
    else
      throw new ConfigError(
        `Unknown argument ${argv[i]}. Usage: audit:verify [--json] [--public-key <spki.pem>]`,
      );
  }
  return args;
}

function print(result: VerifyResult, keys: AuditSigningKey[]) {
  const lines = [
    result.valid
      ? `The audit trail is intact: ${result.size} records verified.`
      : `The audit trail is BROKEN.`,
    ...(result.firstBroken
      ? [
          `  first broken record: seq ${result.firstBroken.seq} (${result.firstBroken.reason})`,
          `  ${result.firstBroken.detail}`,
        ]
      : []),
    ...(result.rootHash
      ? [`  Merkle root (RFC 6962) of ${result.size} records: ${result.rootHash}`]
      : []),
    `  signed checkpoints matched: ${result.checkpointsChecked}` +
      (result.checkpointsWithUnknownKey
        ? ` (${result.checkpointsWithUnknownKey} signed by a key not at hand: roots compared, signatures not)`
        : ''),
    `  signatures checked with: ${keys.length ? keys.map((k) => `${k.keyId} (${k.source})`).join(', ') : 'no key (set AUDIT_SIGNING_KEY, AUDIT_KEY_FILE or --public-key)'}`,
    ...(result.unsequenced
      ? [
          `  ${result.unsequenced} recent events are not placed yet (the service places them; they are not covered).`,
        ]
      : []),
    `  took ${(result.durationMs / 1000).toFixed(2)} s`,
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const auditConfig = config.audit;
  const keys: AuditSigningKey[] = [];
  if (args.publicKey)
    keys.push(publicKeyFromPem(await readFile(args.publicKey, 'utf8'), args.publicKey));
  const own = await loadExistingSigningKey(auditConfig);
  if (own && !keys.some((k) => k.keyId === own.keyId)) keys.push(own);

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
    const result = await new AuditVerifier(dataSource, keys).verify();
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else print(result, keys);
    return result.valid ? 0 : 1;
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
