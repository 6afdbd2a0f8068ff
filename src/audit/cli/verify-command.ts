import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { ConfigError } from '../../config/app-config.js';
import type { AuditConfig } from '../../config/audit.settings.js';
import { AuditVerifier, type VerifyResult } from '../audit-verifier.js';
import { checkpointFromJson, type Checkpoint } from '../checkpoint.js';
import {
  TrustedKeys,
  loadExistingSigningKey,
  loadTrustedKeys,
  publicKeysFromPem,
} from '../signing-key.js';

/** What audit:verify does once it has a database: see verify.ts for the options. */
const USAGE =
  'Usage: audit:verify [--json] [--since-verified] [--public-key <spki.pem>]... [--checkpoint <file or URL>]...';

export function parseArgs(argv: string[]) {
  const args = {
    json: false,
    sinceVerified: false,
    publicKeys: [] as string[],
    checkpoints: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--since-verified') args.sinceVerified = true;
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

function print(result: VerifyResult, trusted: TrustedKeys, out: (text: string) => void) {
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
    ...(result.since
      ? [
          `  only records ${result.since.size + 1}-${result.size} were read: records 1-${result.since.size} were verified on ${result.since.verifiedAt} (a full verification, without --since-verified, reads them again)`,
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
  out(lines.join('\n'));
}

/** The trusted keys and outside checkpoints the arguments name; reads files and addresses. */
export async function prepareVerification(
  args: ReturnType<typeof parseArgs>,
  auditConfig: AuditConfig,
) {
  const own = await loadExistingSigningKey(auditConfig);
  const keys = loadTrustedKeys(auditConfig.trustedKeys, own);
  for (const file of args.publicKeys) {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${file}: cannot read it (${err.code ?? err.message})`);
    });
    for (const key of publicKeysFromPem(text, file))
      if (!keys.some((k) => k.keyId === key.keyId)) keys.push(key);
  }
  return {
    trusted: new TrustedKeys(keys),
    outside: await Promise.all(args.checkpoints.map(loadCheckpoint)),
  };
}

/** Verifies and reports; the exit code: 0 intact, 1 broken. */
export async function verifyAndReport(
  dataSource: DataSource,
  args: ReturnType<typeof parseArgs>,
  prepared: Awaited<ReturnType<typeof prepareVerification>>,
  out: (text: string) => void,
): Promise<{ code: number; result: VerifyResult }> {
  const result = await new AuditVerifier(dataSource, prepared.trusted).verify({
    ...(prepared.outside.length ? { outside: prepared.outside } : {}),
    sinceVerified: args.sinceVerified,
    record: true,
  });
  if (args.json) out(JSON.stringify(result, null, 2));
  else print(result, prepared.trusted, out);
  return { code: result.valid ? 0 : 1, result };
}
