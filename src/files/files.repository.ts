import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FileKind, FilePartType } from '../domain/vocabulary.js';

/** The table of each kind of case part a file can belong to. */
const PART_TABLES: Record<FilePartType, string> = {
  'legal-bases': 'legal_bases',
  'seized-items': 'seized_items',
  disclosures: 'disclosures',
  timeline: 'timeline_events',
  'gag-orders': 'gag_orders',
  remedies: 'remedies',
};

export interface FileRow {
  id: string;
  case_id: string;
  kind: FileKind;
  privileged: boolean;
  part_type: FilePartType | null;
  part_id: string | null;
  created_at: Date;
  /** Set when the file is a redacted copy: the file and version it was made from. */
  source_file_id?: string | null;
  source_version?: number | null;
}

export interface VersionRow {
  file_id: string;
  version: number;
  sha256: Buffer;
  size: string;
  media_type: string;
  original_name: string;
  uploaded_at: Date;
  uploaded_by_label: string;
}

const VERSION_COLUMNS = `v.file_id, v.version, v.sha256, c.size, c.media_type, v.original_name, v.uploaded_at,
  v.uploaded_by_label`;

const FILE_COLUMNS = `f.id, f.case_id, f.kind, f.privileged, f.part_type, f.part_id, f.created_at,
  r.source_file_id, r.source_version`;
/** A redacted copy names its source (the link is written by the redaction service). */
const REDACTED_FROM = 'LEFT JOIN redacted_copies r ON r.file_id = f.id';

/** SQL of files and their versions (the bytes are the FileStore's). */
@Injectable()
export class FilesRepository {
  async partExists(
    m: EntityManager,
    caseId: string,
    type: FilePartType,
    id: string,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM ${PART_TABLES[type]} WHERE id = $1 AND case_id = $2`,
      [id, caseId],
    );
    return rows.length > 0;
  }

  async insertFile(
    m: EntityManager,
    file: Omit<FileRow, 'id' | 'created_at'> & { created_at: Date; created_by: string | null },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `WITH i AS (INSERT INTO case_files (case_id, kind, privileged, part_type, part_id, created_at, created_by)
                  VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id) SELECT id FROM i`,
      [
        file.case_id,
        file.kind,
        file.privileged,
        file.part_type,
        file.part_id,
        file.created_at,
        file.created_by,
      ],
    );
    return rows[0].id;
  }

  /** Adds the next version of a file; the row lock on the file orders concurrent versions. */
  async insertVersion(
    m: EntityManager,
    v: {
      fileId: string;
      sha256: Buffer;
      originalName: string;
      uploadedAt: Date;
      uploadedBy: string | null;
      uploadedByLabel: string;
    },
  ): Promise<number> {
    await m.query('SELECT id FROM case_files WHERE id = $1 FOR UPDATE', [v.fileId]);
    const rows: { version: number }[] = await m.query(
      `WITH i AS (
         INSERT INTO case_file_versions (file_id, version, sha256, original_name, uploaded_at, uploaded_by, uploaded_by_label)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM case_file_versions WHERE file_id = $1
         RETURNING version) SELECT version FROM i`,
      [v.fileId, v.sha256, v.originalName, v.uploadedAt, v.uploadedBy, v.uploadedByLabel],
    );
    return rows[0].version;
  }

  async file(m: EntityManager, caseId: string, fileId: string): Promise<FileRow | undefined> {
    const rows: FileRow[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM case_files f ${REDACTED_FROM}
        WHERE f.id = $1 AND f.case_id = $2`,
      [fileId, caseId],
    );
    return rows[0];
  }

  /** The files of a case, oldest first; privileged ones only when `withPrivileged`. */
  async files(m: EntityManager, caseId: string, withPrivileged: boolean): Promise<FileRow[]> {
    return m.query(
      `SELECT ${FILE_COLUMNS} FROM case_files f ${REDACTED_FROM}
        WHERE f.case_id = $1 ${withPrivileged ? '' : 'AND NOT f.privileged'}
        ORDER BY f.created_at, f.id`,
      [caseId],
    );
  }

  async versions(m: EntityManager, fileIds: string[]): Promise<VersionRow[]> {
    if (!fileIds.length) return [];
    return m.query(
      `SELECT ${VERSION_COLUMNS}
         FROM case_file_versions v JOIN file_contents c ON c.sha256 = v.sha256
        WHERE v.file_id = ANY($1::uuid[]) ORDER BY v.file_id, v.version`,
      [fileIds],
    );
  }
}
