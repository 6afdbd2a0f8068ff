import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DATA_DIR, MEMORY_DATA_DIR, type DatabaseSettings } from './database.settings.js';
import type { Env, Problems } from './problems.js';

/**
 * The audit trail's settings:
 * - AUDIT_SIGNING_KEY: Ed25519 private key, PKCS#8 PEM (literal "\n" accepted) or base64 of the DER;
 * - AUDIT_KEY_FILE: where the generated key is kept when AUDIT_SIGNING_KEY is not set
 *   (default: audit-signing-key.pem next to the embedded data directory, i.e. ./data/);
 * - AUDIT_TRUSTED_KEYS: the key history: Ed25519 public keys (SPKI PEM text, or the path of a file of
 *   PEM blocks) whose checkpoints are trusted besides the signing key's own (earlier keys after a rotation);
 * - AUDIT_CHECKPOINT_INTERVAL_SECONDS: how often a checkpoint is signed when the trail grew (default 60, 0 = never);
 * - AUDIT_DISABLED=1: record nothing (benchmark baseline only; never in production).
 */
export interface AuditConfig {
  disabled: boolean;
  signingKey: string | null;
  /** The key history (AUDIT_TRUSTED_KEYS): Ed25519 public keys as SPKI PEM blocks (from the file, if a path was given). */
  trustedKeys: string | null;
  /** null: keep a generated key in memory only (an in-memory database has nothing to outlive). */
  keyFile: string | null;
  checkpointIntervalMs: number;
  sequenceIntervalMs: number;
  /** Delay between a committed write and the sequencer run it triggers. */
  sequenceDelayMs: number;
}

export function auditSettings(
  env: Env,
  database: DatabaseSettings,
  problems: Problems,
): AuditConfig {
  const disabledRaw = env.AUDIT_DISABLED ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(disabledRaw))
    problems.bad('AUDIT_DISABLED', disabledRaw, 'must be 1 or 0');
  const intervalRaw = env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? '';
  const interval = intervalRaw === '' ? 60 : Number(intervalRaw);
  if (!Number.isInteger(interval) || interval < 0 || interval > 86_400) {
    problems.bad(
      'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
      intervalRaw,
      'must be a whole number of seconds from 0 to 86400',
    );
  }

  const dataDir = database.kind === 'pglite' ? database.dataDir : undefined;
  let keyFile: string | null;
  if (env.AUDIT_KEY_FILE) keyFile = env.AUDIT_KEY_FILE;
  else if (dataDir === MEMORY_DATA_DIR) keyFile = null;
  else keyFile = join(dirname(dataDir ?? DEFAULT_DATA_DIR), 'audit-signing-key.pem');

  return {
    disabled: disabledRaw === '1' || disabledRaw === 'true',
    signingKey: env.AUDIT_SIGNING_KEY || null,
    trustedKeys: trustedKeysSetting(env.AUDIT_TRUSTED_KEYS, problems),
    keyFile,
    checkpointIntervalMs: interval * 1000,
    sequenceIntervalMs: 5_000,
    sequenceDelayMs: 150,
  };
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/**
 * AUDIT_TRUSTED_KEYS: PEM text, or the path of a file of PEM blocks (other lines ignored). Each
 * block must be an Ed25519 public key; the PEM text is returned (the audit module makes the keys).
 */
function trustedKeysSetting(value: string | undefined, problems: Problems): string | null {
  if (!value) return null;
  let text = value.replace(/\\n/g, '\n');
  if (!value.includes('-----BEGIN')) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (err) {
      problems.bad(
        'AUDIT_TRUSTED_KEYS',
        value,
        `cannot read the key history file (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      );
      return null;
    }
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    problems.bad(
      'AUDIT_TRUSTED_KEYS',
      value,
      'holds no public key (-----BEGIN PUBLIC KEY----- … PEM blocks)',
    );
  blocks.forEach((pem, i) => {
    let type: string | undefined;
    try {
      type = createPublicKey({ key: pem, format: 'pem' }).asymmetricKeyType;
    } catch {
      type = 'not a key';
    }
    if (type !== 'ed25519')
      problems.bad(
        'AUDIT_TRUSTED_KEYS',
        value,
        `public key ${i + 1} is not an Ed25519 SPKI PEM key (${type})`,
      );
  });
  return blocks.length ? blocks.join('\n') : null;
}
