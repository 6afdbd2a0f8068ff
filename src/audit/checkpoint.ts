import pg from 'pg';
import type { DataSource } from 'typeorm';
import { toBuffer } from './audit-hash.js';
import { LogBroken, LogState, scanLog, sequencedSize } from './audit-log-reader.js';
import type { SequencerLogger } from './audit-sequencer.js';
import type { AuditSigningKey, TrustedKeys } from './signing-key.js';

/** The first line of every signed note: names the log, so a signature cannot be replayed elsewhere. */
export const CHECKPOINT_ORIGIN = 'case-tracker audit log';

export interface Checkpoint {
  size: number;
  rootHash: Buffer;
  signedAt: Date;
  signature: Buffer;
  keyId: string;
}

/**
 * The exact text that is signed (UTF-8, Ed25519):
 *   "case-tracker audit log\n<size>\n<root hash, base64>\n<signed at, ISO 8601 UTC with ms>\n"
 */
export function checkpointNote(cp: Pick<Checkpoint, 'size' | 'rootHash' | 'signedAt'>): string {
  return `${CHECKPOINT_ORIGIN}\n${cp.size}\n${cp.rootHash.toString('base64')}\n${cp.signedAt.toISOString()}\n`;
}

/**
 * Why a checkpoint cannot be trusted (its key is not one of the trusted keys, or its signature
 * does not verify), or null when it carries a valid signature of a trusted key.
 */
export function untrustedBecause(cp: Checkpoint, trusted: TrustedKeys): string | null {
  const key = trusted.find(cp.keyId);
  if (!key)
    return `the checkpoint of size ${cp.size} is signed by key ${cp.keyId}, which is not a trusted key (AUDIT_TRUSTED_KEYS)`;
  if (!key.verify(Buffer.from(checkpointNote(cp), 'utf8'), cp.signature))
    return `the checkpoint of size ${cp.size} does not carry a valid signature of key ${cp.keyId}`;
  return null;
}

/**
 * A checkpoint kept outside the database, as JSON: what GET /audit/checkpoints/latest answers
 * ({size, rootHash, signedAt, signature, keyId}), or a published report's JSON, which carries it
 * as `auditCheckpoint` (with the time as `signedAtIso`). Throws an Error naming what is wrong.
 */
export function checkpointFromJson(value: unknown, source: string): Checkpoint {
  const outer = (value ?? {}) as Record<string, unknown>;
  const o = (outer.auditCheckpoint ?? outer.checkpoint ?? outer) as Record<string, unknown>;
  const bad = (what: string) => new Error(`${source}: not a checkpoint (${what})`);
  if (typeof o !== 'object' || o === null) throw bad('no JSON object');
  if (!Number.isSafeInteger(o.size) || (o.size as number) < 1)
    throw bad('size must be a whole number >= 1');
  const bytes = (field: string, length: number) => {
    const text = o[field];
    const buf =
      typeof text === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(text)
        ? Buffer.from(text, 'base64')
        : null;
    if (!buf || buf.length !== length) throw bad(`${field} must be ${length} bytes in base64`);
    return buf;
  };
  const signedAtText = o.signedAtIso ?? o.signedAt;
  const signedAt = typeof signedAtText === 'string' ? new Date(signedAtText) : new Date(NaN);
  if (Number.isNaN(signedAt.getTime()) || signedAt.toISOString() !== signedAtText)
    throw bad('signedAt must be the ISO 8601 time of the note, e.g. 2026-01-15T09:45:00.000Z');
  if (typeof o.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(o.keyId))
    throw bad('keyId must be 16 hex digits');
  return {
    size: o.size as number,
    rootHash: bytes('rootHash', 32),
    signedAt,
    signature: bytes('signature', 64),
    keyId: o.keyId,
  };
}

interface CheckpointRow {
  size: number | string;
  root_hash: unknown;
  signed_at: Date | string;
  signature: unknown;
  key_id: string;
}

const COLUMNS = 'size, root_hash, signed_at, signature, key_id';

function fromRow(row: CheckpointRow): Checkpoint {
  return {
    size: Number(row.size),
    rootHash: toBuffer(row.root_hash),
    signedAt: new Date(row.signed_at),
    signature: toBuffer(row.signature),
    keyId: row.key_id,
  };
}

