import type { DataSource } from 'typeorm';
import { LogBroken, LogState, scanLog, sequencedSize, type Break } from './audit-log-reader.js';
import { readCheckpoints, checkpointNote, type Checkpoint } from './checkpoint.js';
import type { AuditSigningKey } from './signing-key.js';

export interface VerifyResult {
  valid: boolean;
  /** Records verified (the sequenced log's size when verification started). */
  size: number;
  /** Merkle root (RFC 6962, base64) of those records; null when the log is broken. */
  rootHash: string | null;
  firstBroken?: Break;
  /** Stored checkpoints whose root was compared (and whose signature was checked, when signed by a known key). */
  checkpointsChecked: number;
  /** Checkpoints signed by a key this verifier does not hold: their roots were compared, their signatures not. */
  checkpointsWithUnknownKey: number;
  /** Events committed but not yet given a position (not part of the verified log yet). */
  unsequenced: number;
  durationMs: number;
}

/**
 * Verifies the whole audit trail: every record against its leaf hash, the chain, no gaps, and the
 * Merkle root at every stored checkpoint's size against that checkpoint (and its signature).
 * Reads only; a plain class so that the CLI can use it without the application.
 */
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: readonly AuditSigningKey[],
    private readonly batchSize = 10_000,
  ) {}

  async verify(): Promise<VerifyResult> {
    const started = performance.now();
    const size = await sequencedSize(this.dataSource);
    const [checkpoints, unsequencedRows] = await Promise.all([
      readCheckpoints(this.dataSource),
      this.dataSource.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL',
      ) as Promise<{ n: number }[]>,
    ]);
    let checked = 0;
    let unknownKey = 0;
    const result = (firstBroken?: Break, rootHash: string | null = null): VerifyResult => ({
      valid: !firstBroken,
      size,
      rootHash,
      ...(firstBroken ? { firstBroken } : {}),
      checkpointsChecked: checked,
      checkpointsWithUnknownKey: unknownKey,
      unsequenced: unsequencedRows[0]?.n ?? 0,
      durationMs: Math.round(performance.now() - started),
    });

    let index = 0;
    let vouchedUpTo = 0;
    const checkCheckpoint = (cp: Checkpoint, state: LogState) => {
      const key = this.keys.find((k) => k.keyId === cp.keyId);
      if (!key) unknownKey++;
      else if (!key.verify(Buffer.from(checkpointNote(cp), 'utf8'), cp.signature)) {
        throw new LogBroken({
          seq: cp.size,
          reason: 'checkpoint_signature',
          detail: `the checkpoint at size ${cp.size} does not carry a valid signature of key ${cp.keyId}`,
        });
      }
      if (!state.range.root().equals(cp.rootHash)) {
        throw new LogBroken({
          seq: vouchedUpTo + 1,
          reason: 'checkpoint_mismatch',
          detail: `the first ${cp.size} records do not have the root signed at ${cp.signedAt.toISOString()}: a record between seq ${vouchedUpTo + 1} and ${cp.size} was changed, and the chain rewritten`,
        });
      }
      checked++;
      vouchedUpTo = cp.size;
    };

    const state = new LogState();
    try {
      await scanLog(this.dataSource, state, size, {
        batchSize: this.batchSize,
        onSize: (s) => {
          while (index < checkpoints.length && checkpoints[index].size === s.size)
            checkCheckpoint(checkpoints[index++], s);
        },
      });
      if (index < checkpoints.length) {
        const cp = checkpoints[index];
        return result({
          seq: size + 1,
          reason: 'truncated',
          detail: `a checkpoint signed at ${cp.signedAt.toISOString()} vouches for ${cp.size} records, but the log holds ${size}: records from seq ${size + 1} on were removed`,
        });
      }
    } catch (err) {
      if (err instanceof LogBroken) return result(err.broken);
      throw err;
    }
    return result(undefined, state.range.root().toString('base64'));
  }
}
