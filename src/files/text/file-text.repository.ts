import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ExtractionMethod } from './text-extractor.js';

/** A content taken for extraction. */
export interface TextJob {
  sha256: Buffer;
  attempts: number;
  media_type: string;
  size: number;
}

/** The text as a search vector: unstemmed, German and English, without positions (smaller). */
const SEARCH_VECTOR = (p: string) =>
  `strip(to_tsvector('simple'::regconfig, ${p}) || to_tsvector('german'::regconfig, ${p}) || to_tsvector('english'::regconfig, ${p}))`;

/** SQL of the file_texts table: the extracted text of each content, and its job state. */
@Injectable()
export class FileTextRepository {
  /** Queues a content for extraction, once: identical content is read once. */
  async enqueue(m: EntityManager, sha256: Buffer): Promise<void> {
    await m.query('INSERT INTO file_texts (sha256) VALUES ($1) ON CONFLICT (sha256) DO NOTHING', [
      sha256,
    ]);
  }

  /**
   * Takes the next due content, if any: SKIP LOCKED lets another instance take another one, and
   * the lease (run_after moved to `leaseUntil`) keeps it from being taken again while it is read;
   * if this instance dies, it becomes due again when the lease ends.
   */
  async claim(m: EntityManager, now: Date, leaseUntil: Date): Promise<TextJob | undefined> {
    const rows: TextJob[] = await m.query(
      `WITH due AS (
         SELECT sha256 FROM file_texts WHERE state = 'pending' AND run_after <= $1
          ORDER BY run_after LIMIT 1 FOR UPDATE SKIP LOCKED),
       taken AS (
         UPDATE file_texts t SET attempts = t.attempts + 1, run_after = $2
           FROM due WHERE t.sha256 = due.sha256 RETURNING t.sha256, t.attempts)
       SELECT taken.sha256, taken.attempts, c.media_type, c.size
         FROM taken JOIN file_contents c ON c.sha256 = taken.sha256`,
      [now, leaseUntil],
    );
    const row = rows[0];
    return row && { ...row, sha256: Buffer.from(row.sha256), size: Number(row.size) };
  }

  /** Stores the text; `searchText` (the text, or its start when the whole is too much for one vector) is indexed. */
  async done(
    m: EntityManager,
    sha256: Buffer,
    method: ExtractionMethod,
    text: string,
    searchText: string,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE file_texts SET state = 'done', method = $2, content = $3, search = ${SEARCH_VECTOR('$4::text')},
              last_error = NULL, extracted_at = $5
        WHERE sha256 = $1`,
      [sha256, method, text, searchText, at],
    );
  }

  /** A failed attempt: tried again at `retryAt`, or given up (`final`). */
  async failed(
    m: EntityManager,
    sha256: Buffer,
    error: string,
    retryAt: Date,
    final: boolean,
  ): Promise<void> {
    await m.query(
      `UPDATE file_texts SET state = $2, last_error = $3, run_after = $4 WHERE sha256 = $1`,
      [sha256, final ? 'failed' : 'pending', error.slice(0, 1000), retryAt],
    );
  }

  /** How many contents wait for extraction (due or not). */
  async pendingCount(m: EntityManager): Promise<number> {
    const rows: { n: string | number }[] = await m.query(
      `SELECT count(*) AS n FROM file_texts WHERE state = 'pending'`,
    );
    return Number(rows[0].n);
  }
}