export async function readCheckpoints(dataSource: DataSource): Promise<Checkpoint[]> {
  const rows = (await dataSource.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY size`,
  )) as CheckpointRow[];
  return rows.map(fromRow);
}

export async function latestCheckpoint(dataSource: DataSource): Promise<Checkpoint | null> {
  const rows = (await dataSource.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY size DESC LIMIT 1`,
  )) as CheckpointRow[];
  return rows.length ? fromRow(rows[0]) : null;
}

/** The newest checkpoints smaller than `before` (all when absent), newest first. */
export async function recentCheckpoints(
  dataSource: DataSource,
  limit: number,
  before?: number,
): Promise<Checkpoint[]> {
  const rows = (await dataSource.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE ($1::bigint IS NULL OR size < $1)
      ORDER BY size DESC LIMIT $2`,
    [before ?? null, limit],
  )) as CheckpointRow[];
  return rows.map(fromRow);
}

export async function checkpointAt(
  dataSource: DataSource,
  size: number,
): Promise<Checkpoint | null> {
  const rows = (await dataSource.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE size = $1`, [
    size,
  ])) as CheckpointRow[];
  return rows.length ? fromRow(rows[0]) : null;
}

/** The checkpointer will not sign: the trail or its latest checkpoint does not verify. */
export class RefusedToSign extends Error {}

/**
 * Signs checkpoints: the size and Merkle root of the sequenced log. Keeps the log's state (chain
 * hash and Merkle compact range) of the last checkpoint in memory, so the next one only reads and
 * checks the records added since. It refuses to sign a log that does not extend what it signed
 * before, or whose new records fail verification; it logs that instead.
 */
/** Advisory lock class of checkpoint signing ("AUDC"); the second key is the schema. */
export const SIGNING_LOCK_CLASS = 0x41554443;

/**
 * Runs `sign` while holding the signing lock of this schema, so that of several service instances
 * on one PostgreSQL exactly one signs at a time, and the next one sees its checkpoint (and signs
 * only what was added since, with a copy of just those leaves). A session lock on a connection of
 * its own, since signing reads the trail on others. The embedded database needs none: only one
 * process can open its data directory.
 */
async function withSigningLock<T>(dataSource: DataSource, sign: () => Promise<T>): Promise<T> {
  const pool = (dataSource.driver as unknown as { master?: unknown }).master;
  if (!(pool instanceof pg.Pool)) return sign();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [
      SIGNING_LOCK_CLASS,
    ]);
    try {
      return await sign();
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [SIGNING_LOCK_CLASS])
        .catch((err: Error) => {
          // Closing the connection releases the lock as well.
          broken = err;
        });
    }
  } finally {
    client.release(broken);
  }
}

export class AuditCheckpointer {
  private state: LogState | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private interval: NodeJS.Timeout | null = null;
  private stopped = false;

