import type { PublicationDto } from './dto/publication.dto.js';
import {
  PUBLICATION_FORMATS,
  type PublicationFormat,
  type PublicationRow,
} from './publications.repository.js';

export const CONTENT_TYPES: Record<PublicationFormat, string> = {
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Where the public downloads a redacted copy published with a publication. */
export const attachmentUrl = (publicationId: string, fileId: string) =>
  `/public/publications/${publicationId}/files/${fileId}`;

/** The ids of the rows that a later revision of the same document (series) among `rows` replaces. */
export function supersededIds(rows: readonly PublicationRow[]): Set<string> {
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(r.series, Math.max(latest.get(r.series) ?? 0, r.revision));
  return new Set(rows.filter((r) => r.revision < (latest.get(r.series) ?? 0)).map((r) => r.id));
}

/**
 * What the public sees of a publication: never the case it is about. `superseded`: a later
 * revision of the same document exists (the caller knows the list it belongs to).
 */
export function toPublicationDto(row: PublicationRow, superseded = false): PublicationDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    language: row.language,
    revision: row.revision,
    revised: row.revision > 1,
    superseded,
    publishedAt: row.publishedAt.toISOString(),
    revisionNote: row.revisionNote,
    period:
      row.periodFrom && row.periodTo && row.periodLabel
        ? {
            from: row.periodFrom.toISOString(),
            to: row.periodTo.toISOString(),
            label: row.periodLabel,
          }
        : null,
    files: Object.fromEntries(
      PUBLICATION_FORMATS.map((f) => [
        f,
        {
          url: `/public/publications/${row.id}/${f}`,
          sha256: row.files[f].sha256,
          bytes: row.files[f].bytes,
          contentType: CONTENT_TYPES[f],
        },
      ]),
    ) as unknown as PublicationDto['files'],
    attachments: row.attachments.map((a) => ({
      fileId: a.fileId,
      url: attachmentUrl(row.id, a.fileId),
      name: a.name,
      kind: a.kind,
      bytes: a.bytes,
      contentType: a.mediaType,
      sha256: a.sha256,
    })),
  };
}

/** "statement-2015-01-15-de-r2.pdf", "transparency-report-2015-en-r1.csv" */
export function fileName(row: PublicationRow, format: PublicationFormat) {
  const what =
    row.kind === 'statement'
      ? `statement-${row.publishedAt.toISOString().slice(0, 10)}`
      : `transparency-report-${row.periodLabel ?? ''}`;
  return `${what}-${row.language}-r${row.revision}.${format}`;
}
