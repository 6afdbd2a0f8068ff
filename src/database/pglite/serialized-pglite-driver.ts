import { EventEmitter } from 'node:events';
import { types, type PGlite } from '@electric-sql/pglite';
import { Mutex, withTimeout, E_TIMEOUT } from 'async-mutex';

type Callback = (err: Error | null, client?: unknown, release?: (err?: unknown) => void) => void;

const CHECKOUT_TIMEOUT_MS = 30_000;

/** Type parsers shared with the pg driver, so both databases return the same JS values. */
export const PGLITE_PARSERS = { [types.INT8]: (value: string) => Number(value) };

function commandOf(sql: string): string {
  const match = /^\s*(\w+)/.exec(sql);
  return match ? match[1].toUpperCase() : '';
}

/**
 * A `pg`-compatible driver object for TypeORM on top of one in-process PGlite database.
 *
 * PGlite has a single session. Handing it to several TypeORM query runners at once makes their
 * transactions interleave, and a rollback in one then undoes the committed writes of another.
 * Here every checkout holds a mutex until it is released, so transactions (and single queries)
 * run one after another, as they would on a pool of size one.
 */
export function serializedPGliteDriver(db: PGlite) {
  const mutex = withTimeout(new Mutex(), CHECKOUT_TIMEOUT_MS);

  // TypeORM attaches and removes error listeners on the client, so it must be an EventEmitter.
  const client = Object.assign(new EventEmitter(), {
    async query(sql: string | { text: string }, params?: unknown[]) {
      const text = typeof sql === 'string' ? sql : sql.text;
      if (params && params.length > 0) {
        const result = await db.query<Record<string, unknown>>(text, params);
        return {
          rows: result.rows,
          rowCount: result.affectedRows ?? result.rows.length,
          command: commandOf(text),
          fields: result.fields,
        };
      }
      // exec runs several statements (migrations); TypeORM expects the last statement's result.
      const results = await db.exec(text);
      const last = results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
      return {
        rows: last.rows,
        rowCount: last.affectedRows ?? last.rows.length,
        command: commandOf(text),
        fields: last.fields,
      };
    },
  });

  class Pool extends EventEmitter {
    connect(callback: Callback) {
      mutex.acquire().then(
        (release) => {
          let released = false;
          callback(null, client, () => {
            if (!released) {
              released = true;
              release();
            }
          });
        },
        (err: unknown) =>
          callback(
            err === E_TIMEOUT
              ? new Error(
                  `The embedded database stayed busy for ${CHECKOUT_TIMEOUT_MS / 1000} s; request abandoned`,
                )
              : (err as Error),
          ),
      );
    }

    async query(sql: string, params?: unknown[]) {
      const release = await mutex.acquire();
      try {
        return await client.query(sql, params);
      } finally {
        release();
      }
    }

    end(callback?: (err?: Error | null) => void) {
      db.close().then(
        () => callback?.(null),
        (err: Error) => callback?.(err),
      );
    }
  }

  /** Runs `work` while no transaction or query is in progress (e.g. a snapshot of the data directory). */
  const runExclusive = <T>(work: () => Promise<T>): Promise<T> => mutex.runExclusive(work);

  return { Pool, runExclusive };
}
