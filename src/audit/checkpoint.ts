import type { DataSource } from 'typeorm';
import { toBuffer } from './audit-hash.js';
import { LogBroken, LogState, scanLog, sequencedSize } from './audit-log-reader.js';
import type { SequencerLogger } from './audit-sequencer.js';
import type { AuditSigningKey } from './signing-key.js';

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

export async function checkpointAt(
  dataSource: DataSource,
  size: number,
): Promise<Checkpoint | null> {
  const rows = (await dataSource.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE size = $1`, [
    size,
  ])) as CheckpointRow[];
  return rows.length ? fromRow(rows[0]) : null;
}

/**
 * Signs checkpoints: the size and Merkle root of the sequenced log. Keeps the log's state (chain
 * hash and Merkle compact range) of the last checkpoint in memory, so the next one only reads and
 * checks the records added since. It refuses to sign a log that does not extend what it signed
 * before, or whose new records fail verification; it logs that instead.
 */
export class AuditCheckpointer {
  private state: LogState | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private interval: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly sequence: () => Promise<unknown>,
    private readonly logger: SequencerLogger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    if (this.intervalMs > 0 && !this.interval) {
      this.interval = setInterval(() => {
        this.checkpoint().catch((err: unknown) => {
          if (!this.stopped)
            this.logger.error(
              `Signing an audit checkpoint failed: ${(err as Error).message}`,
              (err as Error).stack,
            );
        });
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
    const run = this.busy.catch(() => {}).then(() => this.checkpointNow());
    this.busy = run;
    return run;
  }

  private async checkpointNow(): Promise<Checkpoint | null> {
    if (this.stopped) return latestCheckpoint(this.dataSource);
    const [size, latest] = await Promise.all([
      sequencedSize(this.dataSource),
      latestCheckpoint(this.dataSource),
    ]);
    if (size === 0 || (latest && latest.size >= size)) return latest;

    const state = (await this.knownState(latest)).clone();
    try {
      await scanLog(this.dataSource, state, size);
    } catch (err) {
      if (err instanceof LogBroken) {
        throw new Error(
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
    await this.dataSource.query(
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
          throw new Error(`not signing: ${err.message}`, { cause: err });
        throw err;
      }
      if (!state.range.root().equals(latest.rootHash)) {
        throw new Error(
          `not signing: the first ${latest.size} records no longer have the root of the latest checkpoint; run the audit verification`,
        );
      }
    }
    this.state = state;
    return state;
  }
}
