import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { FileStore, type ContentDigest } from './file-store.js';
import { copyIn, type CopyInClient } from './pg-copy-in.js';
import { copyOutValues, type CopyClient } from './pg-copy-out.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows of at most this size: neither PostgreSQL nor the embedded database holds a whole file in one value. */
export const CHUNK_BYTES = 1024 * 1024;

/** Chunks read by one query: one round trip per 4 MiB, not per chunk; at most two such batches in memory. */
const CHUNKS_PER_READ = 4;

interface ContentRow {
  upload_id: string;
  chunk_count: number;
  size: number;
  stored: number;
  chunks: number;
}

/**
 * File contents in the database itself (tables file_contents and file_content_chunks): one
 * backup holds everything, and it works the same on the embedded database. Chunks are written
 * under a fresh upload id as they arrive; at the end the content row claims them, or, when the
 * same SHA-256 is already stored (or being stored by a concurrent upload, whose commit the unique
 * key waits for), they are deleted again in the same transaction. Earlier uploads used chunks of
 * 512 KiB; each content records its chunk count, so both read alike.
 */
@Injectable()
export class PostgresFileStore extends FileStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(
    manager: EntityManager,
    source: AsyncIterable<Buffer>,
    digest: () => ContentDigest,
  ): Promise<{ alreadyStored: boolean }> {
    const uploadId = randomUUID();
    // The transaction's own connection (connected already: the caller has queried on it).
    const client: unknown = await manager.queryRunner?.connect();
    const chunkCount =
      client instanceof pg.Client
        ? await this.copyChunks(client, uploadId, source)
        : await this.insertChunks(manager, uploadId, source);
    const { sha256, size, mediaType } = digest();
    const claimed: unknown[] = await manager.query(
      `WITH i AS (INSERT INTO file_contents (sha256, size, media_type, upload_id, chunk_count)
                  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING RETURNING upload_id)
       SELECT upload_id FROM i`,
      [sha256, size, mediaType, uploadId, chunkCount],
    );
    if (claimed.length) return { alreadyStored: false };
    await manager.query('DELETE FROM file_content_chunks WHERE upload_id = $1', [uploadId]);
    return { alreadyStored: true };
  }

  /** On PostgreSQL: all chunks in one binary COPY, on the transaction's connection. */
  private copyChunks(client: pg.Client, uploadId: string, source: AsyncIterable<Buffer>) {
    const id = Buffer.from(uploadId.replace(/-/g, ''), 'hex');
    return copyIn(
      client as unknown as CopyInClient,
      'COPY file_content_chunks (upload_id, seq, data) FROM STDIN (FORMAT binary)',
      async (row) => {
        let seq = 0;
        for await (const pieces of chunksOf(source, CHUNK_BYTES)) {
          const seqBytes = Buffer.allocUnsafe(4);
          seqBytes.writeInt32BE(seq++);
          await row([id, seqBytes, pieces]);
        }
        return seq;
      },
    );
  }

  /** On the embedded database (in this process, no round trips to save): one INSERT per chunk. */
  private async insertChunks(m: EntityManager, uploadId: string, source: AsyncIterable<Buffer>) {
    let seq = 0;
    for await (const pieces of chunksOf(source, CHUNK_BYTES)) {
      await m.query('INSERT INTO file_content_chunks (upload_id, seq, data) VALUES ($1, $2, $3)', [
        uploadId,
        seq++,
        Buffer.concat(pieces),
      ]);
    }
    return seq;
  }

  async *get(sha256: Buffer): AsyncIterable<Buffer> {
    for await (const piece of await this.open(sha256)) yield piece as Buffer;
  }

  async open(sha256: Buffer): Promise<Readable> {
    // Sizes of the chunks come from the row headers (octet_length does not read the values).
    const rows: ContentRow[] = await this.dataSource.query(
      `SELECT c.upload_id, c.chunk_count, c.size,
              coalesce(sum(octet_length(k.data)), 0) AS stored, count(k.seq) AS chunks
         FROM file_contents c LEFT JOIN file_content_chunks k ON k.upload_id = c.upload_id
        WHERE c.sha256 = $1 GROUP BY c.sha256`,
      [sha256],
    );
    const content = rows[0];
    const name = sha256.toString('hex');
    if (!content) throw new Error(`no stored content ${name}`);
    const size = Number(content.size);
    if (Number(content.stored) !== size || Number(content.chunks) !== content.chunk_count) {
      throw new Error(
        `stored content ${name} is incomplete: ${content.stored} of ${size} bytes in ${content.chunks} of ${content.chunk_count} chunks`,
      );
    }
    const read = (from: number) =>
      this.readChunks(
        content.upload_id,
        from,
        Math.min(CHUNKS_PER_READ, content.chunk_count - from),
      );
    const first = await read(0);
    return new ChunkStream(first, content.chunk_count, size, read, name);
  }

  /**
   * Chunks `from` to `from + count - 1`, in order. On PostgreSQL as a binary COPY (the bytes as
   * they are stored, no hex); on the embedded database, which hands bytes over as they are, a query.
   */
  private async readChunks(uploadId: string, from: number, count: number): Promise<Buffer[]> {
    const pool = (this.dataSource.driver as unknown as { master?: unknown }).master;
    let rows: Uint8Array[];
    if (pool instanceof pg.Pool) {
      // COPY takes no parameters: the values are checked to be what they must be.
      if (!UUID.test(uploadId) || !Number.isSafeInteger(from) || !Number.isSafeInteger(count)) {
        throw new Error('bad chunk reference');
      }
      const client = await pool.connect();
      try {
        rows = await copyOutValues(
          client as unknown as CopyClient,
          `COPY (SELECT data FROM file_content_chunks WHERE upload_id = '${uploadId}'
                   AND seq >= ${from} AND seq < ${from + count} ORDER BY seq) TO STDOUT (FORMAT binary)`,
        );
        client.release();
      } catch (e) {
        client.release(e as Error);
        throw e;
      }
    } else {
      const result: { data: Uint8Array }[] = await this.dataSource.query(
        `SELECT data FROM file_content_chunks WHERE upload_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`,
        [uploadId, from, from + count],
      );
      rows = result.map((r) => r.data);
    }
    if (rows.length !== count) throw new Error(`chunks ${from}… of ${uploadId} are missing`);
    return rows.map((data) =>
      Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length),
    );
  }
}

