import type { Socket } from 'node:net';
import { COPY_SIGNATURE } from './pg-copy-out.js';

/** What of pg's connection a COPY FROM STDIN needs: its socket and the end/fail messages. */
interface CopyConnection {
  stream: Socket;
  query(text: string): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY … FROM STDIN (FORMAT binary)` through pg's Submittable interface (the counterpart of
 * pg-copy-out.ts). One statement for a whole upload instead of one INSERT per chunk, and the bytes
 * go to the socket as they came in: no parameter serialisation, no copy of the values.
 */
class CopyIn {
  readonly started: Promise<CopyConnection>;
  readonly done: Promise<void>;
  error: Error | null = null;
  private start!: { resolve: (c: CopyConnection) => void; reject: (e: Error) => void };
  private finish!: { resolve: () => void; reject: (e: Error) => void };

  constructor(private readonly text: string) {
    this.started = new Promise((resolve, reject) => (this.start = { resolve, reject }));
    this.done = new Promise((resolve, reject) => (this.finish = { resolve, reject }));
    // Both are awaited by copyIn(); a failure before the copy starts would leave one unobserved.
    this.started.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    this.start.resolve(connection);
  }
  /** Settles both at once: after a lost connection no ReadyForQuery follows. */
  handleError(error: Error): void {
    this.error = error;
    this.start.reject(error);
    this.finish.reject(error);
  }
  handleReadyForQuery(): void {
    if (!this.error) this.finish.resolve();
  }
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/** A field of a row: its bytes in binary COPY form, whole or in pieces. */
export type CopyField = Buffer | readonly Buffer[];

const int16 = (n: number) => {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
};
const sizeOf = (field: CopyField) =>
  Buffer.isBuffer(field) ? field.length : field.reduce((n, b) => n + b.length, 0);

/** Writes `parts` as one CopyData message, waiting while the socket's buffer is full. */
async function sendCopyData(socket: Socket, parts: Buffer[]): Promise<void> {
  const size = parts.reduce((n, b) => n + b.length, 0);
  socket.cork();
  socket.write(Buffer.from([0x64])); // 'd'
  let ok = socket.write(int32(size + 4));
  for (const part of parts) ok = socket.write(part);
  socket.uncork();
  if (ok || socket.destroyed) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      socket.off('drain', done).off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('connection closed during COPY'));
    socket.on('drain', done).on('close', closed);
  });
}

/** A pg client, as far as this needs one. */
export interface CopyInClient {
  query(submittable: CopyIn): unknown;
}

/**
 * Runs `copySql` (a COPY … FROM STDIN (FORMAT binary)) and hands `write` a function that sends
 * one row. When `write` throws, the COPY is failed on the server (nothing of it stays) and the
 * error is thrown on; an error of the server is thrown at the next row or at the end.
 */
export async function copyIn<T>(
  client: CopyInClient,
  copySql: string,
  write: (row: (fields: CopyField[]) => Promise<void>) => Promise<T>,
): Promise<T> {
  const copy = new CopyIn(copySql);
  client.query(copy);
  let connection: CopyConnection;
  try {
    connection = await copy.started;
  } catch (e) {
    await copy.done.catch(() => undefined);
    throw e;
  }
  const socket = connection.stream;
  const row = async (fields: CopyField[]) => {
    if (copy.error) throw copy.error;
    const parts: Buffer[] = [int16(fields.length)];
    for (const field of fields) {
      parts.push(int32(sizeOf(field)));
      if (Buffer.isBuffer(field)) parts.push(field);
      else parts.push(...field);
    }
    await sendCopyData(socket, parts);
  };
  let result: T;
  try {
    await sendCopyData(socket, [COPY_SIGNATURE, int32(0), int32(0)]);
    result = await write(row);
    await sendCopyData(socket, [int16(-1)]);
    connection.endCopyFrom();
  } catch (e) {
    connection.sendCopyFail(e instanceof Error ? e.message : String(e));
    await copy.done.catch(() => undefined);
    throw e;
  }
  await copy.done;
  return result;
}
