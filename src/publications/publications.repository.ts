import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { embargoInForceSql, gagInForceSql } from '../domain/withheld.js';

export const PUBLICATION_KINDS = ['statement', 'transparency_report'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const PUBLICATION_FORMATS = ['pdf', 'json', 'csv'] as const;
export type PublicationFormat = (typeof PUBLICATION_FORMATS)[number];

/** A publication without its files. */
export interface PublicationRow {
  id: string;
  kind: PublicationKind;
  series: string;
  revision: number;
  title: string;
  language: 'en' | 'de';
  caseId: string | null;
  periodFrom: Date | null;
  periodTo: Date | null;
  periodLabel: string | null;
  publishedAt: Date;
  revisionNote: string | null;
  files: Record<PublicationFormat, { sha256: string; bytes: number }>;
  /** The redacted copies published with it (statements only), in the order given. */
  attachments: PublicationAttachment[];
}

/** A redacted copy published with a statement: the version, name and kind it was published with. */
export interface PublicationAttachment {
  fileId: string;
  version: number;
  name: string;
  kind: string;
  bytes: number;
  mediaType: string;
  sha256: string;
}

export interface NewPublication {
  kind: PublicationKind;
  series: string;
  revision: number;
  title: string;
  language: 'en' | 'de';
  caseId: string | null;
  period: { from: Date; to: Date; label: string } | null;
  publishedAt: Date;
  publishedBy: string;
  revisionNote: string | null;
  files: Record<PublicationFormat, { bytes: Buffer; sha256: string }>;
  /** Its id, chosen before its files are made (the JSON names the addresses of its attachments). */
  id: string;
  attachments: PublicationAttachment[];
}

const META = `p.id, p.kind, p.series, p.revision, p.title, p.language, p.case_id, p.period_from, p.period_to,
  p.period_label, p.published_at, p.revision_note, p.pdf_sha256, p.json_sha256, p.csv_sha256,
  octet_length(p.pdf) AS pdf_bytes, octet_length(p.json) AS json_bytes, octet_length(p.csv) AS csv_bytes,
  (SELECT coalesce(json_agg(json_build_object('fileId', f.file_id, 'version', f.version, 'name', f.name,
      'kind', f.kind, 'bytes', f.size, 'mediaType', f.media_type, 'sha256', encode(f.sha256, 'hex'))
      ORDER BY f.position), '[]'::json)
     FROM publication_files f WHERE f.publication_id = p.id) AS attachments`;

/**
 * A statement is public only while its case is under no gag order in force and no embargo, and not
 * void: a gag recorded after publication takes the statement off the public routes until it is
 * lifted; voiding the case (recorded in error) takes it off for good.
 */
const PUBLICLY_VISIBLE = `(p.case_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM cases c WHERE c.id = p.case_id AND (
      c.status = 'void'
      OR ${embargoInForceSql('c', '$1')}
      OR EXISTS (SELECT 1 FROM gag_orders g WHERE g.case_id = c.id AND ${gagInForceSql('g', '$1')}))))`;

interface MetaRow {
  id: string;
  kind: PublicationKind;
  series: string;
  revision: number;
  title: string;
  language: 'en' | 'de';
  case_id: string | null;
  period_from: Date | null;
  period_to: Date | null;
  period_label: string | null;
  published_at: Date;
  revision_note: string | null;
  pdf_sha256: string;
  json_sha256: string;
  csv_sha256: string;
  pdf_bytes: number | string;
  json_bytes: number | string;
  csv_bytes: number | string;
  attachments: PublicationAttachment[] | string;
}

function toRow(r: MetaRow): PublicationRow {
  return {
    id: r.id,
    kind: r.kind,
    series: r.series,
    revision: Number(r.revision),
    title: r.title,
    language: r.language,
    caseId: r.case_id,
    periodFrom: r.period_from && new Date(r.period_from),
    periodTo: r.period_to && new Date(r.period_to),
    periodLabel: r.period_label,
    publishedAt: new Date(r.published_at),
    revisionNote: r.revision_note,
    files: {
      pdf: { sha256: r.pdf_sha256, bytes: Number(r.pdf_bytes) },
      json: { sha256: r.json_sha256, bytes: Number(r.json_bytes) },
      csv: { sha256: r.csv_sha256, bytes: Number(r.csv_bytes) },
    },
    attachments: (typeof r.attachments === 'string'
      ? (JSON.parse(r.attachments) as PublicationAttachment[])
      : r.attachments
    ).map((a) => ({ ...a, bytes: Number(a.bytes) })),
  };
}

/** SQL of the publications: insert-only (the table refuses updates and deletes). */
@Injectable()
export class PublicationsRepository {
  /** The latest revision of a series, or null. */
  async latest(m: EntityManager, series: string): Promise<PublicationRow | null> {
    const rows = (await m.query(
      `SELECT ${META} FROM publications p WHERE p.series = $1 ORDER BY p.revision DESC LIMIT 1`,
      [series],
    )) as MetaRow[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The JSON file of a publication (to compare a new revision with). */
  async json(m: EntityManager, id: string): Promise<Buffer> {
    const rows = (await m.query(`SELECT json FROM publications WHERE id = $1`, [id])) as {
      json: Buffer;
    }[];
    return Buffer.from(rows[0].json);
  }

  async insert(m: EntityManager, p: NewPublication): Promise<string> {
    const rows = (await m.query(
      `INSERT INTO publications (kind, series, revision, title, language, case_id, period_from, period_to,
         period_label, published_at, published_by, revision_note, pdf, pdf_sha256, json, json_sha256, csv, csv_sha256, id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       RETURNING id`,
      [
        p.kind,
        p.series,
        p.revision,
        p.title,
        p.language,
        p.caseId,
        p.period?.from ?? null,
        p.period?.to ?? null,
        p.period?.label ?? null,
        p.publishedAt,
        p.publishedBy,
        p.revisionNote,
        p.files.pdf.bytes,
        p.files.pdf.sha256,
        p.files.json.bytes,
        p.files.json.sha256,
        p.files.csv.bytes,
        p.files.csv.sha256,
        p.id,
      ],
    )) as { id: string }[];
    for (const [i, a] of p.attachments.entries())
      await m.query(
        `INSERT INTO publication_files (publication_id, position, file_id, version, sha256, name, kind, size, media_type)
         VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7, $8, $9)`,
        [p.id, i + 1, a.fileId, a.version, a.sha256, a.name, a.kind, a.bytes, a.mediaType],
      );
    return rows[0].id;
  }

  /**
   * The redacted copies of a case that may be published, by id: the first version of each (the
   * one the redaction made, with its areas burned in), or nothing for an id that is not a file of
   * this case. `redacted` is false for an original.
   */
  async publishableFiles(
    m: EntityManager,
    caseId: string,
    fileIds: readonly string[],
  ): Promise<Map<string, PublicationAttachment & { redacted: boolean }>> {
    if (!fileIds.length) return new Map();
    const rows = (await m.query(
      `SELECT f.id, f.kind, v.version, v.original_name, encode(v.sha256, 'hex') AS sha256, c.size,
              c.media_type, (r.file_id IS NOT NULL) AS redacted
         FROM case_files f
         JOIN case_file_versions v ON v.file_id = f.id AND v.version = 1
         JOIN file_contents c ON c.sha256 = v.sha256
         LEFT JOIN redacted_copies r ON r.file_id = f.id
        WHERE f.case_id = $1 AND f.id = ANY($2::uuid[])`,
      [caseId, fileIds],
    )) as {
      id: string;
      kind: string;
      version: number;
      original_name: string;
      sha256: string;
      size: string;
      media_type: string;
      redacted: boolean;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          fileId: r.id,
          version: Number(r.version),
          name: r.original_name,
          kind: r.kind,
          bytes: Number(r.size),
          mediaType: r.media_type,
          sha256: r.sha256,
          redacted: r.redacted,
        },
      ]),
    );
  }

  /**
   * A redacted copy published with a publication, if the public may see the publication now (the
   * same rule as for its PDF, JSON and CSV): its metadata as published, or null.
   */
  async publicAttachment(
    m: EntityManager,
    id: string,
    fileId: string,
    now: Date,
  ): Promise<PublicationAttachment | null> {
    const rows = (await m.query(
      `SELECT f.file_id, f.version, f.name, f.kind, f.size, f.media_type, encode(f.sha256, 'hex') AS sha256
         FROM publications p JOIN publication_files f ON f.publication_id = p.id
        WHERE p.id = $2 AND f.file_id = $3 AND ${PUBLICLY_VISIBLE}`,
      [now, id, fileId],
    )) as {
      file_id: string;
      version: number;
      name: string;
      kind: string;
      size: string;
      media_type: string;
      sha256: string;
    }[];
    const r = rows[0];
    return r
      ? {
          fileId: r.file_id,
          version: Number(r.version),
          name: r.name,
          kind: r.kind,
          bytes: Number(r.size),
          mediaType: r.media_type,
          sha256: r.sha256,
        }
      : null;
  }

  /** Every publication the public may see now, newest first, all revisions. */
  async listPublic(m: EntityManager, now: Date): Promise<PublicationRow[]> {
    const rows = (await m.query(
      `SELECT ${META} FROM publications p WHERE ${PUBLICLY_VISIBLE}
        ORDER BY p.published_at DESC, p.id LIMIT 10000`,
      [now],
    )) as MetaRow[];
    return rows.map(toRow);
  }

  /** Every statement published on a case, every revision, by language and newest revision first. */
  async listForCase(m: EntityManager, caseId: string): Promise<PublicationRow[]> {
    const rows = (await m.query(
      `SELECT ${META} FROM publications p WHERE p.case_id = $1
        ORDER BY p.language, p.revision DESC LIMIT 1000`,
      [caseId],
    )) as MetaRow[];
    return rows.map(toRow);
  }

  /** One file of a publication, if the public may see it now. */
  async publicFile(m: EntityManager, id: string, format: PublicationFormat, now: Date) {
    if (!PUBLICATION_FORMATS.includes(format))
      throw new RangeError(`unknown format ${String(format)}`);
    const rows = (await m.query(
      `SELECT ${META}, p.${format} AS content FROM publications p WHERE p.id = $2 AND ${PUBLICLY_VISIBLE}`,
      [now, id],
    )) as (MetaRow & { content: Buffer })[];
    return rows[0] ? { meta: toRow(rows[0]), content: Buffer.from(rows[0].content) } : null;
  }
}
