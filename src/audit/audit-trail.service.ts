import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { can, type Role } from '../access/permissions.js';
import { ConflictError, DomainError, ValidationFailedError } from '../errors/domain-errors.js';
import { toBuffer } from './audit-hash.js';
import { sequencedSize } from './audit-log-reader.js';
import { inclusionProofsFromLog } from './audit-batch-proofs.js';
import { LogGap, consistencyProofFromLog, inclusionProofFromLog } from './audit-proofs.js';
import { AuditQueryService, type CaseVisibility } from './audit-query.service.js';
import { AuditSequencer } from './audit-sequencer.js';
import { AuditVerifier, type VerifyResult } from './audit-verifier.js';
import {
  AuditCheckpointer,
  RefusedToSign,
  checkpointAt,
  recentCheckpoints,
  checkpointNote,
  latestCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
import type {
  CheckpointDto,
  CheckpointPageDto,
  ConsistencyProofDto,
  InclusionProofDto,
  PublicKeyDto,
} from './dto/audit.dto.js';
import { AuditSigningKey, TrustedKeys } from './signing-key.js';

const brokenAt = (seq: number) =>
  new ConflictError(
    'audit-trail-broken',
    `The audit trail has no record ${seq}; no proof can be given. Run the verification (GET /audit/verify).`,
  );

/** Who asks for an inclusion proof: the record is shown only to those who may read it. */
export interface ProofReader {
  role: Role;
  visibility: CaseVisibility;
}

/** Verification, checkpoints and proofs: what the audit routes, reports and tools call. */
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
    private readonly trusted: TrustedKeys,
    private readonly events: AuditQueryService,
  ) {}

  /**
   * Places what is committed, then verifies the whole trail. Concurrent callers share one run
   * (a verification reads every record).
   */
  verify(): Promise<VerifyResult> {
    this.verifying ??= (async () => {
      try {
        await this.sequencer.run();
        return await this.verifier.verify({ record: true });
      } finally {
        this.verifying = null;
      }
    })();
    return this.verifying;
  }

  /** For /health: null while the service signs checkpoints; else why it refuses to. */
  signingRefusedBecause(): string | null {
    return this.checkpointer.refusedBecause;
  }

  /** Signs a checkpoint now if the trail grew since the latest one; returns the latest. */
  async checkpoint(): Promise<CheckpointDto | null> {
    const cp = await this.signed(() => this.checkpointer.checkpoint());
    return cp && this.toDto(cp);
  }

  async latestCheckpoint(): Promise<CheckpointDto> {
    // A trail that has records but was never signed gets its first checkpoint on first request.
    const cp =
      (await latestCheckpoint(this.dataSource)) ??
      (await this.signed(() => this.checkpointer.checkpoint()));
    if (!cp)
      throw new DomainError(
        'not-found',
        404,
        'Not found',
        'The audit trail is empty: there is no checkpoint yet.',
      );
    return this.toDto(cp);
  }

  /** A page of signed checkpoints, newest first; `nextBefore` continues below the last one. */
  async checkpoints(limit: number, before?: number): Promise<CheckpointPageDto> {
    const rows = await recentCheckpoints(this.dataSource, limit + 1, before);
    const page = rows.slice(0, limit);
    return {
      items: page.map((cp) => this.toDto(cp)),
      nextBefore: rows.length > limit ? page[page.length - 1].size : null,
    };
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
    return this.oneAtATime(async () => {
      if (from > to)
        throw new ValidationFailedError([{ field: 'from', message: 'must not be larger than to' }]);
      await this.requireSize('to', to);
      const proof = await this.proofOrConflict(() =>
        consistencyProofFromLog(this.dataSource, from, to),
      );
      return { from, to, proof: proof.map((h) => h.toString('base64')) };
    });
  }

  /**
   * The RFC 9162 inclusion proof of record `seq` (leaf index seq - 1) in the tree of the first
   * `size` records, with its leaf hash. The record itself only for a reader with audit.read who may
   * see its case; for everyone else, the answer has the same shape whatever the record is about.
   */
  inclusion(seq: number, size: number, reader: ProofReader | null): Promise<InclusionProofDto> {
    return this.oneAtATime(async () => {
      if (seq > size)
        throw new ValidationFailedError([
          { field: 'seq', message: 'must not be larger than size' },
        ]);
      await this.requireSize('size', size);
      const proof = await this.proofOrConflict(() =>
        inclusionProofFromLog(this.dataSource, seq, size),
      );
      const [row] = (await this.dataSource.query(
        'SELECT leaf_hash FROM audit_events WHERE seq = $1',
        [seq],
      )) as { leaf_hash: unknown }[];
      if (!row) throw brokenAt(seq);
      const record =
        reader && can(reader.role, 'audit.read')
          ? await this.events.eventAt(seq, reader.visibility)
          : null;
      return {
        seq,
        size,
        leafIndex: seq - 1,
        leafHash: toBuffer(row.leaf_hash).toString('base64'),
        proof: proof.map((h) => h.toString('base64')),
        ...(record ? { record } : {}),
      };
    });
  }

  /**
   * Inclusion proofs (base64 nodes) of several records in the tree of the first `size` records,
   * computed in one read of the trail: a case bundle proves every record of its case at once.
   */
  inclusionProofs(seqs: readonly number[], size: number): Promise<Map<number, string[]>> {
    return this.oneAtATime(async () => {
      await this.requireSize('size', size);
      try {
        const proofs = await inclusionProofsFromLog(this.dataSource, seqs, size);
        return new Map([...proofs].map(([seq, p]) => [seq, p.map((h) => h.toString('base64'))]));
      } catch (err) {
        if (err instanceof LogGap) throw brokenAt(err.seq);
        throw err;
      }
    });
  }

  publicKey(): PublicKeyDto {
    return { keyId: this.key.keyId, algorithm: 'Ed25519', publicKey: this.key.publicKeyPem };
  }

  private oneAtATime<T>(step: () => Promise<T>): Promise<T> {
    const run = this.proving.catch(() => {}).then(step);
    this.proving = run;
    return run;
  }

  private async requireSize(field: string, value: number) {
    const size = await sequencedSize(this.dataSource);
    if (value > size)
      throw new ValidationFailedError([
        { field, message: `must not exceed the size of the log (${size})` },
      ]);
  }

  private async proofOrConflict(prove: () => Promise<Buffer[]>): Promise<Buffer[]> {
    try {
      return await prove();
    } catch (err) {
      if (err instanceof LogGap) throw brokenAt(err.seq);
      throw err;
    }
  }

  /** A refusal to sign is the service's state, not a fault: 503 with the reason. */
  private async signed(step: () => Promise<Checkpoint | null>): Promise<Checkpoint | null> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof RefusedToSign)
        throw new DomainError(
          'audit-trail-unverified',
          503,
          'Audit trail not signed',
          'The service does not sign the audit trail while its latest checkpoint or its records do not verify; an administrator must run the audit verification.',
        );
      throw err;
    }
  }

  private toDto(cp: Checkpoint): CheckpointDto {
    return {
      size: cp.size,
      rootHash: cp.rootHash.toString('base64'),
      signedAt: cp.signedAt.toISOString(),
      signature: cp.signature.toString('base64'),
      keyId: cp.keyId,
      note: checkpointNote(cp),
      publicKey: this.trusted.find(cp.keyId)?.publicKeyPem ?? null,
    };
  }
}
