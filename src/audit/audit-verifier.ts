import type { DataSource } from 'typeorm';
import { consistencyProofFromLog, LogGap } from './audit-proofs.js';
import {
  CONTENT_BATCH,
  LogBroken,
  LogState,
  poolOf,
  rowReaderOf,
  scanLog,
  sequencedSize,
  type Break,
} from './audit-log-reader.js';
import {
  PARALLEL_CHUNK,
  scanChunked,
  startScanWorkers,
  verifyChunk,
} from './audit-chunked-scan.js';
import {
  checkpointFromJson,
  readCheckpoints,
  untrustedBecause,
  type Checkpoint,
} from './checkpoint.js';
import { toBuffer } from './audit-hash.js';
import { CompactRange, ProofError, hashLeaf, verifyConsistency } from './merkle.js';
import type { TrustedKeys } from './signing-key.js';

/** What a checkpoint kept outside the database says about the trail. */
export interface OutsideCheckpointResult {
  size: number;
  rootHash: string;
  /** The trail extends it: the consistency proof from its size to the trail's verifies against both roots. */
  consistent: boolean;
  detail: string;
}

export interface VerifyResult {
  valid: boolean;
  /** Records verified (the sequenced log's size when verification started). */
  size: number;
  /** Merkle root (RFC 6962, base64) of those records; null when the log is broken. */
  rootHash: string | null;
  firstBroken?: Break;
  /** Stored checkpoints whose signature (by a trusted key) and root were checked. */
  checkpointsChecked: number;
  /** Key ids whose signatures are trusted. */
  trustedKeys: string[];
  /** The checkpoints given from outside the database (audit:verify --checkpoint), each checked. */
  outside?: OutsideCheckpointResult[];
  /** Events committed but not yet given a position (not part of the verified log yet). */
  unsequenced: number;
  /**
   * Set when only what was added since an earlier verification was read (sinceVerified): records
   * 1..size were verified then, at the signed checkpoint of that size, and not read again.
   */
  since?: { size: number; verifiedAt: string };
  durationMs: number;
}

export interface VerifyOptions {
  /** Checkpoints kept outside the database: a published report's, a witness's copy. */
  outside?: readonly Checkpoint[];
  /**
   * Read only the records after the latest checkpoint that an earlier verification matched (its
   * state is kept in audit_verified_states): O(new records). Records up to it are not read again,
   * so a change to them after that verification is found only by a full one. Falls back to a
   * full verification when there is no usable state.
   */
  sinceVerified?: boolean;
  /**
   * When the trail is intact, keep the state at the latest stored checkpoint matched, for the
   * next sinceVerified run.
   */
  record?: boolean;
}

/** Where an incremental verification starts: a verified state at a signed checkpoint. */
interface VerifiedStart {
  state: LogState;
  verifiedAt: Date;
}

/** A checkpoint to compare the trail against, and where it comes from. */
interface Evidence {
  cp: Checkpoint;
  origin: 'stored' | 'published' | 'outside';
}

const b64 = (b: Buffer) => b.toString('base64');

/** How a checkpoint is named in messages, by where it comes from. */
const NAMED = {
  stored: 'checkpoint',
  published: 'checkpoint of a published report',
  outside: 'checkpoint given',
} as const;

/**
 * Verifies the whole audit trail: every record against its leaf hash, the chain, no gaps, every
 * stored checkpoint (signed by a trusted key, and the Merkle root of its first `size` records),
 * and checkpoints kept elsewhere (the same, plus a consistency proof to the trail's current root).
 * Reads only; a plain class so that the CLI can use it without the application.
 *
 * Where a rewrite is found (a root differs), the first record that differs is named as closely as
 * the evidence allows: the first record after the last checkpoint that still matches, and the
 * size of the first one that does not bounds it from above (`firstBroken.upTo`).
 */
