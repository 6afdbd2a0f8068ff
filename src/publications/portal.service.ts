import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service.js';
import { CanaryService } from '../canary/canary.service.js';
import { DomainError } from '../errors/domain-errors.js';
import { caseFileLabel } from '../i18n/case-file-labels.js';
import type { Language } from '../i18n/languages.js';
import { portalFigures, type PublishedReport } from './portal-charts.js';
import { PORTAL_TEXT } from './portal-text.js';
import { supersededIds, toPublicationDto } from './publication.mapper.js';
import type { PublicationRow } from './publications.repository.js';
import { PublicationsRepository } from './publications.repository.js';
import { PublicationsService } from './publications.service.js';

/**
 * The model of the public portal (/public): every public publication grouped into documents
 * with their revisions (superseded ones marked), the totals of the latest report, the latest
 * signed audit checkpoint and the warrant canary. Nothing here is about a case.
 */
@Injectable()
export class PortalService {
  private readonly log = new Logger(PortalService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly publications: PublicationsService,
    private readonly repository: PublicationsRepository,
    private readonly trail: AuditTrailService,
    private readonly canary: CanaryService,
  ) {}

  async model(language: Language) {
    const rows = await this.publications.listPublic();
    const superseded = supersededIds(rows);
    const documents = groupIntoDocuments(rows, superseded, language);
    const reports = documents.filter((d) => d.kind === 'transparency_report');
    const latest =
      reports.find((d) => d.language === language) ?? (reports.length ? reports[0] : null);
    return {
      text: PORTAL_TEXT[language],
      language,
      reports,
      statements: documents.filter((d) => d.kind === 'statement'),
      latest: latest && {
        title: latest.title,
        language: latest.language,
        period: latest.revisions[0].period?.label ?? '',
        ...(await this.figures(latest.revisions[0].id)),
      },
      checkpoint: await this.checkpoint(),
      canary: await this.currentCanary(language),
    };
  }

  /** The totals and the breakdowns of a published report, as it was published. */
  private async figures(id: string) {
    const json = (await this.repository.json(this.dataSource.manager, id)).toString('utf8');
    return portalFigures(JSON.parse(json) as PublishedReport);
  }

  /** The latest signed checkpoint; none while the trail is empty or the service does not sign. */
  private async checkpoint() {
    try {
      return await this.trail.latestCheckpoint();
    } catch (e) {
      if (!(e instanceof DomainError)) this.log.warn(`portal without checkpoint: ${String(e)}`);
      return null;
    }
  }

  private async currentCanary(language: Language) {
    try {
      const v = await this.canary.published();
      return {
        statement: v.canary.canary.statement[language],
        release: v.canary.canary.release.slice(0, 10),
        expiry: v.canary.canary.expiry.slice(0, 10),
        expired: v.expired,
        keyId: v.keyId,
        signature: v.signature,
      };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return null;
    }
  }
}

/** One document (a series) and its revisions, newest first; documents by their latest revision. */
function groupIntoDocuments(
  rows: readonly PublicationRow[],
  superseded: Set<string>,
  language: Language,
) {
  const bySeries = new Map<string, PublicationRow[]>();
  for (const r of rows) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
  return [...bySeries.values()]
    .map((revisions) => revisions.sort((a, b) => b.revision - a.revision))
    .sort((a, b) => b[0].publishedAt.getTime() - a[0].publishedAt.getTime())
    .map((revisions) => {
      const current = revisions[0];
      return {
        kind: current.kind,
        title: current.title,
        language: current.language,
        revisions: revisions.map((r) => {
          const dto = toPublicationDto(r, superseded.has(r.id));
          return {
            ...dto,
            publishedOn: dto.publishedAt.slice(0, 10),
            kb: Math.max(1, Math.round(dto.files.pdf.bytes / 1024)),
            supersededBy: dto.superseded ? current.revision : null,
            attachments: dto.attachments.map((a) => ({
              ...a,
              kindLabel: caseFileLabel('file_kind', a.kind, language),
              kb: Math.max(1, Math.round(a.bytes / 1024)),
            })),
          };
        }),
      };
    });
}