/**
 * The bytes of `source` as chunks of `size` bytes (the last one shorter), each as the pieces it
 * was received in: nothing is copied, at most one chunk is held.
 */
async function* chunksOf(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer[]> {
  let pieces: Buffer[] = [];
  let bytes = 0;
  for await (const received of source) {
    let piece = received;
    while (bytes + piece.length >= size) {
      const take = size - bytes;
      pieces.push(piece.subarray(0, take));
      yield pieces;
      pieces = [];
      bytes = 0;
      piece = piece.subarray(take);
    }
    if (piece.length) {
      pieces.push(piece);
      bytes += piece.length;
    }
  }
  if (bytes) yield pieces;
}

/**
 * The chunks of one content as a byte stream: the next batch is read only when the consumer
 * wants more (backpressure), a failed read destroys the stream, and a byte count that does not
 * come out at the stored size is an error too, never a silently short end.
 */
class ChunkStream extends Readable {
  private next: number;
  private sent = 0;
  private reading = false;

  constructor(
    private first: Buffer[] | null,
    private readonly chunkCount: number,
    private readonly size: number,
    private readonly read_: (from: number) => Promise<Buffer[]>,
    private readonly name: string,
  ) {
    super({ highWaterMark: CHUNK_BYTES * 2 });
    this.next = first?.length ?? 0;
  }

  override _read(): void {
    if (this.reading) return;
    if (this.first) {
      const batch = this.first;
      this.first = null;
      this.deliver(batch);
      return;
    }
    if (this.next >= this.chunkCount) return;
    this.reading = true;
    const from = this.next;
    this.read_(from).then(
      (batch) => {
        this.reading = false;
        this.next = from + batch.length;
        this.deliver(batch);
      },
      (error: Error) => {
        this.reading = false;
        this.destroy(error);
      },
    );
  }

  private deliver(batch: Buffer[]): void {
    if (this.destroyed) return;
    for (const chunk of batch) {
      this.sent += chunk.length;
      this.push(chunk);
    }
    if (this.next < this.chunkCount) return;
    if (this.sent !== this.size) {
      this.destroy(new Error(`content ${this.name}: ${this.sent} of ${this.size} bytes read`));
    } else this.push(null);
  }
}