export class AuditVerifier {
  /**
   * `blocks`: how a full verification reads the log. 'auto': on PostgreSQL, a trail of at least
   * two blocks is verified in aligned blocks by worker threads (audit-chunked-scan.ts), else in
   * one pass. A number (a power of two): in blocks of that many records, in this thread (what
   * the workers do, testable without them).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly trusted: TrustedKeys,
    private readonly batchSize = CONTENT_BATCH,
    private readonly blocks: 'auto' | number = 'auto',
  ) {}

  async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    const started = performance.now();
    const size = await sequencedSize(this.dataSource);
    const [stored, unsequencedRows] = await Promise.all([
      readCheckpoints(this.dataSource),
      this.dataSource.query(
        'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL',
      ) as Promise<{ n: number }[]>,
    ]);
    const evidence: Evidence[] = [
      ...stored.map((cp) => ({ cp, origin: 'stored' as const })),
      ...(await this.publishedCheckpoints()).map((cp) => ({ cp, origin: 'published' as const })),
      ...(options.outside ?? []).map((cp) => ({ cp, origin: 'outside' as const })),
    ].sort((a, b) => a.cp.size - b.cp.size);
    let checked = 0;
    const outside: OutsideCheckpointResult[] = [];
    let since: VerifyResult['since'];
    const result = (firstBroken?: Break, rootHash: string | null = null): VerifyResult => ({
      valid: !firstBroken,
      size,
      rootHash,
      ...(firstBroken ? { firstBroken } : {}),
      checkpointsChecked: checked,
      trustedKeys: this.trusted.keys.map((k) => k.keyId),
      ...(options.outside ? { outside } : {}),
      unsequenced: unsequencedRows[0]?.n ?? 0,
      ...(since ? { since } : {}),
      durationMs: Math.round(performance.now() - started),
    });

    // A checkpoint no trusted key signed vouches for nothing, and fails the trail (below); the
    // trusted ones are compared with the records.
    const untrusted = evidence
      .map((e) => ({ ...e, problem: untrustedBecause(e.cp, this.trusted) }))
      .filter((e) => e.problem !== null);
    const trustedEvidence = evidence.filter((e) => !untrusted.some((u) => u.cp === e.cp));
    const start = options.sinceVerified
      ? await this.verifiedStart(
          size,
          trustedEvidence.filter((e) => e.origin === 'stored').map((e) => e.cp),
        )
      : null;

    let index = 0;
    let vouched = start ? start.state.clone() : new LogState();
    /** The state at the latest stored checkpoint matched (kept when `record`). */
    let matchedStored: LogState | null = null;
    let mismatch: { evidence: Evidence; vouched: LogState } | null = null;
    const compare = (e: Evidence, state: LogState) => {
      if (!state.range.root().equals(e.cp.rootHash)) {
        mismatch = { evidence: e, vouched };
        const from = vouched.size + 1;
        throw new LogBroken({
          seq: from,
          upTo: e.cp.size,
          reason: 'checkpoint_mismatch',
          detail:
            `the first ${e.cp.size} records do not have the root of the ${NAMED[e.origin]} signed at ${e.cp.signedAt.toISOString()}: ` +
            (from === e.cp.size
              ? `record ${from} was changed, and the hashes after it recomputed`
              : `a record between seq ${from} and ${e.cp.size} was changed (the evidence at hand tells no closer), and the hashes after it recomputed`),
        });
      }
      vouched = state.clone();
      if (e.origin === 'stored') {
        checked++;
        matchedStored = vouched;
      }
    };