  /** Why the last attempt refused to sign (a forged or unverifiable checkpoint, a broken trail); null after a signature. */
  private refusal: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly trusted: TrustedKeys,
    private readonly sequence: () => Promise<unknown>,
    private readonly logger: SequencerLogger,
    private readonly intervalMs: number,
  ) {}

  /** For /health: whether the service signs, and if not, why. */
  get refusedBecause(): string | null {
    return this.refusal;
  }

  start(): void {
    this.stopped = false;
    if (this.intervalMs > 0 && !this.interval) {
      const logFailure = (err: unknown) => {
        if (this.stopped) return;
        if (err instanceof RefusedToSign) this.logger.error(`Audit trail: ${err.message}`);
        else
          this.logger.error(
            `Signing an audit checkpoint failed: ${(err as Error).message}`,
            (err as Error).stack,
          );
      };
      this.checkLatest().catch(logFailure);
      this.interval = setInterval(() => {
        this.checkpoint().catch(logFailure);
      }, this.intervalMs);
      this.interval.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    await this.busy.catch(() => {});
  }

  /**
   * Sequences what is committed, then signs a checkpoint of the whole log if it grew since the
   * latest one; returns the latest checkpoint (null while the log is empty).
   */
  async checkpoint(): Promise<Checkpoint | null> {
    await this.sequence();
    return this.guarded(() => this.checkpointNow());
  }

  /**
   * Checks, without signing, that the latest checkpoint is trusted and that the stored trail
   * still has its root (run at start, so that /health tells at once).
   */
  checkLatest(): Promise<void> {
    return this.guarded(async () => {
      if (this.stopped) return null;
      const latest = await latestCheckpoint(this.dataSource);
      this.assertTrusted(latest);
      await this.knownState(latest);
      return latest;
    }).then(() => undefined);
  }

  /** Runs one step after the previous one, and keeps the refusal state for /health. */
  private guarded(step: () => Promise<Checkpoint | null>): Promise<Checkpoint | null> {
    const run = this.busy
      .catch(() => {})
      .then(step)
      .then(
        (cp) => {
          this.refusal = null;
          return cp;
        },
        (err: unknown) => {
          if (err instanceof RefusedToSign) this.refusal = err.message;
          throw err;
        },
      );
    this.busy = run;
    return run;
  }

  /**
   * Never extend (nor vouch for) a tree whose latest checkpoint this service cannot verify: it may
   * be an attacker's, signed over a rewritten trail.
   */
  private assertTrusted(latest: Checkpoint | null) {
    const untrusted = latest && untrustedBecause(latest, this.trusted);
    if (untrusted)
      throw new RefusedToSign(
        `not signing: ${untrusted}; the audit trail may have been rewritten. Run npm run audit:verify, ` +
          'or add the key to AUDIT_TRUSTED_KEYS if it is an earlier key of this service.',
      );
  }

  private async checkpointNow(): Promise<Checkpoint | null> {
    if (this.stopped) return latestCheckpoint(this.dataSource);
    return withSigningLock(this.dataSource, () => this.signIfGrown());
  }

  private async signIfGrown(): Promise<Checkpoint | null> {
    const [size, latest] = await Promise.all([
      sequencedSize(this.dataSource),
      latestCheckpoint(this.dataSource),
    ]);
    this.assertTrusted(latest);
    if (size === 0 || (latest && latest.size >= size)) return latest;

    const state = (await this.knownState(latest)).clone();
    try {
      await scanLog(this.dataSource, state, size);
    } catch (err) {
      if (err instanceof LogBroken) {
        throw new RefusedToSign(
          `not signing: the audit trail is broken at seq ${err.broken.seq} (${err.broken.reason}): ${err.broken.detail}`,
          { cause: err },
        );
      }
      throw err;
    }
    this.state = state;
    const rootHash = state.range.root();
    const signedAt = new Date();
    const signature = this.key.sign(
      Buffer.from(checkpointNote({ size, rootHash, signedAt }), 'utf8'),
    );
    const copyFrom = (latest?.size ?? 0) + 1;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO audit_checkpoints (size, root_hash, signed_at, signature, key_id)
         VALUES ($1, decode($2, 'hex'), $3::timestamptz, decode($4, 'hex'), $5) ON CONFLICT (size) DO NOTHING`,
        [
          size,
          rootHash.toString('hex'),
          signedAt.toISOString(),
          signature.toString('hex'),
          this.key.keyId,
        ],
      );
      // The leaf hashes this checkpoint adds, as signed: they name a changed record later (see
      // AuditVerifier.locate).
      await m.query(
        `INSERT INTO audit_leaf_copies (first_seq, last_seq, leaves)
         SELECT $1, $2, string_agg(leaf_hash, ''::bytea ORDER BY seq)
           FROM audit_events WHERE seq >= $1 AND seq <= $2
         ON CONFLICT (first_seq) DO NOTHING`,
        [copyFrom, size],
      );
    });
    // Another process may have signed the same size first; theirs stands.
    return checkpointAt(this.dataSource, size);
  }

  /**
   * The log's state at the size of the latest checkpoint (or a later one this process reached).
   * After a start it is rebuilt from the stored leaf and chain hashes and must reproduce the
   * latest checkpoint's root, or nothing more is signed.
   */
  private async knownState(latest: Checkpoint | null): Promise<LogState> {
    if (this.state && (!latest || this.state.size >= latest.size)) return this.state;
    const state = this.state?.clone() ?? new LogState();
    if (latest) {
      try {
        await scanLog(this.dataSource, state, latest.size, { checkContent: false });
      } catch (err) {
        if (err instanceof LogBroken)
          throw new RefusedToSign(`not signing: ${err.message}`, { cause: err });
        throw err;
      }
      if (!state.range.root().equals(latest.rootHash)) {
        throw new RefusedToSign(
          `not signing: the first ${latest.size} records no longer have the root of the latest checkpoint; run the audit verification`,
        );
      }
    }
    this.state = state;
    return state;
  }
}
