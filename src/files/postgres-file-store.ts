import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FileStore, type ContentDigest } from './file-store.js';

/** Rows of at most this size: neither PostgreSQL nor the embedded database holds a whole file in one value. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * File contents in the database itself (tables file_contents and file_content_chunks): one
 * backup holds everything, and it works the same on the embedded database. Chunks are written
 * under a fresh upload id as they arrive; at the end the content row claims them, or, when the
 * same SHA-256 is already stored (or being stored by a concurrent upload, whose commit the unique
 * key waits for), they are deleted again in the same transaction.
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
    let seq = 0;
    const write = (data: Buffer) =>
      manager.query('INSERT INTO file_content_chunks (upload_id, seq, data) VALUES ($1, $2, $3)', [
        uploadId,
        seq++,
        data,
      ]);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const piece of source) {
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= CHUNK_BYTES) {
        const all = Buffer.concat(pending, pendingBytes);
        await write(all.subarray(0, CHUNK_BYTES));
        const rest = Buffer.from(all.subarray(CHUNK_BYTES));
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes) await write(Buffer.concat(pending, pendingBytes));
    const { sha256, size, mediaType } = digest();
    const claimed: unknown[] = await manager.query(
      `WITH i AS (INSERT INTO file_contents (sha256, size, media_type, upload_id, chunk_count)
                  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING RETURNING upload_id)
       SELECT upload_id FROM i`,
      [sha256, size, mediaType, uploadId, seq],
    );
    if (claimed.length) return { alreadyStored: false };
    await manager.query('DELETE FROM file_content_chunks WHERE upload_id = $1', [uploadId]);
    return { alreadyStored: true };
  }

  async *get(sha256: Buffer): AsyncIterable<Buffer> {
    const rows: { upload_id: string; chunk_count: number }[] = await this.dataSource.query(
      'SELECT upload_id, chunk_count FROM file_contents WHERE sha256 = $1',
      [sha256],
    );
    const content = rows[0];
    if (!content) throw new Error(`no stored content ${sha256.toString('hex')}`);
    for (let seq = 0; seq < content.chunk_count; seq++) {
      const chunk: { data: Uint8Array }[] = await this.dataSource.query(
        'SELECT data FROM file_content_chunks WHERE upload_id = $1 AND seq = $2',
        [content.upload_id, seq],
      );
      const data = chunk[0].data;
      yield Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
    }
  }
}