    const state = start ? start.state.clone() : new LogState();
    if (start) since = { size: start.state.size, verifiedAt: start.verifiedAt.toISOString() };
    if (start) {
      // Evidence of the records not read again was checked when they were (its signatures above,
      // in every run); evidence of exactly that size is compared with the verified state.
      while (index < trustedEvidence.length && trustedEvidence[index].cp.size < state.size) index++;
    }
    try {
      while (index < trustedEvidence.length && trustedEvidence[index].cp.size === state.size)
        compare(trustedEvidence[index++], state);
      const onSize = (s: LogState) => {
        while (index < trustedEvidence.length && trustedEvidence[index].cp.size === s.size)
          compare(trustedEvidence[index++], s);
      };
      const sizes = [...new Set(trustedEvidence.slice(index).map((e) => e.cp.size))];
      await this.scan(state, size, sizes, onSize);
      if (index < trustedEvidence.length) {
        const { cp, origin } = trustedEvidence[index];
        return result({
          seq: size + 1,
          upTo: cp.size,
          reason: 'truncated',
          detail: `a ${NAMED[origin]} signed at ${cp.signedAt.toISOString()} vouches for ${cp.size} records, but the log holds ${size}: records from seq ${size + 1} on were removed`,
        });
      }
    } catch (err) {
      if (!(err instanceof LogBroken)) throw err;
      const found = mismatch as { evidence: Evidence; vouched: LogState } | null;
      const named = found && (await this.locate(found.vouched, found.evidence));
      return result(named ?? err.broken);
    }
    // Each checkpoint was signed with a copy of the leaves it added: a copy without its
    // checkpoint means the checkpoint was deleted.
    const orphans = (await this.dataSource.query(
      `SELECT first_seq, last_seq FROM audit_leaf_copies c
        WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints k WHERE k.size = c.last_seq)
        ORDER BY first_seq LIMIT 1`,
    )) as { first_seq: string | number; last_seq: string | number }[];
    if (orphans.length) {
      const [first, last] = [Number(orphans[0].first_seq), Number(orphans[0].last_seq)];
      return result({
        seq: first,
        upTo: last,
        reason: 'checkpoint_missing',
        detail: `the checkpoint of size ${last} was deleted (its copy of the signed leaves ${first}-${last} remains): a deleted checkpoint hides what it vouched for; check the trail against a checkpoint kept outside (audit:verify --checkpoint)`,
      });
    }
    if (untrusted.length) {
      const { cp, origin, problem } = untrusted[0];
      return result({
        seq: vouched.size + 1,
        upTo: Math.max(vouched.size + 1, Math.min(cp.size, size)),
        reason: 'checkpoint_untrusted',
        detail: `the ${NAMED[origin]}: ${problem}. A forged checkpoint comes with a rewritten trail: check it against a checkpoint kept outside (audit:verify --checkpoint).`,
      });
    }
    const root = state.range.root();
    // What an outside verifier does: the trail's current tree must extend each checkpoint kept
    // elsewhere, by an RFC 9162 consistency proof.
    for (const cp of options.outside ?? []) {
      const proof = await consistencyProofFromLog(this.dataSource, cp.size, size).catch(
        (err: unknown) => {
          if (err instanceof LogGap) return null;
          throw err;
        },
      );
      try {
        if (!proof) throw new ProofError('a record of the trail is missing');
        verifyConsistency(cp.size, size, proof, cp.rootHash, root);
        outside.push({
          size: cp.size,
          rootHash: b64(cp.rootHash),
          consistent: true,
          detail: `the trail of ${size} records extends the checkpoint of ${cp.size} records (consistency proof of ${proof.length} hashes verified)`,
        });
      } catch (err) {
        if (!(err instanceof ProofError)) throw err;
        outside.push({
          size: cp.size,
          rootHash: b64(cp.rootHash),
          consistent: false,
          detail: err.message,
        });
        return result({
          seq: 1,
          upTo: cp.size,
          reason: 'checkpoint_mismatch',
          detail: `the trail does not extend the checkpoint given (${err.message})`,
        });
      }
    }
    const kept = matchedStored as LogState | null;
    if (options.record && kept && kept.size > (start?.state.size ?? 0))
      await this.keepVerifiedState(kept, kept.size - (start?.state.size ?? 0));
    return result(undefined, b64(root));
  }

  /**
   * The latest state kept by an earlier verification that still holds: at a stored checkpoint
   * signed by a trusted key, its frontier reproducing that checkpoint's root (so it is the state
   * that was signed, whoever wrote the row), and its chain hash the stored record's. Null when
   * there is none: then everything is read.
   */
  private async verifiedStart(
    size: number,
    trustedStored: readonly Checkpoint[],
  ): Promise<VerifiedStart | null> {
    if (!(await this.hasVerifiedStates())) return null;
    const rows = (await this.dataSource.query(
      `SELECT v.size, v.frontier, v.chain_hash, v.verified_at, e.chain_hash AS stored_chain
         FROM audit_verified_states v LEFT JOIN audit_events e ON e.seq = v.size
        WHERE v.size <= $1 ORDER BY v.size DESC LIMIT 10`,
      [size],
    )) as {
      size: string | number;
      frontier: unknown;
      chain_hash: unknown;
      verified_at: Date | string;
      stored_chain: unknown;
    }[];
    for (const row of rows) {
      const n = Number(row.size);
      const cp = trustedStored.find((c) => c.size === n);
      if (!cp || row.stored_chain === null) continue;
      const bytes = toBuffer(row.frontier);
      const nodes: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 32) nodes.push(bytes.subarray(i, i + 32));
      let range: CompactRange;
      try {
        range = CompactRange.fromNodes(n, nodes);
      } catch {
        continue;
      }
      const chain = toBuffer(row.chain_hash);
      if (!range.root().equals(cp.rootHash) || !chain.equals(toBuffer(row.stored_chain))) continue;
      return { state: new LogState(n + 1, chain, range), verifiedAt: new Date(row.verified_at) };
    }
    return null;
  }

  private async hasVerifiedStates(): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT to_regclass('audit_verified_states') IS NOT NULL AS present`,
    )) as { present: boolean }[];
    return rows[0]?.present === true;
  }

  /** Best effort: a verifier whose database user may only read still verifies. */
  private async keepVerifiedState(state: LogState, recordsRead: number): Promise<void> {
    if (!(await this.hasVerifiedStates())) return;
    await this.dataSource
      .query(
        `INSERT INTO audit_verified_states (size, frontier, chain_hash, records_read)
       VALUES ($1, decode($2, 'hex'), decode($3, 'hex'), $4)
       ON CONFLICT (size) DO UPDATE SET frontier = excluded.frontier, chain_hash = excluded.chain_hash,
         verified_at = excluded.verified_at, records_read = excluded.records_read`,
        [
          state.size,
          Buffer.concat(state.range.frontier()).toString('hex'),
          state.chainHex,
          recordsRead,
        ],
      )
      .catch(() => undefined);
  }

  /** Reads the log from state.next to `size`, in one pass or in blocks (see the constructor). */
  private async scan(
    state: LogState,
    size: number,
    sizes: number[],
    onSize: (s: LogState) => void,
  ): Promise<void> {
    if (typeof this.blocks === 'number') {
      if (state.size % this.blocks === 0) {
        const read = rowReaderOf(this.dataSource);
        const run = (lo: number, hi: number, at: number[]) =>
          verifyChunk(read, lo, hi, at, this.batchSize);
        return scanChunked(run, state, size, this.blocks, 1, sizes, onSize);
      }
    } else if (state.size === 0 && size >= 2 * PARALLEL_CHUNK) {
      const pool = poolOf(this.dataSource);
      const workers = pool && startScanWorkers(pool);
      if (workers) {
        try {
          return await scanChunked(
            workers.run,
            state,
            size,
            PARALLEL_CHUNK,
            workers.size + 1,
            sizes,
            onSize,
          );
        } finally {
          await workers.close();
        }
      }
    }
    return scanLog(this.dataSource, state, size, { batchSize: this.batchSize, onSize });
  }

  /**
   * The checkpoints that published transparency reports carry (publications are immutable, and
   * their readers hold copies): evidence that survives the deletion of the stored checkpoints.
   */
  private async publishedCheckpoints(): Promise<Checkpoint[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, convert_from(json, 'UTF8')::jsonb -> 'auditCheckpoint' AS checkpoint
         FROM publications WHERE kind = 'transparency_report'`,
    )) as { id: string; checkpoint: unknown }[];
    const found: Checkpoint[] = [];
    for (const row of rows) {
      if (!row.checkpoint) continue;
      // One that does not even parse was changed: it cannot vouch, and the signature check of
      // the others still stands.
      try {
        found.push(checkpointFromJson(row.checkpoint, `publication ${row.id}`));
      } catch {
        continue;
      }
    }
    return found;
  }

  /**
   * Names the first record that differs from what a checkpoint signed, from the copy of the leaf
   * hashes kept when checkpoints were signed (audit_leaf_copies): if the copy, appended to the
   * last state that matched, reproduces the signed root, it is what was signed, and the first
   * stored leaf hash that differs from it is the changed record. Null when the copy is missing
   * or was rewritten too (then the evidence only bounds the range).
   */
  private async locate(vouched: LogState, { cp, origin }: Evidence): Promise<Break | null> {
    const from = vouched.size + 1;
    const copies = (await this.dataSource.query(
      `SELECT first_seq, last_seq, leaves FROM audit_leaf_copies
        WHERE last_seq >= $1 AND first_seq <= $2 ORDER BY first_seq`,
      [from, cp.size],
    )) as { first_seq: string | number; last_seq: string | number; leaves: unknown }[];
    const signed: Buffer[] = [];
    for (const copy of copies) {
      const first = Number(copy.first_seq);
      const leaves = toBuffer(copy.leaves);
      for (
        let seq = Math.max(first, from + signed.length);
        seq <= Math.min(Number(copy.last_seq), cp.size);
        seq++
      ) {
        if (seq !== from + signed.length) return null; // a hole in the copy
        signed.push(leaves.subarray((seq - first) * 32, (seq - first + 1) * 32));
      }
    }
    if (signed.length !== cp.size - vouched.size) return null;
    const range = vouched.range.clone();
    for (const leaf of signed) range.append(hashLeaf(leaf));
    if (!range.root().equals(cp.rootHash)) return null;
    const stored = (await this.dataSource.query(
      'SELECT seq, leaf_hash FROM audit_events WHERE seq >= $1 AND seq <= $2 ORDER BY seq',
      [from, cp.size],
    )) as { seq: string | number; leaf_hash: unknown }[];
    for (let i = 0; i < signed.length; i++) {
      const row = stored[i];
      if (!row || Number(row.seq) !== from + i || !toBuffer(row.leaf_hash).equals(signed[i])) {
        const seq = from + i;
        return {
          seq,
          reason: 'checkpoint_mismatch',
          detail: `record ${seq} is not the record signed in the ${NAMED[origin]} of ${cp.size} records (${cp.signedAt.toISOString()}): its hash was ${b64(signed[i])} (a copy of the signed leaves that reproduces the signed root says so), and the hashes after it were recomputed`,
        };
      }
    }
    return null;
  }
}
