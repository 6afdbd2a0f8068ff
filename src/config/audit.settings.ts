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
  /** AUDIT_TRUSTED_KEYS as given: PEM text or a file path (read by loadTrustedKeys). */
  trustedKeys: string | null;
  /** null: keep a generated key in memory only (an in-memory database has nothing to outlive). */
  keyFile: string | null;
  checkpointIntervalMs: number;
  sequenceIntervalMs: number;
  /** Delay between a committed write and the sequencer run it triggers. */
  sequenceDelayMs: number;
}

export function auditSettings(env: Env, database: DatabaseSettings, problems: Problems): AuditConfig {
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
    trustedKeys: env.AUDIT_TRUSTED_KEYS || null,
    keyFile,
    checkpointIntervalMs: interval * 1000,
    sequenceIntervalMs: 5_000,
    sequenceDelayMs: 150,
  };
}
