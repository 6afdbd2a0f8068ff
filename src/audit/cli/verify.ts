/**
 * npm run audit:verify: verifies the audit trail of the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR) and exits 1 when it is broken, naming the first broken record.
 * Reads only: events not yet placed by the sequencer are counted, not placed.
 *
 * Checkpoint signatures are trusted only from the service's own key (AUDIT_SIGNING_KEY or
 * AUDIT_KEY_FILE), the key history (AUDIT_TRUSTED_KEYS) and --public-key files; a checkpoint signed
 * by any other key fails the verification.
 *
 * Options: --json (the result as JSON); --public-key <file> (an SPKI PEM file of trusted keys,
 * repeatable); --checkpoint <file or http(s) URL> (a checkpoint kept outside the database, as JSON:
 * GET /audit/checkpoints/latest's answer or a published report's JSON; repeatable): the trail must
 * extend it, checked by a consistency proof.
 * Exit codes: 0 intact, 1 broken, 2 could not verify (configuration, database, a checkpoint file).
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/app-config.js';
import { prepareDatabase } from '../../database/data-source-options.js';
import { DataDirectoryLockedError } from '../../database/pglite/data-dir-lock.js';
import { AuditVerifier, type VerifyResult } from '../audit-verifier.js';
import { checkpointFromJson, type Checkpoint } from '../checkpoint.js';
import {
  TrustedKeys,
  loadExistingSigningKey,
  loadTrustedKeys,
  publicKeysFromPem,
} from '../signing-key.js';

const USAGE =
  'Usage: audit:verify [--json] [--public-key <spki.pem>]... [--checkpoint <file or URL>]...';

function parseArgs(argv: string[]) {
  const args = { json: false, publicKeys: [] as string[], checkpoints: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--public-key' && argv[i + 1]) args.publicKeys.push(argv[++i]);
    else if (argv[i] === '--checkpoint' && argv[i + 1]) args.checkpoints.push(argv[++i]);
    else throw new ConfigError(`Unknown argument ${argv[i]}. ${USAGE}`);
  }
  return args;
}

/** A checkpoint kept elsewhere: a JSON file, or fetched from an http(s) address. */
async function loadCheckpoint(source: string): Promise<Checkpoint> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new ConfigError(`${source}: answered ${res.status}`);
    text = await res.text();
  } else {
    text = await readFile(source, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${source}: cannot read it (${err.code ?? err.message})`);
    });
  }
  try {
    return checkpointFromJson(JSON.parse(text), source);
  } catch (err) {
    throw new ConfigError(
      err instanceof SyntaxError ? `${source}: not JSON` : (err as Error).message,
    );
  }
}

function print(result: VerifyResult, trusted: TrustedKeys) {
  const broken = result.firstBroken;
  const lines = [
    result.valid
      ? `The audit trail is intact: ${result.size} records verified.`
      : `The audit trail is BROKEN.`,
    ...(broken
      ? [
          broken.upTo && broken.upTo !== broken.seq
            ? `  first broken record: between seq ${broken.seq} and ${broken.upTo} (${broken.reason})`
            : `  first broken record: seq ${broken.seq} (${broken.reason})`,
          `  ${broken.detail}`,
        ]
      : []),
    ...(result.rootHash
      ? [`  Merkle root (RFC 6962) of ${result.size} records: ${result.rootHash}`]
      : []),
    `  signed checkpoints matched: ${result.checkpointsChecked}`,
    ...(result.outside ?? []).map(
      (o) =>
        `  checkpoint kept outside (${o.size} records): ${o.consistent ? 'extended' : 'NOT extended'}: ${o.detail}`,
    ),
    `  trusted keys: ${trusted.keys.length ? trusted.keys.map((k) => `${k.keyId} (${k.source})`).join(', ') : 'none (set AUDIT_SIGNING_KEY, AUDIT_KEY_FILE, AUDIT_TRUSTED_KEYS or --public-key)'}`,
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
  const own = await loadExistingSigningKey(auditConfig);
  const keys = await loadTrustedKeys(auditConfig.trustedKeys, own);
  for (const file of args.publicKeys) {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${file}: cannot read it (${err.code ?? err.message})`);
    });
    for (const key of publicKeysFromPem(text, file))
      if (!keys.some((k) => k.keyId === key.keyId)) keys.push(key);
  }
  const trusted = new TrustedKeys(keys);
  const outside = await Promise.all(args.checkpoints.map(loadCheckpoint));

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
    const result = await new AuditVerifier(dataSource, trusted).verify(
      outside.length ? { outside } : {},
    );
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else print(result, trusted);
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
