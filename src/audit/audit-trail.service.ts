import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, DomainError, ValidationFailedError } from '../errors/domain-errors.js';
import { toBuffer } from './audit-hash.js';
import { sequencedSize } from './audit-log-reader.js';
import { AuditSequencer } from './audit-sequencer.js';
import { AuditVerifier, type VerifyResult } from './audit-verifier.js';
import {
  AuditCheckpointer,
  checkpointAt,
  checkpointNote,
  latestCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
import type { CheckpointDto, ConsistencyProofDto, PublicKeyDto } from './dto/audit.dto.js';
import { RangeRoots, consistencyProofRanges, hashLeaf } from './merkle.js';
import { AuditSigningKey } from './signing-key.js';

const PROOF_BATCH = 50_000;

const brokenAt = (seq: number) =>
  new ConflictError(
    'audit-trail-broken',
    `The audit trail has no record ${seq}; no proof can be given. Run the verification (GET /audit/verify).`,
  );

/** Verification, checkpoints and proofs: what the audit routes and the lead's code call. */
@Injectable()
export class AuditTrailService {
  private verifying: Promise<VerifyResult> | null = null;
  private proving: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly sequencer: AuditSequencer,
    private readonly verifier: AuditVerifier,
    private readonly checkpointer: AuditCheckpointer,
    private readonly key: AuditSigningKey,
  ) {}

  /**
   * Places what is committed, then verifies the whole trail. Concurrent callers share one run
   * (a verification reads every record).
   */
  verify(): Promise<VerifyResult> {
    this.verifying ??= (async () => {
      try {
        await this.sequencer.run();
        return await this.verifier.verify();
      } finally {
        this.verifying = null;
      }
    })();
    return this.verifying;
  }

  /** Signs a checkpoint now if the trail grew since the latest one; returns the latest. */
  async checkpoint(): Promise<CheckpointDto | null> {
    const cp = await this.checkpointer.checkpoint();
    return cp && this.toDto(cp);
  }

  async latestCheckpoint(): Promise<CheckpointDto> {
    // A trail that has records but was never signed gets its first checkpoint on first request.
    const cp = (await latestCheckpoint(this.dataSource)) ?? (await this.checkpointer.checkpoint());
    if (!cp)
      throw new DomainError(
        'not-found',
        404,
        'Not found',
        'The audit trail is empty: there is no checkpoint yet.',
      );
    return this.toDto(cp);
  }

  async checkpointAt(size: number): Promise<CheckpointDto> {
    const cp = await checkpointAt(this.dataSource, size);
    if (!cp) throw new DomainError('not-found', 404, 'Not found', `No checkpoint of size ${size}.`);
    return this.toDto(cp);
  }

  /**
   * The RFC 6962 consistency proof between the trees of the first `from` and `to` records.
   * Reads the leaf hashes of records 1..to once (memory O(log n)); one proof at a time.
   */
  consistency(from: number, to: number): Promise<ConsistencyProofDto> {
    const run = this.proving.catch(() => {}).then(() => this.prove(from, to));
    this.proving = run;
    return run;
  }

  private async prove(from: number, to: number): Promise<ConsistencyProofDto> {
    if (from > to)
      throw new ValidationFailedError([{ field: 'from', message: 'must not be larger than to' }]);
    const size = await sequencedSize(this.dataSource);
    if (to > size)
      throw new ValidationFailedError([
        { field: 'to', message: `must not exceed the size of the log (${size})` },
      ]);
    const roots = new RangeRoots(consistencyProofRanges(from, to));
    let next = 1;
    while (next <= roots.end) {
      const upTo = Math.min(next + PROOF_BATCH, roots.end + 1);
      const rows = (await this.dataSource.query(
        'SELECT seq, leaf_hash FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq',
        [next, upTo],
      )) as { seq: number | string; leaf_hash: unknown }[];
      for (const row of rows) {
        if (Number(row.seq) !== next) throw brokenAt(next);
        roots.push(hashLeaf(toBuffer(row.leaf_hash)));
        next++;
      }
      if (next < upTo) throw brokenAt(next);
    }
    return { from, to, proof: roots.roots().map((h) => h.toString('base64')) };
  }

  publicKey(): PublicKeyDto {
    return { keyId: this.key.keyId, algorithm: 'Ed25519', publicKey: this.key.publicKeyPem };
  }

  private toDto(cp: Checkpoint): CheckpointDto {
    return {
      size: cp.size,
      rootHash: cp.rootHash.toString('base64'),
      signedAt: cp.signedAt.toISOString(),
      signature: cp.signature.toString('base64'),
      keyId: cp.keyId,
      note: checkpointNote(cp),
      publicKey: cp.keyId === this.key.keyId ? this.key.publicKeyPem : null,
    };
  }
}
