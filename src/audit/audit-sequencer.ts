import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { GENESIS_CHAIN_HASH, chainHashOf, toBuffer } from './audit-hash.js';

/** Advisory lock class of the sequencer ("AUDT"); the second key is the schema, so schemas do not contend. */
export const SEQUENCER_LOCK_CLASS = 0x41554454;

export interface SequencerOptions {
  /** Rows placed per transaction (keeps each transaction, and PGlite's single session, short). */
  batchSize: number;
  /** Delay between a committed write and the run it triggers. */
  delayMs: number;
  /** Safety net: a run this often, for rows committed by other processes or missed triggers. */
  intervalMs: number;
}

export interface SequencerLogger {
  error(message: string, stack?: string): void;
}

/**
 * Gives committed, unsequenced audit events their place in the log: seq contiguous from 1 and the
 * chain hash, in (occurred_at, id) order. Writers never wait for it: they only insert. One
 * sequencer at a time, across processes too, by a transaction-scoped advisory lock.
 *
 * Runs shortly after each committed write that recorded something (a TypeORM transaction
 * subscriber tells it), on an interval, and on demand (run()). Timers are unref'd and stopped by
 * stop(), so processes exit cleanly. Never call run() from inside an open transaction: on PGlite
 * transactions are serialised through one mutex, and the run would wait for itself.
 */
export class AuditSequencer {
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly writers = new WeakSet<QueryRunner>();
  private readonly subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) =>
      this.afterTransaction(event.queryRunner, true),
    afterTransactionRollback: (event: TransactionRollbackEvent) =>
      this.afterTransaction(event.queryRunner, false),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: SequencerOptions,
    private readonly logger: SequencerLogger,
  ) {}

  /** Starts the interval and listens for committed transactions; runs once soon for rows left by a previous process. */
  start(): void {
    this.stopped = false;
    const subscribers = this.dataSource.subscribers as EntitySubscriberInterface[];
    if (!subscribers.includes(this.subscriber)) subscribers.push(this.subscriber);
    if (this.options.intervalMs > 0 && !this.interval) {
      this.interval = setInterval(() => this.runInBackground(), this.options.intervalMs);
      this.interval.unref();
    }
    this.schedule();
  }

  /** Stops the timers and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    this.timer = this.interval = null;
    const subscribers = this.dataSource.subscribers as EntitySubscriberInterface[];
    const at = subscribers.indexOf(this.subscriber);
    if (at >= 0) subscribers.splice(at, 1);
    await Promise.allSettled([this.running, this.queued].filter(Boolean));
  }

  /** Called by AuditService.record inside a write transaction: sequence after that transaction commits. */
  noteWrite(queryRunner: QueryRunner | undefined): void {
    if (queryRunner?.isTransactionActive) this.writers.add(queryRunner);
    else this.schedule();
  }

  private afterTransaction(queryRunner: QueryRunner, committed: boolean) {
    // Nested transactions (savepoints) report too; only the outermost commit makes rows visible.
    if (queryRunner.isTransactionActive || !this.writers.has(queryRunner)) return;
    this.writers.delete(queryRunner);
    if (committed) this.schedule();
  }

  /** Runs soon (debounced): many writes in a burst cause one run. */
  schedule(delayMs = this.options.delayMs): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runInBackground();
    }, delayMs);
    this.timer.unref();
  }

  private runInBackground() {
    this.run().catch((err: unknown) => {
      if (this.stopped) return;
      this.logger.error(
        `Sequencing the audit trail failed: ${(err as Error).message}`,
        (err as Error).stack,
      );
      this.schedule(1_000);
    });
  }

  /**
   * Sequences every event committed before the call; resolves to the number placed. Concurrent
   * callers share runs: one that arrives during a run waits for it and one more.
   */
  run(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (!this.running) {
      this.running = this.sequenceAll().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // The run in progress may have read the pending rows before the caller's rows were committed.
    this.queued ??= this.running
      .catch(() => 0)
      .then(() => {
        this.queued = null;
        return this.run();
      });
    return this.queued;
  }

  private async sequenceAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const placed = await this.sequenceBatch();
      total += placed;
      if (placed < this.options.batchSize || this.stopped) return total;
    }
  }

  private sequenceBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [
        SEQUENCER_LOCK_CLASS,
      ]);
      const pending = (await m.query(
        'SELECT id, leaf_hash FROM audit_events WHERE seq IS NULL ORDER BY occurred_at, id LIMIT $1',
        [this.options.batchSize],
      )) as { id: string; leaf_hash: unknown }[];
      if (pending.length === 0) return 0;
      const last = (await m.query(
        'SELECT seq, chain_hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
      )) as { seq: number | string; chain_hash: unknown }[];
      let seq = last.length ? Number(last[0].seq) : 0;
      let chain = last.length ? toBuffer(last[0].chain_hash) : GENESIS_CHAIN_HASH;
      const ids: string[] = [];
      const seqs: string[] = [];
      const chains: string[] = [];
      for (const row of pending) {
        seq += 1;
        chain = chainHashOf(chain, toBuffer(row.leaf_hash));
        ids.push(row.id);
        seqs.push(String(seq));
        chains.push(chain.toString('hex'));
      }
      const result = (await m.query(
        `UPDATE audit_events AS a SET seq = v.seq, chain_hash = decode(v.chain, 'hex')
           FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS v(id, seq, chain)
          WHERE a.id = v.id AND a.seq IS NULL`,
        [ids, seqs, chains],
      )) as [unknown[], number];
      if (result[1] !== pending.length) {
        throw new Error(`placed ${result[1]} of ${pending.length} audit events; rolled back`);
      }
      return pending.length;
    });
  }
}
