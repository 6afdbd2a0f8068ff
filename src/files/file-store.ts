import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** What is known of a file's bytes once they have all been read. */
export interface ContentDigest {
  sha256: Buffer;
  size: number;
  mediaType: string;
}

/**
 * Where file contents live, addressed by their SHA-256: identical content is stored once. The
 * default keeps them in the database (PostgresFileStore); an object store (S3) can implement the
 * same two methods without anything else changing.
 */
export abstract class FileStore {
  /**
   * Stores the bytes of `source` as part of the transaction of `manager`: when the transaction
   * rolls back (the upload was too large, of the wrong type, cut off) nothing is left. `digest`
   * is called once the source has ended. Returns whether the same content was already stored.
   */
  abstract put(
    manager: EntityManager,
    source: AsyncIterable<Buffer>,
    digest: () => ContentDigest,
  ): Promise<{ alreadyStored: boolean }>;

  /** The stored bytes, a piece at a time (memory stays bounded whatever the size). */
  abstract get(sha256: Buffer): AsyncIterable<Buffer>;

  /**
   * The stored bytes as a stream for a response. Resolves once the content is known to be whole
   * and its first bytes are read, so that a missing or damaged content fails before anything is
   * sent; a read that fails later destroys the stream with the error, so the response is aborted,
   * never ended short as if complete. The stream respects backpressure.
   */
  abstract open(sha256: Buffer): Promise<Readable>;
}
