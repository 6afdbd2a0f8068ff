import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One version of a file in the case file, as the case file PDF lists it. */
export interface AttachmentRow {
  file_id: string;
  kind: string;
  privileged: boolean;
  version: number;
  sha256: Buffer | Uint8Array;
  size: string | number;
  media_type: string;
  original_name: string;
  uploaded_at: Date | string;
}

/**
 * The files of a case for the case file PDF (read only; uploads and downloads are the files
 * module's): every version, oldest file first; privileged files only when `withPrivileged`.
 */
@Injectable()
export class CaseFileAttachmentsRepository {
  list(m: EntityManager, caseId: string, withPrivileged: boolean): Promise<AttachmentRow[]> {
    return m.query(
      `SELECT f.id AS file_id, f.kind, f.privileged, v.version, v.sha256, c.size, c.media_type,
              v.original_name, v.uploaded_at
         FROM case_files f
         JOIN case_file_versions v ON v.file_id = f.id
         JOIN file_contents c ON c.sha256 = v.sha256
        WHERE f.case_id = $1 ${withPrivileged ? '' : 'AND NOT f.privileged'}
        ORDER BY f.created_at, f.id, v.version`,
      [caseId],
    );
  }
}
