import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL of the link between a redacted copy and its source. */
@Injectable()
export class RedactionRepository {
  async insertLink(
    m: EntityManager,
    link: { fileId: string; sourceFileId: string; sourceVersion: number; rules: unknown },
  ): Promise<void> {
    await m.query(
      `INSERT INTO redacted_copies (file_id, source_file_id, source_version, rules) VALUES ($1, $2, $3, $4::jsonb)`,
      [link.fileId, link.sourceFileId, link.sourceVersion, JSON.stringify(link.rules)],
    );
  }
}
